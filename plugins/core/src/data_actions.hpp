// Core actions that set and compute case data.
#pragma once

#include <tata/plugin.hpp>

namespace tata::core {

sdk::Patch set(const sdk::ActionContext& ctx);
sdk::Patch stamp(const sdk::ActionContext& ctx);
sdk::Patch service_years(const sdk::ActionContext& ctx);

}  // namespace tata::core
