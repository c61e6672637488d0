// A regency (kabupaten/kota) as the engine knows it: its code, name, working
// calendar and the free-form policy settings its rules and plugins read.
// Loaded from rules/<code>/regency.yaml (see docs/rules.md).
#pragma once

#include "tata/calendar.hpp"
#include "tata/diagnostics.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace tata {

struct Regency {
    std::string code;   // Kemendagri code, e.g. "62.03"
    std::string name;   // e.g. "Kabupaten Kapuas"
    std::string zone;   // WIB, WITA or WIT
    WorkingCalendar calendar;
    nlohmann::json settings = nlohmann::json::object();  // policy: UMK, documents, ...
    std::string settings_json = "{}";                    // the same as text, what plugins receive
    SourceLocation where;
};

}  // namespace tata
