#include "definitions/workflow_graph_check.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace tata {
namespace {

struct Edge {
    std::string target;
    SourceLocation where;
};

std::vector<Edge> edges_of(const State& state) {
    std::vector<Edge> edges;
    auto add_branches = [&](const std::vector<Branch>& branches) {
        for (const auto& b : branches) edges.push_back({b.target, b.where});
    };
    add_branches(state.next);
    for (const auto& outcome : state.outcomes) add_branches(outcome.next);
    if (!state.on_due.empty()) edges.push_back({state.on_due, state.on_due_where});
    if (!state.on_timer.empty()) edges.push_back({state.on_timer, state.on_timer_where});
    return edges;
}

// Tarjan's strongly connected components over the automatic states only: a
// component that is a cycle and has no edge leaving it would spin forever.
class AutoLoopFinder {
public:
    explicit AutoLoopFinder(const Workflow& workflow) : workflow_(workflow) {
        for (const auto& s : workflow.states) {
            if (s.kind == StateKind::automatic) auto_states_.insert(s.name);
        }
    }

    std::vector<std::vector<std::string>> closed_loops() {
        for (const auto& name : auto_states_) {
            if (!index_.count(name)) visit(name);
        }
        return loops_;
    }

private:
    // Iterative, with an explicit stack of frames: a definition file decides
    // how long a chain of states is, and recursion on its length would let
    // one file overflow the stack of a reload or `tata validate`.
    struct Frame {
        std::string name;
        std::vector<Edge> edges;
        std::size_t next = 0;
    };

    void open(std::vector<Frame>& frames, const std::string& name) {
        index_[name] = low_[name] = counter_++;
        stack_.push_back(name);
        on_stack_.insert(name);
        frames.push_back({name, edges_of(workflow_.state(name)), 0});
    }

    void visit(const std::string& root) {
        std::vector<Frame> frames;
        open(frames, root);
        while (!frames.empty()) {
            Frame& frame = frames.back();
            if (frame.next < frame.edges.size()) {
                const std::string target = frame.edges[frame.next++].target;
                if (!auto_states_.count(target)) continue;
                if (!index_.count(target)) {
                    open(frames, target);  // `frame` may dangle from here on
                } else if (on_stack_.count(target)) {
                    low_[frame.name] = std::min(low_[frame.name], index_[target]);
                }
                continue;
            }
            const std::string name = frame.name;
            frames.pop_back();
            if (!frames.empty()) low_[frames.back().name] = std::min(low_[frames.back().name], low_[name]);
            if (low_[name] != index_[name]) continue;
            std::vector<std::string> component;
            std::string member;
            do {
                member = stack_.back();
                stack_.pop_back();
                on_stack_.erase(member);
                component.push_back(member);
            } while (member != name);
            if (is_closed_cycle(component)) loops_.push_back(component);
        }
    }

    bool is_closed_cycle(const std::vector<std::string>& component) const {
        const std::set<std::string> members(component.begin(), component.end());
        bool cyclic = component.size() > 1;
        for (const auto& name : component) {
            for (const auto& edge : edges_of(workflow_.state(name))) {
                if (!members.count(edge.target)) return false;  // a way out
                if (edge.target == name) cyclic = true;
            }
        }
        return cyclic;
    }

    const Workflow& workflow_;
    std::set<std::string> auto_states_;
    std::map<std::string, int> index_, low_;
    std::vector<std::string> stack_;
    std::set<std::string> on_stack_;
    std::vector<std::vector<std::string>> loops_;
    int counter_ = 0;
};

}  // namespace

void check_workflow_graph(const Workflow& workflow, YamlReader& report) {
    std::set<std::string> names;
    for (const auto& state : workflow.states) names.insert(state.name);

    bool targets_ok = true;
    for (const auto& state : workflow.states) {
        for (const auto& edge : edges_of(state)) {
            if (names.count(edge.target)) continue;
            targets_ok = false;
            report.error(edge.where.line ? edge.where : state.where,
                         "state '" + state.name + "' goes to unknown state '" + edge.target + "'");
        }
    }
    if (!names.count(workflow.start)) {
        report.error(workflow.start_where, "start state '" + workflow.start + "' is not defined in 'states'");
        return;
    }
    if (!targets_ok) return;

    // Reachability from the start.
    std::set<std::string> reached{workflow.start};
    std::vector<std::string> frontier{workflow.start};
    while (!frontier.empty()) {
        const std::string name = frontier.back();
        frontier.pop_back();
        for (const auto& edge : edges_of(workflow.state(name))) {
            if (reached.insert(edge.target).second) frontier.push_back(edge.target);
        }
    }
    for (const auto& state : workflow.states) {
        if (!reached.count(state.name))
            report.error(state.where, "state '" + state.name + "' is unreachable from start state '" + workflow.start + "'");
    }

    for (const auto& loop : AutoLoopFinder(workflow).closed_loops()) {
        std::string members;
        for (auto it = loop.rbegin(); it != loop.rend(); ++it) members += (members.empty() ? "" : " -> ") + *it;
        report.error(workflow.state(loop.back()).where,
                     "automatic loop with no exit: " + members + " (add a branch that leaves the loop)");
    }
}

}  // namespace tata
