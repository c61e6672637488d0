#include "runtime/form_check.hpp"

#include "tata/calendar.hpp"
#include "tata/json_limits.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace tata {
namespace {

std::string range_text(const FormField& f) {
    auto fmt = [](double v) {
        std::string s = std::to_string(v);
        s.erase(s.find_last_not_of('0') + 1);
        if (!s.empty() && s.back() == '.') s.pop_back();
        return s;
    };
    if (f.min && f.max) return "between " + fmt(*f.min) + " and " + fmt(*f.max);
    if (f.min) return "at least " + fmt(*f.min);
    return "at most " + fmt(*f.max);
}

std::string check_length(const FormField& f, const std::string& text) {
    const std::size_t longest =
        f.max_length.value_or(f.type == FieldType::text ? kDefaultTextLength : kDefaultStringLength);
    if (text.size() > longest && utf8_length(text) > longest)
        return "must be at most " + std::to_string(longest) + " characters";
    return "";
}

// Empty when the value fits the field, else what is wrong.
std::string check_value(const FormField& f, const nlohmann::json& v) {
    switch (f.type) {
        case FieldType::string:
        case FieldType::text:
        case FieldType::document:
            return v.is_string() ? check_length(f, v.get_ref<const std::string&>()) : "must be a string";
        case FieldType::boolean:
            return v.is_boolean() ? "" : "must be true or false";
        case FieldType::date:
            return v.is_string() && parse_iso_date(v.get<std::string>()).has_value() ? "" : "must be a date (YYYY-MM-DD)";
        case FieldType::choice: {
            if (!v.is_string()) return "must be a string";
            const auto text = v.get<std::string>();
            if (std::find(f.options.begin(), f.options.end(), text) != f.options.end()) return "";
            std::string options;
            for (const auto& o : f.options) options += (options.empty() ? "" : ", ") + o;
            return "must be one of: " + options;
        }
        case FieldType::integer:
        case FieldType::number: {
            const bool integral = v.is_number_integer() || (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>());
            if (f.type == FieldType::integer ? !integral : !v.is_number())
                return f.type == FieldType::integer ? "must be an integer" : "must be a number";
            const double value = v.get<double>();
            if ((f.min && value < *f.min) || (f.max && value > *f.max)) return "must be " + range_text(f);
            return "";
        }
    }
    return "";
}

}  // namespace

std::vector<FieldError> check_form_input(const std::vector<const FormField*>& forms, const nlohmann::json& input) {
    std::vector<FieldError> errors;
    if (!input.is_object()) {
        errors.push_back({"", "input must be a JSON object"});
        return errors;
    }
    for (const auto& item : input.items()) {
        const std::string& name = item.key();  // lambdas capture no structured bindings in clang 14
        const nlohmann::json& value = item.value();
        const auto field = std::find_if(forms.begin(), forms.end(), [&](const FormField* f) { return f->name == name; });
        if (field == forms.end()) {
            errors.push_back({name, "unknown field (this task does not ask for it)"});
        } else if (!value.is_null()) {  // null is "not given": the required check below covers it
            if (auto problem = check_value(**field, value); !problem.empty()) errors.push_back({name, problem});
        }
    }
    for (const FormField* f : forms) {
        const auto it = input.find(f->name);
        const bool missing = it == input.end() || it->is_null() || (it->is_string() && it->get<std::string>().empty());
        if (f->required && missing) errors.push_back({f->name, "is required"});
    }
    return errors;
}

}  // namespace tata
