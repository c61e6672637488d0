// Example regency plugin: flags workers whose monthly honor is below the
// regency's UMK (read from rules/<code>/regency.yaml, settings.umk).
// Workflows call it as `contoh.honor_vs_umk`.
#include <tata/plugin.hpp>

#include <string>

namespace {

tata::sdk::Patch honor_vs_umk(const tata::sdk::ActionContext& ctx) {
    const auto umk = ctx.regency_settings.value("umk", 0LL);
    if (umk <= 0) throw tata::sdk::ActionFailure("the regency has no settings.umk");
    const auto honor = ctx.data.value("honor_bulanan", 0LL);
    const bool below = honor < umk;
    return {{"honor_di_bawah_umk", below},
            {"selisih_umk", below ? umk - honor : 0},
            {"catatan_umk", below ? "Honor Rp " + std::to_string(honor) + " di bawah UMK Rp " + std::to_string(umk)
                                  : "Honor memenuhi UMK"}};
}

int register_contoh(tata_registrar* registrar) {
    return tata::sdk::add_action<honor_vs_umk>(registrar, "honor_vs_umk", "Compares data.honor_bulanan with the UMK");
}

}  // namespace

TATA_PLUGIN("contoh", "1.0.0", register_contoh)
