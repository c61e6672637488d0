// Signals between cases: a state that names `signal:` fires an event on
// another case of the same regency inside the same transaction; a refusal
// is recorded on the sender and writes nothing on the target.
#include "support/test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>

using namespace tata;
using namespace tata::test;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

const Actor officer{"budi", "officer"};

const char* const kComplaintYaml = R"(id: aduan
version: 1
title: Aduan
start: terima
states:
  terima:
    kind: task
    title: Terima aduan
    role: officer
    outcomes:
      teruskan: tindak_lanjut
  tindak_lanjut:
    kind: task
    title: Tindak lanjut
    role: officer
    signal:
      - to_case: kontrak_terkait
        event: periksa
        input: {nomor_aduan: case.id, uraian_aduan: data.uraian, dikirim_pada: now}
    outcomes:
      selesai: tutup
  tutup: {kind: end, result: closed}
)";

// The contract answers the complaint's signal and, on entering its check,
// signals the complaint back: a cycle the engine must refuse.
const char* const kContractYaml = R"(id: kontrak
version: 1
title: Kontrak
start: berjalan
states:
  berjalan:
    kind: wait
    title: Berjalan
    events:
      periksa:
        role: officer
        form:
          nomor_aduan: {type: integer, required: true, min: 1}
          uraian_aduan: {type: text}
          dikirim_pada: {type: string}
        to: diperiksa
  diperiksa:
    kind: task
    title: Diperiksa
    role: officer
    signal:
      - to_case: nomor_aduan
        event: selesai
    outcomes:
      kembali: berjalan
)";

struct Fixture {
    TempDir dir;
    std::shared_ptr<FixedClock> clock = std::make_shared<FixedClock>(at("2025-03-28T10:00:00+07:00"));
    std::unique_ptr<Engine> engine;

    Fixture() {
        engine = std::make_unique<Engine>(engine_options(
            dir, {dir.write("wf/aduan.yaml", kComplaintYaml), dir.write("wf/kontrak.yaml", kContractYaml)}, clock));
    }

    CaseId contract(const std::string& regency = "62.03") {
        return engine->create_case("kontrak", regency, json::object(), officer).record.id;
    }
    CaseRecord forward_complaint(json data) {
        data["uraian"] = "upah Maret belum dibayar";
        const CaseId id = engine->create_case("aduan", "62.03", std::move(data), officer).record.id;
        return engine->fire(id, "teruskan", json::object(), officer).record;
    }
};

std::optional<EventRecord> last_of_type(const std::vector<EventRecord>& events, const std::string& type) {
    const auto it = std::find_if(events.rbegin(), events.rend(), [&](const EventRecord& e) { return e.type == type; });
    if (it == events.rend()) return std::nullopt;
    return *it;
}

}  // namespace

TEST_CASE("a signal fires the event on the named case in the same step", "[runtime][signals]") {
    Fixture f;
    const CaseId contract_id = f.contract();
    const CaseRecord complaint = f.forward_complaint({{"kontrak_terkait", contract_id}});

    const CaseRecord contract = f.engine->get_case(contract_id);
    CHECK(contract.state == "diperiksa");
    CHECK(contract.version == 2);
    CHECK(contract.data["nomor_aduan"] == complaint.id);
    CHECK(contract.data["uraian_aduan"] == "upah Maret belum dibayar");
    CHECK(contract.data["dikirim_pada"] == "2025-03-28T10:00:00+07:00");
    const auto fired = last_of_type(f.engine->history(contract_id), "fired");
    REQUIRE(fired);
    CHECK(fired->actor == "case:" + std::to_string(complaint.id));
    CHECK(fired->role == "system");

    CHECK(complaint.state == "tindak_lanjut");
    CHECK(complaint.data["sinyal"]["periksa"]["terkirim"] == true);
    CHECK(complaint.data["sinyal"]["periksa"]["kasus"] == contract_id);
    const auto signal = last_of_type(f.engine->history(complaint.id), "signal");
    REQUIRE(signal);
    CHECK(signal->payload["delivered"] == true);
    CHECK(signal->payload["case"] == contract_id);

    // The contract's own signal back to the complaint is refused: the
    // complaint was being advanced by that same step.
    CHECK(contract.data["sinyal"]["selesai"]["terkirim"] == false);
    CHECK_THAT(contract.data["sinyal"]["selesai"]["alasan"].get<std::string>(), Contains("being advanced"));
    CHECK(f.engine->get_case(complaint.id).version == complaint.version);
    CHECK(f.engine->verify_audit({}).intact);
}

TEST_CASE("a refused signal is recorded on the sender and writes nothing on the target", "[runtime][signals]") {
    Fixture f;
    const CaseId contract_id = f.contract();
    f.forward_complaint({{"kontrak_terkait", contract_id}});  // the contract is now under check
    const CaseRecord before = f.engine->get_case(contract_id);
    const auto events_before = f.engine->history(contract_id).size();

    struct Expectation {
        const char* what;
        json data;
        const char* reason;
    };
    const CaseId other_regency = f.contract("64.71");
    for (const auto& expected :
         {Expectation{"the target is not waiting for that event", {{"kontrak_terkait", contract_id}}, "no outcome 'periksa'"},
          Expectation{"the field is missing", json::object(), "data.kontrak_terkait holds no case number"},
          Expectation{"the field is not a number", {{"kontrak_terkait", "K-12"}}, "holds no case number"},
          Expectation{"no such case", {{"kontrak_terkait", 9999}}, "case 9999 does not exist"},
          Expectation{"another regency's case", {{"kontrak_terkait", other_regency}}, "another regency"}}) {
        INFO(expected.what);
        const CaseRecord complaint = f.forward_complaint(expected.data);
        CHECK(complaint.state == "tindak_lanjut");
        CHECK(complaint.status == CaseStatus::active);
        CHECK(complaint.data["sinyal"]["periksa"]["terkirim"] == false);
        CHECK_THAT(complaint.data["sinyal"]["periksa"]["alasan"].get<std::string>(), Contains(expected.reason));
        const auto signal = last_of_type(f.engine->history(complaint.id), "signal");
        REQUIRE(signal);
        CHECK(signal->payload["delivered"] == false);
    }
    const CaseRecord after = f.engine->get_case(contract_id);
    CHECK(after.version == before.version);
    CHECK(after.data == before.data);
    CHECK(f.engine->history(contract_id).size() == events_before);
    CHECK(f.engine->get_case(other_regency).state == "berjalan");
    CHECK(f.engine->verify_audit({}).intact);
}

TEST_CASE("a signal given as a numeric string is delivered", "[runtime][signals]") {
    Fixture f;
    const CaseId contract_id = f.contract();
    const CaseRecord complaint = f.forward_complaint({{"kontrak_terkait", std::to_string(contract_id)}});
    CHECK(complaint.data["sinyal"]["periksa"]["terkirim"] == true);
    CHECK(f.engine->get_case(contract_id).state == "diperiksa");
}
