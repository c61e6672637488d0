#include "app/yaml_reader.hpp"

#include <tata/yaml_limits.hpp>

#include <fstream>
#include <sstream>

namespace tata::server {

std::string yaml_place(const std::string& file, const YAML::Mark& mark) {
    return file + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1) + ": error: ";
}

std::string yaml_place(const std::string& file, int line, int column) {
    return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": error: ";
}

RegencyFileError::RegencyFileError(std::vector<std::string> problems)
    : std::runtime_error(problems.empty() ? std::string("invalid file") : problems.front()),
      problems_(std::move(problems)) {}

YAML::Node load_regency_file(const std::string& text, const std::string& file, const std::string& key) {
    if (text.size() > kMaxDefinitionFileBytes)
        throw RegencyFileError({yaml_place(file, 1, 1) + "the file is larger than " +
                                std::to_string(kMaxDefinitionFileBytes >> 20) + " MiB"});
    if (const auto refused = check_yaml_limits(text))
        throw RegencyFileError({yaml_place(file, refused->line, refused->column) + refused->message});
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::ParserException& e) {
        throw RegencyFileError({yaml_place(file, e.mark) + e.msg});
    }
    const YAML::Node list = root.IsMap() ? root[key] : YAML::Node();
    if (!list || !list.IsSequence())
        throw RegencyFileError({yaml_place(file, list ? list.Mark() : root.Mark()) + "expected `" + key + ":` with a list"});
    return root;
}

void for_each_regency_file(const DefinitionSet& definitions, const std::string& name, std::vector<std::string>& errors,
                           const std::function<void(const std::string& code, const std::string& path,
                                                    const std::string& text)>& read) {
    namespace fs = std::filesystem;
    for (const auto& [code, regency] : definitions.regencies) {
        if (regency.where.file.empty()) continue;
        const fs::path file = fs::path(regency.where.file).parent_path() / name;
        std::error_code ec;
        if (!fs::is_regular_file(file, ec)) continue;
        std::ifstream in(file, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (!in) {
            errors.push_back(file.string() + ": error: cannot read the file");
            continue;
        }
        try {
            read(code, file.string(), text.str());
        } catch (const RegencyFileError& e) {
            errors.insert(errors.end(), e.problems().begin(), e.problems().end());
        }
    }
}

void YamlReader::fail(const YAML::Node& at, const std::string& message) {
    problems_.push_back(yaml_place(file_, at.Mark()) + message);
}

void YamlReader::only_keys(const YAML::Node& node, const std::set<std::string>& keys, const std::string& what) {
    for (const auto& entry : node) {
        const auto key = entry.first.Scalar();
        if (!keys.count(key)) fail(entry.first, "unknown key `" + key.substr(0, 60) + "` (" + what + ")");
    }
}

std::string YamlReader::scalar(const YAML::Node& node, const char* key, bool required) {
    const YAML::Node value = node[key];
    if (!value) {
        if (required) fail(node, std::string("missing `") + key + "`");
        return {};
    }
    if (!value.IsScalar() || value.Scalar().empty()) {
        fail(value, std::string("`") + key + "` must be a non-empty text");
        return {};
    }
    return value.Scalar();
}

std::vector<std::string> YamlReader::list(const YAML::Node& node, const char* key, std::size_t max) {
    const YAML::Node value = node[key];
    std::vector<std::string> out;
    if (!value) return out;
    if (!value.IsSequence()) {
        fail(value, std::string("`") + key + "` must be a list");
        return out;
    }
    if (value.size() > max) {
        fail(value, std::string("`") + key + "` lists at most " + std::to_string(max));
        return out;
    }
    for (const auto& item : value) {
        if (!item.IsScalar() || item.Scalar().empty() || item.Scalar().size() > 100) {
            fail(item, std::string("each of `") + key + "` is a name of at most 100 characters");
            continue;
        }
        out.push_back(item.Scalar());
    }
    return out;
}

}  // namespace tata::server
