// Group commit for advances: requests from many connections that fire
// outcomes are run one after another inside one shared transaction, which
// commits once for all of them; each request is answered only after that
// commit, so nothing acknowledged can be lost. Each advance keeps its own
// savepoint (Engine::batch), so a refused one rolls back alone.
//
// One SQLite writer does the work either way; sharing the commit saves the
// WAL writes and syscalls of a commit per advance (bench/http_bench.sh).
#pragma once

#include "http/exchange.hpp"

#include <tata/engine.hpp>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace tata::server {

class GroupCommit {
public:
    explicit GroupCommit(Engine& engine);
    ~GroupCommit();  // answers what is queued, then stops
    GroupCommit(const GroupCommit&) = delete;
    GroupCommit& operator=(const GroupCommit&) = delete;

    // Runs `work` in the next shared transaction (what it throws answers 500
    // for it alone, never for the others) and
    // returns its response once that transaction committed; a failed commit
    // answers 500 for every request in it.
    Response run(const std::function<Response()>& work);

    static constexpr std::size_t kMaxGroup = 128;

private:
    struct Job {
        const std::function<Response()>* work;
        Response response;
        bool done = false;
    };
    void loop();

    Engine& engine_;
    std::mutex mutex_;
    std::condition_variable queued_;
    std::condition_variable answered_;
    std::deque<Job*> queue_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace tata::server
