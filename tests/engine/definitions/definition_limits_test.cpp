// Definitions cannot hurt the engine that loads them: alias bombs, huge
// files, long state chains and backtracking patterns are refused or bounded,
// with the place in the file, and quickly.
#include "support/test_support.hpp"

#include <tata/definitions.hpp>
#include <tata/expression.hpp>
#include <tata/yaml_limits.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <sstream>

namespace {

using namespace tata;
using Catch::Matchers::Contains;

std::shared_ptr<const Workflow> parse(const std::string& yaml, std::vector<Diagnostic>& errors) {
    static const auto plugins = [] {
        std::vector<Diagnostic> load_errors;
        auto set = PluginSet::load({tata::test::core_plugin_dir()}, load_errors);
        if (!load_errors.empty()) throw std::runtime_error(load_errors.front().to_string());
        return set;
    }();
    static const auto expressions = ExpressionEngine::create();
    return parse_workflow(yaml, "flow.yaml", *plugins, *expressions, errors);
}

// Nine levels of ten aliases: 10^9 nodes once expanded, 700-odd bytes.
std::string billion_laughs() {
    std::string yaml = "id: bom\nversion: 1\ntitle: x\nstart: a\nstates:\n  a: {kind: end, result: x}\n";
    yaml += "l0: &l0 [\"lol\"]\n";
    for (int level = 1; level <= 9; ++level) {
        yaml += "l" + std::to_string(level) + ": &l" + std::to_string(level) + " [";
        for (int i = 0; i < 10; ++i) yaml += std::string(i ? ", " : "") + "*l" + std::to_string(level - 1);
        yaml += "]\n";
    }
    return yaml;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("a YAML alias bomb is refused at the alias, quickly", "[definitions][limits]") {
    const std::string yaml = billion_laughs();
    REQUIRE(yaml.size() < 1024);
    const auto started = std::chrono::steady_clock::now();
    std::vector<Diagnostic> errors;
    CHECK(parse(yaml, errors) == nullptr);
    CHECK(seconds_since(started) < 2.0);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].where.file == "flow.yaml");
    CHECK(errors[0].where.line >= 8);  // at one of the aliases, not the file's start
    CHECK_THAT(errors[0].message, Contains("aliases are expanded"));
}

TEST_CASE("YAML limits: size, depth and expansion, each with its place", "[definitions][limits]") {
    CHECK_FALSE(check_yaml_limits("a: &x [1, 2]\nb: *x\nc: *x\n"));
    const auto big = check_yaml_limits(std::string(kMaxDefinitionFileBytes + 1, '#'));
    REQUIRE(big);
    CHECK(big->line == 1);
    CHECK_THAT(big->message, Contains("MiB"));
    std::string deep = "a: ";
    for (int i = 0; i < kMaxYamlDepth + 1; ++i) deep += "[";
    for (int i = 0; i < kMaxYamlDepth + 1; ++i) deep += "]";
    const auto too_deep = check_yaml_limits(deep);
    REQUIRE(too_deep);
    CHECK_THAT(too_deep->message, Contains("nested deeper"));
    // Depth through aliases counts too: an anchor 40 deep used 40 deep.
    std::string nested_anchor = "a: &n ";
    for (int i = 0; i < 40; ++i) nested_anchor += "[";
    for (int i = 0; i < 40; ++i) nested_anchor += "]";
    nested_anchor += "\nb: ";
    for (int i = 0; i < 40; ++i) nested_anchor += "[";
    nested_anchor += "*n";
    for (int i = 0; i < 40; ++i) nested_anchor += "]";
    CHECK(check_yaml_limits(nested_anchor));
}

TEST_CASE("a 40,000-state chain is refused without recursion, the cap is named", "[definitions][limits]") {
    std::ostringstream yaml;
    yaml << "id: rantai\nversion: 1\ntitle: Rantai\nstart: s0\nstates:\n";
    constexpr int kStates = 40'000;
    for (int i = 0; i < kStates - 1; ++i) yaml << "  s" << i << ": {kind: auto, next: [{to: s" << i + 1 << "}]}\n";
    yaml << "  s" << kStates - 1 << ": {kind: end, result: selesai}\n";
    const std::string text = yaml.str();
    REQUIRE(text.size() < kMaxDefinitionFileBytes);
    std::vector<Diagnostic> errors;
    CHECK(parse(text, errors) == nullptr);
    REQUIRE_FALSE(errors.empty());  // (its node count already goes over)
    // One state over the cap, with few nodes: the cap itself is named.
    std::ostringstream over;
    over << "id: rantai\nversion: 1\ntitle: Rantai\nstart: s0\nstates:\n";
    for (int i = 0; i < 2'000; ++i) over << "  s" << i << ": {kind: auto, next: [{to: s" << i + 1 << "}]}\n";
    over << "  s2000: {kind: end, result: selesai}\n";
    errors.clear();
    CHECK(parse(over.str(), errors) == nullptr);
    REQUIRE(errors.size() == 1);
    CHECK_THAT(errors[0].message, Contains("at most 2000"));
    CHECK((errors[0].where.line == 5 || errors[0].where.line == 6));  // at `states`
}

TEST_CASE("a 1,500-state automatic chain validates: the graph check is iterative", "[definitions][limits]") {
    std::ostringstream yaml;
    yaml << "id: rantai\nversion: 1\ntitle: Rantai\nstart: s0\nstates:\n";
    constexpr int kStates = 1'500;
    for (int i = 0; i < kStates - 1; ++i) yaml << "  s" << i << ": {kind: auto, next: [{to: s" << i + 1 << "}]}\n";
    yaml << "  s" << kStates - 1 << ": {kind: end, result: selesai}\n";
    std::vector<Diagnostic> errors;
    const auto workflow = parse(yaml.str(), errors);
    INFO((errors.empty() ? std::string() : errors[0].to_string()));
    CHECK(workflow != nullptr);
    // A closed automatic loop of the same length is still found.
    std::ostringstream loop;
    loop << "id: putar\nversion: 1\ntitle: Putar\nstart: s0\nstates:\n";
    for (int i = 0; i < kStates; ++i) loop << "  s" << i << ": {kind: auto, next: [{to: s" << (i + 1) % kStates << "}]}\n";
    errors.clear();
    CHECK(parse(loop.str(), errors) == nullptr);
    bool loop_found = false;
    for (const auto& e : errors) loop_found = loop_found || e.message.find("automatic loop") != std::string::npos;
    CHECK(loop_found);
}

TEST_CASE("string patterns are refused by name, plain search stays", "[expression][limits]") {
    auto engine = ExpressionEngine::create();
    const nlohmann::json data = {{"nama", "Nursiti Aminah"}}, input = nlohmann::json::object(),
                         info = nlohmann::json::object();
    const ExpressionScope scope{&data, &input, &info, "2024-05-01T08:00:00+07:00"};
    CHECK(engine->compile("string.find(nama, 'siti') == 4").test(scope));
    // A pattern character is a plain character: '.' finds no dot here.
    CHECK_FALSE(engine->compile("string.find(nama, 'N.r') ~= nil").test(scope));
    CHECK(engine->compile("contains(nama, 'Aminah')").test(scope));
    const auto started = std::chrono::steady_clock::now();
    for (const char* source : {"(('a'):rep(40)):match(('a*'):rep(25) .. 'b')", "string.gsub(nama, 'a', 'b')",
                               "string.gmatch(nama, '.')"}) {
        INFO(source);
        try {
            engine->compile(source).evaluate(scope);
            FAIL("a pattern function ran");
        } catch (const ExpressionError& e) {
            CHECK_THAT(std::string(e.what()), Contains("not available in expressions"));
        }
    }
    CHECK(seconds_since(started) < 1.0);
}

TEST_CASE("a definition file that is not UTF-8 is refused at the byte (found by workflow_yaml_fuzz)", "[definitions][limits]") {
    const std::string text = "id: uji\nstates:\n  awal:\n    title: Caf\xc3\xa9 \xff\n";
    const auto problem = check_yaml_limits(text);
    REQUIRE(problem);
    CHECK(problem->line == 4);
    CHECK(problem->column == 18);  // "    title: Café " is 17 bytes: the é takes two
    CHECK_THAT(problem->message, Catch::Matchers::Contains("UTF-8"));
    CHECK_FALSE(check_yaml_limits("id: uji\ntitle: Caf\xc3\xa9\n"));
}
