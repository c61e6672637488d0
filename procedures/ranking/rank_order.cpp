#include "ranking/rank_order.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <thread>

namespace tata::ranking {
namespace {

constexpr std::uint64_t kNull = std::numeric_limits<std::uint64_t>::max();
// Below this a second thread costs more than it saves.
constexpr std::size_t kRowsToSortInHalves = 100'000;

// A double as a word that compares like the double; -0 is 0.
std::uint64_t ordered(double value) {
    if (value == 0) value = 0;
    const auto bits = std::bit_cast<std::uint64_t>(value);
    return bits >> 63 ? ~bits : bits | (std::uint64_t{1} << 63);
}

// The words of one tie-break, by row: numbers by value when the column holds
// nothing else; otherwise every value by its text (numbers as JSON would
// print them), as the position of that text among the column's distinct
// texts. Nulls are kNull; a descending order inverts the others.
std::vector<std::uint64_t> tie_words(const WorkerTable& table, std::size_t c, bool descending) {
    const std::size_t rows = table.size();
    std::vector<std::uint64_t> words(rows, kNull);
    bool numeric = true;
    for (std::size_t r = 0; r < rows && numeric; ++r)
        numeric = table.value(r, c).kind != FieldKind::text;
    if (numeric) {
        for (std::size_t r = 0; r < rows; ++r) {
            const FieldValue v = table.value(r, c);
            if (v.is_numeric() && !std::isnan(v.as_double())) words[r] = ordered(v.as_double());
        }
    } else if (const auto& distinct = table.distinct_texts(c); !distinct.empty() && [&] {
                   for (std::size_t r = 0; r < rows; ++r)
                       if (table.value(r, c).is_numeric()) return false;
                   return true;
               }()) {
        // Text only, interned: order the distinct values once.
        std::vector<std::uint32_t> by_text(distinct.size());
        std::iota(by_text.begin(), by_text.end(), 0);
        std::sort(by_text.begin(), by_text.end(), [&](auto a, auto b) { return distinct[a] < distinct[b]; });
        std::vector<std::uint64_t> position(distinct.size());
        for (std::size_t i = 0; i < by_text.size(); ++i) position[by_text[i]] = i;
        for (std::size_t r = 0; r < rows; ++r)
            if (const auto id = table.text_id(r, c)) words[r] = position[id - 1];
    } else {
        std::vector<std::string> texts(rows);
        std::vector<std::uint32_t> present;
        for (std::size_t r = 0; r < rows; ++r) {
            const FieldValue v = table.value(r, c);
            if (v.is_null()) continue;
            texts[r] = v.kind == FieldKind::text ? std::string(v.text)
                       : v.kind == FieldKind::integer ? nlohmann::json(v.integer).dump()
                                                      : nlohmann::json(v.number).dump();
            present.push_back(static_cast<std::uint32_t>(r));
        }
        std::sort(present.begin(), present.end(), [&](auto a, auto b) { return texts[a] < texts[b]; });
        std::uint64_t position = 0;
        for (std::size_t i = 0; i < present.size(); ++i) {
            if (i > 0 && texts[present[i]] != texts[present[i - 1]]) ++position;
            words[present[i]] = position;
        }
    }
    if (descending)
        for (auto& w : words)
            if (w != kNull) w = ~w;
    return words;
}

// NIK ascending as text: its first 16 bytes as two big-endian words, which
// is exact when no NIK is longer (a NIK has 16 digits); otherwise by text.
std::vector<std::array<std::uint64_t, 2>> nik_words(const WorkerTable& table) {
    const std::size_t rows = table.size();
    std::vector<std::array<std::uint64_t, 2>> words(rows, {0, 0});
    bool fits = true;
    for (std::size_t r = 0; r < rows && fits; ++r) fits = table.value(r, column::nik).text.size() <= 16;
    if (!fits) {
        const auto ranks = tie_words(table, column::nik, false);
        for (std::size_t r = 0; r < rows; ++r) words[r] = {ranks[r] == kNull ? 0 : ranks[r] + 1, 0};
        return words;
    }
    for (std::size_t r = 0; r < rows; ++r) {
        const std::string_view nik = table.value(r, column::nik).text;
        for (std::size_t i = 0; i < nik.size(); ++i)
            words[r][i / 8] |= std::uint64_t{static_cast<unsigned char>(nik[i])} << (8 * (7 - i % 8));
    }
    return words;
}

// The keys are filled criterion by criterion, straight into place: one
// array of W + 1 words per worker is all the memory the sort needs.
template <std::size_t W>
std::vector<std::uint32_t> sort_keys(const WorkerTable& table, const std::vector<Group>& groups,
                                     const std::vector<double>& points, const std::vector<std::pair<std::size_t, bool>>& ties) {
    struct Key {
        std::array<std::uint64_t, W> words;
        std::uint32_t row;
    };
    const std::size_t rows = table.size();
    std::vector<Key> keys(rows);
    for (std::size_t r = 0; r < rows; ++r) {
        keys[r].row = static_cast<std::uint32_t>(r);
        keys[r].words[0] = static_cast<std::uint64_t>(groups[r]);
        keys[r].words[1] = ~ordered(points[r]);  // descending
    }
    std::size_t w = 2;
    for (const auto& [column, descending] : ties) {
        const auto words = tie_words(table, column, descending);
        for (std::size_t r = 0; r < rows; ++r) keys[r].words[w] = words[r];
        ++w;
    }
    const auto nik = nik_words(table);
    for (std::size_t r = 0; r < rows; ++r) {
        keys[r].words[W - 2] = nik[r][0];
        keys[r].words[W - 1] = nik[r][1];
    }
    const auto less = [](const Key& a, const Key& b) {
        for (std::size_t i = 0; i < W; ++i)  // one pass; most pairs differ in the first words
            if (a.words[i] != b.words[i]) return a.words[i] < b.words[i];
        return a.row < b.row;
    };
    std::vector<std::uint32_t> order(rows);
    if (rows < kRowsToSortInHalves) {
        std::sort(keys.begin(), keys.end(), less);
        for (std::size_t r = 0; r < rows; ++r) order[r] = keys[r].row;
        return order;
    }
    // Each half sorted on its own core, then merged straight into the order.
    // The keys are all distinct (the row decides last), so the result is the
    // one a single sort gives.
    const auto middle = keys.begin() + static_cast<std::ptrdiff_t>(rows / 2);
    std::thread second_half([&] { std::sort(middle, keys.end(), less); });
    std::sort(keys.begin(), middle, less);
    second_half.join();
    auto a = keys.begin();
    auto b = middle;
    for (auto& row : order) row = b == keys.end() || (a != middle && less(*a, *b)) ? (a++)->row : (b++)->row;
    return order;
}

template <std::size_t... T>
std::vector<std::uint32_t> dispatch(const WorkerTable& table, const std::vector<Group>& groups,
                                    const std::vector<double>& points,
                                    const std::vector<std::pair<std::size_t, bool>>& ties, std::index_sequence<T...>) {
    std::vector<std::uint32_t> order;
    const bool done = ((ties.size() == T ? (order = sort_keys<T + 4>(table, groups, points, ties), true) : false) || ...);
    if (!done) throw std::invalid_argument("too many tie-breaks");
    return order;
}

}  // namespace

std::vector<std::uint32_t> rank_order(const WorkerTable& table, const std::vector<Group>& groups,
                                      const std::vector<double>& points, const std::vector<TieBreak>& tie_breaks) {
    if (table.size() > std::numeric_limits<std::uint32_t>::max()) throw std::length_error("too many workers to rank");
    // One word per criterion: group and points together would not fit one.
    std::vector<std::pair<std::size_t, bool>> ties;
    const auto& names = worker_columns();
    for (const auto& tie : tie_breaks) {
        const auto at = std::find(names.begin(), names.end(), tie.field);
        if (at == names.end()) continue;  // not a column: null for everyone, so it never decides
        ties.emplace_back(static_cast<std::size_t>(at - names.begin()), tie.descending);
    }
    return dispatch(table, groups, points, ties, std::make_index_sequence<Scorecard::most_tie_breaks + 1>());
}

}  // namespace tata::ranking
