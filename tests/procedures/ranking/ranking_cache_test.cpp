// The kept ranking: answered again while its inputs hold, made anew when a
// case of its regency changes (in this process or another), on a new day
// or a new generation of definitions; and the page's filters over it.
#include "ranking/ranking_cache.hpp"
#include "ranking_fixture.hpp"

#include <catch2/catch.hpp>

using namespace tata;
using namespace tata::test;
using namespace tata::ranking;

namespace {

const Actor officer{"petugas", "officer"};

nlohmann::json grievance_data() {
    return {{"nama_pelapor", "Wati"}, {"kategori", "lainnya"}, {"uraian", "Gaji terlambat"}};
}

}  // namespace

TEST_CASE("a kept ranking answers until a case of its regency changes", "[ranking][cache]") {
    EngineFixture f(40);
    REQUIRE(f.verified > 10);
    RankingCache cache;
    const auto first = cache.get(*f.engine, "62.03");
    CHECK(first->ranking().workers.size() == f.verified);
    CHECK(cache.get(*f.engine, "62.03") == first);
    CHECK(cache.counts().ranked == 1);
    CHECK(cache.counts().kept == 1);

    SECTION("a case of another regency leaves it") {
        f.engine->create_case("grievance", "51.05", grievance_data(), officer);
        CHECK(cache.get(*f.engine, "62.03") == first);
    }
    SECTION("any case of the regency makes it anew") {
        f.engine->create_case("grievance", "62.03", grievance_data(), officer);
        const auto second = cache.get(*f.engine, "62.03");
        CHECK(second != first);
        CHECK(second->number() == first->number());  // nothing the ranking reads changed
        CHECK(cache.counts().ranked == 2);
    }
    SECTION("a write that failed and was rolled back leaves it") {
        // A second file with a NIK already on file is refused.
        CHECK_THROWS(f.engine->create_case("verification", "62.03", {{"nik", f.a_verified_nik}}, officer, f.a_verified_nik));
        CHECK(cache.get(*f.engine, "62.03") == first);
    }
    SECTION("another process's write on the same database makes it anew") {
        {
            Engine other(f.options);
            other.create_case("grievance", "62.03", grievance_data(), officer);
        }
        CHECK(cache.get(*f.engine, "62.03") != first);
    }
    SECTION("a worker verified since is ranked") {
        const std::size_t before = first->ranking().workers.size();
        // Ten more rows of the roster imported and taken through both approvals.
        const auto file = f.dir.write("more.csv", [] {
            std::ifstream in(source_dir() / "examples" / "data" / "kapuas-roster.csv");
            std::string text, line;
            std::getline(in, line);
            text = line + "\n";
            for (int skip = 0; skip < 41 && std::getline(in, line); ++skip) {}
            for (int take = 0; take < 10 && std::getline(in, line); ++take) text += line + "\n";
            return text;
        }());
        const auto areas = nik::AreaRegistry::shared(source_dir() / "rules" / "wilayah");
        roster::ImportOptions import;
        import.regency = "62.03";
        roster::import_workers(*f.engine, file, *areas, import);
        std::size_t added = 0;
        for (const auto& c : f.engine->list_cases({})) {
            if (c.state != "konfirmasi_opd") continue;
            f.engine->fire(c.id, "setuju", {{"nomor_sptjm", "x"}}, Actor{"kepala", "opd_head"});
            if (f.engine->fire(c.id, "valid", nlohmann::json::object(), Actor{"bkad", "bkad"}).record.result == "verified")
                ++added;
        }
        REQUIRE(added > 0);
        const auto after = cache.get(*f.engine, "62.03");
        CHECK(after->ranking().workers.size() == before + added);
        CHECK(after->number() != first->number());
    }
    SECTION("a new day in the regency makes it anew") {
        f.clock->set(at("2025-06-11T09:00:00+07:00"));
        const auto next_day = cache.get(*f.engine, "62.03");
        CHECK(next_day != first);
        CHECK(next_day->ranking().reference_date == "2025-06-11");
    }
    SECTION("a new generation of definitions makes it anew") {
        f.engine->reload();
        CHECK(cache.get(*f.engine, "62.03") != first);
    }
}

TEST_CASE("the ranking's filters read the kept ranking: outcome, OPD, name or NIK, pages", "[ranking][cache]") {
    EngineFixture f(40);
    RankingCache cache;
    const auto snapshot = cache.get(*f.engine, "62.03");
    const Ranking& ranking = snapshot->ranking();
    REQUIRE(ranking.workers.size() == f.verified);

    // Every worker on pages of 7, in rank order, none twice.
    std::vector<std::size_t> all;
    for (std::size_t offset = 0;; offset += 7) {
        const auto page = snapshot->select({}, offset, 7);
        CHECK(page.total == f.verified);
        if (page.positions.empty()) break;
        all.insert(all.end(), page.positions.begin(), page.positions.end());
    }
    REQUIRE(all.size() == f.verified);
    for (std::size_t i = 0; i < all.size(); ++i) CHECK(all[i] == i);

    // Each filter against the workers it should find, counted one by one.
    const RankedWorker sample = ranking.workers[ranking.workers.size() / 2];
    const std::string opd = sample.record.value("opd", std::string());
    const std::string name = sample.record.value("nama", std::string());
    REQUIRE(name.size() >= 4);
    std::string shouted;  // the middle of the name in capitals, the first vowel with an accent
    for (char c : name.substr(1, name.size() - 2)) shouted += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (const auto vowel = shouted.find('A'); vowel != std::string::npos) shouted.replace(vowel, 1, "\xC3\x81");  // Á

    RankingFilter by_outcome;
    by_outcome.outcome = sample.outcome;
    RankingFilter by_opd;
    by_opd.opd = opd;
    RankingFilter by_name;
    by_name.text = shouted;
    RankingFilter by_nik;
    by_nik.text = sample.nik().substr(4, 8);
    RankingFilter none;
    none.outcome = "cpns";
    none.text = "tidak ada nama seperti ini";

    std::size_t outcome_count = 0, opd_count = 0, name_count = 0, nik_count = 0;
    std::string lower_middle;
    for (char c : name.substr(1, name.size() - 2)) lower_middle += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& worker : ranking.workers) {
        outcome_count += worker.outcome == sample.outcome;
        opd_count += worker.record.value("opd", std::string()) == opd;
        std::string lower;
        for (char c : worker.record.value("nama", std::string())) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        name_count += lower.find(lower_middle) != std::string::npos;
        nik_count += worker.nik().find(by_nik.text) != std::string::npos;
    }
    CHECK(snapshot->select(by_outcome, 0, 200).total == outcome_count);
    CHECK(snapshot->select(by_opd, 0, 200).total == opd_count);
    CHECK(snapshot->select(by_name, 0, 200).total == name_count);
    CHECK(snapshot->select(by_nik, 0, 200).total == nik_count);
    CHECK(name_count >= 1);
    CHECK(snapshot->select(none, 0, 200).total == 0);
    for (const std::size_t position : snapshot->select(by_outcome, 0, 200).positions)
        CHECK(ranking.workers[position].outcome == sample.outcome);

    const auto found = snapshot->find(sample.nik());
    REQUIRE(found);
    CHECK(found->rank == sample.rank);
    CHECK_FALSE(snapshot->find("0000000000000000"));
}

TEST_CASE("kept rankings stay within their budget of workers, the newest always kept", "[ranking][cache]") {
    EngineFixture f(40);
    RankingCache cache(f.verified);  // room for Kapuas alone
    const auto kapuas = cache.get(*f.engine, "62.03");
    cache.get(*f.engine, "51.05");  // no workers: fits beside it
    CHECK(cache.get(*f.engine, "62.03") == kapuas);
    RankingCache tiny(1);
    const auto only = tiny.get(*f.engine, "62.03");
    CHECK(tiny.get(*f.engine, "62.03") == only);  // the newest stays even above the budget
    tiny.get(*f.engine, "51.05");
    CHECK(tiny.get(*f.engine, "62.03") != only);  // Kapuas was let go for Klungkung
}
