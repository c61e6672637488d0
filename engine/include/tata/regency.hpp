// A regency (kabupaten/kota) as the engine knows it: its code, name, working
// calendar, the free-form policy settings its rules and plugins read, and
// the decision tables its workflows decide with. Loaded from
// rules/<code>/regency.yaml (see docs/rules.md).
#pragma once

#include "tata/calendar.hpp"
#include "tata/decision_table.hpp"
#include "tata/diagnostics.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <string>

namespace tata {

struct Regency {
    std::string code;   // Kemendagri code, e.g. "62.03"
    std::string name;   // e.g. "Kabupaten Kapuas"
    std::string zone;   // WIB, WITA or WIT
    WorkingCalendar calendar;
    nlohmann::json settings = nlohmann::json::object();  // policy: UMK, documents, ...
    std::string settings_json = "{}";                    // the same as text, what plugins receive
    // Decision table id → table: the national defaults
    // (rules/nasional/keputusan/), replaced or joined by the regency's own
    // (`decision_tables:` in its regency.yaml). Shared between regencies.
    std::map<std::string, std::shared_ptr<const DecisionTable>> decision_tables;
    SourceLocation where;

    // The table this regency decides `id` with, or nullptr.
    const DecisionTable* find_decision_table(const std::string& id) const {
        const auto it = decision_tables.find(id);
        return it == decision_tables.end() ? nullptr : it->second.get();
    }
};

}  // namespace tata
