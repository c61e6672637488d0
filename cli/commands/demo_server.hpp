// The end of `tata demo`: the API served on the demo database, with one
// demo user for every role, their passwords printed for the person trying it.
#pragma once

#include "context.hpp"

#include <string>

namespace tata::cli {

// The vendor and worker the demo's cases belong to, so that their demo
// users see something of their own.
inline constexpr const char* demo_vendor = "pt-kapuas-bersih";
inline constexpr const char* demo_vendor_user = "pt.kapuas.bersih";
inline constexpr const char* demo_worker_user = "pekerja.demo";
// The OPD whose workers the demo's grievance and evaluations concern, and
// its pejabat penilai kinerja.
inline constexpr const char* demo_opd = "Dinas Pendidikan";
inline constexpr const char* demo_supervisor_user = "penilai.pendidikan";

struct DemoWorker {
    std::string nik;
    std::string name;
};

// Adds the demo users to the database (for `tata demo --no-serve`, whose
// database `tata serve` can serve later with the same logins).
void add_demo_users(Context& context, const DemoWorker& worker);

// Adds the demo users, prints the URL and credentials, serves until SIGTERM
// or SIGINT (--listen, --port as for `tata serve`; default 127.0.0.1:8080).
int serve_demo(Context& context, const DemoWorker& worker);

}  // namespace tata::cli
