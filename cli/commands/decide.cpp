// tata decide --regency CODE TABLE name=value... [--json]: one decision
// with the table the regency decides TABLE with (its own, else the national
// default), as a workflow's `decide:` makes it (docs/rules.md, "Decision
// tables"). Prints the inputs and outputs with their labels and the row
// that matched; --json prints what a case keeps in data.keputusan.<TABLE>.
// Reads the rules alone: a table is checked without workflows or plugins.
//
// Exit codes: 0 decided, 1 refused (a value the table does not know, an
// input left out, rules that do not load), 2 usage (no --regency or table,
// an unknown regency, table or input, an argument that is not name=value).
#include "commands/commands.hpp"

#include <charconv>
#include <set>

namespace tata::cli {
namespace {

std::shared_ptr<const DefinitionSet> load_rules(const Context& context) {
    DefinitionSources sources = context.sources();
    sources.workflows.clear();
    sources.plugins.clear();
    return load_definitions(sources);
}

template <typename Map>
std::string names_of(const Map& map) {
    std::string out;
    for (const auto& [name, unused] : map) out += (out.empty() ? "" : ", ") + name;
    return out;
}

std::string input_names(const DecisionTable& table) {
    std::string out;
    for (const auto& input : table.inputs) out += (out.empty() ? "" : ", ") + input.name;
    return out;
}

// A numeric input takes a number; anything else stays text, which the
// table then refuses with its own message.
nlohmann::json value_for(const DecisionInput& input, const std::string& text) {
    if (!input.numeric) return text;
    double number = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec == std::errc() && end == text.data() + text.size()) return number;
    return text;
}

// name=value words → the table's inputs.
nlohmann::json inputs_from(const DecisionTable& table, const std::vector<std::string>& words) {
    nlohmann::json inputs = nlohmann::json::object();
    for (const auto& word : words) {
        const auto eq = word.find('=');
        if (eq == std::string::npos || eq == 0)
            throw UsageError("'" + word + "' bukan nama=nilai (misalnya hasil_kerja=sesuai_ekspektasi)");
        const std::string name = word.substr(0, eq);
        const DecisionInput* input = table.find_input(name);
        if (!input)
            throw UsageError("tabel '" + table.id + "' tidak punya masukan '" + name + "' (masukan: " +
                             input_names(table) + ")");
        if (inputs.contains(name)) throw UsageError("masukan '" + name + "' disebut dua kali");
        inputs[name] = value_for(*input, word.substr(eq + 1));
    }
    return inputs;
}

// "Sesuai ekspektasi (sesuai_ekspektasi)", or the value alone when it is its own label.
std::string labelled(const std::string& label, const std::string& value) {
    return label == value ? value : label + " (" + value + ")";
}

void print_text(Context& context, const Regency& regency, const DecisionTable& table, const DecisionResult& result) {
    context.out << table.title << " (" << table.id << ", " << regency.name << ")\n";
    for (const auto& input : table.inputs) {
        const std::string value = decision_value_text(result.inputs[input.name]);
        context.out << "  " << input.label << ": " << labelled(input.value_label(value), value) << "\n";
    }
    for (const auto& output : table.outputs) {
        const std::string value = decision_value_text(result.outputs[output.name]);
        context.out << "→ " << output.label << ": " << labelled(output.value_label(value), value) << "\n";
    }
    context.out << "baris " << result.row << (result.note.empty() ? "" : ": " + result.note) << "\n";
    context.out << "tabel: " << table.where.file << "\n";
}

}  // namespace

int run_decide(Context& context) {
    const auto code = context.args.value("regency");
    if (!code) throw UsageError("--regency CODE wajib diisi (misalnya --regency 62.03)");
    const auto& words = context.args.positionals();
    if (words.empty())
        throw UsageError("sebutkan tabel keputusan: tata decide --regency CODE TABEL nama=nilai...");

    const auto definitions = load_rules(context);
    const Regency* regency = definitions->find_regency(*code);
    if (!regency)
        throw UsageError("kabupaten/kota '" + *code + "' tidak dikenal (tersedia: " + names_of(definitions->regencies) + ")");
    const DecisionTable* table = regency->find_decision_table(words[0]);
    if (!table)
        throw UsageError("tabel keputusan '" + words[0] + "' tidak ada untuk " + regency->name + " (tersedia: " +
                         names_of(regency->decision_tables) + ")");

    const nlohmann::json inputs = inputs_from(*table, std::vector<std::string>(words.begin() + 1, words.end()));
    DecisionResult result;
    try {
        result = table->decide(inputs);
    } catch (const DecisionError& e) {
        context.err << "tata decide: " << e.what() << "\n";
        return 1;
    }
    if (context.json())
        context.out << result.record(table->title).dump(2) << "\n";
    else
        print_text(context, *regency, *table, result);
    return 0;
}

}  // namespace tata::cli
