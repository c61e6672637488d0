// The `kapuas` plugin: Kabupaten Kapuas (62.03) policy that its YAML rules
// cannot express on their own.
#include "skill_scorer.hpp"

namespace {

int register_kapuas(tata_registrar* r) {
    return tata::sdk::add_scorer<tata::kapuas::skill_score>(
        r, "keahlian", "Poin keahlian tenaga pendidikan dan kesehatan menurut kualifikasi jabatan");
}

}  // namespace

TATA_PLUGIN("kapuas", "1.0.0", register_kapuas)
