#include "xlsx/xml_stream.hpp"

#include <expat.h>

namespace tata::xlsx {
namespace {

// Expat joins a namespace URI and a local name with this; no name has it.
constexpr char namespace_separator = '\x01';
constexpr std::size_t chunk_size = 64 * 1024;

std::string_view local_name(const char* name) {
    std::string_view full(name);
    const std::size_t cut = full.rfind(namespace_separator);
    return cut == std::string_view::npos ? full : full.substr(cut + 1);
}

}  // namespace

std::optional<std::string_view> XmlAttributes::get(std::string_view wanted) const {
    for (const char** pair = pairs_; pair && pair[0]; pair += 2) {
        if (local_name(pair[0]) == wanted) return std::string_view(pair[1]);
    }
    return std::nullopt;
}

XmlStream::XmlStream(PartReader& part, XmlHandler& handler, const Limits& limits)
    : part_(part), handler_(handler), limits_(limits) {
    parser_ = XML_ParserCreateNS(nullptr, namespace_separator);
    if (!parser_) throw std::bad_alloc();
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, on_start, on_end);
    XML_SetCharacterDataHandler(parser_, on_text);
    XML_SetStartDoctypeDeclHandler(parser_, on_doctype);
    XML_SetEntityDeclHandler(parser_, on_entity);
    XML_SetParamEntityParsing(parser_, XML_PARAM_ENTITY_PARSING_NEVER);
}

XmlStream::~XmlStream() { XML_ParserFree(parser_); }

template <class Call>
void XmlStream::guarded(Call&& call) {
    if (failure_) return;
    last_event_ = static_cast<std::uint64_t>(XML_GetCurrentByteIndex(parser_));
    try {
        call();
    } catch (...) {
        failure_ = std::current_exception();
        XML_StopParser(parser_, XML_FALSE);
    }
}

void XmlStream::on_start(void* self, const char* name, const char** attributes) {
    auto& stream = *static_cast<XmlStream*>(self);
    stream.guarded([&] {
        if (++stream.depth_ > stream.limits_.max_depth) {
            throw csv::Error(stream.part_.file(), stream.handler_.place().row,
                             "XML di " + stream.part_.part() + " bersarang lebih dari " +
                                 std::to_string(stream.limits_.max_depth) + " tingkat");
        }
        stream.handler_.start(local_name(name), XmlAttributes(attributes));
    });
}

void XmlStream::on_end(void* self, const char* name) {
    auto& stream = *static_cast<XmlStream*>(self);
    stream.guarded([&] {
        --stream.depth_;
        stream.handler_.end(local_name(name));
    });
}

void XmlStream::on_text(void* self, const char* text, int length) {
    auto& stream = *static_cast<XmlStream*>(self);
    stream.guarded([&] { stream.handler_.text(std::string_view(text, static_cast<std::size_t>(length))); });
}

void XmlStream::on_doctype(void* self, const char*, const char*, const char*, int) {
    auto& stream = *static_cast<XmlStream*>(self);
    stream.guarded([&] {
        throw csv::Error(stream.part_.file(), 0,
                         "bukan berkas XLSX yang sah: " + stream.part_.part() +
                             " berisi DOCTYPE, yang tidak pernah ditulis Excel dan ditolak demi keamanan");
    });
}

void XmlStream::on_entity(void* self, const char*, int, const char*, int, const char*, const char*, const char*,
                          const char*) {
    auto& stream = *static_cast<XmlStream*>(self);
    stream.guarded([&] {
        throw csv::Error(stream.part_.file(), 0,
                         "bukan berkas XLSX yang sah: " + stream.part_.part() + " mendeklarasikan entitas XML");
    });
}

void XmlStream::pause() { XML_StopParser(parser_, XML_TRUE); }

bool XmlStream::parse() {
    // After an error the part is over, as in the CSV reader: later calls
    // find the end rather than a parser that cannot go on.
    try {
        return parse_more();
    } catch (...) {
        finished_ = true;
        throw;
    }
}

bool XmlStream::parse_more() {
    while (!finished_) {
        XML_Status status;
        if (suspended_) {
            suspended_ = false;
            status = XML_ResumeParser(parser_);
        } else {
            // Expat keeps a tag's text until the tag is complete; a tag that
            // never ends (megabytes of attributes) would grow its buffer
            // without bound, so no event for too long is an error.
            if (fed_ - last_event_ > limits_.max_xml_token_bytes) {
                const XmlPlace place = handler_.place();
                throw csv::Error(part_.file(), place.row,
                                 place.what + "tag XML di " + part_.part() + " lebih panjang dari " +
                                     megabytes(limits_.max_xml_token_bytes));
            }
            void* buffer = XML_GetBuffer(parser_, static_cast<int>(chunk_size));
            if (!buffer) throw std::bad_alloc();
            const std::size_t got = part_.read(static_cast<char*>(buffer), chunk_size);
            fed_ += got;
            fed_final_ = got == 0;
            status = XML_ParseBuffer(parser_, static_cast<int>(got), fed_final_ ? XML_TRUE : XML_FALSE);
        }
        if (failure_) std::rethrow_exception(failure_);
        if (status == XML_STATUS_ERROR) throw_xml_error();
        if (status == XML_STATUS_SUSPENDED) {
            suspended_ = true;
            return true;
        }
        if (fed_final_) finished_ = true;
    }
    return false;
}

void XmlStream::throw_xml_error() {
    const XML_Error code = XML_GetErrorCode(parser_);
    const XmlPlace place = handler_.place();
    const std::string where = part_.part() + " baris " + std::to_string(XML_GetCurrentLineNumber(parser_)) +
                              " kolom " + std::to_string(XML_GetCurrentColumnNumber(parser_) + 1);
    // Expat checks UTF-8 as it tokenizes: a byte of 0x80 or more where the
    // error sits means the text is not UTF-8 (rather than a markup mistake).
    if (code == XML_ERROR_INVALID_TOKEN || code == XML_ERROR_PARTIAL_CHAR) {
        int offset = 0;
        int size = 0;
        const char* context = XML_GetInputContext(parser_, &offset, &size);
        if (code == XML_ERROR_PARTIAL_CHAR ||
            (context && offset >= 0 && offset < size && static_cast<unsigned char>(context[offset]) >= 0x80)) {
            throw csv::Error(part_.file(), place.row, place.what + "bukan teks UTF-8 yang sah (" + where + ")");
        }
    }
    throw csv::Error(part_.file(), place.row,
                     place.what + "XML rusak di " + where + ": " + XML_ErrorString(code));
}

}  // namespace tata::xlsx
