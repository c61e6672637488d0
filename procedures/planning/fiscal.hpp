// What each outcome costs a regency a year, and what its APBD can carry:
// rules/<code>/fiscal.yaml (settings.planning.fiscal), every figure with the
// source it comes from. docs/planning.md writes the model out with a worked
// example.
//
// - CPNS and PPPK (full time): gaji pokok of the entry golongan (its first
//   step, or stepped up by years of service when `masa_kerja_diakui`), the
//   family allowance (spouse 10%, 2% a child up to 2; from the regency's
//   family assumption, the roster has no family data), other monthly
//   allowances; paid 12 months plus the 13th salary and THR (14); the
//   employer's JKK 0.24% and JKM 0.30% of gaji pokok (PP 70/2015) and BPJS
//   Kesehatan 4% of the monthly pay capped at Rp 12,000,000 (Perpres
//   75/2019). Counted in belanja pegawai.
// - PPPK paruh waktu: at least what the worker earned as non-ASN or the UMK
//   (KepmenPANRB 16/2025: `upah` tertinggi | umk | upah_lama), 12 months;
//   counted in belanja pegawai only if the regency pays it from there.
// - Alih daya: UMK plus the vendor's BPJS (JKK, JKM, JHT, JP, Kesehatan)
//   and the management fee, 12 months; goods and services, never belanja
//   pegawai (SE MenPANRB B/185/M.SM.02.03/2022).
// - Dirumahkan: nothing.
#pragma once

#include "planning/abk.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace tata::planning {

struct Sourced {
    double nilai = 0;
    std::string sumber;
};

struct GajiRange {
    double min = 0, max = 0;
};

// The entry golongan of a worker: the first rule whose every given list
// holds the worker's value (a missing list matches anyone).
struct GolonganRule {
    std::vector<std::string> pendidikan, sektor, jabatan;
    std::string golongan;
};

struct AsnPay {
    std::map<std::string, GajiRange> gaji_pokok;  // golongan → first and last step
    std::vector<GolonganRule> golongan_awal;
    std::string sumber;
    bool masa_kerja_diakui = false;  // step gaji pokok up by the worker's years of service
    int masa_kerja_penuh = 33;       // years at which the last step is reached
    double tunjangan_lain_bulanan = 0;
    double bulan_dibayar = 14;  // 12 + gaji ke-13 + THR
    double pasangan_persen = 10, anak_persen = 2;
    int anak_maks = 2;
    double jkk_persen = 0.24, jkm_persen = 0.30;
    double bpjs_kesehatan_persen = 4, bpjs_kesehatan_batas = 12'000'000;
};

enum class ParttimeWage { tertinggi, umk, upah_lama };

struct FiscalModel {
    std::string file;
    int tahun_anggaran = 0;
    bool contoh = false;  // figures are examples, not the regency's own
    Sourced total_belanja, belanja_pegawai, dikecualikan;
    double batas_persen = 30;  // UU 1/2022 Pasal 146(1)
    int tahun_transisi = 2027;
    AsnPay pppk;
    AsnPay cpns;
    double asumsi_pasangan = 1, asumsi_anak = 1;  // a worker's average family
    double umk = 0;                               // the regency's settings.umk
    ParttimeWage paruh_waktu_upah = ParttimeWage::tertinggi;
    bool paruh_waktu_belanja_pegawai = false;
    double alih_daya_bpjs_persen = 0.24 + 0.30 + 3.7 + 2.0;  // JKK, JKM, JHT, JP of the wage
    double alih_daya_bpjs_kesehatan_persen = 4;
    double alih_daya_fee_persen = 10;
};

FiscalModel load_fiscal(const std::filesystem::path& file, double umk);
FiscalModel parse_fiscal(const std::string& text, const std::string& file_name, double umk);

// One worker's yearly cost under an outcome, by component (rupiah).
struct WorkerCost {
    std::string golongan;  // CPNS and PPPK
    double gaji_pokok_bulanan = 0;
    double gaji_setahun = 0;        // gaji pokok × months paid
    double tunjangan_setahun = 0;   // family and other allowances × months paid
    double upah_setahun = 0;        // paruh waktu and alih daya: the wage × 12
    double iuran_setahun = 0;       // the employer's JKK, JKM, BPJS (and JHT, JP for alih daya)
    double fee_setahun = 0;         // alih daya: the vendor's fee
    double total = 0;
    bool belanja_pegawai = false;
};

struct WorkerFacts {
    std::string_view pendidikan, sektor, jabatan;
    double honor_bulanan = 0;  // what the worker earns today (0: unknown)
    double masa_kerja_tahun = 0;
};

// `outcome`: cpns, pppk, pppk_paruh_waktu, alih_daya, dirumahkan.
WorkerCost cost_of(const FiscalModel& model, const std::string& outcome, const WorkerFacts& worker);

// Belanja pegawai against the 30% cap: (belanja pegawai − what is
// excluded) ÷ total belanja, in percent.
double belanja_pegawai_percent(const FiscalModel& model, double belanja_pegawai);

}  // namespace tata::planning
