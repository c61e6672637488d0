// The `core` plugin: generic actions every regency's workflows use.
#include "checks.hpp"
#include "data_actions.hpp"
#include "record_actions.hpp"

namespace {

int register_core(tata_registrar* r) {
    using namespace tata;
    int failures = 0;
    failures += sdk::add_action<core::set>(r, "set", "Sets the fields given in `with` on the case data");
    failures += sdk::add_action<core::stamp>(r, "stamp", "Sets `with.field` to the current time (ISO 8601)");
    failures += sdk::add_action<core::service_years>(
        r, "service_years", "Whole years and months of service from `with.from` (default tmt) to now");
    failures += sdk::add_action<core::require_fields>(r, "require_fields", "Checks that `with.fields` are filled");
    failures += sdk::add_action<core::require_documents>(
        r, "require_documents", "Checks that data.dokumen holds every mandatory document type");
    failures += sdk::add_action<core::check_field>(
        r, "check_field", "Checks one field: equals, in, min or max; records the check under `with.check`");
    failures += sdk::add_action<core::append>(
        r, "append", "Appends the current values of `with.fields` to the list data.<with.list>, stamped");
    failures += sdk::add_action<core::increment>(r, "increment", "Adds `with.by` (default 1) to data.<with.field>");
    failures += sdk::add_action<core::copy>(r, "copy", "Copies data.<with.from> to data.<with.into>");
    failures += sdk::add_action<core::setting>(
        r, "setting", "Copies the regency setting at the dotted path `with.setting` to data.<with.into>");
    return failures;
}

}  // namespace

TATA_PLUGIN("core", "1.0.0", register_core)
