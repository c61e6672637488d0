#include "runtime/form_check.hpp"

#include "tata/calendar.hpp"
#include "tata/json_limits.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

// The messages reach the officer beside the field, so they are in Bahasa
// Indonesia and name choices by their words, never by their codes.
namespace tata {
namespace {

// A bound as Indonesians write it: a decimal comma ("2,5").
std::string number_text(double v) {
    std::string s = std::to_string(v);
    s.erase(s.find_last_not_of('0') + 1);
    if (!s.empty() && s.back() == '.') s.pop_back();
    std::replace(s.begin(), s.end(), '.', ',');
    return s;
}

std::string range_text(const FormField& f) {
    if (f.min && f.max) return "antara " + number_text(*f.min) + " dan " + number_text(*f.max);
    if (f.min) return "paling sedikit " + number_text(*f.min);
    return "paling banyak " + number_text(*f.max);
}

std::string check_length(const FormField& f, const std::string& text) {
    const std::size_t longest =
        f.max_length.value_or(f.type == FieldType::text ? kDefaultTextLength : kDefaultStringLength);
    if (text.size() > longest && utf8_length(text) > longest)
        return "paling banyak " + std::to_string(longest) + " karakter";
    return "";
}

// Empty when the value fits the field, else what is wrong.
std::string check_value(const FormField& f, const nlohmann::json& v) {
    switch (f.type) {
        case FieldType::string:
        case FieldType::text:
        case FieldType::document:
            return v.is_string() ? check_length(f, v.get_ref<const std::string&>()) : "harus berupa teks";
        case FieldType::boolean:
            return v.is_boolean() ? "" : "harus ya atau tidak";
        case FieldType::date:
            return v.is_string() && parse_iso_date(v.get<std::string>()).has_value() ? "" : "harus tanggal yang sah (TTTT-BB-HH)";
        case FieldType::choice: {
            if (!v.is_string()) return "harus salah satu pilihan yang ada";
            const auto text = v.get<std::string>();
            if (std::find(f.options.begin(), f.options.end(), text) != f.options.end()) return "";
            std::string options;
            for (const auto& o : f.options) {
                const auto label = f.option_labels.find(o);
                options += (options.empty() ? "" : ", ") + (label == f.option_labels.end() ? o : label->second);
            }
            return "harus salah satu dari: " + options;
        }
        case FieldType::integer:
        case FieldType::number: {
            const bool integral = v.is_number_integer() || (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>());
            if (f.type == FieldType::integer ? !integral : !v.is_number())
                return f.type == FieldType::integer ? "harus bilangan bulat" : "harus berupa angka";
            const double value = v.get<double>();
            if ((f.min && value < *f.min) || (f.max && value > *f.max)) return "harus " + range_text(f);
            return "";
        }
    }
    return "";
}

}  // namespace

std::vector<FieldError> check_form_input(const std::vector<const FormField*>& forms, const nlohmann::json& input) {
    std::vector<FieldError> errors;
    if (!input.is_object()) {
        errors.push_back({"", "isian keputusan harus berupa objek JSON"});
        return errors;
    }
    for (const auto& item : input.items()) {
        const std::string& name = item.key();  // lambdas capture no structured bindings in clang 14
        const nlohmann::json& value = item.value();
        const auto field = std::find_if(forms.begin(), forms.end(), [&](const FormField* f) { return f->name == name; });
        if (field == forms.end()) {
            errors.push_back({name, "isian ini tidak diminta oleh keputusan ini"});
        } else if (!value.is_null()) {  // null is "not given": the required check below covers it
            if (auto problem = check_value(**field, value); !problem.empty()) errors.push_back({name, problem});
        }
    }
    for (const FormField* f : forms) {
        const auto it = input.find(f->name);
        const bool missing = it == input.end() || it->is_null() || (it->is_string() && it->get<std::string>().empty());
        if (f->required && missing) errors.push_back({f->name, "wajib diisi"});
    }
    return errors;
}

}  // namespace tata
