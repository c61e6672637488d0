// An engine on the shipped definitions (workflows/, rules/, the core
// plugin) with a clock the test moves: how the procedure tests run the real
// YAML procedures step by step.
#pragma once

#include "support/test_support.hpp"

#include <tata/clock.hpp>

#include <catch2/catch.hpp>

#include <memory>
#include <string>

namespace tata::test {

inline EngineOptions shipped_options(const TempDir& dir, std::shared_ptr<const Clock> clock) {
    EngineOptions options;
    options.database = dir / "tata.db";
    options.sources.workflows = {source_dir() / "workflows"};
    options.sources.rules = {source_dir() / "rules"};
    options.sources.plugins = {core_plugin_dir()};
    options.clock = std::move(clock);
    return options;
}

struct Procedures {
    TempDir dir;
    std::shared_ptr<FixedClock> clock;
    std::unique_ptr<Engine> engine;

    explicit Procedures(const std::string& now) : clock(std::make_shared<FixedClock>(at(now))) {
        engine = std::make_unique<Engine>(shipped_options(dir, clock));
    }

    void set_now(const std::string& iso) { clock->set(at(iso)); }

    CaseRecord create(const std::string& workflow, const std::string& regency, const nlohmann::json& data,
                      const Actor& actor = {"budi", "officer"}, const std::string& key = {}) {
        const AdvanceResult created = engine->create_case(workflow, regency, data, actor, key);
        if (created.incident) FAIL("incident: " << created.incident->message);
        return created.record;
    }

    CaseRecord fire(CaseId id, const std::string& outcome, const nlohmann::json& input, const Actor& actor) {
        const AdvanceResult step = engine->fire(id, outcome, input, actor);
        if (step.incident) FAIL("incident: " << step.incident->message);
        return step.record;
    }

    // Runs the timer until nothing more is due (a run fires only the timers
    // that existed when it started; daily checks set the next one).
    int run_timers() {
        int fired = 0;
        for (int run = 0; run < 50; ++run) {
            const TimerRunResult result = engine->run_due_timers();
            REQUIRE(result.errors.empty());
            REQUIRE(result.incidents == 0);
            if (result.fired == 0) break;
            fired += result.fired;
        }
        return fired;
    }

    CaseRecord get(CaseId id) { return engine->get_case(id); }
};

}  // namespace tata::test
