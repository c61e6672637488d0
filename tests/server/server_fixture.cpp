#include "server_fixture.hpp"

#include "api/openapi.hpp"

#include <catch2/catch.hpp>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <sstream>

namespace tata::test {

nlohmann::json HttpResult::json() const {
    try {
        return nlohmann::json::parse(body);
    } catch (const nlohmann::json::parse_error& e) {
        FAIL("not JSON (" << status << "): " << body.substr(0, 300));
    }
    return {};
}

std::string HttpResult::header(const std::string& lower_name) const {
    const auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
}

const std::string& ServerFixture::password() {
    static const std::string text = "kata-sandi-uji-123";
    return text;
}

ServerFixture::ServerFixture(const std::function<void(server::ServerConfig&)>& tweak, bool keep_access_log)
    : clock_(std::make_shared<FixedClock>(at("2025-06-10T09:00:00+07:00"))) {
    server::ServerConfig config;
    config.listen = "127.0.0.1";
    config.port = 0;
    config.database = test_database(dir);
    config.sources.workflows = {source_dir() / "workflows"};
    config.sources.rules = {source_dir() / "rules"};
    config.sources.plugins = {core_plugin_dir()};
    config.area_codes = source_dir() / "rules" / "wilayah";
    config.threads = 8;
    config.max_body_bytes = 256 * 1024;
    config.timer_interval = std::chrono::seconds(0);
    config.watch_interval = std::chrono::seconds(0);
    config.notify_interval = std::chrono::seconds(0);  // tests run passes themselves
    if (tweak) tweak(config);
    service_ = std::make_unique<server::Service>(config, clock_);
    contract_ = std::make_unique<ApiContract>(server::openapi_document(service_->router()));
    // A second node on the same database finds the users there already.
    if (!service_->identity().find_user("admin")) add_users();
    frontend_ = std::make_unique<server::HttpFrontend>(*service_, keep_access_log ? &access_log_ : nullptr);
    background_ = std::make_unique<server::BackgroundJobs>(*service_, background_log_);
}

void ServerFixture::add_users() {
    auto& identity = service_->identity();
    // One Argon2id hash for all of them, made once per test process (they
    // share the password): eleven per test cost most of a short test's time.
    static std::string hash;
    if (hash.empty()) {
        identity.add_user({"admin", "62.03", "admin", "", "", ""}, password());
        hash = identity.password_hash_of("admin");
    } else {
        identity.add_user_with_hash({"admin", "62.03", "admin", "", "", ""}, hash);
    }
    for (const server::NewUser& user : std::vector<server::NewUser>{
             {"officer", "62.03", "officer", "", "", ""},
             {"opd_head", "62.03", "opd_head", "", "", kOpd},
             {"supervisor", "62.03", "supervisor", "", "", kOpd},
             {"other_supervisor", "62.03", "supervisor", "", "", kOtherOpd},
             {"bkad", "62.03", "bkad", "", "", ""},
             {"vendor_a", "62.03", "vendor", kVendorA, "", ""},
             {"vendor_b", "62.03", "vendor", kVendorB, "", ""},
             {"worker", "62.03", "worker", "", kWorkerNik, ""},
             {"other_worker", "62.03", "worker", "", kOtherWorkerNik, ""},
             {"officer_64_71", "64.71", "officer", "", "", ""}})
        identity.add_user_with_hash(user, hash);
}

ServerFixture::~ServerFixture() {
    background_->stop();
    frontend_->stop();
    frontend_.reset();
    service_.reset();
}

HttpResult ServerFixture::send(const HttpRequest& r) const {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port()));
    session.setTimeout(Poco::Timespan(30, 0));
    Poco::Net::HTTPRequest request(r.method, r.path, Poco::Net::HTTPMessage::HTTP_1_1);
    if (!r.token.empty()) request.set("Authorization", "Bearer " + r.token);
    for (const auto& [name, value] : r.headers) request.set(name, value);
    if (!r.content_type.empty()) request.setContentType(r.content_type);
    if (!r.body.empty() || r.method == "POST") request.setContentLength64(static_cast<Poco::Int64>(r.body.size()));
    std::ostream& out = session.sendRequest(request);
    out << r.body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    HttpResult result;
    result.status = static_cast<int>(response.getStatus());
    std::ostringstream body;
    Poco::StreamCopier::copyStream(in, body);
    result.body = body.str();
    for (const auto& [name, value] : response) {
        std::string lower = name;
        for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        result.headers[lower] = value;
    }
    // The API's answers; the web pages and their files are not in the contract.
    const bool api = r.path.rfind("/api/", 0) == 0 || r.path == "/healthz" || r.path == "/metrics" ||
                     r.path.rfind("/openapi.json", 0) == 0;
    if (api && result.status >= 200 && result.status < 300 && !result.body.empty()) {
        const std::string path = r.path.substr(0, r.path.find('?'));
        const std::string type = result.header("content-type");
        const auto problems = type.find("json") != std::string::npos
                                  ? contract_->check(r.method, path, result.status, nlohmann::json::parse(result.body))
                                  : contract_->check_media_type(r.method, path, result.status, type);
        for (const auto& problem : problems) FAIL_CHECK("the answer does not keep the API's contract: " << problem);
    }
    return result;
}

HttpResult ServerFixture::get(const std::string& path, const std::string& token) const {
    return send({"GET", path, "", "", token, {}});
}

HttpResult ServerFixture::post_json(const std::string& path, const nlohmann::json& body, const std::string& token,
                                    std::vector<std::pair<std::string, std::string>> headers) const {
    return send({"POST", path, body.dump(), "application/json", token, std::move(headers)});
}

std::string ServerFixture::token(const std::string& user) const {
    if (auto it = tokens_.find(user); it != tokens_.end()) return it->second;
    const auto login = post_json("/api/v1/auth/login", {{"username", user}, {"password", password()}}, "");
    REQUIRE(login.status == 200);
    return tokens_[user] = login.json()["token"].get<std::string>();
}

CaseId ServerFixture::worker_case(const std::string& nik, const std::string& opd, const std::string& nama) {
    const nlohmann::json data = {{"nik", nik},
                                 {"nama", nama.empty() ? "Pekerja " + nik.substr(12) : nama},
                                 {"tanggal_lahir", "1980-10-04"},
                                 {"jenis_kelamin", "P"},
                                 {"opd", opd},
                                 {"jabatan", "Guru Kelas"},
                                 {"sektor", "pendidikan"},
                                 {"jenis_kontrak", "honorer"},
                                 {"tmt", "2012-07-01"},
                                 {"kategori", "database_bkn"},
                                 {"sumber_gaji", "apbd"},
                                 {"honor_bulanan", 1500000},
                                 {"pendidikan", "S1"},
                                 {"nilai_kinerja", 85},
                                 {"dokumen", {"ktp", "sk", "bukti_gaji", "ijazah"}}};
    return engine().create_case("verification", "62.03", data, {"import", "officer"}, nik).record.id;
}

CaseId ServerFixture::contract_case(const std::string& vendor) {
    const nlohmann::json data = {{"nomor_kontrak", "027/" + vendor + "/2025"},
                                 {"id_penyedia", vendor},
                                 {"nama_penyedia", "Penyedia " + vendor},
                                 {"jumlah_pekerja_kontrak", 8},
                                 {"upah_bulanan", 3650000},
                                 {"kelas_risiko_jkk", 1},
                                 {"tanggal_bayar", 5}};
    return engine().create_case("vendor_contract", "62.03", data, {"officer", "officer"}).record.id;
}

}  // namespace tata::test
