#include "names.hpp"

#include <utility>
#include <vector>

namespace tata::example {

namespace {

const std::vector<std::string> male_first = {
    "Muhammad", "Ahmad", "Abdul Hadi", "Rahmadi", "Rusdiansyah", "Aliansyah", "Syahrani", "Fahrurrazi",
    "Hairil", "Jumadi", "Rudi", "Budi", "Agus", "Eko", "Dedi", "Hendra", "Yohanes", "Yosef", "Markus",
    "Petrus", "Stefanus", "Yulianus", "Kristianto", "Natalis", "Elisa", "Yusuf", "Ilham", "Rizky", "Fajar",
    "Arif", "Herman", "Slamet", "Supriadi", "Sugianto", "Darmawan", "Sahrudin", "Norhadi", "Mahyudin",
    "Saprudin", "Ardiansyah", "Yanto", "Untung", "Riswan", "Taufik", "Zainal", "Syamsul", "Ma'ruf",
    "Syafi'i", "Hamdani", "Haris", "Bambang", "Wahyu", "Andreas", "Doni", "Sabran", "Hermanto", "Kardinal",
    "Yunus", "Gusti Rahmat", "Rahmatullah", "Fauzan", "Irwansyah", "Samsudin", "Junaidi", "Sarmadi",
    "Mulyadi", "Yogi", "Paulus", "Ferdinan", "Robert", "Benyamin", "Heri", "Iwan", "Agustinus", "Nurdin",
};

const std::vector<std::string> female_first = {
    "Siti", "Nur", "Norhayati", "Rusmini", "Jumiati", "Mahmudah", "Hairani", "Noorhidayah", "Rahmawati",
    "Sri", "Dewi", "Ratna", "Lestari", "Yuliana", "Maria", "Ester", "Debora", "Agustina", "Elisabeth",
    "Natalia", "Melati", "Erna", "Fitri", "Nurul", "Rina", "Wulan", "Endang", "Sumiati", "Mariana", "Lidia",
    "Dina", "Yanti", "Rosmawati", "Herlina", "Helda", "Nova", "Kristina", "Santi", "Aminah", "Fatimah",
    "Zubaidah", "Rabiatul", "Husna", "Sa'diah", "Ma'rifah", "Rusdiana", "Megawati", "Erlina", "Yunita",
    "Eka", "Putri", "Ayu", "Gusti Noorlaila", "Selvia", "Juliana", "Marta", "Rosalina", "Nining", "Misnah",
    "Rahimah", "Salasiah", "Darmiati", "Yustina", "Veronika", "Indah", "Novita", "Anisa",
};

const std::vector<std::string> male_last = {
    "Saputra", "Pratama", "Hidayat", "Rahman", "Fauzi", "Ramadhan", "Setiawan", "Santoso", "Prasetyo",
    "Kurniawan", "Nugroho", "Firmansyah", "Hidayatullah", "Effendi", "Rizani", "Noor", "Ansyari", "Maulana",
    "Wijaya", "Gunawan", "Hakim", "Syahputra",
};

const std::vector<std::string> female_last = {
    "Wahyuni", "Handayani", "Susanti", "Rahmawati", "Kurniasih", "Safitri", "Anggraini", "Puspitasari",
    "Maulida", "Rahmah", "Ulfah", "Fitriani", "Hasanah", "Marlina", "Yuliani", "Aprilia", "Noorjannah",
    "Rahmi", "Oktaviani", "Sari",
};

// Dayak Ngaju family names, carried by men and women alike.
const std::vector<std::string> family = {
    "Tingang", "Dohong", "Nyahu", "Sahay", "Toendan", "Ngabut", "Bangas", "Ilah", "Uden", "Tuah",
    "Lambung", "Anggen", "Rangka", "Nahan", "Usup", "Djaya", "Sandan", "Ahat", "Bungai", "Mahar", "Dinata",
    "Sinar", "Rabu", "Kiting",
};

// Nicknames officers sometimes type into the name column.
const std::vector<std::pair<std::string, std::string>> nicknames = {
    {"Maria", "Ria"},       {"Yohanes", "Anes"},  {"Muhammad", "Amat"},  {"Norhayati", "Yati"},
    {"Fitri", "Pipit"},     {"Rahmadi", "Madi"},  {"Saprudin", "Udin"},  {"Samsudin", "Udin"},
    {"Sahrudin", "Udin"},   {"Syahrani", "Iyan"}, {"Rusmini", "Mini"},   {"Kristina", "Tina"},
    {"Elisabeth", "Lisa"},  {"Agustinus", "Agus"}, {"Natalia", "Lia"},   {"Gusti Noorlaila", "Ila"},
    {"Jumiati", "Jum"},     {"Fatimah", "Imah"},  {"Rabiatul", "Atul"},  {"Benyamin", "Beny"},
};

}  // namespace

std::string make_name(Rng& rng, Sex sex) {
    const bool male = sex == Sex::male;
    std::string first = rng.pick(male ? male_first : female_first);
    // Compound given names: "Muhammad Rizky", "Siti Norhayati".
    if ((first == "Muhammad" || first == "Ahmad" || first == "Siti" || first == "Nur") && rng.chance(700)) {
        std::string second;
        do second = rng.pick(male ? male_first : female_first);
        while (second == first || second.find(' ') != std::string::npos || second == "Siti" || second == "Nur" ||
               second == "Muhammad" || second == "Ahmad");
        first += " " + second;
    }
    std::string last;
    const int roll = static_cast<int>(rng.below(100));
    if (roll < 30) last = rng.pick(family);
    else if (roll < 70) last = rng.pick(male ? male_last : female_last);
    if (last.empty()) return first;
    for (const auto& [name, nick] : nicknames)
        if (name == first && rng.chance(12)) return first + " \"" + nick + "\" " + last;
    return first + " " + last;
}

}  // namespace tata::example
