// A decision table (DMN-like, written in YAML): inputs with their values,
// outputs, and rows saying which outputs each combination of inputs gives.
// National defaults live in rules/nasional/keputusan/<id>.yaml; a regency
// overrides or adds tables in its regency.yaml (`decision_tables:`). The
// format, hit policies and load-time checks are in docs/rules.md ("Decision
// tables"); workflows use a table through `decide:` (docs/workflows.md).
//
// A table that loaded has passed every check: each combination of input
// values matches a row (no gaps), and under hit policy `unique` exactly one,
// under `first` every row is the first match of some combination.
#pragma once

#include "tata/diagnostics.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace tata {

// Bounds a regency-edited table must stay within (refused at load).
inline constexpr std::size_t kMaxDecisionInputs = 16;
inline constexpr std::size_t kMaxDecisionInputValues = 200;
inline constexpr std::size_t kMaxDecisionRows = 1'000;
inline constexpr std::size_t kMaxDecisionOutputs = 8;
// Combinations of input values (numeric inputs: one per boundary and per
// stretch between boundaries) the gap and overlap checks walk.
inline constexpr std::size_t kMaxDecisionCombinations = 1'000'000;

// unique: at most one row matches any combination (overlaps are errors);
// first: the first matching row in file order wins.
enum class HitPolicy { unique, first };
std::string to_string(HitPolicy policy);

// One end of a numeric range; `inclusive` says whether the end belongs to it.
struct NumericBound {
    double value = 0;
    bool inclusive = true;
};

// A stretch of the number line: an unset end is unbounded.
struct NumericRange {
    std::optional<NumericBound> low;
    std::optional<NumericBound> high;

    bool contains(double x) const;
    bool unbounded() const { return !low && !high; }
    bool empty() const;  // no number is in it, as in (85..85) or [90..80]
    NumericRange intersect(const NumericRange& other) const;
    // DMN-like text: "= 85", ">= 85", "< 75", "[75..85)", "-".
    std::string to_string() const;
};

struct DecisionInput {
    std::string name;
    std::string label;                          // shown to officers, e.g. "Hasil kerja"
    bool numeric = false;
    std::vector<std::string> values;            // enumerated inputs: the allowed values, in order
    std::map<std::string, std::string> labels;  // value → display label (optional per value)
    std::optional<double> min;                  // numeric inputs: the range a value must be in
    std::optional<double> max;
    SourceLocation where;

    // The display label of `value`, or the value itself when it has none.
    std::string value_label(const std::string& value) const;
    // Index of `value` in `values`, or nullopt.
    std::optional<std::size_t> value_index(const std::string& value) const;
};

struct DecisionOutput {
    std::string name;
    std::string label;                          // e.g. "Predikat kinerja"
    std::vector<std::string> values;            // empty: any number or string
    std::map<std::string, std::string> labels;  // value → display label
    SourceLocation where;

    std::string value_label(const std::string& value) const;
};

// What a row asks of one input: anything, one of some values (enumerated
// inputs; indexes into DecisionInput::values), or a numeric range.
struct DecisionCondition {
    bool any = true;
    std::vector<std::size_t> values;
    NumericRange range;
    SourceLocation where;
};

struct DecisionRow {
    std::vector<DecisionCondition> when;  // one per input, in the table's input order
    std::vector<nlohmann::json> then;     // one per output, in the table's output order
    std::string note;                     // optional, Bahasa Indonesia
    SourceLocation where;
};

// A decision that could not be made: a missing or unknown input value, a
// number out of range, or (in a table built without the load checks) no
// row or more than one. The message is Bahasa Indonesia and names the
// table and the values: officers read it on the incident.
class DecisionError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct DecisionResult {
    std::size_t row = 0;                                // 1-based, in file order
    nlohmann::json inputs = nlohmann::json::object();   // input → the value used
    nlohmann::json outputs = nlohmann::json::object();  // output → its value
    // "Hasil kerja: Sesuai ekspektasi; Perilaku kerja: Di atas ekspektasi →
    // Predikat kinerja: Baik (baris 2)", with the tables' labels.
    std::string explanation;
    std::string note;                                   // the row's note, if any
    // The same values as people read them, with the table's labels: what a
    // page shows instead of the codes ("Baik" for baik).
    nlohmann::json input_labels = nlohmann::json::object();
    nlohmann::json output_labels = nlohmann::json::object();

    // What a workflow's `decide:` writes to data.keputusan.<table id>:
    // {tabel, baris, masukan, hasil, label_masukan, label_hasil,
    // keterangan[, catatan]}.
    nlohmann::json record(const std::string& table_title) const;
};

class DecisionTable {
public:
    std::string id;
    std::string title;
    std::string description;
    HitPolicy hit_policy = HitPolicy::unique;
    std::vector<DecisionInput> inputs;
    std::vector<DecisionOutput> outputs;
    std::vector<DecisionRow> rows;
    SourceLocation where;         // the file (its top mapping)
    SourceLocation inputs_where;  // the `inputs:` key
    SourceLocation rows_where;    // the `rows:` key

    const DecisionInput* find_input(const std::string& name) const;
    const DecisionOutput* find_output(const std::string& name) const;

    // Display labels: the input's or output's label for a value ("Sangat
    // Baik" for output_label("predikat", "sangat_baik")); the value itself
    // when it has none or the name is unknown.
    std::string input_label(const std::string& input, const std::string& value) const;
    std::string output_label(const std::string& output, const std::string& value) const;

    // Whether `row` (0-based) matches the input values (as decide takes them).
    bool row_matches(std::size_t row, const nlohmann::json& inputs) const;

    // The outputs for `inputs`, an object input name → value (a string of
    // the input's values, or a number for numeric inputs). Throws
    // DecisionError when an input is missing or unknown, or no single row
    // applies.
    DecisionResult decide(const nlohmann::json& inputs) const;
};

// A value as officers read it: strings as they are, whole numbers without
// a decimal point ("85", not "85.0").
std::string decision_value_text(const nlohmann::json& value);

}  // namespace tata
