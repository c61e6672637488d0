#include "xlsx/workbook.hpp"

#include "xlsx/xml_stream.hpp"

#include <map>
#include <vector>

namespace tata::xlsx {
namespace {

struct Relationship {
    std::string type;  // the URI's last segment: "worksheet", "sharedStrings", "officeDocument", ...
    std::string target;
};

// A relationship's type is a URI that differs between Transitional and
// Strict OOXML; its last segment does not.
std::string last_segment(std::string_view uri) {
    const std::size_t slash = uri.rfind('/');
    return std::string(slash == std::string_view::npos ? uri : uri.substr(slash + 1));
}

class RelationshipsHandler final : public XmlHandler {
public:
    std::map<std::string, Relationship> by_id;

    void start(std::string_view name, const XmlAttributes& attributes) override {
        if (name != "Relationship") return;
        const auto id = attributes.get("Id");
        const auto type = attributes.get("Type");
        const auto target = attributes.get("Target");
        const auto mode = attributes.get("TargetMode");
        if (!id || !type || !target || (mode && *mode == "External")) return;
        by_id.try_emplace(std::string(*id), Relationship{last_segment(*type), std::string(*target)});
    }
    void end(std::string_view) override {}
    void text(std::string_view) override {}
};

class WorkbookHandler final : public XmlHandler {
public:
    bool date1904 = false;
    bool has_sheet = false;
    std::string sheet_name;
    std::string sheet_id;  // the r:id of the first <sheet>

    void start(std::string_view name, const XmlAttributes& attributes) override {
        if (name == "workbookPr") {
            const auto value = attributes.get("date1904");
            date1904 = value && (*value == "1" || *value == "true");
        } else if (name == "sheet" && !has_sheet) {
            has_sheet = true;
            sheet_name = std::string(attributes.get("name").value_or(""));
            sheet_id = std::string(attributes.get("id").value_or(""));
        }
    }
    void end(std::string_view) override {}
    void text(std::string_view) override {}
};

void parse_part(const Archive& archive, const std::string& part, std::uint64_t max_bytes, XmlHandler& handler,
                const Limits& limits) {
    PartReader reader(archive, part, max_bytes);
    XmlStream stream(reader, handler, limits);
    while (stream.parse()) {
    }
}

// The relationships of `part` (from its _rels/NAME.rels), empty when it has none.
std::map<std::string, Relationship> relationships_of(const Archive& archive, const std::string& part,
                                                     const Limits& limits) {
    const std::size_t slash = part.rfind('/');
    const std::string dir = slash == std::string::npos ? "" : part.substr(0, slash + 1);
    const std::string name = slash == std::string::npos ? part : part.substr(slash + 1);
    const std::string rels = dir + "_rels/" + name + ".rels";
    RelationshipsHandler handler;
    if (archive.has(rels)) parse_part(archive, rels, limits.max_part_bytes, handler, limits);
    return std::move(handler.by_id);
}

// The first target of a relationship of `type`, resolved, or "".
std::string target_of_type(const std::map<std::string, Relationship>& relationships, const std::string& source,
                           std::string_view type) {
    for (const auto& [id, relationship] : relationships) {
        if (relationship.type == type) return resolve_target(source, relationship.target);
    }
    return "";
}

}  // namespace

std::string resolve_target(const std::string& source_part, std::string_view target) {
    std::vector<std::string> segments;
    if (!target.empty() && target.front() == '/') {
        target.remove_prefix(1);
    } else {
        std::size_t from = 0;
        for (std::size_t slash; (slash = source_part.find('/', from)) != std::string::npos; from = slash + 1)
            segments.push_back(source_part.substr(from, slash - from));
    }
    std::size_t from = 0;
    while (from <= target.size()) {
        const std::size_t slash = std::min(target.find('/', from), target.size());
        const std::string_view segment = target.substr(from, slash - from);
        if (segment == "..") {
            if (!segments.empty()) segments.pop_back();
        } else if (!segment.empty() && segment != ".") {
            segments.emplace_back(segment);
        }
        from = slash + 1;
    }
    std::string out;
    for (const auto& segment : segments) out += (out.empty() ? "" : "/") + segment;
    return out;
}

WorkbookParts locate_parts(const Archive& archive, const Limits& limits) {
    // The package's own relationships name the workbook; xl/workbook.xml
    // is where every writer puts it, should a package lack them.
    std::string workbook = target_of_type(relationships_of(archive, "", limits), "", "officeDocument");
    if (workbook.empty() || !archive.has(workbook)) workbook = "xl/workbook.xml";
    if (!archive.has(workbook)) {
        throw csv::Error(archive.file(), 0,
                         "bukan berkas XLSX yang sah: arsip zip ini bukan buku kerja Excel (tidak ada "
                         "xl/workbook.xml); simpan dari Excel sebagai \"Excel Workbook (.xlsx)\"");
    }
    WorkbookHandler book;
    parse_part(archive, workbook, limits.max_part_bytes, book, limits);
    if (!book.has_sheet) throw csv::Error(archive.file(), 0, "buku kerja tidak berisi lembar kerja (sheet) apa pun");

    const auto relationships = relationships_of(archive, workbook, limits);
    WorkbookParts parts;
    parts.sheet_name = book.sheet_name;
    parts.date1904 = book.date1904;
    const auto sheet = relationships.find(book.sheet_id);
    if (sheet == relationships.end()) {
        throw csv::Error(archive.file(), 0,
                         "bukan berkas XLSX yang sah: lembar pertama '" + book.sheet_name +
                             "' tidak ditemukan di dalam arsip");
    }
    if (sheet->second.type != "worksheet") {
        throw csv::Error(archive.file(), 0,
                         "lembar pertama '" + book.sheet_name +
                             "' bukan lembar kerja berisi sel (mungkin grafik); pindahkan lembar data ke urutan "
                             "pertama");
    }
    parts.sheet = resolve_target(workbook, sheet->second.target);
    if (!archive.has(parts.sheet)) {
        throw csv::Error(archive.file(), 0,
                         "bukan berkas XLSX yang sah: bagian " + parts.sheet + " untuk lembar '" + book.sheet_name +
                             "' tidak ada");
    }
    parts.shared_strings = target_of_type(relationships, workbook, "sharedStrings");
    parts.styles = target_of_type(relationships, workbook, "styles");
    if (!parts.shared_strings.empty() && !archive.has(parts.shared_strings)) parts.shared_strings.clear();
    if (!parts.styles.empty() && !archive.has(parts.styles)) parts.styles.clear();
    return parts;
}

}  // namespace tata::xlsx
