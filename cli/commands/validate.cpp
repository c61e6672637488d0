// tata validate [PATH...]: workflows, rules and plugin references, all or
// nothing; then the regencies' scorecards, formasi, notifications and letters.
#include "commands/commands.hpp"

#include "letters/letter_templates.hpp"
#include "notify/notification_rules.hpp"
#include "ranking/policy_check.hpp"

namespace tata::cli {

int run_validate(Context& context) {
    DefinitionSources sources = context.sources();
    if (!context.args.positionals().empty()) {
        sources.workflows.clear();
        for (const auto& path : context.args.positionals()) sources.workflows.emplace_back(path);
    }
    try {
        const auto definitions = load_definitions(sources);
        auto errors = ranking::check_ranking_policies(definitions);
        // Notifications and letters name the deployment's workflows: checked
        // when the shipped or configured set is (not when only the files
        // given are).
        const bool some_workflows = !context.args.positionals().empty() || context.args.value("workflows");
        if (!some_workflows) {
            server::notify::load_notification_rules(*definitions, errors);
            server::letters::load_letters(*definitions, errors);
        }
        if (!errors.empty()) {
            if (context.json()) {
                context.out << nlohmann::json{{"valid", false}, {"errors", errors}}.dump(2) << "\n";
            } else {
                for (const auto& line : errors) context.err << line << "\n";
                context.err << errors.size() << " error(s)\n";
            }
            return 1;
        }
        if (context.json()) {
            context.out << nlohmann::json{{"valid", true},
                                          {"workflows", definitions->workflows.size()},
                                          {"regencies", definitions->regencies.size()},
                                          {"plugins", definitions->plugins->plugins().size()},
                                          {"errors", nlohmann::json::array()}}
                               .dump(2)
                        << "\n";
        } else {
            context.out << "valid: " << definitions->workflows.size() << " workflow(s), " << definitions->regencies.size()
                        << " regency(ies), " << definitions->plugins->plugins().size() << " plugin(s)\n";
        }
        return 0;
    } catch (const ValidationError& e) {
        if (context.json()) {
            nlohmann::json errors = nlohmann::json::array();
            for (const auto& d : e.diagnostics()) {
                errors.push_back({{"file", d.where.file}, {"line", d.where.line}, {"column", d.where.column}, {"message", d.message}});
            }
            context.out << nlohmann::json{{"valid", false}, {"errors", errors}}.dump(2) << "\n";
        } else {
            for (const auto& d : e.diagnostics()) context.err << d.to_string() << "\n";
            context.err << e.diagnostics().size() << " error(s)\n";
        }
        return 1;
    }
}

}  // namespace tata::cli
