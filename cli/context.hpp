// What every subcommand shares: the global options (--db, --json, where
// definitions live) and how to open an engine on them.
#pragma once

#include "arguments.hpp"

#include <tata/engine.hpp>

#include <iosfwd>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace tata::cli {

// Options every command accepts.
std::set<std::string> global_options();   // --db --workflows --rules --plugins
std::set<std::string> global_switches();  // --json

struct Context {
    Arguments args;
    std::ostream& out;
    std::ostream& err;

    bool json() const { return args.flag("json"); }
    std::string database() const { return args.value_or("db", "tata.db"); }
    // Shipped workflows, rules and plugins unless --workflows/--rules/--plugins say otherwise.
    DefinitionSources sources() const;
    // The shipped example data (examples/ of the source tree, or the installed copy).
    std::filesystem::path examples_dir() const;
    // The built web pages (web/dist of the source tree, or the installed copy).
    std::filesystem::path web_dir() const;
    std::unique_ptr<Engine> open_engine() const;
    // The same, on another clock (what-if runs, the demo's later days).
    std::unique_ptr<Engine> open_engine(std::shared_ptr<const Clock> clock) const;
    // "--as user:role" (default officer "cli:officer").
    Actor actor() const;
    // --regency CODE, required: a UsageError naming the option without it.
    std::string regency() const;
};

// Reads a JSON object option: inline JSON text, or @FILE.
nlohmann::json json_option(const Context& context, const std::string& name);

// Runs a command, mapping engine exceptions to messages and exit codes.
using Command = int (*)(Context&);

}  // namespace tata::cli
