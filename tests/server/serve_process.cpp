#include "serve_process.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace tata::test {

ServeProcess start_serve(const fs::path& db, const fs::path& log, const std::vector<std::string>& extra) {
    std::vector<std::string> words = {TATA_BINARY, "serve", "--port", "0", "--db", db.string()};
    words.insert(words.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (auto& word : words) argv.push_back(word.data());
    argv.push_back(nullptr);
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        if (!freopen(log.c_str(), "w", stderr)) _exit(127);
        execv(TATA_BINARY, argv.data());
        _exit(127);
    }
    int port = 0;
    for (int i = 0; i < 150 && port == 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const std::string text = read_text(log);
        const auto at_port = text.find("listening on http://127.0.0.1:");
        if (at_port != std::string::npos) port = std::stoi(text.substr(at_port + 30));
    }
    INFO("the server's log:\n" << read_text(log));
    REQUIRE(port > 0);
    return {child, port};
}

void stop_serve(pid_t child, const fs::path& log) {
    REQUIRE(kill(child, SIGTERM) == 0);
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    // What the server said last, and the signal that ended it if one did.
    const std::string said = read_text(log);
    INFO("signal " << (WIFSIGNALED(status) ? WTERMSIG(status) : 0) << "; the server's log ends:\n"
                   << said.substr(said.size() > 600 ? said.size() - 600 : 0));
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}

void kill_serve(pid_t child) {
    REQUIRE(kill(child, SIGKILL) == 0);
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    CHECK(WIFSIGNALED(status));
}

}  // namespace tata::test
