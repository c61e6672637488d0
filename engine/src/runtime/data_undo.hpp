// What a step's action patches changed in the case data, so that a failing
// step can put the data back as it was. Saving the few top-level fields a
// patch touches costs far less than copying the whole data before every
// step (a roster import runs a step with actions for every case it creates).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tata {

class DataUndo {
public:
    // Call before merging `patch` into `data`.
    void save(const nlohmann::json& data, const nlohmann::json& patch);
    // Puts the data back as it was at the first save since the last clear.
    void restore(nlohmann::json& data);
    void clear();

private:
    // The whole data, when field by field cannot tell (not two objects).
    std::optional<nlohmann::json> whole_;
    // A field as it was before its first change: nullopt when it was absent.
    std::vector<std::pair<std::string, std::optional<nlohmann::json>>> saved_;
};

}  // namespace tata
