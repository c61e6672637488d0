// A plugin that fails in every way a plugin can, to prove the host contains it.
#include <tata/plugin.hpp>

#include <stdexcept>

namespace {

tata::sdk::Patch throws(const tata::sdk::ActionContext&) { throw std::runtime_error("database BKN tidak dapat dihubungi"); }

tata::sdk::Patch fails(const tata::sdk::ActionContext& ctx) {
    throw tata::sdk::ActionFailure("ditolak oleh plugin: " + ctx.args.value("reason", std::string("tanpa alasan")));
}

// Fails only while the case data says so: lets a test fix the cause and retry.
tata::sdk::Patch flaky(const tata::sdk::ActionContext& ctx) {
    if (ctx.data.value("flaky_broken", true)) throw std::runtime_error("layanan sementara tidak tersedia");
    return {{"flaky_done", true}};
}

// Written without the SDK helpers: the exception reaches the host's guard.
int raw_throw(const tata_action_request*, tata_action_response*) { throw std::logic_error("raw exception"); }

int bad_patch(const tata_action_request*, tata_action_response* response) {
    const char text[] = "[1, 2, 3]";
    response->set_patch(response->host, text, sizeof text - 1);
    return 0;
}

int silent(const tata_action_request*, tata_action_response*) { return 0; }

// Scorers fail the same ways.
tata::sdk::Score score_throws(const tata::sdk::ScorerContext&) { throw std::runtime_error("kartu skor rusak"); }

int score_raw_throw(const tata_scorer_request*, tata_scorer_response*) { throw std::logic_error("raw exception"); }

int score_not_a_number(const tata_scorer_request*, tata_scorer_response* response) {
    response->set_score(response->host, 0.0 / 0.0, "", 0);
    return 0;
}

int score_silent(const tata_scorer_request*, tata_scorer_response*) { return 0; }

int register_faulty(tata_registrar* r) {
    int failures = 0;
    failures += tata::sdk::add_action<throws>(r, "throw", "throws std::runtime_error");
    failures += tata::sdk::add_action<fails>(r, "fail", "fails with with.reason");
    failures += tata::sdk::add_action<flaky>(r, "flaky", "fails while data.flaky_broken is not false");
    failures += r->add_action(r->host, "raw_throw", "throws past the SDK", &raw_throw);
    failures += r->add_action(r->host, "bad_patch", "answers a JSON array", &bad_patch);
    failures += r->add_action(r->host, "silent", "answers nothing", &silent);
    failures += tata::sdk::add_scorer<score_throws>(r, "score_throw", "throws std::runtime_error");
    failures += r->add_scorer(r->host, "score_raw_throw", "throws past the SDK", &score_raw_throw);
    failures += r->add_scorer(r->host, "score_nan", "answers NaN points", &score_not_a_number);
    failures += r->add_scorer(r->host, "score_silent", "answers nothing", &score_silent);
    return failures;
}

}  // namespace

TATA_PLUGIN("faulty", "0.1.0", register_faulty)
