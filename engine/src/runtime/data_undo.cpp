#include "runtime/data_undo.hpp"

#include <algorithm>

namespace tata {

void DataUndo::save(const nlohmann::json& data, const nlohmann::json& patch) {
    if (whole_) return;
    if (!data.is_object() || !patch.is_object()) {
        // The fields saved so far hold their values from before the step:
        // put them back into the copy.
        whole_ = data;
        for (auto& [key, value] : saved_) {
            if (value)
                (*whole_)[key] = std::move(*value);
            else
                whole_->erase(key);
        }
        saved_.clear();
        return;
    }
    for (const auto& item : patch.items()) {
        // A named reference, not a structured binding: lambdas may capture
        // bindings only from C++20 compilers newer than Debian's clang 14.
        const std::string& key = item.key();
        const bool known = std::any_of(saved_.begin(), saved_.end(), [&](const auto& s) { return s.first == key; });
        if (known) continue;  // the value before the step is already kept
        const auto it = data.find(key);
        saved_.emplace_back(key, it == data.end() ? std::nullopt : std::optional<nlohmann::json>(*it));
    }
}

void DataUndo::restore(nlohmann::json& data) {
    if (whole_) {
        data = std::move(*whole_);
        clear();
        return;
    }
    for (auto& [key, value] : saved_) {
        if (value)
            data[key] = std::move(*value);
        else
            data.erase(key);
    }
    clear();
}

void DataUndo::clear() {
    whole_.reset();
    saved_.clear();
}

}  // namespace tata
