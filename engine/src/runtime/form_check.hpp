// Checks a task's input against its form: one error per bad field.
#pragma once

#include "tata/errors.hpp"
#include "tata/workflow.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace tata {

// `forms` are the state's fields and the outcome's fields together.
std::vector<FieldError> check_form_input(const std::vector<const FormField*>& forms, const nlohmann::json& input);

}  // namespace tata
