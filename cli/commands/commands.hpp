// The subcommands of `tata`, each in its own file.
#pragma once

#include "context.hpp"

#include <map>
#include <set>
#include <string>

namespace tata::cli {

struct CommandSpec {
    int (*run)(Context&);
    std::set<std::string> options;   // valued options beyond the global ones
    std::set<std::string> switches;  // flags beyond --json
    // Needs --db FILE: the demo makes its database afresh, deleting the file
    // and its folders first, which a shared PostgreSQL database never is.
    bool sqlite_only = false;
};

std::map<std::string, CommandSpec> all_commands();

int run_validate(Context& context);
int run_decide(Context& context);
int run_case_create(Context& context);
int run_case_advance(Context& context);
int run_case_show(Context& context);
int run_case_list(Context& context);
int run_case_retry(Context& context);
int run_case_resolve(Context& context);
int run_timers_run(Context& context);
int run_audit_verify(Context& context);
int run_access_verify(Context& context);
int run_backup(Context& context);
int run_db_copy(Context& context);
int run_plan_needs(Context& context);
int run_plan_simulate(Context& context);
int run_plan_adopt(Context& context);
int run_plan_revoke(Context& context);
int run_demo(Context& context);
int run_nik_check(Context& context);
int run_vendor_check(Context& context);
int run_vendor_submit(Context& context);
int run_import_workers(Context& context);
int run_import_list(Context& context);
int run_import_undo(Context& context);
int run_openapi(Context& context);
int run_report_rekap(Context& context);
int run_rank(Context& context);
int run_serve(Context& context);
int run_user_add(Context& context);
int run_evaluation_open(Context& context);
int run_evaluation_summary(Context& context);

}  // namespace tata::cli
