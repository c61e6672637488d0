#include "letters/letter_templates.hpp"

#include "identity/user.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <regex>
#include <set>

namespace tata::server::letters {
namespace {

class LetterReader : public YamlReader {
public:
    using YamlReader::YamlReader;

    std::optional<LetterTemplate> read(const YAML::Node& node) {
        LetterTemplate letter;
        letter.line = node.Mark().line + 1;
        letter.column = node.Mark().column + 1;
        if (!node.IsMap()) {
            fail(node, "a letter is a mapping (id, title, workflow, heading, paragraphs, signature, ...)");
            return std::nullopt;
        }
        const std::size_t before = problem_count();
        only_keys(node,
                  {"id", "title", "workflow", "states", "roles", "heading", "number", "paragraphs", "fields", "closing",
                   "signature"},
                  "a letter has id, title, workflow, states, roles, heading, number, paragraphs, fields, closing, "
                  "signature");
        static const std::regex code("[a-z][a-z0-9_]{0,63}");
        letter.id = scalar(node, "id", true);
        if (node["id"] && !letter.id.empty() && !std::regex_match(letter.id, code))
            fail(node["id"], "`id` must be a code: lower-case letters, digits and '_', at most 64");
        letter.title = scalar(node, "title", true);
        if (letter.title.size() > kMaxLineBytes) fail(node["title"], "`title` is at most " + std::to_string(kMaxLineBytes) + " bytes");
        letter.workflow = scalar(node, "workflow", true);
        letter.states = list(node, "states", 50);
        letter.roles = list(node, "roles", 10);
        if (!node["roles"]) fail(node, "missing `roles`: who may print the letter");
        const auto& known_roles = user_roles();
        for (std::size_t i = 0; i < letter.roles.size(); ++i)
            if (std::find(known_roles.begin(), known_roles.end(), letter.roles[i]) == known_roles.end())
                fail(node["roles"][i], "`" + letter.roles[i].substr(0, 40) +
                                           "` is not a role (admin, officer, opd_head, supervisor, bkad, vendor, worker)");
        letter.heading = line_text(node, "heading", true);
        if (node["number"]) letter.number = line_text(node, "number", true);
        letter.paragraphs = paragraphs(node, "paragraphs", true);
        letter.fields = list(node, "fields", kMaxLetterFields);
        letter.closing = paragraphs(node, "closing", false);
        if (const YAML::Node signature = node["signature"]; !signature || !signature.IsMap()) {
            fail(signature ? signature : node, "`signature` is a mapping with place_date, position and name");
        } else {
            only_keys(signature, {"place_date", "position", "name"}, "a signature has place_date, position and name");
            letter.place_date = line_text(signature, "place_date", true);
            letter.position = line_text(signature, "position", true);
            letter.signer = line_text(signature, "name", true);
        }
        if (problem_count() != before) return std::nullopt;
        return letter;
    }

    // A text of one line; its placeholders are checked against the workflow later.
    MessageTemplate line_text(const YAML::Node& node, const char* key, bool required) {
        const std::string value = scalar(node, key, required);
        if (value.empty()) return {};
        if (value.size() > kMaxLineBytes || value.find_first_of("\r\n") != std::string::npos) {
            fail(node[key], std::string("`") + key + "` is one line of at most " + std::to_string(kMaxLineBytes) + " bytes");
            return {};
        }
        return compile(node[key], key, value);
    }

    std::vector<MessageTemplate> paragraphs(const YAML::Node& node, const char* key, bool required) {
        std::vector<MessageTemplate> out;
        const YAML::Node value = node[key];
        if (!value) {
            if (required) fail(node, std::string("missing `") + key + "`: the letter's paragraphs");
            return out;
        }
        if (!value.IsSequence() || value.size() > kMaxParagraphs) {
            fail(value, std::string("`") + key + "` is a list of at most " + std::to_string(kMaxParagraphs) + " paragraphs");
            return out;
        }
        for (const auto& item : value) {
            if (!item.IsScalar() || item.Scalar().empty() || item.Scalar().size() > kMaxParagraphBytes) {
                fail(item, "a paragraph is a text of at most " + std::to_string(kMaxParagraphBytes) + " bytes");
                continue;
            }
            out.push_back(compile(item, key, item.Scalar()));
        }
        return out;
    }

private:
    MessageTemplate compile(const YAML::Node& at, const char* key, const std::string& value) {
        std::string problem;
        auto parsed = MessageTemplate::parse(value, problem, {});
        if (!parsed) {
            fail(at, std::string("`") + key + "` " + problem);
            return {};
        }
        return std::move(*parsed);
    }
};

// The fields the core plugin's bookkeeping actions write: core.set's keys,
// core.stamp's `field`.
void add_written_fields(std::set<std::string>& fields, const std::vector<ActionCall>& actions) {
    for (const auto& action : actions) {
        if (!action.args.is_object()) continue;
        if (action.name == "core.set")
            for (const auto& [key, value] : action.args.items()) fields.insert(key);
        if (action.name == "core.stamp" && action.args.contains("field") && action.args["field"].is_string())
            fields.insert(action.args["field"].get<std::string>());
    }
}

// The data fields a workflow's cases may hold, over every loaded version.
std::set<std::string> workflow_fields(const DefinitionSet& definitions, const std::string& id, std::set<std::string>& states,
                                      bool& found) {
    std::set<std::string> fields;
    found = false;
    for (const auto& [key, workflow] : definitions.workflows) {
        if (key.first != id) continue;
        found = true;
        for (const auto& [name, words] : workflow->labels.fields) fields.insert(name);
        for (const auto& [name, words] : workflow->labels.values) fields.insert(name);
        for (const auto& name : workflow->search) fields.insert(name);
        for (const auto& index : workflow->index) fields.insert(index.name);
        for (const auto& state : workflow->states) {
            states.insert(state.name);
            add_written_fields(fields, state.on_enter);
            add_written_fields(fields, state.actions);
            for (const auto& field : state.form) fields.insert(field.name);
            for (const auto& outcome : state.outcomes)
                for (const auto& field : outcome.form) fields.insert(field.name);
        }
    }
    return fields;
}

}  // namespace

const std::vector<std::string>& letter_placeholders() {
    static const std::vector<std::string> names = {"nomor", "kabupaten", "tanggal", "tahap"};
    return names;
}

const LetterTemplate* RegencyLetters::find(const std::string& id) const {
    for (const auto& letter : letters)
        if (letter.id == id) return &letter;
    return nullptr;
}

RegencyLetters parse_letters(const std::string& text, const std::string& file_name) {
    std::vector<std::string> problems;
    const YAML::Node root = load_regency_file(text, file_name, "letters");
    LetterReader reader(file_name, problems);
    reader.only_keys(root, {"kop", "letters"}, "the file holds `kop:` and `letters:`");
    RegencyLetters out{file_name, {}, {}};
    out.letterhead = reader.list(root, "kop", kMaxLetterheadLines);
    for (std::size_t i = 0; i < out.letterhead.size(); ++i)
        if (out.letterhead[i].size() > 100) reader.fail(root["kop"][i], "a letterhead line is at most 100 bytes");
    const YAML::Node list = root["letters"];
    if (list.size() > kMaxLetters)
        throw LettersError({yaml_place(file_name, list.Mark()) + "at most " + std::to_string(kMaxLetters) + " letters"});
    std::set<std::string> ids;
    for (const auto& node : list) {
        auto letter = reader.read(node);
        if (!letter) continue;
        if (!ids.insert(letter->id).second) {
            problems.push_back(yaml_place(file_name, node["id"].Mark()) + "the id `" + letter->id + "` is used twice");
            continue;
        }
        out.letters.push_back(std::move(*letter));
    }
    if (!problems.empty()) throw LettersError(std::move(problems));
    return out;
}

std::vector<std::string> check_letters(const RegencyLetters& letters, const DefinitionSet& definitions) {
    std::vector<std::string> problems;
    const auto& fixed = letter_placeholders();
    for (const auto& letter : letters.letters) {
        const std::string where = yaml_place(letters.file, letter.line, letter.column) + "letter `" + letter.id + "`: ";
        std::set<std::string> states;
        bool found = false;
        const auto fields = workflow_fields(definitions, letter.workflow, states, found);
        if (!found) {
            problems.push_back(where + "no workflow `" + letter.workflow + "` is loaded");
            continue;
        }
        for (const auto& state : letter.states)
            if (!states.count(state)) problems.push_back(where + "workflow `" + letter.workflow + "` has no stage `" + state + "`");
        for (const auto& field : letter.fields)
            if (!fields.count(field))
                problems.push_back(where + "`fields` names `" + field + "`, which workflow `" + letter.workflow +
                                   "` never stores");
        std::vector<const MessageTemplate*> texts = {&letter.heading, &letter.place_date, &letter.position, &letter.signer};
        if (letter.number) texts.push_back(&*letter.number);
        for (const auto& p : letter.paragraphs) texts.push_back(&p);
        for (const auto& p : letter.closing) texts.push_back(&p);
        std::set<std::string> reported;
        for (const auto* text : texts)
            for (const auto& name : text->placeholders())
                if (std::find(fixed.begin(), fixed.end(), name) == fixed.end() && !fields.count(name) &&
                    reported.insert(name).second)
                    problems.push_back(where + "{" + name + "} is neither {nomor}, {kabupaten}, {tanggal}, {tahap} nor a "
                                       "field workflow `" + letter.workflow + "` stores");
    }
    return problems;
}

std::shared_ptr<const LettersByRegency> load_letters(const DefinitionSet& definitions, std::vector<std::string>& errors) {
    auto out = std::make_shared<LettersByRegency>();
    for_each_regency_file(definitions, "letters.yaml", errors,
                          [&](const std::string& code, const std::string& file, const std::string& text) {
                              auto letters = parse_letters(text, file);
                              auto problems = check_letters(letters, definitions);
                              if (problems.empty()) out->emplace(code, std::move(letters));
                              errors.insert(errors.end(), problems.begin(), problems.end());
                          });
    return out;
}

}  // namespace tata::server::letters
