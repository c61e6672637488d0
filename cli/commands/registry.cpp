#include "commands/commands.hpp"

namespace tata::cli {

std::map<std::string, CommandSpec> all_commands() {
    return {
        {"validate", {&run_validate, {}, {}}},
        {"decide", {&run_decide, {"regency"}, {}}},
        {"case create", {&run_case_create, {"workflow", "regency", "data", "as"}, {}}},
        {"case advance", {&run_case_advance, {"input", "as", "if-version"}, {}}},
        {"case show", {&run_case_show, {}, {}}},
        {"case list", {&run_case_list, {"workflow", "state", "regency", "status", "limit", "offset"}, {}}},
        {"case retry", {&run_case_retry, {"as"}, {}}},
        {"case resolve", {&run_case_resolve, {"as", "to", "note"}, {}}},
        {"timers run", {&run_timers_run, {}, {}}},
        {"audit verify", {&run_audit_verify, {"anchor"}, {}}},
        {"audit access", {&run_access_verify, {}, {}}},
        {"backup", {&run_backup, {"to"}, {}}},
        {"db copy", {&run_db_copy, {"from", "to"}, {}}},
        {"demo", {&run_demo, {"listen", "port", "config", "web-root"}, {"no-serve"}, true}},
        {"nik check", {&run_nik_check, {}, {}}},
        {"vendor check", {&run_vendor_check, {"regency", "jkk-class"}, {}}},
        {"vendor submit", {&run_vendor_submit, {"case", "as"}, {}}},
        {"import workers", {&run_import_workers, {"regency", "as"}, {"preview"}}},
        {"import list", {&run_import_list, {"regency"}, {}}},
        {"import undo", {&run_import_undo, {"regency", "as"}, {"preview"}}},
        {"openapi", {&run_openapi, {"config"}, {}}},
        {"rank", {&run_rank, {"regency", "formasi", "explain", "as"}, {"propose"}}},
        {"plan needs", {&run_plan_needs, {"regency", "abk", "propose-formasi"}, {}}},
        {"plan simulate", {&run_plan_simulate, {"regency", "differences"}, {}}},
        {"plan adopt", {&run_plan_adopt, {"regency", "as", "note"}, {}}},
        {"plan revoke", {&run_plan_revoke, {"regency", "as", "note"}, {}}},
        {"evaluation open", {&run_evaluation_open, {"regency", "year", "as"}, {}}},
        {"evaluation summary", {&run_evaluation_summary, {"regency", "year"}, {}}},
        {"report rekap", {&run_report_rekap, {"regency", "format"}, {}}},
        {"serve", {&run_serve, {"listen", "port", "config", "web-root"}, {}}},
        {"user add", {&run_user_add, {"regency", "role", "vendor", "nik", "opd", "email", "phone"}, {"password-stdin"}}},
    };
}

}  // namespace tata::cli
