#include "commands/demo_server.hpp"

#include "commands/serve_options.hpp"

#include "app/server_app.hpp"
#include "identity/identity_store.hpp"

#include <filesystem>
#include <iomanip>
#include <iostream>

namespace tata::cli {
namespace {

struct DemoUser {
    std::string username;
    std::string role;
    std::string password;
    std::string vendor, nik, opd;
    std::string who;  // what this user can try
};

// Demo passwords, printed when serving: this database is for trying things out.
std::vector<DemoUser> demo_users(const DemoWorker& worker) {
    return {
        {"admin.kapuas", "admin", "demo-admin-2025", "", "", "", "Kepala BKPSDM: approve the round, reload, users"},
        {"rina", "officer", "demo-officer-2025", "", "", "", "case officer: inbox, cases, import, ranking, rekap"},
        {"kadis.pendidikan", "opd_head", "demo-opd-2025", "", "", demo_opd, "head of the education OPD: SPTJM, objections"},
        {demo_supervisor_user, "supervisor", "demo-penilai-2025", "", "", demo_opd, "evaluates the OPD's workers: targets, feedback, rating"},
        {"bkad.kapuas", "bkad", "demo-bkad-2025", "", "", "", "finance office: salary slip validation"},
        {demo_vendor_user, "vendor", "demo-vendor-2025", demo_vendor, "", "", "PT Kapuas Bersih Mandiri: contract, reports"},
        {demo_worker_user, "worker", "demo-worker-2025", "", worker.nik, "", worker.name + ": own file, grievance, evaluation"},
    };
}

void add_users(const std::filesystem::path& database, const std::vector<DemoUser>& users) {
    server::IdentityStore identity(database);
    for (const auto& u : users) identity.add_user({u.username, "62.03", u.role, u.vendor, u.nik, u.opd}, u.password);
}

}  // namespace

void add_demo_users(Context& context, const DemoWorker& worker) { add_users(context.database(), demo_users(worker)); }

int serve_demo(Context& context, const DemoWorker& worker) {
    const std::vector<DemoUser> users = demo_users(worker);
    server::ServerConfig config = serve_config(context);
    config.database = context.database();
    add_users(config.database, users);

    server::ServeHooks hooks;
    hooks.clock = clock_from_environment();
    hooks.on_ready = [&](const std::string& url) {
        auto& out = context.out;
        out << "\n== The API, serving the demo database ==\n"
            << url << "/api/v1  (OpenAPI: " << url << "/openapi.json; stop with Ctrl-C)\n";
        if (!config.web_root.empty()) out << "Web pages: " << url << "/  (from " << config.web_root.string() << ")\n";
        else out << "Web pages: not built (cd web && npm ci && npm run build)\n";
        out << "\n"
            << std::left << std::setw(20) << "user" << std::setw(19) << "password" << "role\n";
        for (const auto& u : users)
            out << std::setw(20) << u.username << std::setw(19) << u.password << u.role << " — " << u.who << "\n";
        out << "\nTry:\n"
            << "  TOKEN=$(curl -s " << url << "/api/v1/auth/login -H 'Content-Type: application/json' \\\n"
            << "          -d '{\"username\":\"rina\",\"password\":\"demo-officer-2025\"}' | sed 's/.*\"token\":\"\\([^\"]*\\)\".*/\\1/')\n"
            << "  curl -s " << url << "/api/v1/tasks -H \"Authorization: Bearer $TOKEN\"\n"
            << std::right << std::flush;
    };
    return server::serve(config, std::cerr, std::move(hooks));
}

}  // namespace tata::cli
