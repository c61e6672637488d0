#include "checks.hpp"

#include <algorithm>

namespace tata::core {
namespace {

bool is_filled(const sdk::Json& value) {
    if (value.is_null()) return false;
    if (value.is_string()) return !value.get<std::string>().empty();
    if (value.is_array() || value.is_object()) return !value.empty();
    return true;
}

std::string describe(const sdk::Json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); }

// The document types a case holds: data.dokumen as ["ktp", ...] or
// [{"jenis": "ktp", ...}, ...].
std::vector<std::string> documents_held(const sdk::CaseData& data) {
    std::vector<std::string> held;
    const sdk::Json* it = data.find("dokumen");
    if (it == nullptr || !it->is_array()) return held;
    for (const auto& item : *it) {
        if (item.is_string()) held.push_back(item.get<std::string>());
        if (item.is_object() && item.contains("jenis") && item["jenis"].is_string())
            held.push_back(item["jenis"].get<std::string>());
    }
    return held;
}

std::vector<std::string> string_list(const sdk::Json& value, const char* what) {
    if (!value.is_array()) throw sdk::ActionFailure(std::string(what) + " must be a list");
    std::vector<std::string> out;
    for (const auto& item : value) {
        if (!item.is_string()) throw sdk::ActionFailure(std::string(what) + " must list strings");
        out.push_back(item.get<std::string>());
    }
    return out;
}

}  // namespace

sdk::Patch record_check(const sdk::CaseData& data, const std::string& name, bool ok, const std::string& message) {
    const sdk::Json* held = data.find("checks");
    const sdk::Json* before = held != nullptr && held->is_object() ? held : nullptr;
    const sdk::Json entry = {{"ok", ok}, {"pesan", message}};
    // The patch carries only what changes (this check, the count, the
    // reasons), not every other check back again: the host merges it into
    // data.checks. Merging must give exactly what replacing data.checks with
    // the full object gave: keys the old entry had beyond ok/pesan, and
    // null-valued checks, are deleted.
    sdk::Json changed = entry;
    if (before != nullptr) {
        if (const auto old = before->find(name); old != before->end() && old->is_object()) {
            for (const auto& [key, value] : old->items())
                if (!entry.contains(key)) changed[key] = nullptr;
        }
    }
    sdk::Json delta = {{name, std::move(changed)}};
    int failed = 0;
    sdk::Json reasons = sdk::Json::array();
    const auto count = [&](const std::string& key, const sdk::Json& value) {
        if (value.is_null()) delta[key] = nullptr;
        if (!value.is_object() || !value.contains("ok")) return;  // failed / reasons themselves
        if (value["ok"] == false) {
            ++failed;
            reasons.push_back(value.value("pesan", key));
        }
    };
    // The checks as they will be, in key order (the order of the reasons),
    // walked without copying them: the old ones, with this one in its place.
    bool counted = false;
    if (before != nullptr) {
        for (const auto& [key, value] : before->items()) {
            if (!counted && key >= name) {
                count(name, entry);
                counted = true;
                if (key == name) continue;
            }
            count(key, value);
        }
    }
    if (!counted) count(name, entry);
    delta["failed"] = failed;
    delta["reasons"] = std::move(reasons);
    return {{"checks", std::move(delta)}};
}

sdk::Patch require_fields(const sdk::ActionContext& ctx) {
    const auto fields = string_list(ctx.args.value("fields", sdk::Json::array()), "with.fields");
    std::vector<std::string> missing;
    for (const auto& field : fields) {
        if (!ctx.data.contains(field) || !is_filled(ctx.data[field])) missing.push_back(field);
    }
    std::string message = "Semua data wajib terisi";
    if (!missing.empty()) {
        message = "Data wajib belum diisi:";
        for (const auto& m : missing) message += " " + m;
    }
    return record_check(ctx.data, ctx.args.value("check", std::string("data_wajib")), missing.empty(), message);
}

sdk::Patch require_documents(const sdk::ActionContext& ctx) {
    sdk::Json wanted = ctx.args.value("documents", sdk::Json());
    if (wanted.is_null()) wanted = ctx.regency_settings.value("documents", sdk::Json::array());
    const auto mandatory = string_list(wanted, "the mandatory documents");
    const auto held = documents_held(ctx.data);
    std::vector<std::string> missing;
    for (const auto& document : mandatory) {
        if (std::find(held.begin(), held.end(), document) == held.end()) missing.push_back(document);
    }
    std::string message = "Dokumen wajib lengkap";
    if (!missing.empty()) {
        message = "Dokumen wajib belum ada:";
        for (const auto& m : missing) message += " " + m;
    }
    return record_check(ctx.data, ctx.args.value("check", std::string("dokumen")), missing.empty(), message);
}

sdk::Patch check_field(const sdk::ActionContext& ctx) {
    const std::string check = ctx.args.value("check", std::string());
    const std::string field = ctx.args.value("field", std::string());
    if (check.empty() || field.empty()) throw sdk::ActionFailure("core.check_field needs with.check and with.field");
    const sdk::Json value = ctx.data.value(field, sdk::Json());
    bool ok = is_filled(value);
    std::string why = ok ? "" : field + " kosong";
    if (ok && ctx.args.contains("equals") && value != ctx.args["equals"]) {
        ok = false;
        why = field + " bernilai " + describe(value) + ", seharusnya " + describe(ctx.args["equals"]);
    }
    if (ok && ctx.args.contains("in")) {
        const auto& allowed = ctx.args["in"];
        if (!allowed.is_array()) throw sdk::ActionFailure("with.in must be a list");
        if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
            ok = false;
            why = field + " bernilai " + describe(value) + ", tidak termasuk " + allowed.dump();
        }
    }
    for (const char* bound : {"min", "max"}) {
        // `min_setting: name` reads the bound from the regency's settings.
        const std::string setting_key = std::string(bound) + "_setting";
        sdk::Json limit_value = ctx.args.value(bound, sdk::Json());
        if (ctx.args.contains(setting_key)) {
            const std::string setting = ctx.args[setting_key].get<std::string>();
            if (!ctx.regency_settings.contains(setting) || !ctx.regency_settings[setting].is_number())
                throw sdk::ActionFailure("the regency has no numeric setting '" + setting + "'");
            limit_value = ctx.regency_settings[setting];
        }
        if (!ok || limit_value.is_null()) continue;
        if (!value.is_number()) {
            ok = false;
            why = field + " bukan angka";
            break;
        }
        if (!limit_value.is_number()) throw sdk::ActionFailure(std::string("with.") + bound + " must be a number");
        const double limit = limit_value.get<double>();
        const double actual = value.get<double>();
        if (bound[1] == 'i' ? actual < limit : actual > limit) {
            ok = false;
            why = field + " bernilai " + describe(value) + (bound[1] == 'i' ? ", minimal " : ", maksimal ") +
                  describe(limit_value);
        }
    }
    const std::string message = ok ? ctx.args.value("ok_message", field + " memenuhi syarat")
                                   : ctx.args.value("message", std::string("Tidak memenuhi syarat")) + " (" + why + ")";
    return record_check(ctx.data, check, ok, message);
}

}  // namespace tata::core
