#include "extras.hpp"

#include <functional>
#include <stdexcept>

namespace tata::example {

namespace {

std::string tanggal(const Date& d) {
    static const char* const months[] = {"Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
                                         "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};
    return std::to_string(d.day) + " " + months[d.month - 1] + " " + std::to_string(d.year);
}

// The first worker of the (sorted) roster that fits, so the choice is stable.
const Worker& first(const std::vector<Worker>& roster, const std::function<bool(const Worker&)>& fits,
                    const char* what) {
    for (const auto& w : roster)
        if (fits(w)) return w;
    throw std::logic_error(std::string("no Kapuas worker for the grievance: ") + what);
}

struct Grievance {
    std::string tanggal;  // ISO date filed
    std::string diajukan_oleh;
    const Worker* worker;
    std::string kategori;
    std::string uraian;
    std::string vendor;
    std::string kontrak;
    std::string periode;
};

}  // namespace

std::string grievances_yaml(const std::vector<Worker>& kapuas, unsigned long long seed) {
    std::vector<Grievance> list;

    const Worker& tmt_wrong = first(kapuas, [](const Worker& w) {
        return w.opd == "Dinas Pendidikan" && w.kategori == "database_bkn" && w.tmt.year >= 2015 && w.tmt.year <= 2019 &&
               w.tmt.day == 1 && w.jabatan == "Guru Kelas";
    }, "TMT");
    const Date claimed{tmt_wrong.tmt.year - 2, 7, 1};
    list.push_back({"2025-06-10", "pekerja", &tmt_wrong, "data_salah",
                    "TMT saya tercatat " + tanggal(tmt_wrong.tmt) + ", padahal SK pengangkatan pertama saya sebagai guru "
                    "honorer berlaku sejak " + tanggal(claimed) + ". Salinan SK dan daftar gaji tahun " +
                    std::to_string(claimed.year) + " saya lampirkan. Mohon data masa kerja saya diperbaiki.",
                    "", "", ""});

    const Worker& schooling = first(kapuas, [](const Worker& w) {
        return w.jabatan == "Pengadministrasi Umum" && w.pendidikan == "SMA" && w.opd.rfind("Kecamatan ", 0) == 0 &&
               w.tmt.year <= 2018;
    }, "pendidikan");
    list.push_back({"2025-06-11", "petugas", &schooling, "data_salah",
                    "Diajukan petugas BKPSDM atas permintaan pekerja. Pendidikan tercatat SMA, padahal yang "
                    "bersangkutan lulus S1 Administrasi Negara pada 2022; ijazah dan transkrip sudah diserahkan "
                    "ke " + schooling.opd + ".",
                    "", "", ""});

    const Worker& teacher = first(kapuas, [](const Worker& w) {
        return w.kategori == "database_bkn" && w.hasil_seleksi == "tidak_lulus" && w.sektor == "pendidikan" &&
               w.nilai_kinerja >= 95 && w.tmt.year <= 2012;
    }, "peringkat");
    list.push_back({"2025-06-12", "pekerja", &teacher, "keberatan_peringkat",
                    "Saya bekerja sejak " + tanggal(teacher.tmt) + " dengan nilai kinerja " +
                    std::to_string(teacher.nilai_kinerja) + ", tetapi dalam usulan PPPK paruh waktu peringkat saya "
                    "di bawah rekan dengan masa kerja lebih singkat. Mohon penjelasan rincian nilai dan peninjauan "
                    "ulang peringkat saya.",
                    "", "", ""});

    const Worker& thk2 = first(kapuas, [](const Worker& w) {
        return w.kategori == "eks_thk2" && w.hasil_seleksi == "tidak_lulus";
    }, "eks THK-II");
    list.push_back({"2025-06-13", "pekerja", &thk2, "keberatan_peringkat",
                    "Saya eks THK-II dan bekerja sejak " + tanggal(thk2.tmt) + ", tetapi belum terakomodasi. "
                    "Menurut urutan prioritas nasional eks THK-II didahulukan dari pekerja database BKN, namun nama "
                    "saya tidak ada dalam usulan formasi " + thk2.opd + ".",
                    "", "", ""});

    const Worker& cleaner = first(kapuas, [](const Worker& w) {
        return w.opd == "Dinas Lingkungan Hidup" && w.jabatan == "Petugas Kebersihan";
    }, "upah");
    list.push_back({"2025-06-16", "pekerja", &cleaner, "upah_tidak_dibayar",
                    "Upah bulan Mei 2025 belum dibayar oleh PT Kapuas Bersih Mandiri sampai hari ini, padahal menurut "
                    "kontrak upah dibayar paling lambat tanggal 5 bulan berikutnya. Rekan satu regu di "
                    "Dinas Lingkungan Hidup mengalami hal yang sama.",
                    "PT Kapuas Bersih Mandiri", "600.4.15/017/PKS-AD/DLH/2025", "2025-05"});

    const Worker& guard = first(kapuas, [](const Worker& w) {
        return w.opd == "Sekretariat Daerah" && w.jabatan == "Satpam";
    }, "BPJS");
    list.push_back({"2025-06-17", "pekerja", &guard, "bpjs_tidak_terdaftar",
                    "Sejak Januari 2025 saya bekerja melalui PT Kapuas Bersih Mandiri. Slip gaji mencantumkan "
                    "potongan iuran BPJS Ketenagakerjaan dan BPJS Kesehatan, tetapi nomor kepesertaan saya tidak "
                    "ditemukan di aplikasi JMO maupun Mobile JKN.",
                    "PT Kapuas Bersih Mandiri", "000.3/009/PKS-AD/SETDA/2025", "2025-05"});

    std::string out;
    out += "# Example grievances (DESIGN.md section 5) by workers of kapuas-roster.csv.\n";
    out += "# Generated by tata_example_roster --seed " + std::to_string(seed) + "; names and NIKs are fictional.\n";
    out += "# kategori: data_salah | keberatan_peringkat | upah_tidak_dibayar | bpjs_tidak_terdaftar\n";
    out += "# diajukan_oleh: pekerja (the worker) | petugas (an officer for them)\n";
    out += "# vendor, kontrak, periode: the outsourcing contract and month a wage or BPJS complaint concerns.\n";
    out += "regency: \"62.03\"\n";
    out += "grievances:\n";
    for (const auto& g : list) {
        out += "  - tanggal: \"" + g.tanggal + "\"\n";
        out += "    diajukan_oleh: " + g.diajukan_oleh + "\n";
        out += "    nik: \"" + g.worker->nik + "\"\n";
        out += "    nama: " + yaml_quote(g.worker->nama) + "\n";
        out += "    opd: " + yaml_quote(g.worker->opd) + "\n";
        out += "    kategori: " + g.kategori + "\n";
        out += "    uraian: " + yaml_quote(g.uraian) + "\n";
        if (!g.vendor.empty()) {
            out += "    vendor: " + yaml_quote(g.vendor) + "\n";
            out += "    kontrak: " + yaml_quote(g.kontrak) + "\n";
            out += "    periode: \"" + g.periode + "\"\n";
        }
    }
    return out;
}

}  // namespace tata::example
