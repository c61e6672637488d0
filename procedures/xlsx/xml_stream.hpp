// One XML part of the workbook parsed by expat as it is inflated, with the
// guards every part needs: no DOCTYPE (so no entity tricks such as "billion
// laughs"), bounded nesting, bounded tags, and errors that say where. Element
// and attribute names reach the handler as local names (namespaces dropped),
// as writers differ in prefixes (<x:row> from the OpenXML SDK) and Strict
// OOXML changes the namespace URIs.
#pragma once

#include "xlsx/xlsx_reader.hpp"
#include "xlsx/zip_archive.hpp"

#include <cstddef>
#include <exception>
#include <optional>
#include <string>
#include <string_view>

typedef struct XML_ParserStruct* XML_Parser;

namespace tata::xlsx {

// The attributes of one start tag, as expat hands them over.
class XmlAttributes {
public:
    explicit XmlAttributes(const char** pairs) : pairs_(pairs) {}
    // The value of the attribute with this local name, in any namespace.
    std::optional<std::string_view> get(std::string_view local_name) const;

private:
    const char** pairs_;
};

// Where the parser is, for a message about broken XML: the sheet row (0 for
// none) and a prefix naming the thing being read ("sel C12: ").
struct XmlPlace {
    std::size_t row = 0;
    std::string what;
};

class XmlHandler {
public:
    virtual ~XmlHandler() = default;
    virtual void start(std::string_view name, const XmlAttributes& attributes) = 0;
    virtual void end(std::string_view name) = 0;
    // Character data, possibly in several pieces.
    virtual void text(std::string_view text) = 0;
    virtual XmlPlace place() const { return {}; }
};

class XmlStream {
public:
    XmlStream(PartReader& part, XmlHandler& handler, const Limits& limits);
    ~XmlStream();
    XmlStream(const XmlStream&) = delete;
    XmlStream& operator=(const XmlStream&) = delete;

    // Parses until a handler calls pause() (true) or the part ends (false).
    // A handler's exception comes out of here; broken XML is a csv::Error.
    bool parse();
    // From inside a handler: stop after the current event; parse() resumes.
    void pause();

private:
    static void on_start(void* self, const char* name, const char** attributes);
    static void on_end(void* self, const char* name);
    static void on_text(void* self, const char* text, int length);
    static void on_doctype(void* self, const char*, const char*, const char*, int);
    static void on_entity(void* self, const char*, int, const char*, int, const char*, const char*, const char*,
                          const char*);
    // Runs a handler call, keeping its exception for parse() to rethrow:
    // nothing may unwind through expat's C frames.
    bool parse_more();
    template <class Call>
    void guarded(Call&& call);
    [[noreturn]] void throw_xml_error();

    PartReader& part_;
    XmlHandler& handler_;
    const Limits& limits_;
    XML_Parser parser_ = nullptr;
    std::size_t depth_ = 0;
    std::uint64_t fed_ = 0;           // bytes given to expat
    std::uint64_t last_event_ = 0;    // where the latest event started
    bool suspended_ = false;
    bool fed_final_ = false;
    bool finished_ = false;
    std::exception_ptr failure_;
};

}  // namespace tata::xlsx
