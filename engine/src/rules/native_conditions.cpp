#include "rules/native_conditions.hpp"

#include <cctype>
#include <charconv>
#include <cmath>

namespace tata {
namespace {

// Integers a double holds exactly: beyond, Lua's exact mixed comparisons and
// a double's could differ.
constexpr std::int64_t kExactInDouble = std::int64_t{1} << 53;

class Tokens {
public:
    explicit Tokens(std::string_view text) : text_(text) {}

    void skip_space() {
        while (at_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[at_]))) ++at_;
    }
    bool done() {
        skip_space();
        return at_ == text_.size();
    }
    // The exact symbol or keyword (a keyword must end there).
    bool take(std::string_view word) {
        skip_space();
        if (text_.substr(at_, word.size()) != word) return false;
        const std::size_t end = at_ + word.size();
        if (std::isalpha(static_cast<unsigned char>(word[0])) && end < text_.size() && is_name_char(text_[end]))
            return false;
        at_ = end;
        return true;
    }
    std::optional<std::string_view> name() {
        skip_space();
        if (at_ >= text_.size() || !(std::isalpha(static_cast<unsigned char>(text_[at_])) || text_[at_] == '_'))
            return std::nullopt;
        const std::size_t start = at_;
        while (at_ < text_.size() && is_name_char(text_[at_])) ++at_;
        return text_.substr(start, at_ - start);
    }
    // [-]digits[.digits], not followed by anything that would make it
    // another Lua numeral (exponent, hex, a second dot).
    std::optional<NumberLiteral> number() {
        skip_space();
        std::size_t end = at_;
        if (end < text_.size() && text_[end] == '-') ++end;
        const std::size_t digits = end;
        while (end < text_.size() && std::isdigit(static_cast<unsigned char>(text_[end]))) ++end;
        if (end == digits || end - digits > 18) return std::nullopt;
        bool integer = true;
        if (end < text_.size() && text_[end] == '.') {
            integer = false;
            const std::size_t fraction = ++end;
            while (end < text_.size() && std::isdigit(static_cast<unsigned char>(text_[end]))) ++end;
            if (end == fraction) return std::nullopt;
        }
        if (end < text_.size() && (is_name_char(text_[end]) || text_[end] == '.')) return std::nullopt;
        NumberLiteral n;
        n.integer = integer;
        const char* first = text_.data() + at_;
        const char* last = text_.data() + end;
        if (integer ? std::from_chars(first, last, n.i).ec != std::errc() : std::from_chars(first, last, n.d).ec != std::errc())
            return std::nullopt;
        at_ = end;
        return n;
    }
    // 'text' or "text" without escapes or line breaks.
    std::optional<std::string> quoted() {
        skip_space();
        if (at_ >= text_.size() || (text_[at_] != '\'' && text_[at_] != '"')) return std::nullopt;
        const char quote = text_[at_];
        std::size_t end = at_ + 1;
        while (end < text_.size() && text_[end] != quote) {
            if (text_[end] == '\\' || text_[end] == '\n' || text_[end] == '\r') return std::nullopt;
            ++end;
        }
        if (end >= text_.size()) return std::nullopt;
        std::string text(text_.substr(at_ + 1, end - at_ - 1));
        at_ = end + 1;
        return text;
    }

private:
    static bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
    std::string_view text_;
    std::size_t at_ = 0;
};

// Whether the whole source is this one word.
bool is_only(std::string_view source, std::string_view word) {
    Tokens tokens(source);
    return tokens.take(word) && tokens.done();
}

// Lua's reserved words: never a column.
bool is_keyword(std::string_view word) {
    static constexpr std::string_view words[] = {"and",   "break", "do",  "else", "elseif", "end",  "false", "for",
                                                 "function", "goto", "if", "in", "local", "nil", "not", "or",
                                                 "repeat", "return", "then", "true", "until", "while"};
    for (const auto w : words)
        if (w == word) return true;
    return false;
}

}  // namespace

std::optional<NativeConditions> NativeConditions::compile(const std::vector<std::string>& sources,
                                                          const std::function<int(std::string_view)>& column_of) {
    NativeConditions compiled;
    for (const auto& source : sources) {
        auto condition = parse(source, column_of);
        if (!condition) return std::nullopt;
        compiled.conditions_.push_back(std::move(*condition));
    }
    return compiled;
}

std::optional<NativeConditions::Condition> NativeConditions::parse(std::string_view source,
                                                                  const std::function<int(std::string_view)>& column_of) {
    // A rule without a condition ("true") and a rule a scorer plugin scores
    // ("false"), as the scorecard writes them: all of no comparison holds,
    // any of none does not.
    if (is_only(source, "true")) return Condition{Conjunction{}};
    if (is_only(source, "false")) return Condition{};
    Tokens tokens(source);
    const auto column = [&]() -> std::optional<std::size_t> {
        const auto name = tokens.name();
        if (!name || is_keyword(*name)) return std::nullopt;
        const int index = column_of(*name);
        if (index < 0) return std::nullopt;
        return static_cast<std::size_t>(index);
    };
    const auto comparison = [&]() -> std::optional<Comparison> {
        Comparison c;
        if (tokens.take("(")) {
            const auto index = column();
            if (!index || !tokens.take("or")) return std::nullopt;
            c.column = *index;
            c.fallback = tokens.number();
            if (!c.fallback || !tokens.take(")")) return std::nullopt;
        } else {
            const auto index = column();
            if (!index) return std::nullopt;
            c.column = *index;
        }
        // Longer symbols first: "<=" before "<".
        if (tokens.take("==")) c.op = Op::eq;
        else if (tokens.take("~=")) c.op = Op::ne;
        else if (tokens.take("<=")) c.op = Op::le;
        else if (tokens.take(">=")) c.op = Op::ge;
        else if (tokens.take("<")) c.op = Op::lt;
        else if (tokens.take(">")) c.op = Op::gt;
        else return std::nullopt;
        if (auto text = tokens.quoted()) {
            // Lua orders texts by the C library's collation: not decided here.
            if (c.op != Op::eq && c.op != Op::ne) return std::nullopt;
            c.text = std::move(*text);
            return c;
        }
        const auto number = tokens.number();
        if (!number) return std::nullopt;
        c.number = *number;
        return c;
    };

    Condition condition;
    do {
        Conjunction all;
        do {
            auto c = comparison();
            if (!c) return std::nullopt;
            all.push_back(std::move(*c));
        } while (tokens.take("and"));
        condition.push_back(std::move(all));
    } while (tokens.take("or"));
    if (!tokens.done()) return std::nullopt;
    return condition;
}

NativeConditions::Truth NativeConditions::compare(const Comparison& c, std::span<const FieldValue> values) {
    FieldValue value = c.column < values.size() ? values[c.column] : FieldValue();
    if (value.is_null() && c.fallback)
        value = c.fallback->integer ? FieldValue::of_integer(c.fallback->i) : FieldValue::of_number(c.fallback->d);
    const bool equality = c.op == Op::eq || c.op == Op::ne;
    const auto answer = [&](bool holds) { return holds ? Truth::yes : Truth::no; };

    if (c.text) {  // equality only (see parse)
        const bool equal = value.kind == FieldKind::text && value.text == *c.text;
        return answer(equal == (c.op == Op::eq));
    }
    if (!value.is_numeric()) {
        // Different types are never equal; ordering them is Lua's error.
        if (equality) return answer(c.op == Op::ne);
        return Truth::ask_lua;
    }
    int order;  // -1, 0, 1: value against the literal; 2: unordered (NaN)
    if (value.kind == FieldKind::integer && c.number.integer) {
        order = value.integer < c.number.i ? -1 : value.integer > c.number.i ? 1 : 0;
    } else {
        if (value.kind == FieldKind::integer && (value.integer > kExactInDouble || value.integer < -kExactInDouble))
            return Truth::ask_lua;
        if (c.number.integer && (c.number.i > kExactInDouble || c.number.i < -kExactInDouble)) return Truth::ask_lua;
        const double left = value.as_double();
        const double right = c.number.integer ? static_cast<double>(c.number.i) : c.number.d;
        order = std::isnan(left) || std::isnan(right) ? 2 : left < right ? -1 : left > right ? 1 : 0;
    }
    switch (c.op) {
        case Op::eq: return answer(order == 0);
        case Op::ne: return answer(order != 0);
        case Op::lt: return answer(order == -1);
        case Op::le: return answer(order == -1 || order == 0);
        case Op::gt: return answer(order == 1);
        case Op::ge: return answer(order == 1 || order == 0);
    }
    return Truth::ask_lua;
}

std::optional<std::uint64_t> NativeConditions::test(std::span<const FieldValue> values) const {
    std::uint64_t mask = 0;
    for (std::size_t i = 0; i < conditions_.size(); ++i) {
        // Lua's order: the first conjunction that holds decides, and a
        // conjunction stops at its first comparison that does not.
        bool holds = false;
        for (const Conjunction& all : conditions_[i]) {
            bool all_hold = true;
            for (const Comparison& c : all) {
                const Truth truth = compare(c, values);
                if (truth == Truth::ask_lua) return std::nullopt;
                if (truth == Truth::no) {
                    all_hold = false;
                    break;
                }
            }
            if (all_hold) {
                holds = true;
                break;
            }
        }
        if (holds) mask |= std::uint64_t{1} << i;
    }
    return mask;
}

}  // namespace tata
