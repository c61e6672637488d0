// tata_advance_stream: a stream of advances for the crash test to kill.
//
//   tata_advance_stream DB WORKFLOWS RULES PLUGINS COUNT
//
// Opens an engine on DB with the given definitions and, COUNT times, creates
// a case of the workflow `arus` and fires its outcome `lanjut`. After each
// call has returned (its transaction committed) it prints
//
//   ack <case id> <case version> <state>
//
// on stdout and flushes, so that whatever the reader has seen is durable.
// Anything that goes wrong is printed on stderr with exit status 1.
#include <tata/engine.hpp>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <string>

namespace {

void ack(const tata::CaseRecord& record) {
    std::printf("ack %lld %lld %s\n", static_cast<long long>(record.id), static_cast<long long>(record.version),
                record.state.c_str());
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 6) {
        std::fprintf(stderr, "usage: %s DB WORKFLOWS RULES PLUGINS COUNT\n", argv[0]);
        return 2;
    }
    try {
        tata::EngineOptions options;
        options.database = argv[1];
        options.sources.workflows = {argv[2]};
        options.sources.rules = {argv[3]};
        options.sources.plugins = {argv[4]};
        options.clock = std::make_shared<tata::SystemClock>();
        const long count = std::stol(argv[5]);

        tata::Engine engine(options);
        std::printf("ready\n");
        std::fflush(stdout);
        const tata::Actor officer{"arus", "officer"};
        for (long i = 0; i < count; ++i) {
            const auto created = engine.create_case("arus", "62.03", {{"urutan", i}, {"nama", "Pegawai " + std::to_string(i)}},
                                                    officer);
            ack(created.record);
            const auto fired = engine.fire(created.record.id, "lanjut", {{"catatan", "lanjut " + std::to_string(i)}},
                                           officer, created.record.version);
            ack(fired.record);
        }
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "tata_advance_stream: %s\n", e.what());
        return 1;
    }
}
