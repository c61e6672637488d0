#include "tata/yaml_limits.hpp"

#include "tata/json_limits.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <sstream>
#include <unordered_map>
#include <vector>

namespace tata {
namespace {

struct Extent {
    std::size_t nodes = 0;  // saturating at the limit + 1
    int depth = 0;          // levels below this node
};

std::size_t saturating_add(std::size_t a, std::size_t b) {
    return std::min(a + b, kMaxYamlExpandedNodes + 1);
}

struct TooLarge {
    YamlLimitProblem problem;
};

// Counts what the tree would hold with every alias expanded, on the
// parser's events, without building the tree.
class ExpansionCounter final : public YAML::EventHandler {
public:
    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { leaf(mark, anchor); }
    void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, const std::string&) override {
        leaf(mark, anchor);
    }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        const auto it = anchors_.find(anchor);
        const Extent extent = it == anchors_.end() ? Extent{1, 0} : it->second;
        add(mark, extent, extent.nodes);
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
        open(mark, anchor);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
        open(mark, anchor);
    }
    void OnMapEnd() override { close(); }

private:
    struct Open {
        YAML::anchor_t anchor;
        YAML::Mark mark;
        Extent inside;
    };

    void leaf(const YAML::Mark& mark, YAML::anchor_t anchor) {
        if (anchor != YAML::NullAnchor) anchors_[anchor] = Extent{1, 0};
        add(mark, Extent{1, 0}, 1);
    }

    void open(const YAML::Mark& mark, YAML::anchor_t anchor) {
        if (static_cast<int>(open_.size()) + 1 > kMaxYamlDepth)
            fail(mark, "nested deeper than " + std::to_string(kMaxYamlDepth) + " levels");
        open_.push_back({anchor, mark, Extent{}});
    }

    void close() {
        const Open done = open_.back();
        open_.pop_back();
        const Extent extent{saturating_add(done.inside.nodes, 1), done.inside.depth + 1};
        if (done.anchor != YAML::NullAnchor) anchors_[done.anchor] = extent;
        add(done.mark, extent, 1);  // its members were counted as they came
    }

    // A node (or an alias standing for one) of `extent` at the current
    // place, of which `new_nodes` were not counted before.
    void add(const YAML::Mark& mark, const Extent& extent, std::size_t new_nodes) {
        total_ = saturating_add(total_, new_nodes);
        if (total_ > kMaxYamlExpandedNodes)
            fail(mark, "more than " + std::to_string(kMaxYamlExpandedNodes) +
                           " nodes once aliases are expanded (an alias repeats what its anchor holds)");
        if (static_cast<int>(open_.size()) + extent.depth > kMaxYamlDepth)
            fail(mark, "nested deeper than " + std::to_string(kMaxYamlDepth) + " levels once aliases are expanded");
        if (open_.empty()) return;
        Extent& parent = open_.back().inside;
        parent.nodes = saturating_add(parent.nodes, extent.nodes);
        parent.depth = std::max(parent.depth, extent.depth);
    }

    [[noreturn]] static void fail(const YAML::Mark& mark, std::string message) {
        throw TooLarge{{mark.line + 1, mark.column + 1, std::move(message)}};
    }

    std::vector<Open> open_;
    std::unordered_map<YAML::anchor_t, Extent> anchors_;
    std::size_t total_ = 0;
};

}  // namespace

// The line and column (1-based, in bytes) of the first byte that is not
// UTF-8, or nullopt. Definitions become JSON (plugin arguments, settings),
// which holds only UTF-8: a stray byte must be refused here, with its place,
// not fail later when the value is written out.
static std::optional<YamlLimitProblem> first_invalid_utf8(const std::string& text) {
    if (is_valid_utf8(text)) return std::nullopt;
    int line = 1, column = 1;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t length = 0;  // of the character at i, when it is one
        for (std::size_t l = 1; l <= 4 && i + l <= text.size() && length == 0; ++l)
            if (is_valid_utf8(std::string_view(text).substr(i, l))) length = l;
        if (length == 0) return YamlLimitProblem{line, column, "the file is not UTF-8 text here"};
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            column += static_cast<int>(length);
        }
        i += length;
    }
    return YamlLimitProblem{1, 1, "the file is not UTF-8 text"};
}

std::optional<YamlLimitProblem> check_yaml_limits(const std::string& text) {
    if (text.size() > kMaxDefinitionFileBytes)
        return YamlLimitProblem{1, 1, "the file has " + std::to_string(text.size()) + " bytes; at most " +
                                          std::to_string(kMaxDefinitionFileBytes / (1u << 20)) + " MiB are allowed"};
    if (auto bad = first_invalid_utf8(text)) return bad;
    std::istringstream in(text);
    try {
        YAML::Parser parser(in);
        ExpansionCounter counter;
        while (parser.HandleNextDocument(counter)) {
        }
    } catch (const TooLarge& refused) {
        return refused.problem;
    } catch (const YAML::Exception&) {
        // A syntax error: the loader reports it where it is.
    }
    return std::nullopt;
}

}  // namespace tata
