// Reading a file a regency edits beside its regency.yaml (notifications,
// letters): every mistake becomes one "FILE:LINE:COL: error: ..." line, and
// the reading goes on, so one pass reports them all.
#pragma once

#include <tata/definitions.hpp>
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <functional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace tata::server {

std::string yaml_place(const std::string& file, const YAML::Mark& mark);
std::string yaml_place(const std::string& file, int line, int column);

// Every problem of one file.
class RegencyFileError : public std::runtime_error {
public:
    explicit RegencyFileError(std::vector<std::string> problems);
    const std::vector<std::string>& problems() const { return problems_; }

private:
    std::vector<std::string> problems_;
};

// The root of `text`, within the definitions' size and nesting limits,
// with `key` holding a list. Throws RegencyFileError.
YAML::Node load_regency_file(const std::string& text, const std::string& file, const std::string& key);

// Each regency's file `name` beside its regency.yaml (regencies without one
// are skipped), read whole and handed to `read(code, path, text)`. A file
// that cannot be read is one error line; what `read` throws as
// RegencyFileError is appended to `errors` too.
void for_each_regency_file(const DefinitionSet& definitions, const std::string& name, std::vector<std::string>& errors,
                           const std::function<void(const std::string& code, const std::string& path,
                                                    const std::string& text)>& read);

class YamlReader {
public:
    YamlReader(const std::string& file, std::vector<std::string>& problems) : file_(file), problems_(problems) {}

    void fail(const YAML::Node& at, const std::string& message);
    // Keys of `node` outside `keys`, each refused naming `what` holds.
    void only_keys(const YAML::Node& node, const std::set<std::string>& keys, const std::string& what);
    // node[key] as a non-empty text; "" (and a problem when required) otherwise.
    std::string scalar(const YAML::Node& node, const char* key, bool required);
    // node[key] as a list of at most `max` names of at most 100 bytes.
    std::vector<std::string> list(const YAML::Node& node, const char* key, std::size_t max);
    std::size_t problem_count() const { return problems_.size(); }
    const std::string& file() const { return file_; }

private:
    const std::string& file_;
    std::vector<std::string>& problems_;
};

}  // namespace tata::server
