#include "api/case_read.hpp"

#include "api/access.hpp"
#include "api/case_json.hpp"
#include "http/api_error.hpp"

#include <algorithm>

namespace tata::server {
namespace {

// The top-level data fields read by can_see (opd, id_penyedia,
// status_predikat, nik), by the personal-data access log (nik: the worker a
// grievance or an evaluation names) and by a case's summary (nama,
// nama_pelapor, nama_paket, opd); each reads them only as text. A check
// that reads another field must name it here, or it would see the field
// absent (and refuse: the lists fail closed, never open).
constexpr const char* kFieldsChecksRead[] = {"nik", "nama", "nama_pelapor", "nama_paket", "opd", "id_penyedia", "status_predikat"};

// nlohmann's SAX interface: keeps the listed top-level keys' text values,
// builds nothing else.
class TopLevelTexts {
public:
    TopLevelTexts(nlohmann::json& out, std::span<const char* const> names) : out_(out), names_(names) {}

    bool null() { return other(); }
    bool boolean(bool) { return other(); }
    bool number_integer(nlohmann::json::number_integer_t) { return other(); }
    bool number_unsigned(nlohmann::json::number_unsigned_t) { return other(); }
    bool number_float(nlohmann::json::number_float_t, const std::string&) { return other(); }
    bool binary(nlohmann::json::binary_t&) { return other(); }
    bool string(std::string& value) {
        if (depth_ == 1 && wanted_) out_[key_] = std::move(value);
        return true;
    }
    bool start_object(std::size_t) { return enter(); }
    bool end_object() { return leave(); }
    bool start_array(std::size_t) { return enter(); }
    bool end_array() { return leave(); }
    bool key(std::string& name) {
        if (depth_ != 1) return true;
        wanted_ = std::any_of(names_.begin(), names_.end(), [&](const char* n) { return name == n; });
        if (wanted_) key_ = std::move(name);
        return true;
    }
    // The parser's own exception, as its DOM parser throws it.
    template <class Exception>
    bool parse_error(std::size_t, const std::string&, const Exception& e) {
        throw e;
    }

private:
    // An object or a list: a value that is not text, whose members are below.
    bool enter() {
        other();
        ++depth_;
        return true;
    }
    bool leave() {
        --depth_;
        return true;
    }
    // A value that is not text: a repeated key's earlier text no longer
    // holds (as parsing keeps a key's last value).
    bool other() {
        if (depth_ == 1 && wanted_) out_.erase(key_);
        return true;
    }

    nlohmann::json& out_;
    std::span<const char* const> names_;
    int depth_ = 0;
    bool wanted_ = false;
    std::string key_;
};

}  // namespace

nlohmann::json top_level_texts(const std::string& json_text, std::span<const char* const> names) {
    nlohmann::json out = nlohmann::json::object();
    TopLevelTexts handler(out, names);
    nlohmann::json::sax_parse(json_text, &handler);
    return out;
}

CaseRead read_visible_case(Engine& engine, const User& user, CaseId id) {
    const auto refuse = [&] { return not_found("case " + std::to_string(id) + " does not exist"); };
    StoredCase stored;
    try {
        stored = engine.read_stored_case(id);
    } catch (const NotFound&) {
        throw refuse();
    }
    CaseRead read{std::move(stored.record), std::nullopt};
    // The SAX pass checks the text as parsing would (UTF-8 included: the
    // store only holds what a strict dump wrote).
    if (sees_data_whole(user)) {
        read.record.data = top_level_texts(stored.data_json, kFieldsChecksRead);
        read.data_json = std::move(stored.data_json);
    } else {
        read.record.data = nlohmann::json::parse(stored.data_json);
    }
    if (!can_see(user, read.record)) throw refuse();
    return read;
}

Response case_read_response(Engine& engine, CaseRead read, const User& user) {
    if (!read.data_json) return Response::json(case_json(engine, std::move(read.record), user));
    std::string body = case_json_without_data(engine, read.record, user)
                           .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    // {...} becomes {...,"data":<stored text>}: the object has members.
    body.pop_back();
    body.reserve(body.size() + read.data_json->size() + 9);
    body += ",\"data\":";
    body += *read.data_json;
    body += '}';
    return Response::text(std::move(body), "application/json");
}

}  // namespace tata::server
