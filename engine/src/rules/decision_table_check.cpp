#include "rules/decision_table_check.hpp"

#include <algorithm>
#include <cstdint>

namespace tata {
namespace {

constexpr std::size_t kGapExamples = 5;
// A table whose rows all overlap has half a million pairs: name the first
// ones, count the rest.
constexpr std::size_t kOverlapReports = 20;

// A representative value of one input (see the header).
struct Point {
    enum class Kind { value, exact, between, below, above, anything };
    Kind kind = Kind::anything;
    std::size_t value = 0;  // value: index into the input's values
    double a = 0;           // exact: a; between: (a, b); below: < a; above: > a
    double b = 0;
};

std::string number(double x) { return decision_value_text(nlohmann::json(x)); }

std::string describe(const DecisionInput& input, const Point& point) {
    switch (point.kind) {
        case Point::Kind::value: return input.name + " = " + input.values[point.value];
        case Point::Kind::exact: return input.name + " = " + number(point.a);
        case Point::Kind::between: return input.name + " in (" + number(point.a) + ".." + number(point.b) + ")";
        case Point::Kind::below: return input.name + " < " + number(point.a);
        case Point::Kind::above: return input.name + " > " + number(point.a);
        case Point::Kind::anything: break;
    }
    return input.name + " is any number";
}

std::string describe(const DecisionInput& input, const NumericRange& range) {
    if (range.unbounded()) return input.name + " is any number";
    const std::string text = range.to_string();
    return input.name + (text[0] == '[' || text[0] == '(' ? " in " : " ") + text;
}

NumericRange domain_of(const DecisionInput& input) {
    NumericRange domain;
    if (input.min) domain.low = NumericBound{*input.min, true};
    if (input.max) domain.high = NumericBound{*input.max, true};
    return domain;
}

// Whether a numeric condition holds on the whole of `point`. Its ends are
// among the boundaries the points were made from, so it holds on all of a
// stretch between two boundaries or on none of it.
bool range_holds(const NumericRange& range, const Point& point) {
    switch (point.kind) {
        case Point::Kind::exact: return range.contains(point.a);
        case Point::Kind::between:
            return (!range.low || range.low->value <= point.a) && (!range.high || range.high->value >= point.b);
        case Point::Kind::below: return !range.low;
        case Point::Kind::above: return !range.high;
        case Point::Kind::anything: return range.unbounded();
        case Point::Kind::value: break;
    }
    return false;
}

bool condition_holds(const DecisionCondition& condition, const Point& point) {
    if (condition.any) return true;
    if (point.kind == Point::Kind::value)
        return std::binary_search(condition.values.begin(), condition.values.end(), point.value);
    return range_holds(condition.range, point);
}

std::vector<Point> points_of(const DecisionTable& table, std::size_t input_index) {
    const DecisionInput& input = table.inputs[input_index];
    std::vector<Point> points;
    if (!input.numeric) {
        for (std::size_t v = 0; v < input.values.size(); ++v) points.push_back({Point::Kind::value, v, 0, 0});
        return points;
    }
    std::vector<double> bounds;
    if (input.min) bounds.push_back(*input.min);
    if (input.max) bounds.push_back(*input.max);
    for (const auto& row : table.rows) {
        const DecisionCondition& condition = row.when[input_index];
        if (condition.any) continue;
        if (condition.range.low) bounds.push_back(condition.range.low->value);
        if (condition.range.high) bounds.push_back(condition.range.high->value);
    }
    std::sort(bounds.begin(), bounds.end());
    bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
    if (bounds.empty()) return {Point{}};
    if (!input.min) points.push_back({Point::Kind::below, 0, bounds.front(), 0});
    for (std::size_t k = 0; k < bounds.size(); ++k) {
        points.push_back({Point::Kind::exact, 0, bounds[k], 0});
        if (k + 1 < bounds.size()) points.push_back({Point::Kind::between, 0, bounds[k], bounds[k + 1]});
    }
    if (!input.max) points.push_back({Point::Kind::above, 0, bounds.back(), 0});
    return points;
}

// Sets of rows as bits, one word per 64 rows.
using RowSet = std::vector<std::uint64_t>;

// Walks every combination of representative points, depth first, carrying
// the rows that match the inputs chosen so far: a combination costs a few
// word ANDs, and a prefix no row matches is counted without walking on.
class CombinationWalk {
public:
    CombinationWalk(const DecisionTable& table, std::vector<std::vector<Point>> points)
        : table_(table), points_(std::move(points)), words_((table.rows.size() + 63) / 64) {
        const std::size_t n = points_.size();
        suffix_.assign(n + 1, 1);
        for (std::size_t i = n; i-- > 0;) suffix_[i] = suffix_[i + 1] * points_[i].size();
        for (std::size_t i = 0; i < n; ++i) {
            matching_.emplace_back();
            for (const Point& point : points_[i]) {
                RowSet rows(words_, 0);
                for (std::size_t r = 0; r < table.rows.size(); ++r)
                    if (condition_holds(table.rows[r].when[i], point)) rows[r / 64] |= std::uint64_t{1} << (r % 64);
                matching_.back().push_back(std::move(rows));
            }
        }
        scratch_.assign(n, RowSet(words_, 0));
        chosen_.assign(n, 0);
        reached_.assign(table.rows.size(), false);
    }

    void run() {
        RowSet all(words_, 0);
        for (std::size_t r = 0; r < table_.rows.size(); ++r) all[r / 64] |= std::uint64_t{1} << (r % 64);
        walk(0, all);
    }

    std::size_t gaps() const { return gaps_; }
    const std::vector<std::vector<std::size_t>>& gap_examples() const { return gap_examples_; }
    // Whether the row is the first match of some combination.
    bool reached(std::size_t row) const { return reached_[row]; }

    std::string describe_combination(const std::vector<std::size_t>& chosen) const {
        std::string out;
        for (std::size_t i = 0; i < chosen.size(); ++i)
            out += (out.empty() ? "" : ", ") + describe(table_.inputs[i], points_[i][chosen[i]]);
        return out;
    }

private:
    void walk(std::size_t depth, const RowSet& rows) {
        if (depth == points_.size()) {
            leaf(rows);
            return;
        }
        RowSet& next = scratch_[depth];
        for (std::size_t p = 0; p < points_[depth].size(); ++p) {
            std::uint64_t any = 0;
            const RowSet& here = matching_[depth][p];
            for (std::size_t w = 0; w < words_; ++w) any |= next[w] = rows[w] & here[w];
            chosen_[depth] = p;
            if (any == 0 && gap_examples_.size() >= kGapExamples) {
                gaps_ += suffix_[depth + 1];
                continue;
            }
            walk(depth + 1, next);
        }
    }

    void leaf(const RowSet& rows) {
        for (std::size_t w = 0; w < words_; ++w) {
            if (rows[w] == 0) continue;
            reached_[w * 64 + static_cast<std::size_t>(__builtin_ctzll(rows[w]))] = true;
            return;
        }
        ++gaps_;
        if (gap_examples_.size() < kGapExamples) gap_examples_.push_back(chosen_);
    }

    const DecisionTable& table_;
    std::vector<std::vector<Point>> points_;
    std::size_t words_;
    std::vector<std::size_t> suffix_;               // combinations of inputs i.. on
    std::vector<std::vector<RowSet>> matching_;     // [input][point]: rows whose condition holds
    std::vector<RowSet> scratch_;                   // [depth]: rows matching the prefix
    std::vector<std::size_t> chosen_;               // [input]: the point of the current combination
    std::vector<bool> reached_;
    std::size_t gaps_ = 0;
    std::vector<std::vector<std::size_t>> gap_examples_;
};

// The smallest value in both sorted lists: one merge pass.
std::optional<std::size_t> first_common(const std::vector<std::size_t>& x, const std::vector<std::size_t>& y) {
    for (auto i = x.begin(), j = y.begin(); i != x.end() && j != y.end();) {
        if (*i == *j) return *i;
        if (*i < *j) ++i;
        else ++j;
    }
    return std::nullopt;
}

// A combination both rows match, described, or nullopt when none. The
// strings are built only for a pair that overlaps: a thousand rows make
// half a million pairs.
std::optional<std::string> shared_combination(const DecisionTable& table, const DecisionRow& a, const DecisionRow& b) {
    std::vector<std::size_t> values(table.inputs.size(), 0);  // enumerated: a value both allow
    std::vector<NumericRange> ranges(table.inputs.size());     // numeric: the numbers both allow
    for (std::size_t i = 0; i < table.inputs.size(); ++i) {
        const DecisionInput& input = table.inputs[i];
        const DecisionCondition& x = a.when[i];
        const DecisionCondition& y = b.when[i];
        if (input.numeric) {
            ranges[i] = domain_of(input);
            if (!x.any) ranges[i] = ranges[i].intersect(x.range);
            if (!y.any) ranges[i] = ranges[i].intersect(y.range);
            if (ranges[i].empty()) return std::nullopt;
        } else if (x.any != y.any) {
            values[i] = (x.any ? y : x).values.front();
        } else if (!x.any) {
            const auto common = first_common(x.values, y.values);
            if (!common) return std::nullopt;
            values[i] = *common;
        }
    }
    std::string out;
    for (std::size_t i = 0; i < table.inputs.size(); ++i) {
        const DecisionInput& input = table.inputs[i];
        out += (out.empty() ? "" : ", ") +
               (input.numeric ? describe(input, ranges[i]) : input.name + " = " + input.values[values[i]]);
    }
    return out;
}

void check_overlaps(const DecisionTable& table, std::vector<Diagnostic>& errors) {
    std::size_t overlaps = 0;
    for (std::size_t later = 1; later < table.rows.size(); ++later) {
        for (std::size_t earlier = 0; earlier < later; ++earlier) {
            const auto shared = shared_combination(table, table.rows[earlier], table.rows[later]);
            if (!shared) continue;
            if (++overlaps > kOverlapReports) continue;
            errors.push_back({table.rows[later].where,
                              "rows " + std::to_string(earlier + 1) + " and " + std::to_string(later + 1) +
                                  " both match " + *shared + " (hit policy unique allows one row per combination)"});
        }
    }
    if (overlaps > kOverlapReports)
        errors.push_back({table.rows_where, "and " + std::to_string(overlaps - kOverlapReports) +
                                                " more pairs of rows match the same combination"});
}

}  // namespace

void check_decision_table(const DecisionTable& table, std::vector<Diagnostic>& errors) {
    if (table.rows.empty()) return;
    std::vector<std::vector<Point>> points;
    std::size_t combinations = 1;
    for (std::size_t i = 0; i < table.inputs.size(); ++i) {
        points.push_back(points_of(table, i));
        combinations = std::min(combinations * points.back().size(), kMaxDecisionCombinations + 1);
    }
    if (combinations > kMaxDecisionCombinations) {
        errors.push_back({table.inputs_where,
                          "the table is too large to check: its inputs make more than " +
                              std::to_string(kMaxDecisionCombinations) +
                              " combinations of values (each value, and for a numeric input each boundary its rows "
                              "use and each stretch between two)"});
        return;
    }

    CombinationWalk walk(table, std::move(points));
    walk.run();
    for (const auto& gap : walk.gap_examples())
        errors.push_back({table.rows_where, "no row matches " + walk.describe_combination(gap)});
    if (walk.gaps() > walk.gap_examples().size())
        errors.push_back({table.rows_where, "and " + std::to_string(walk.gaps() - walk.gap_examples().size()) +
                                                " more combinations match no row"});

    if (table.hit_policy == HitPolicy::unique) {
        check_overlaps(table, errors);
        return;
    }
    for (std::size_t row = 0; row < table.rows.size(); ++row) {
        if (!walk.reached(row))
            errors.push_back({table.rows[row].where,
                              "row " + std::to_string(row + 1) +
                                  " can never be chosen: the rows before it match every combination it matches "
                                  "(hit policy first)"});
    }
}

}  // namespace tata
