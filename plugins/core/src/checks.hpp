// The checks convention shared by core actions: each check writes
// data.checks.<name> = {ok, pesan}, and data.checks.failed / .reasons always
// count and list the failed ones, so workflows can branch on
// `checks.failed == 0`.
#pragma once

#include <tata/plugin.hpp>

#include <string>

namespace tata::core {

// A patch recording one check's result on top of what `data` already holds.
sdk::Patch record_check(const sdk::CaseData& data, const std::string& name, bool ok, const std::string& message);

sdk::Patch require_fields(const sdk::ActionContext& ctx);
sdk::Patch require_documents(const sdk::ActionContext& ctx);
sdk::Patch check_field(const sdk::ActionContext& ctx);

}  // namespace tata::core
