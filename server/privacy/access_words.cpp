#include "privacy/access_words.hpp"

#include "privacy/access_event.hpp"

#include <map>

namespace tata::server::privacy {

std::string role_words(const std::string& role) {
    static const std::map<std::string, std::string> words = {
        {"admin", "Admin BKPSDM"},          {"officer", "Petugas BKPSDM"}, {"opd_head", "Kepala OPD"},
        {"supervisor", "Pejabat penilai kinerja"}, {"bkad", "Petugas BKAD"},           {"vendor", "Penyedia jasa"},   {"worker", "Pekerja"},
    };
    const auto it = words.find(role);
    return it == words.end() ? "Petugas" : it->second;
}

std::string action_words(const std::string& code) {
    static const std::map<std::string, std::string> words = {
        {action::kCaseRead, "membuka berkas"},
        {action::kCaseHistory, "melihat riwayat berkas"},
        {action::kCaseList, "melihat daftar berkas"},
        {action::kCaseSearch, "mencari nama atau NIK"},
        {action::kWorkerRead, "membuka berkas lewat NIK"},
        {action::kTaskList, "melihat daftar tugas"},
        {action::kTaskSearch, "mencari nama atau NIK di daftar tugas"},
        {action::kGrievanceList, "melihat daftar pengaduan"},
        {action::kRankingList, "melihat daftar peringkat"},
        {action::kRankingSearch, "mencari nama atau NIK di daftar peringkat"},
        {action::kRankingExplain, "melihat penjelasan peringkat"},
        {action::kRekapRead, "melihat rekap seluruh pekerja"},
        {action::kRekapDownload, "mengunduh rekap seluruh pekerja"},
        {action::kDocumentList, "melihat daftar dokumen"},
        {action::kDocumentDownload, "mengunduh dokumen"},
        {action::kLetterPrint, "mencetak surat"},
        {action::kPlanningDifferences, "membandingkan skenario perencanaan"},
    };
    const auto it = words.find(code);
    return it == words.end() ? "membaca data" : it->second;
}

}  // namespace tata::server::privacy
