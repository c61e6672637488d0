// Business keys, audited data updates and the typed case index.
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <fstream>

using namespace tata;
using namespace tata::test;

namespace {

constexpr const char* indexed_workflow = R"(id: berkas
version: 1
title: Berkas
start: periksa
index:
  nik: text
  nama: text
  nilai: number
  tahun: integer
  aktif: boolean
  tmt: date
states:
  periksa:
    kind: task
    role: officer
    title: Periksa
    form:
      nilai: {type: number}
    outcomes:
      setuju: selesai
  selesai:
    kind: end
    result: verified
)";

struct Row {
    CaseId id;
    std::string state;
    std::string nik;
    std::optional<double> nilai;
    std::optional<std::int64_t> tahun;
};

std::vector<Row> scan(Engine& engine, IndexQuery query) {
    query.workflow_id = "berkas";
    query.columns = {"nik", "nilai", "tahun"};
    std::vector<Row> rows;
    engine.scan_index(query, [&](const IndexRow& r) {
        rows.push_back({r.case_id(), r.state(), std::string(r.text(0)),
                        r.is_null(1) ? std::nullopt : std::optional<double>(r.number(1)),
                        r.is_null(2) ? std::nullopt : std::optional<std::int64_t>(r.integer(2))});
    });
    return rows;
}

}  // namespace

TEST_CASE("cases are indexed in typed columns as they move", "[runtime][index]") {
    TempDir dir;
    const auto workflow = dir.write("berkas.yaml", indexed_workflow);
    Engine engine(engine_options(dir, {workflow}, std::make_shared<FixedClock>(at("2025-06-10T09:00:00+07:00"))));
    const Actor officer{"rina", "officer"};
    const CaseId a = engine.create_case("berkas", "62.03", {{"nik", "6203014501900001"}, {"nilai", 81.5}, {"tahun", "7"}}, officer).record.id;
    const CaseId b = engine.create_case("berkas", "64.71", {{"nik", "6471010101900002"}, {"tahun", "tujuh"}}, officer).record.id;

    auto rows = scan(engine, {});
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].id == a);
    CHECK(rows[0].nik == "6203014501900001");
    CHECK(rows[0].nilai == 81.5);
    CHECK(rows[0].tahun == 7);          // a numeric string converts
    CHECK_FALSE(rows[1].nilai.has_value());
    CHECK_FALSE(rows[1].tahun.has_value());  // "tujuh" does not: NULL, the data keeps it

    engine.fire(a, "setuju", {{"nilai", 90}}, officer);
    IndexQuery done;
    done.result = "verified";
    rows = scan(engine, done);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].id == a);
    CHECK(rows[0].state == "selesai");
    CHECK(rows[0].nilai == 90);

    IndexQuery in_6471;
    in_6471.regency = "64.71";
    in_6471.status = CaseStatus::active;
    rows = scan(engine, in_6471);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].id == b);

    IndexQuery unknown;
    unknown.workflow_id = "berkas";
    unknown.columns = {"gaji"};
    CHECK_THROWS_AS(engine.scan_index(unknown, [](const IndexRow&) {}), std::invalid_argument);
}

TEST_CASE("an index field added by a new version is filled for existing cases", "[runtime][index]") {
    TempDir dir;
    std::string v1 = indexed_workflow;
    v1.replace(v1.find("  tmt: date\n"), 12, "");
    v1.replace(v1.find("  aktif: boolean\n"), 17, "");
    dir.write("wf/berkas.yaml", v1);
    auto options = engine_options(dir, {dir / "wf"}, std::make_shared<FixedClock>(at("2025-06-10T09:00:00+07:00")));
    CaseId id = 0;
    {
        Engine engine(options);
        id = engine.create_case("berkas", "62.03", {{"nik", "1"}, {"aktif", true}}, {"rina", "officer"}).record.id;
    }
    std::string v2 = indexed_workflow;
    v2.replace(v2.find("version: 1"), 10, "version: 2");
    dir.write("wf/berkas-v2.yaml", v2);
    Engine engine(options);
    IndexQuery query;
    query.workflow_id = "berkas";
    query.columns = {"aktif"};
    std::vector<std::int64_t> values;
    engine.scan_index(query, [&](const IndexRow& r) {
        CHECK(r.case_id() == id);
        values.push_back(r.integer(0));
    });
    CHECK(values == std::vector<std::int64_t>{1});

    // The case still runs on version 1; changing it keeps the column that
    // only version 2 indexes.
    engine.update_data(id, {{"nama", "Wati"}}, {"rina", "officer"});
    CHECK(engine.get_case(id).workflow_version == 1);
    std::vector<bool> nulls;
    engine.scan_index(query, [&](const IndexRow& r) { nulls.push_back(r.is_null(0)); });
    CHECK(nulls == std::vector<bool>{false});
}

TEST_CASE("a business key is unique per regency and workflow", "[runtime][key]") {
    TempDir dir;
    const auto workflow = dir.write("berkas.yaml", indexed_workflow);
    Engine engine(engine_options(dir, {workflow}, std::make_shared<FixedClock>(at("2025-06-10T09:00:00+07:00"))));
    const Actor officer{"rina", "officer"};
    const auto first = engine.create_case("berkas", "62.03", {{"nik", "6203014501900001"}}, officer, "6203014501900001");
    CHECK(first.record.key == "6203014501900001");
    CHECK_THROWS_AS(engine.create_case("berkas", "62.03", nlohmann::json::object(), officer, "6203014501900001"), Conflict);
    // The same key in another regency is another worker.
    CHECK_NOTHROW(engine.create_case("berkas", "64.71", nlohmann::json::object(), officer, "6203014501900001"));

    const auto found = engine.find_case_by_key("62.03", "berkas", "6203014501900001");
    REQUIRE(found.has_value());
    CHECK(found->id == first.record.id);
    CHECK(found->key == "6203014501900001");
    CHECK_FALSE(engine.find_case_by_key("62.03", "berkas", "0000").has_value());
    CHECK(engine.list_cases({}).size() == 2);  // the refused create wrote nothing
}

TEST_CASE("a data update is a merge patch, audited, versioned and indexed", "[runtime][key]") {
    TempDir dir;
    const auto workflow = dir.write("berkas.yaml", indexed_workflow);
    Engine engine(engine_options(dir, {workflow}, std::make_shared<FixedClock>(at("2025-06-10T09:00:00+07:00"))));
    const Actor officer{"rina", "officer"};
    const CaseId id = engine.create_case("berkas", "62.03", {{"nik", "1"}, {"nama", "Siti"}, {"tahun", 3}}, officer).record.id;

    const CaseRecord updated = engine.update_data(id, {{"nama", "Siti Rahmawati"}, {"tahun", nullptr}}, {"imp", "officer"}, 1);
    CHECK(updated.version == 2);
    CHECK(updated.state == "periksa");
    CHECK(updated.data["nama"] == "Siti Rahmawati");
    CHECK_FALSE(updated.data.contains("tahun"));
    const auto events = engine.history(id);
    REQUIRE(events.back().type == "data_updated");
    CHECK(events.back().actor == "imp");
    CHECK(events.back().payload["patch"]["nama"] == "Siti Rahmawati");

    CHECK_THROWS_AS(engine.update_data(id, {{"nama", "x"}}, officer, 1), Conflict);
    CHECK(engine.get_case(id).data["nama"] == "Siti Rahmawati");
    auto rows = scan(engine, {});
    REQUIRE(rows.size() == 1);
    CHECK_FALSE(rows[0].tahun.has_value());
    CHECK(engine.verify_audit().intact);
}

namespace {

// Whether this process maps `file` into memory now (Linux: /proc/self/maps).
bool file_is_mapped(const fs::path& file) {
    std::ifstream maps("/proc/self/maps");
    const std::string name = fs::canonical(file).string();
    for (std::string line; std::getline(maps, line);)
        if (line.size() >= name.size() && line.compare(line.size() - name.size(), name.size(), name) == 0) return true;
    return false;
}

}  // namespace

TEST_CASE("a scan reads the database file mapped into memory and unmaps it when it ends", "[runtime][index][sqlite]") {
    // Mapped while it runs (pages read in place, not copied by a system call
    // each); unmapped after, also when the caller's visit failed, so that a
    // server's resident memory does not keep the file it once scanned.
    TempDir dir;
    const auto workflow = dir.write("berkas.yaml", indexed_workflow);
    const auto options = engine_options(dir, {workflow}, std::make_shared<FixedClock>(at("2025-06-10T09:00:00+07:00")));
    {
        Engine writer(options);
        for (int i = 0; i < 3; ++i)
            writer.create_case("berkas", "62.03", {{"nik", "620301450190000" + std::to_string(i)}}, Actor{"rina", "officer"});
    }  // the last connection closed: its WAL is checkpointed into the file, whose pages a scan then maps
    Engine engine(options);
    REQUIRE_FALSE(file_is_mapped(options.database));
    IndexQuery query;
    query.workflow_id = "berkas";
    query.columns = {"nik"};
    std::size_t visited = 0;
    bool mapped_inside = false;
    engine.scan_index(query, [&](const IndexRow&) {
        ++visited;
        mapped_inside = mapped_inside || file_is_mapped(options.database);
    });
    CHECK(visited == 3);
    CHECK(mapped_inside);
    CHECK_FALSE(file_is_mapped(options.database));

    CHECK_THROWS_WITH(engine.scan_index(query, [](const IndexRow&) { throw std::runtime_error("gagal"); }), "gagal");
    CHECK_FALSE(file_is_mapped(options.database));
    CHECK(scan(engine, {}).size() == 3);  // and the engine reads on
}

TEST_CASE("a scan reads a regency that fills most of the table in table order, a small one by its index",
          "[runtime][index][sqlite]") {
    // The path shows in the order of a scan that asks for none: the index
    // on (regency, state, status) hands the rows over state by state, the
    // table in id order. Either way the same rows come, and with
    // case_order they come by id.
    TempDir dir;
    const auto workflow = dir.write("berkas.yaml", indexed_workflow);
    Engine engine(engine_options(dir, {workflow}, std::make_shared<FixedClock>(at("2025-06-10T09:00:00+07:00"))));
    const Actor officer{"rina", "officer"};
    std::vector<CaseId> large, small;
    auto create = [&](const std::string& regency, int i, bool finish) {
        const CaseId id = engine.create_case("berkas", regency, {{"nik", "62030145019" + std::to_string(10000 + i)}}, officer)
                              .record.id;
        if (finish) engine.fire(id, "setuju", {{"nilai", 80}}, officer);
        return id;
    };
    // Ids 1..2 in 64.71, then twelve in 62.03: the small regency's first
    // case is done (selesai), its second waits (periksa).
    small.push_back(create("64.71", 0, true));
    small.push_back(create("64.71", 1, false));
    for (int i = 0; i < 12; ++i) large.push_back(create("62.03", 2 + i, i % 2 == 0));

    auto ids_of = [&](const std::string& regency, bool case_order, std::optional<std::string> state = {}) {
        IndexQuery query;
        query.regency = regency;
        query.state = std::move(state);
        query.case_order = case_order;
        std::vector<CaseId> ids;
        for (const auto& row : scan(engine, query)) ids.push_back(row.id);
        return ids;
    };
    CHECK(ids_of("62.03", false) == large);  // 12 of 14: the table, in id order, states mixed
    CHECK(ids_of("62.03", true) == large);
    CHECK(ids_of("64.71", false) == std::vector<CaseId>{small[1], small[0]});  // 2 of 14: the index, periksa first
    CHECK(ids_of("64.71", true) == small);
    // One state of the large regency, 6 of 14 ids: still the table's order.
    CHECK(ids_of("62.03", false, "selesai") ==
          std::vector<CaseId>{large[0], large[2], large[4], large[6], large[8], large[10]});

    // Alone in the table, a regency is read in table order at any size.
    TempDir alone_dir;
    const auto alone_workflow = alone_dir.write("berkas.yaml", indexed_workflow);
    Engine alone(engine_options(alone_dir, {alone_workflow}, std::make_shared<FixedClock>(at("2025-06-10T09:00:00+07:00"))));
    const CaseId first = alone.create_case("berkas", "62.03", {{"nik", "6203014501900001"}}, officer).record.id;
    const CaseId second = alone.create_case("berkas", "62.03", {{"nik", "6203014501900002"}}, officer).record.id;
    alone.fire(first, "setuju", {{"nilai", 80}}, officer);
    IndexQuery query;
    query.regency = "62.03";
    query.case_order = false;
    std::vector<CaseId> ids;
    for (const auto& row : scan(alone, query)) ids.push_back(row.id);
    CHECK(ids == std::vector<CaseId>{first, second});  // selesai before periksa: the index would give periksa first
}
