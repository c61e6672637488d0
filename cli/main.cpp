// tata: the command line of the Tata workflow engine.
#include "commands/commands.hpp"
#include "context.hpp"

#include <tata/database_location.hpp>
#include <tata/errors.hpp>

#include <iostream>
#include <map>

namespace {

constexpr const char* usage = R"(usage: tata COMMAND [OPTIONS]

Commands:
  validate [PATH...]                 check workflows, rules and plugin references
  decide --regency CODE TABLE NAME=VALUE...   one decision with the regency's decision table: outputs, labels, the row
  case create --workflow ID --regency CODE [--data JSON|@FILE]
  case advance ID OUTCOME [--input JSON|@FILE] [--if-version N]
  case show ID                       state, data, open tasks and history
  case list [--workflow ID] [--state S] [--regency CODE] [--status S]
  case retry ID                      re-run the step that opened an incident
  case resolve ID --to STATE --note TEXT   resolve it by hand and send the case on
  timers run                         fire due escalations and wait timers
  audit verify [--anchor SEQ:HASH,...]  check the hash chain of the audit log (and recorded anchors)
  audit access                       check the hash chains of the personal-data access log
  backup --to DIR                    a consistent copy of a running SQLite deployment (database, access log,
                                     documents), its audit chain verified (PostgreSQL: pg_dump)
  db copy [--from FILE] --to URI     move a SQLite deployment (cases, audit chain, users, documents, access log)
                                     into a new PostgreSQL database; both chains verified, same head
  demo [--no-serve] [--port N]       the Kapuas example end to end, then the API and web pages on it with demo users
  nik check NIK...                   is each NIK valid; province, regency, district, birth date, sex
  import workers FILE.csv --regency CODE [--preview]   import a roster: create or update verification
                                     cases (--preview: check, count and warn, write nothing)
  import list --regency CODE         the regency's imports, newest first: file, who, when, counts
  import undo N --regency CODE [--preview]   take import N back: withdraw the cases it created,
                                     put back the fields it changed (cases changed since are kept)
  rank --regency CODE [--formasi FILE.yaml] [--explain NIK] [--propose]   rank verified workers, propose outcomes;
                                     --propose submits them as the regency's prioritization round
  plan needs --regency CODE [--abk FILE] [--propose-formasi OUT.yaml]   workload analysis (ABK): needs and gaps per jabatan and OPD
  plan simulate --regency CODE SCENARIO.yaml... [--differences N]   what-if scenarios ranked and costed side by side; writes nothing
  plan adopt --regency CODE SCENARIO.yaml --as USER:admin [--note T]   the scenario's formasi and rules become the regency's (audited)
  plan revoke --regency CODE --as USER:admin [--note T]   end the adopted scenario: the regency's own files apply again
  evaluation open --regency CODE --year YYYY LIST.csv   open the year's performance evaluations (one case per worker)
  evaluation summary --regency CODE --year YYYY   predikat kinerja per OPD, with the distribution caps
  report rekap --regency CODE [--format table|csv|json]   counts by category, selection result, OPD
  vendor check FILE.csv --regency CODE [--jkk-class N]   check a monthly compliance report
  vendor submit FILE.csv --case N [--as USER:vendor]    send it to the contract case: findings lead to sanctions
  openapi                            the API's OpenAPI 3.1 description (GET /openapi.json), without serving
  serve [--listen ADDR] [--port N] [--config FILE] [--web-root DIR]   the REST API (/api/v1) and the web pages, until SIGTERM or SIGINT
  user add NAME --regency CODE --role ROLE [--vendor ID] [--nik NIK] [--opd OPD]
                 [--email ADDRESS] [--phone NUMBER] --password-stdin

Options for every command:
  --db PATH|URI      SQLite database file (default: tata.db) or postgresql://... database
  --workflows PATHS  workflow files or folders, ':'-separated
  --rules PATHS      rules folders
  --plugins PATHS    plugin libraries or folders
  --as USER:ROLE     who acts (default cli:officer)
  --json             machine-readable output
Environment: TATA_NOW fixes the clock (ISO 8601), TATA_HOME the folder of workflows/ and rules/.
)";

}  // namespace

int main(int argc, char** argv) {
    using namespace tata::cli;
    std::vector<std::string> words(argv + 1, argv + argc);
    if (words.empty() || words[0] == "--help" || words[0] == "-h" || words[0] == "help") {
        std::cout << usage;
        return words.empty() ? 2 : 0;
    }
    const std::map<std::string, CommandSpec> commands = all_commands();
    std::string name = words[0];
    std::size_t consumed = 1;
    if (!commands.count(name) && words.size() > 1 && commands.count(name + " " + words[1])) {
        name += " " + words[1];
        consumed = 2;
    }
    const auto it = commands.find(name);
    if (it == commands.end()) {
        std::cerr << "tata: unknown command '" << words[0] << "'\n" << usage;
        return 2;
    }
    try {
        auto valued = global_options();
        valued.insert(it->second.options.begin(), it->second.options.end());
        auto switches = global_switches();
        switches.insert(it->second.switches.begin(), it->second.switches.end());
        Context context{Arguments({words.begin() + static_cast<long>(consumed), words.end()}, valued, switches), std::cout,
                        std::cerr};
        // Refused before anything is written.
        if (tata::names_postgresql(context.database()) && it->second.sqlite_only) {
            std::cerr << "tata " << name
                      << ": this command makes a database file afresh: it needs --db FILE, not a PostgreSQL database\n";
            return 1;
        }
        return it->second.run(context);
    } catch (const UsageError& e) {
        std::cerr << "tata " << name << ": " << e.what() << " (see tata --help)\n";
        return 2;
    } catch (const tata::ValidationError& e) {
        std::cerr << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "tata " << name << ": " << e.what() << "\n";
        return 1;
    }
}
