// The ranking's table of workers: every value comes back as it went in,
// whatever its kind, and the unique texts (nik, nama) survive the arena's
// block boundaries, a text longer than a block, and the empty text.
#include "ranking/worker_table.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

using namespace tata;
using namespace tata::ranking;

namespace {

// A worker whose values depend on its number: names of growing length, so
// that the arena's 1 MiB blocks fill and overflow at varied offsets.
WorkerValues worker(std::size_t n, std::vector<std::string>& texts) {
    texts.push_back("62030145019" + std::to_string(10000 + n));
    texts.push_back(std::string(1 + n % 700, static_cast<char>('a' + n % 26)));
    WorkerValues values{};
    values[column::nik] = FieldValue::of_text(texts[texts.size() - 2]);
    values[column::nama] = FieldValue::of_text(texts.back());
    values[column::opd] = FieldValue::of_text(n % 3 == 0 ? "Dinas Pendidikan" : "Dinas Kesehatan");
    // Integers in and beyond 32 bits; whole and fractional numbers.
    values[column::honor_bulanan] = FieldValue::of_integer(
        n % 2 == 0 ? static_cast<std::int64_t>(n) * 1000 : static_cast<std::int64_t>(n) * 1000 - 5'000'000'000);
    values[column::nilai_kinerja] = FieldValue::of_number(static_cast<double>(n % 40) + (n % 3 == 0 ? 0.25 : 60.0));
    // masa_kerja_tahun stays null
    return values;
}

bool same(const FieldValue& a, const FieldValue& b) {
    if (a.kind != b.kind) return false;
    switch (a.kind) {
        case FieldKind::text: return a.text == b.text;
        case FieldKind::integer: return a.integer == b.integer;
        case FieldKind::number: return a.number == b.number && std::signbit(a.number) == std::signbit(b.number);
        case FieldKind::null: return true;
    }
    return false;
}

}  // namespace

TEST_CASE("the worker table gives back every value it was given", "[ranking][table]") {
    constexpr std::size_t rows = 9'000;  // about 3 MiB of names: the arena takes four blocks
    std::vector<std::string> texts;
    texts.reserve(2 * rows + 4);
    std::vector<WorkerValues> given;
    WorkerTable table;
    for (std::size_t n = 0; n < rows; ++n) {
        given.push_back(worker(n, texts));
        table.append(given.back());
    }
    // A name longer than a block, then an empty one, then a short one after it.
    texts.push_back(std::string((std::size_t{1} << 20) + 17, 'x'));
    WorkerValues huge{};
    huge[column::nama] = FieldValue::of_text(texts.back());
    huge[column::nik] = FieldValue::of_text("");
    given.push_back(huge);
    table.append(huge);
    WorkerValues after{};
    after[column::nama] = FieldValue::of_text("Siti");
    given.push_back(after);
    table.append(after);
    // The edges of the 4 bytes a value is kept in.
    WorkerValues edges{};
    edges[column::honor_bulanan] = FieldValue::of_integer(std::numeric_limits<std::int32_t>::min());
    edges[column::masa_kerja_tahun] = FieldValue::of_integer(std::int64_t{std::numeric_limits<std::int32_t>::max()} + 1);
    edges[column::nilai_kinerja] = FieldValue::of_number(-0.0);
    edges[column::predikat_kinerja_tahun] = FieldValue::of_number(2147483647.0);
    edges[column::lulus_ppg] = FieldValue::of_number(2147483648.0);
    given.push_back(edges);
    table.append(edges);

    REQUIRE(table.size() == given.size());
    for (std::size_t row = 0; row < given.size(); ++row) {
        WorkerValues read{};
        table.read(row, read);
        for (std::size_t c = 0; c < column::count; ++c) {
            INFO("row " << row << ", column " << worker_columns()[c]);
            CHECK(same(read[c], given[row][c]));
        }
    }
    // Repeated text is one dictionary entry, numbered in order of arrival.
    CHECK(table.distinct_texts(column::opd).size() == 2);
    CHECK(table.text_id(0, column::opd) == 1);
    CHECK(table.text_id(1, column::opd) == 2);
    CHECK(table.text_id(0, column::nik) == 0);  // not a dictionary column
    CHECK(table.to_json(1)["nama"] == std::string(2, 'b'));
}
