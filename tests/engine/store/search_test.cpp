// Lists at national size: a search by name or NIK through the store's text
// index (any part, ignoring case and accents) finds what reading every case
// finds; keyset pages never skip or repeat a case while cases are added;
// a search stays within its regency and workflow; filters on an index field
// read the index table; counts stop at a cap; queues sort by deadline.
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <string>
#include <vector>

using namespace tata;
using namespace tata::test;
using nlohmann::json;

namespace {

const Actor officer{"budi", "officer"};

std::string file_yaml(int version, const std::string& search) {
    return "id: berkas\nversion: " + std::to_string(version) + R"(
title: Berkas
start: periksa
index:
  nama: text
  opd: text
  jabatan: text
search: )" + search + R"(
filters: [opd]
states:
  periksa:
    kind: task
    title: Periksa berkas
    role: officer
    due: 2 working days
    on_due: terlambat
    outcomes:
      setuju: tutup
  terlambat:
    kind: task
    title: Periksa berkas yang terlambat
    role: admin
    outcomes:
      setuju: tutup
  tutup: {kind: end, result: done}
)";
}

struct Fixture {
    TempDir dir;
    std::shared_ptr<FixedClock> clock = std::make_shared<FixedClock>(at("2025-03-03T10:00:00+07:00"));
    std::unique_ptr<Engine> engine;

    explicit Fixture(ListTuning tuning = {}) {
        EngineOptions options = engine_options(dir, {dir.write("wf/berkas.yaml", file_yaml(1, "[nama, nik]"))}, clock);
        options.list_tuning = tuning;
        engine = std::make_unique<Engine>(std::move(options));
    }

    CaseId file(const std::string& nik, const std::string& nama, const std::string& opd = "Dinas Pendidikan",
                const std::string& regency = "62.03", const std::string& jabatan = "Guru") {
        return engine
            ->create_case("berkas", regency, {{"nik", nik}, {"nama", nama}, {"opd", opd}, {"jabatan", jabatan}},
                          officer, nik)
            .record.id;
    }

    std::vector<CaseId> ids(CaseFilter filter) {
        filter.limit = 100'000;
        std::vector<CaseId> out;
        for (const auto& record : engine->list_cases(filter)) out.push_back(record.id);
        return out;
    }

    // The text index (no fields named) against the row-by-row search of the
    // same fields: two independent paths through the store.
    std::vector<CaseId> indexed(const std::string& text, const std::string& regency = "62.03") {
        CaseFilter filter;
        filter.regency = regency;
        filter.workflow_id = "berkas";
        filter.search = text;
        return ids(filter);
    }
    std::vector<CaseId> scanned(const std::string& text, const std::string& regency = "62.03") {
        CaseFilter filter;
        filter.regency = regency;
        filter.workflow_id = "berkas";
        filter.search = text;
        filter.search_fields = {"nama", "nik"};
        return ids(filter);
    }
};

}  // namespace

TEST_CASE("a search through the text index finds what reading every case finds", "[store][search]") {
    Fixture f;
    const CaseId siti = f.file("6203010101900001", "Siti Aminah");
    const CaseId nursiti = f.file("6203010101900002", "NURSITI HANDAYANI");
    const CaseId budi = f.file("6203020202900003", "Budi Santoso");
    const CaseId percent = f.file("6203020202900004", "Andi 100% [Tenaga] Ahli_*?");
    f.file("6203020202900005", "Made Wirawan");
    f.file("6471010101900006", "Siti Elsewhere", "Dinas Pendidikan", "64.71");
    const CaseId quoted = f.file("6203020202900007", "Andi \"Kacong\" Putra");

    // Substrings, prefixes, any case; ASCII, where both paths agree.
    for (const std::string text : {"siti", "SITI", "Siti Am", "iti", "nur", "6203", "62030101", "900003", "a", "an",
                                    "%", "_", "*", "?", "[", "100% [", "li_*?", "zzz", "santoso budi", " ", "sit", "\"",
                                    "\"kacong\"", "i \"k", "\" AND \"", "siti OR budi", "NEAR(siti)"}) {
        INFO("search '" << text << "'");
        CHECK(f.indexed(text) == f.scanned(text));
    }
    CHECK(f.indexed("siti") == std::vector<CaseId>{siti, nursiti});
    CHECK(f.indexed("6203010101") == std::vector<CaseId>{siti, nursiti});
    CHECK(f.indexed("so") == std::vector<CaseId>{budi});
    CHECK(f.indexed("100% [tenaga]") == std::vector<CaseId>{percent});
    CHECK(f.indexed("*").size() == 1);  // a literal star, not "anything"
    // Quotes are text, not the index's query language.
    CHECK(f.indexed("\"kacong\"") == std::vector<CaseId>{quoted});
    CHECK(f.indexed("siti OR budi").empty());
}

TEST_CASE("a search ignores Latin accents on either side", "[store][search]") {
    Fixture f;
    const CaseId accented = f.file("6203010101900001", "Sîti Ämînah Çahyani");
    const CaseId plain = f.file("6203010101900002", "Siti Aminah");
    const CaseId other = f.file("6203010101900003", "Ömer Œzdemir");
    CHECK(f.indexed("siti aminah") == std::vector<CaseId>{accented, plain});
    CHECK(f.indexed("SÎTI") == std::vector<CaseId>{accented, plain});
    CHECK(f.indexed("cahya") == std::vector<CaseId>{accented});
    CHECK(f.indexed("oezdemir") == std::vector<CaseId>{other});
    CHECK(f.indexed("omer") == std::vector<CaseId>{other});
}

TEST_CASE("a search stays within its regency and workflow, and the scope filters still apply", "[store][search]") {
    Fixture f;
    const CaseId here = f.file("6203010101900001", "Siti Aminah", "Dinas Pendidikan");
    const CaseId health = f.file("6203010101900002", "Siti Rahma", "Dinas Kesehatan");
    const CaseId there = f.file("6471010101900003", "Siti Aminah", "Dinas Pendidikan", "64.71");
    CHECK(f.indexed("siti", "62.03") == std::vector<CaseId>{here, health});
    CHECK(f.indexed("siti", "64.71") == std::vector<CaseId>{there});
    // A regency code that another extends finds nothing of the other.
    CHECK(f.indexed("siti", "62.0").empty());
    CHECK(f.indexed("siti", "62").empty());

    CaseFilter opd;
    opd.regency = "62.03";
    opd.workflow_id = "berkas";
    opd.search = "siti";
    opd.data_equals = {{"opd", "Dinas Kesehatan"}};
    CHECK(f.ids(opd) == std::vector<CaseId>{health});
    opd.key = "6203010101900001";
    CHECK(f.ids(opd).empty());

    // Without a workflow: every workflow of the regency, none of another.
    CaseFilter any;
    any.regency = "62.03";
    any.search = "aminah";
    CHECK(f.ids(any) == std::vector<CaseId>{here});
    // The workflow's name is not searched.
    any.search = "berkas";
    CHECK(f.ids(any).empty());
    // Nor does a match run from one value into the next (the key's end and
    // the name's start).
    any.search = "0001siti";
    CHECK(f.ids(any).empty());
}

TEST_CASE("an advance that changes a searched field is found by its new text at once", "[store][search]") {
    Fixture f;
    const CaseId id = f.file("6203010101900001", "Siti Aminah");
    CHECK(f.indexed("rahayu").empty());
    // A correction refused (a stale version) leaves the old text.
    CHECK_THROWS_AS(f.engine->update_data(id, {{"nama", "Siti Rahayu"}}, officer, 7), Conflict);
    CHECK(f.indexed("rahayu").empty());
    f.engine->update_data(id, {{"nama", "Siti Rahayu"}}, officer);
    CHECK(f.indexed("rahayu") == std::vector<CaseId>{id});
    CHECK(f.indexed("aminah").empty());
    // A corrected NIK (not the key) is found by its new number, not its old one.
    CHECK(f.indexed("6203019").empty());
    f.engine->update_data(id, {{"nik", "6203019999900001"}}, officer);
    CHECK(f.indexed("6203019") == std::vector<CaseId>{id});
    CHECK(f.indexed("6203010101900001") == std::vector<CaseId>{id});  // still the key
    f.engine->update_data(id, {{"nama", "Siti 777"}}, officer);
    CHECK(f.indexed("777") == std::vector<CaseId>{id});
    f.engine->update_data(id, {{"nama", "Siti"}}, officer);
    CHECK(f.indexed("777").empty());
}

// The text rows of a transaction wait for its commit (FTS5 would otherwise
// write a segment at every savepoint): a search inside the transaction still
// finds them, and a rolled-back savepoint or transaction takes its own rows
// with it, in the index as in the searches.
TEST_CASE("text rows written in a batch are found inside it and leave with a rolled-back part", "[store][search]") {
    Fixture f;
    // Counted in the index itself: a search joins its rows to the cases, so
    // a row left by a rolled-back case would not show in one (and the next
    // case takes the same number and overwrites it).
    const std::string database = test_database(f.dir);
    const auto rows = [&] { return sql_integer(database, "SELECT count(*) FROM case_search"); };
    CaseId kept = 0;
    f.engine->batch([&] {
        kept = f.file("6203010101900001", "Sri Rahayu");
        // A search inside a savepoint writes every row queued so far there;
        // when the savepoint rolls back, the outer level's row must wait
        // again, not vanish with it.
        CHECK_THROWS(f.engine->batch([&] {
            f.file("6203010101900002", "Wulan Sari");
            CHECK(f.indexed("wulan").size() == 1);
            throw std::runtime_error("this part is rolled back");
        }));
        // Rolled back before any search: its row never reaches the index.
        CHECK_THROWS(f.engine->batch([&] {
            f.file("6203010101900003", "Dewi Lestari");
            throw std::runtime_error("this part is rolled back too");
        }));
        CHECK(f.indexed("rahayu") == std::vector<CaseId>{kept});
        CHECK(f.indexed("wulan").empty());
        CHECK(f.indexed("dewi").empty());
        CHECK(f.indexed("6203010101900002").empty());
    });
    CHECK(rows() == 1);
    CHECK(f.indexed("rahayu") == std::vector<CaseId>{kept});
    CHECK_THROWS(f.engine->batch([&] {
        f.file("6203010101900004", "Tono Hadi");
        throw std::runtime_error("the whole batch is rolled back");
    }));
    f.engine->update_data(kept, {{"jabatan", "Guru Kelas"}}, officer);  // the next commit
    CHECK(rows() == 1);
    const CaseId later = f.file("6203010101900005", "Joko Susilo");
    CHECK(f.indexed("joko") == std::vector<CaseId>{later});
    CHECK(f.indexed("tono").empty());
    CHECK(f.indexed("62030101019000") == std::vector<CaseId>{kept, later});
    // Nothing else reached the index: one row per case, its numbers only.
    CHECK(rows() == 2);
    if (!on_postgresql())  // the SQLite store's B-tree of numbers (PostgreSQL's trigram index needs none)
        CHECK(sql_integer(database, "SELECT count(*) FROM case_search_numbers WHERE number LIKE '62030101019000%'") == 2);
}

TEST_CASE("a new version naming other search fields indexes the cases already there", "[store][search]") {
    Fixture f;
    const CaseId id = f.file("6203010101900001", "Siti Aminah", "Dinas Pendidikan", "62.03", "Penjaga Sekolah");
    CHECK(f.indexed("penjaga").empty());
    // The same database opened with version 2, which searches the position too.
    f.engine.reset();
    f.dir.write("wf/berkas_v2.yaml", file_yaml(2, "[nama, nik, jabatan]"));
    f.engine = std::make_unique<Engine>(
        engine_options(f.dir, {f.dir.path() / "wf/berkas.yaml", f.dir.path() / "wf/berkas_v2.yaml"}, f.clock));
    CHECK(f.indexed("penjaga") == std::vector<CaseId>{id});
    CHECK(f.indexed("aminah") == std::vector<CaseId>{id});
    CHECK(f.indexed("62030101") == std::vector<CaseId>{id});  // its numbers rebuilt with it
}

namespace {

// What a search of digits means, read off the cases themselves: some
// number (a run of digits) in the key, the name or the NIK starts with them.
std::vector<CaseId> numbers_starting_with(Engine& engine, const std::string& digits,
                                          const std::optional<std::string>& regency) {
    std::vector<CaseId> out;
    for (const auto& record : engine.list_cases({})) {
        if (regency && record.regency != *regency) continue;
        bool found = false;
        const std::vector<std::string> values = {record.key, record.data.value("nama", std::string()),
                                                 record.data.value("nik", std::string())};
        for (const std::string& value : values) {
            for (std::size_t at = 0; at < value.size() && !found; ++at) {
                const bool starts_run = std::isdigit(static_cast<unsigned char>(value[at])) &&
                                        (at == 0 || !std::isdigit(static_cast<unsigned char>(value[at - 1])));
                found = starts_run && value.compare(at, digits.size(), digits) == 0;
            }
        }
        if (found) out.push_back(record.id);
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("a search of digits finds the numbers that start with them, by every path alike", "[store][search]") {
    Fixture f;
    f.file("6203010101900001", "Siti Aminah");
    f.file("6203010101900002", "Rumah 12 Blok 620");
    f.file("6203020202900003", "Budi 0812-6203");
    f.file("6203020202900004", "Andi");
    f.file("6471010101900006", "Siti 6203 Elsewhere", "Dinas Pendidikan", "64.71");
    for (const std::string digits : {"6", "62", "620", "6203", "620301", "6203010101900002", "900001", "12", "0812",
                                     "812", "1", "0", "99", "123456789012345678901234567890123"}) {
        INFO("search '" << digits << "'");
        const auto expected = numbers_starting_with(*f.engine, digits, std::string("62.03"));
        CHECK(f.indexed(digits) == expected);  // numbers index (few), one regency
        CHECK(f.scanned(digits) == expected);  // row by row
        // Without a regency the text index answers, across regencies.
        CaseFilter anywhere;
        anywhere.workflow_id = "berkas";
        anywhere.search = digits;
        CHECK(f.ids(anywhere) == numbers_starting_with(*f.engine, digits, std::nullopt));
    }
    CHECK(f.indexed("900001").empty());  // the middle of a NIK is not its start
    CHECK(f.indexed("6203").size() == 4);
    CHECK(f.indexed("620").size() == 4);
}

TEST_CASE("keyset pages never skip or repeat a case while cases are added", "[store][search][paging]") {
    Fixture f;
    std::vector<CaseId> created;
    for (int i = 0; i < 25; ++i)
        created.push_back(f.file("62030101019" + std::to_string(10000 + i), "Siti " + std::to_string(i)));
    for (const bool searching : {false, true}) {
        INFO((searching ? "search" : "list"));
        std::vector<CaseId> seen;
        CaseFilter filter;
        filter.regency = "62.03";
        filter.workflow_id = "berkas";
        if (searching) filter.search = "siti";
        filter.limit = 7;
        int added = 0;
        while (true) {
            const auto page = f.engine->list_cases(filter);
            for (const auto& record : page) seen.push_back(record.id);
            if (page.size() < filter.limit) break;
            filter.after = page.back().id;
            // Someone imports more files between two pages.
            created.push_back(f.file("62030101018" + std::to_string(10000 + added + (searching ? 50 : 0)),
                                     "Siti baru " + std::to_string(added)));
            ++added;
        }
        CHECK(std::set<CaseId>(seen.begin(), seen.end()).size() == seen.size());  // no repeats
        CHECK(std::is_sorted(seen.begin(), seen.end()));
        CHECK(seen == created);  // every case, the ones added while paging too
    }
}

TEST_CASE("each regency's rows of the text index page in case order, its files interleaved with another's",
          "[store][search][paging]") {
    // The index keeps a regency's rows in one range of rowids: the cursors
    // (by id and by deadline) and the inbox must still speak of case ids.
    Fixture f(ListTuning{3, 30});  // past 3 matches the inbox checks each task's row
    std::vector<CaseId> kapuas, balikpapan;
    for (int i = 0; i < 12; ++i) {
        kapuas.push_back(f.file("62030101019" + std::to_string(10000 + i), "Siti Kapuas " + std::to_string(i)));
        balikpapan.push_back(f.file("64710101019" + std::to_string(10000 + i), "Siti Balikpapan " + std::to_string(i),
                                    "Dinas Pendidikan", "64.71"));
        f.clock->set(f.clock->now() + std::chrono::hours(24));
    }
    for (const auto order : {CaseOrder::by_id, CaseOrder::by_deadline}) {
        INFO((order == CaseOrder::by_id ? "by id" : "by deadline"));
        CaseFilter filter;
        filter.regency = "62.03";  // no workflow: the regency's range alone
        filter.search = "siti";
        filter.order = order;
        filter.limit = 5;
        std::vector<CaseId> seen;
        for (int pages = 0; pages < 10; ++pages) {  // 3 pages; a cursor that stands still would loop
            const auto page = f.engine->list_cases(filter);
            for (const auto& record : page) seen.push_back(record.id);
            if (page.size() < filter.limit) break;
            if (order == CaseOrder::by_id) filter.after = page.back().id;
            else filter.after_deadline = CaseFilter::DeadlineCursor{page.back().open_tasks.front().due_at, page.back().id};
        }
        std::vector<CaseId> expected = kapuas;
        if (order == CaseOrder::by_deadline) {  // the nearest due date first, the newest first on the same date
            const auto due = [&](CaseId id) { return *f.engine->get_case(id).open_tasks.front().due_at; };
            std::stable_sort(expected.begin(), expected.end(), [&](CaseId a, CaseId b) {
                return due(a) != due(b) ? due(a) < due(b) : a > b;
            });
        }
        CHECK(seen == expected);
        filter.after.reset();
        filter.after_deadline.reset();
        filter.limit = 100;
        CHECK(f.engine->count_cases(filter) == 12);
    }

    // A national view (no regency): every regency's rows, in case id order.
    CaseFilter national;
    national.search = "siti";
    national.limit = 100;
    std::vector<CaseId> everyone = kapuas;
    everyone.insert(everyone.end(), balikpapan.begin(), balikpapan.end());
    std::sort(everyone.begin(), everyone.end());
    CHECK(f.ids(national) == everyone);
    national.search = "balikpapan 1";  // "1", "10", "11"
    CHECK(f.ids(national) == std::vector<CaseId>{balikpapan[1], balikpapan[10], balikpapan[11]});

    // The inbox, with many matches (each task's row checked) and few.
    for (const std::optional<std::string>& regency : {std::optional<std::string>("64.71"), std::optional<std::string>()}) {
        for (const std::string text : {"siti", "balikpapan 1"}) {
            INFO("inbox of " << regency.value_or("every regency") << ", search '" << text << "'");
            TaskFilter inbox;
            inbox.regency = regency;
            inbox.search = text;
            inbox.limit = 100;
            std::set<CaseId> found;
            for (const auto& listing : f.engine->list_tasks(inbox)) found.insert(listing.task.case_id);
            std::set<CaseId> expected;
            for (const CaseId id : everyone) {
                const auto record = f.engine->get_case(id);
                const std::string name = record.data.at("nama").get<std::string>();
                std::string folded;
                for (const char c : name) folded += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                if ((!regency || record.regency == *regency) && folded.find(text) != std::string::npos) expected.insert(id);
            }
            CHECK(found == expected);
        }
    }
}

TEST_CASE("a filter on an index field reads the index table and agrees with the case data", "[store][search]") {
    Fixture f;
    const CaseId a = f.file("6203010101900001", "Siti", "Dinas Pendidikan");
    const CaseId b = f.file("6203010101900002", "Budi", "Dinas Kesehatan");
    const CaseId c = f.file("6203010101900003", "Made", "Dinas Pendidikan");
    f.file("6471010101900004", "Wayan", "Dinas Pendidikan", "64.71");
    CaseFilter filter;
    filter.regency = "62.03";
    filter.workflow_id = "berkas";
    filter.data_equals = {{"opd", "Dinas Pendidikan"}};
    CHECK(f.ids(filter) == std::vector<CaseId>{a, c});
    CHECK(f.engine->count_cases(filter) == 2);
    // jabatan is in the index too; nama_lain is not (read from the data).
    filter.data_equals = {{"jabatan", "Guru"}, {"opd", "Dinas Kesehatan"}};
    CHECK(f.ids(filter) == std::vector<CaseId>{b});
    f.engine->update_data(b, {{"opd", "Dinas Pendidikan"}}, officer);
    filter.data_equals = {{"opd", "Dinas Pendidikan"}};
    CHECK(f.ids(filter) == std::vector<CaseId>{a, b, c});
    filter.data_equals = {{"nama", "Made"}};
    CHECK(f.ids(filter) == std::vector<CaseId>{c});
}

TEST_CASE("a count stops at its cap, a queue sorts by the nearest deadline", "[store][search]") {
    Fixture f;
    std::vector<CaseId> ids;
    for (int i = 0; i < 5; ++i) {
        ids.push_back(f.file("620301010190000" + std::to_string(i), "Siti " + std::to_string(i)));
        f.clock->set(f.clock->now() + std::chrono::hours(24));
    }
    CaseFilter filter;
    filter.regency = "62.03";
    filter.search = "siti";
    CHECK(f.engine->count_cases(filter) == 5);
    CHECK(f.engine->count_cases(filter, 3) == 3);
    CHECK(f.engine->count_cases(filter, 10) == 5);

    // The first case is done (no task), the others due one day after another.
    f.engine->fire(ids[0], "setuju", json::object(), officer);
    filter.search.clear();
    filter.order = CaseOrder::by_deadline;
    const auto queue = f.ids(filter);
    CHECK(queue == std::vector<CaseId>{ids[1], ids[2], ids[3], ids[4], ids[0]});
    // The choices of a state filter: every state the other filters find.
    filter.state = "periksa";
    const auto states = f.engine->count_cases_by_state(filter);
    CHECK(states == std::vector<std::pair<std::string, std::size_t>>{{"periksa", 4}, {"tutup", 1}});
}

TEST_CASE("an inbox search finds the same tasks whether the text index finds few cases or many", "[store][search][inbox]") {
    Fixture f;
    // More than the 2,000 matches up to which the inbox takes them as a set:
    // beyond, it checks each open task's case against its row.
    std::set<CaseId> sitis, budis;
    for (int i = 0; i < 2'050; ++i) sitis.insert(f.file("62030101019" + std::to_string(10000 + i), "Siti " + std::to_string(i)));
    for (int i = 0; i < 30; ++i) budis.insert(f.file("62030201019" + std::to_string(10000 + i), "Budi " + std::to_string(i)));
    const auto inbox = [&](const std::string& text) {
        TaskFilter filter;
        filter.regency = "62.03";
        filter.workflow_id = "berkas";
        filter.search = text;
        filter.limit = 100'000;
        std::set<CaseId> found;
        for (const auto& listing : f.engine->list_tasks(filter)) found.insert(listing.task.case_id);
        CHECK(f.engine->count_tasks(filter) == found.size());
        return found;
    };
    CHECK(inbox("siti") == sitis);  // many
    CHECK(inbox("budi") == budis);  // few
    CHECK(inbox("siti 20").size() == 61);  // "siti 20", "siti 200".."siti 209", "siti 2000".."siti 2049"

    // A page's count (capped) of this inbox of 2,080 tasks reads them all:
    // exact, stopped at the cap.
    TaskFilter page;
    page.regency = "62.03";
    page.search = "siti";
    const TaskCount capped = f.engine->count_tasks(page, 1'001);
    CHECK(capped.count == 1'001);
    CHECK(capped.exact);
    page.search = "budi";
    CHECK(f.engine->count_tasks(page, 1'001).count == 30);
    CHECK(f.engine->count_tasks(page, 1'001).exact);

    // A page with its count at once (the few matches counted by the page's
    // own query) agrees with both apart, on either path, past the end too.
    const auto task_ids = [](const std::vector<TaskListing>& listings) {
        std::vector<std::int64_t> ids;
        for (const auto& listing : listings) ids.push_back(listing.task.id);
        return ids;
    };
    for (const std::string text : {"siti", "budi", "siti 20"}) {
        for (const std::size_t offset : {0, 20, 60, 5'000}) {
            INFO("search '" << text << "' from " << offset);
            page.search = text;
            page.limit = 20;
            page.offset = offset;
            const TaskPage both = f.engine->task_page(page, 1'001);
            CHECK(task_ids(both.tasks) == task_ids(f.engine->list_tasks(page)));
            const TaskCount apart = f.engine->count_tasks(page, 1'001);
            CHECK(both.count.count == apart.count);
            CHECK(both.count.exact == apart.exact);
        }
    }
}

// The SQLite store's budget (ListTuning); PostgreSQL counts them exactly.
TEST_CASE("an inbox count of a search with many matches in a large inbox is a lower bound past its budget",
          "[store][search][inbox][sqlite]") {
    // The plan's thresholds made small (2,000 matches, 3,000 tasks on a
    // server): more than 20 matches are walked, a count checks 30 tasks.
    Fixture f(ListTuning{20, 30});
    // 63 open tasks, every third a Siti: 21 matches, each task's case is
    // checked against its row, and a page's count checks 30 tasks only.
    for (int i = 0; i < 63; ++i)
        f.file("62030101019" + std::to_string(10000 + i), (i % 3 == 0 ? "Siti " : "Budi ") + std::to_string(i));
    TaskFilter filter;
    filter.regency = "62.03";
    filter.search = "siti";
    const TaskCount counted = f.engine->count_tasks(filter, 1'001);
    CHECK_FALSE(counted.exact);
    CHECK(counted.count == 10);  // the Sitis among the first 30 tasks (in case order)
    CHECK(f.engine->count_tasks(filter) == 21);  // an uncapped count reads them all
    filter.limit = 100;
    const TaskPage page = f.engine->task_page(filter, 1'001);
    CHECK(page.tasks.size() == 21);  // the pages themselves are whole
    CHECK_FALSE(page.count.exact);
    filter.offset = 20;
    const auto last = f.engine->list_tasks(filter);
    REQUIRE(last.size() == 1);
    CHECK(f.engine->get_case(last.back().task.case_id).data["nama"] == "Siti 60");
    // Few matches (up to 20 here) are counted exactly.
    filter.search = "siti 6";
    CHECK(f.engine->count_tasks(filter, 1'001).count == 2);  // "Siti 6", "Siti 60"
    CHECK(f.engine->count_tasks(filter, 1'001).exact);
}
