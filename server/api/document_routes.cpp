// Documents: uploaded to a case (raw body with its Content-Type, or
// multipart/form-data), stored content-addressed (SHA-256) beside the
// database, listed on the case and downloaded by whoever may see a case
// that holds them. An upload is recorded in the case's data and history
// (data.dokumen_unggahan), and its reference "sha256:<hex>" is what a form's
// document field takes.
#include "api/access.hpp"
#include "api/case_json.hpp"
#include "api/routes.hpp"
#include "api/schemas/response_schemas.hpp"
#include "api/upload.hpp"

#include "http/api_error.hpp"
#include "privacy/record_access.hpp"

#include <tata/json_limits.hpp>

#include <tata/sha256.hpp>

#include <Poco/Net/MediaType.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>

#include <algorithm>
#include <regex>
#include <sstream>

namespace tata::server {
namespace {

struct Upload {
    std::string name;
    std::string content_type;
    std::string bytes;
};

constexpr std::size_t kMaxNameBytes = 200;

// A file name safe to show and to send back in Content-Disposition: its last
// path segment, without control characters or quotes, cut at a character
// boundary. Names that are not UTF-8 are refused (400 naming `field`).
std::string clean_name(std::string name, const char* field) {
    if (!is_valid_utf8(name)) throw bad_request(field, "the file name is not valid UTF-8 text");
    const auto slash = name.find_last_of("/\\");
    if (slash != std::string::npos) name = name.substr(slash + 1);
    std::string out;
    for (unsigned char c : name)
        if (c >= 0x20 && c != '"' && c != 0x7f) out += static_cast<char>(c);
    if (out.size() > kMaxNameBytes) {
        std::size_t cut = kMaxNameBytes;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
        out.resize(cut);
    }
    return out;
}

// 413 when storing `size` more bytes would take the case over its quota
// (ServerConfig::max_case_documents, max_case_document_bytes).
void check_case_quota(const Service& service, const std::vector<DocumentRecord>& stored, std::size_t size) {
    const ServerConfig& config = service.config();
    if (stored.size() >= config.max_case_documents)
        throw ApiError(413, "Kuota dokumen berkas penuh",
                       "this case already holds " + std::to_string(stored.size()) + " documents, the most one case may hold");
    std::size_t used = 0;
    for (const auto& d : stored) used += static_cast<std::size_t>(d.size);
    if (used + size > config.max_case_document_bytes)
        throw ApiError(413, "Kuota dokumen berkas penuh",
                       "this case's documents would take " + std::to_string((used + size) >> 20) + " MiB, more than the " +
                           std::to_string(config.max_case_document_bytes >> 20) + " MiB one case may hold");
}

Upload read_upload(const Request& request) {
    const std::string type = request.content_type();
    if (type.empty()) throw ApiError(415, "Jenis isi tidak didukung", "an upload needs a Content-Type");
    if (type != "multipart/form-data") {
        const auto name = request.query_value("name");
        if (!name || clean_name(*name, "name").empty()) throw bad_request("name", "the file name is required (?name=)");
        return {clean_name(*name, "name"), type, request.body};
    }
    Poco::Net::MediaType media(request.header("content-type"));
    if (!media.hasParameter("boundary")) throw bad_request("Content-Type", "multipart/form-data needs a boundary");
    std::istringstream in(request.body);
    try {
        Poco::Net::MultipartReader reader(in, media.getParameter("boundary"));
        while (reader.hasNextPart()) {
            Poco::Net::MessageHeader header;
            reader.nextPart(header);
            std::string disposition;
            Poco::Net::NameValueCollection params;
            Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition, params);
            const std::string filename = params.get("filename", "");
            if (filename.empty()) continue;  // a plain form field
            std::ostringstream bytes;
            bytes << reader.stream().rdbuf();
            return {clean_name(filename, "filename"), header.get("Content-Type", "application/octet-stream"), bytes.str()};
        }
    } catch (const Poco::Exception& e) {
        throw bad_request("body", "malformed multipart body: " + e.displayText());
    }
    throw bad_request("file", "the multipart body has no file part");
}

// The kind of document an upload was given (?dokumen=: sk, bukti_gaji),
// kept in the case's record of it; "" when none.
std::string document_kind(const CaseRecord& record, const std::string& sha) {
    const auto uploads = record.data.find("dokumen_unggahan");
    if (uploads == record.data.end() || !uploads->is_object()) return {};
    const auto upload = uploads->find(sha);
    if (upload == uploads->end() || !upload->is_object()) return {};
    const auto kind = upload->find("dokumen");
    return kind != upload->end() && kind->is_string() ? kind->get<std::string>() : std::string();
}

nlohmann::json document_json(const DocumentRecord& d, int offset, const std::string& kind) {
    return {{"sha256", d.sha256},
            {"reference", "sha256:" + d.sha256},
            {"name", d.name},
            {"content_type", d.content_type},
            {"size", d.size},
            {"uploaded_by", d.uploaded_by},
            {"uploaded_at", format_iso8601(d.uploaded_at, offset)},
            {"dokumen", kind.empty() ? nlohmann::json() : nlohmann::json(kind)},
            {"url", "/api/v1/documents/" + d.sha256}};
}

// ?dokumen=: one of the document kinds the regency asks for (settings.
// documents: ktp, sk, bukti_gaji, ...), so the file shows under it where the
// OPD head and BKAD check a worker's file; absent: a document of no kind.
std::string kind_param(const Request& request, const Regency* regency) {
    const auto given = request.query_value("dokumen");
    if (!given || given->empty()) return {};
    std::vector<std::string> kinds;
    if (regency)
        if (const auto listed = regency->settings.find("documents"); listed != regency->settings.end() && listed->is_array())
            for (const auto& kind : *listed)
                if (kind.is_string()) kinds.push_back(kind.get<std::string>());
    if (std::find(kinds.begin(), kinds.end(), *given) == kinds.end()) {
        std::string list;
        for (const auto& kind : kinds) list += (list.empty() ? "" : ", ") + kind;
        throw bad_request("dokumen", kinds.empty() ? std::string("this regency names no kinds of documents")
                                                   : "one of the regency's kinds of documents: " + list);
    }
    return *given;
}

// What of a case's documents the user sees: a vendor on a procurement
// package sees only its own uploads (its bid), not its competitors'.
bool sees_document(const User& user, const CaseRecord& record, const DocumentRecord& d) {
    if (user.role == "vendor" && record.workflow_id == "vendor_selection") return d.uploaded_by == user.username;
    return true;
}

}  // namespace

void add_document_routes(Router& router, Service& service) {
    Engine& engine = service.engine();
    const nlohmann::json case_id = path_parameter("id", "The case number");

    router.add({"GET", "/api/v1/cases/{id}/documents", kAnyRole, false, "list a case's documents", "documents",
                {{"parameters", {case_id}},
                 {"responses", json_responses("The case's documents", schema_ref("CaseDocuments"), {401, 404})}},
                [&engine, &service](Request& request) {
                    const auto record = visible_case(engine, request.caller(), id_param(request, "id"));
                    const int offset = regency_offset_minutes(*engine.definitions(), record.regency);
                    nlohmann::json out = nlohmann::json::array();
                    for (const auto& d : service.identity().documents_of(record.id))
                        if (sees_document(request.caller(), record, d))
                            out.push_back(document_json(d, offset, document_kind(record, d.sha256)));
                    privacy::record_case(service, request, record, privacy::action::kDocumentList);
                    return Response::json({{"case_id", record.id}, {"documents", out}});
                }});

    router.add({"POST", "/api/v1/cases/{id}/documents", kAnyRole, false, "upload a document to a case", "documents",
                {{"parameters", {case_id, query_parameter("name", "the file name, for a raw body"),
                                 query_parameter("dokumen", "the kind of document, one of the regency's settings.documents "
                                                            "(ktp, sk, bukti_gaji, ijazah)")}},
                 {"requestBody",
                  {{"required", true},
                   {"description", "the file as the raw body with its Content-Type and ?name=, or multipart/form-data"},
                   {"content",
                    {{"application/octet-stream", {{"schema", {{"type", "string"}, {"format", "binary"}}}}},
                     {"multipart/form-data",
                      {{"schema",
                        {{"type", "object"}, {"properties", {{"file", {{"type", "string"}, {"format", "binary"}}}}}}}}}}}}},
                 {"responses", json_responses("The stored document and its reference", schema_ref("CaseDocument"),
                                              {400, 401, 404, 413, 415}, 201)}},
                [&engine, &service](Request& request) {
                    const User& user = request.caller();
                    const auto record = visible_case(engine, user, id_param(request, "id"));
                    const std::string kind = kind_param(request, engine.definitions()->find_regency(record.regency));
                    Upload upload = read_upload(request);
                    if (upload.bytes.empty()) throw bad_request("body", "the file is empty");
                    check_case_quota(service, service.identity().documents_of(record.id), upload.bytes.size());
                    const std::string sha = sha256_hex(upload.bytes);
                    service.document_blobs().store(sha, upload.bytes);
                    DocumentRecord d{sha, record.id, upload.name, upload.content_type,
                                     static_cast<std::int64_t>(upload.bytes.size()), user.username, service.now()};
                    const int offset = regency_offset_minutes(*engine.definitions(), record.regency);
                    // The case's own record of it, in its audited history.
                    nlohmann::json entry = {{"nama", d.name},
                                            {"jenis", d.content_type},
                                            {"ukuran", d.size},
                                            {"oleh", d.uploaded_by},
                                            {"pada", format_iso8601(d.uploaded_at, offset)}};
                    if (!kind.empty()) entry["dokumen"] = kind;
                    engine.update_data(record.id, {{"dokumen_unggahan", {{sha, std::move(entry)}}}}, user.actor());
                    service.identity().add_document(d);
                    return Response::json(document_json(d, offset, kind), 201);
                }});

    router.add({"GET", "/api/v1/documents/{sha256}", kAnyRole, false, "download a document", "documents",
                {{"parameters", {path_parameter("sha256", "the document's SHA-256 (hex)", false)}},
                 // Any media type an upload came with is sent back as it was.
                 {"responses",
                  file_responses("The file, with its Content-Type", {"*/*"}, {401, 404})}},
                [&engine, &service](Request& request) {
                    const std::string sha = request.params.at("sha256");
                    static const std::regex hex("[0-9a-f]{64}");
                    if (!std::regex_match(sha, hex)) throw not_found("no document " + sha);
                    for (const auto& d : service.identity().document_uses(sha)) {
                        CaseRecord record;
                        try {
                            record = visible_case(engine, request.caller(), d.case_id);
                        } catch (const ApiError&) {
                            continue;
                        }
                        if (!sees_document(request.caller(), record, d)) continue;
                        privacy::record_case(service, request, record, privacy::action::kDocumentDownload);
                        auto bytes = service.document_blobs().read(sha);
                        if (!bytes) throw std::runtime_error("the blob of document " + sha + " is missing");
                        Response response = Response::text(std::move(*bytes), d.content_type);
                        response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + d.name + "\"");
                        response.headers.emplace_back("X-Content-Type-Options", "nosniff");
                        return response;
                    }
                    throw not_found("no document " + sha);
                }});
}

}  // namespace tata::server
