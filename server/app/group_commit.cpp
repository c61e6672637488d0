#include "app/group_commit.hpp"

#include "http/api_error.hpp"

#include <iostream>
#include <vector>

namespace tata::server {

namespace {

Response run_alone(const std::function<Response()>& work) {
    try {
        return work();
    } catch (const std::exception& e) {
        std::cerr << "tata serve: an advance in a shared transaction failed alone: " << e.what() << "\n";
    } catch (...) {
        std::cerr << "tata serve: an advance in a shared transaction failed alone\n";
    }
    return problem_response(500, "Kesalahan server", "the server could not answer this request; it has been logged");
}

}  // namespace

GroupCommit::GroupCommit(Engine& engine) : engine_(engine) { thread_ = std::thread([this] { loop(); }); }

GroupCommit::~GroupCommit() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    queued_.notify_all();
    thread_.join();
}

Response GroupCommit::run(const std::function<Response()>& work) {
    Job job{&work, {}, false};
    std::unique_lock lock(mutex_);
    if (stopping_) return problem_response(503, "Server berhenti", "the server is stopping; try again");
    queue_.push_back(&job);
    queued_.notify_one();
    answered_.wait(lock, [&] { return job.done; });
    return std::move(job.response);
}

void GroupCommit::loop() {
    for (;;) {
        std::vector<Job*> group;
        {
            std::unique_lock lock(mutex_);
            queued_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping, nothing left
            while (!queue_.empty() && group.size() < kMaxGroup) {
                group.push_back(queue_.front());
                queue_.pop_front();
            }
        }
        try {
            engine_.batch([&] {
                // One job's failure is its own: an advance that threw rolled
                // back its own savepoint, and the rest of the group commits.
                for (Job* job : group) job->response = run_alone(*job->work);
            });
        } catch (const std::exception& e) {
            std::cerr << "tata serve: a shared transaction of " << group.size() << " advances failed: " << e.what() << "\n";
            for (Job* job : group)
                job->response = problem_response(500, "Kesalahan server", "the change could not be saved; try again");
        }
        {
            std::lock_guard lock(mutex_);
            for (Job* job : group) job->done = true;
        }
        answered_.notify_all();
    }
}

}  // namespace tata::server
