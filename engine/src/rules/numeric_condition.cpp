#include "rules/numeric_condition.hpp"

#include <cmath>
#include <cstdlib>

namespace tata {
namespace {

// A cursor over the condition's text, reading it left to right.
class ConditionText {
public:
    explicit ConditionText(std::string_view text) : text_(text) {}

    std::optional<NumericRange> range() {
        skip_spaces();
        NumericRange out;
        if (peek() == '[' || peek() == '(') {
            const bool low_inclusive = text_[at_++] == '[';
            const auto low = number();
            skip_spaces();
            if (!low || !eat("..")) return std::nullopt;
            const auto high = number();
            skip_spaces();
            if (!high || (peek() != ']' && peek() != ')')) return std::nullopt;
            const bool high_inclusive = text_[at_++] == ']';
            out.low = NumericBound{*low, low_inclusive};
            out.high = NumericBound{*high, high_inclusive};
        } else {
            std::string_view op;
            for (std::string_view candidate : {">=", "<=", ">", "<", "="}) {
                if (eat(candidate)) {
                    op = candidate;
                    break;
                }
            }
            const auto value = number();
            if (!value) return std::nullopt;
            if (op == ">=" || op == ">") out.low = NumericBound{*value, op == ">="};
            else if (op == "<=" || op == "<") out.high = NumericBound{*value, op == "<="};
            else out.low = out.high = NumericBound{*value, true};
        }
        skip_spaces();
        if (at_ != text_.size()) return std::nullopt;
        return out;
    }

private:
    char peek() const { return at_ < text_.size() ? text_[at_] : '\0'; }
    void skip_spaces() {
        while (peek() == ' ' || peek() == '\t') ++at_;
    }
    bool eat(std::string_view token) {
        if (text_.substr(at_, token.size()) != token) return false;
        at_ += token.size();
        return true;
    }
    bool digits() {
        const std::size_t start = at_;
        while (peek() >= '0' && peek() <= '9') ++at_;
        return at_ > start;
    }
    // [+-]?(D+(.D+)?|.D+)([eE][+-]?D+)?: a "." is part of the number only
    // when a digit follows, so "75..85" reads as 75, "..", 85.
    std::optional<double> number() {
        skip_spaces();
        const std::size_t start = at_;
        if (peek() == '+' || peek() == '-') ++at_;
        const bool whole = digits();
        bool fraction = false;
        if (peek() == '.' && at_ + 1 < text_.size() && text_[at_ + 1] >= '0' && text_[at_ + 1] <= '9') {
            ++at_;
            fraction = digits();
        }
        if (!whole && !fraction) return std::nullopt;
        if (peek() == 'e' || peek() == 'E') {
            const std::size_t mark = at_++;
            if (peek() == '+' || peek() == '-') ++at_;
            if (!digits()) at_ = mark;
        }
        const std::string literal(text_.substr(start, at_ - start));
        const double value = std::strtod(literal.c_str(), nullptr);
        if (!std::isfinite(value)) return std::nullopt;
        return value;
    }

    std::string_view text_;
    std::size_t at_ = 0;
};

}  // namespace

std::optional<NumericRange> parse_numeric_condition(std::string_view text) { return ConditionText(text).range(); }

}  // namespace tata
