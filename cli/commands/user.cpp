// tata user add NAME --regency CODE --role ROLE [--vendor ID] [--nik NIK]
//                    [--opd OPD] [--email ADDRESS] [--phone NUMBER] --password-stdin
// The password is read from standard input (one line), never from the
// command line, where other users of the machine could see it.
#include "commands/commands.hpp"

#include "identity/identity_store.hpp"
#include "opd/opd_names.hpp"

#include <iostream>

namespace tata::cli {

int run_user_add(Context& context) {
    const std::string name = context.args.positional(0, "user name");
    if (!context.args.flag("password-stdin"))
        throw UsageError("give the password on standard input with --password-stdin");
    const auto regency = context.args.value("regency");
    const auto role = context.args.value("role");
    if (!regency) throw UsageError("needs --regency CODE (for example --regency 62.03)");
    if (!role) throw UsageError("needs --role (admin, officer, opd_head, supervisor, bkad, vendor, worker)");
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();

    // The regency must be one the definitions know.
    const auto engine = context.open_engine();
    const Regency* known = engine->definitions()->find_regency(*regency);
    if (!known) throw UsageError("unknown regency '" + *regency + "'");
    // An OPD the regency lists, spelled as listed (settings.opd).
    if (const auto opd = context.args.value_or("opd", ""); !opd.empty()) {
        if (auto problem = opd::opd_problem(*known, opd)) {
            context.err << "tata user add: opd: " << *problem << "\n";
            return 1;
        }
    }

    server::IdentityStore identity(context.database());
    server::NewUser user{name,
                         *regency,
                         *role,
                         context.args.value_or("vendor", ""),
                         context.args.value_or("nik", ""),
                         context.args.value_or("opd", ""),
                         context.args.value_or("email", ""),
                         context.args.value_or("phone", "")};
    try {
        const auto added = identity.add_user(user, password);
        if (context.json())
            context.out << nlohmann::json{{"username", added.username}, {"regency", added.regency}, {"role", added.role}}.dump(2)
                        << "\n";
        else
            context.out << "user " << added.username << " added: " << added.role << " of " << added.regency << "\n";
        return 0;
    } catch (const InvalidInput& e) {
        for (const auto& error : e.errors()) context.err << "tata user add: " << error.field << ": " << error.message << "\n";
        return 1;
    } catch (const Conflict& e) {
        context.err << "tata user add: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace tata::cli
