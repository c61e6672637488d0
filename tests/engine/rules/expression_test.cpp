#include "tata/expression.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace {

using nlohmann::json;
using tata::CompiledExpression;
using tata::ExpressionCompileError;
using tata::ExpressionEngine;
using tata::ExpressionError;
using tata::ExpressionLimits;
using tata::ExpressionScope;

// One engine and one scope; each test fills in the JSON it needs.
struct Sandbox {
    std::shared_ptr<ExpressionEngine> engine;
    json data = json::object();
    json input = json::object();
    json case_info = json::object();
    std::string now = "2024-05-01T08:00:00+07:00";

    explicit Sandbox(ExpressionLimits limits = {}) : engine(ExpressionEngine::create(limits)) {}

    ExpressionScope scope() const { return {&data, &input, &case_info, now}; }
    json eval(std::string_view source) const { return engine->compile(source).evaluate(scope()); }
    bool test(std::string_view source) const { return engine->compile(source).test(scope()); }

    // The message of the ExpressionError that evaluating `source` raises.
    std::string failure(std::string_view source) const {
        const CompiledExpression expression = engine->compile(source);
        try {
            expression.evaluate(scope());
        } catch (const ExpressionError& error) {
            return error.what();
        }
        FAIL_CHECK("expected an ExpressionError from: " << source);
        return {};
    }

    // Whether the expression is refused at compile time or when evaluated.
    bool refuses(std::string_view source) const {
        try {
            eval(source);
        } catch (const ExpressionCompileError&) {
            return true;
        } catch (const ExpressionError&) {
            return true;
        }
        return false;
    }

    std::string compile_failure(std::string_view source) const {
        try {
            engine->compile(source);
        } catch (const ExpressionCompileError& error) {
            return error.what();
        }
        FAIL_CHECK("expected an ExpressionCompileError from: " << source);
        return {};
    }
};

json sample_data() {
    return json::parse(R"({
        "score": 7, "ratio": 0.5, "name": "Ani",
        "checks": {"failed": 0, "passed": 3},
        "items": [10, 20, 30],
        "tags": ["urgent", "ktp"],
        "people": [{"name": "Ani"}, {"name": "Budi"}],
        "weights": {"a": 1, "b": 2, "c": 3},
        "empty": [],
        "nothing": null,
        "birth_date": "2006-05-02"
    })");
}

}  // namespace

TEST_CASE("expressions compute over data and input", "[expression]") {
    Sandbox s;
    s.data = sample_data();
    s.input = {{"amount", 3}, {"approve", true}};

    const json sum = s.eval("data.score + input.amount");
    CHECK(sum == 10);
    CHECK(sum.is_number_integer());
    const json product = s.eval("data.ratio * 3");
    CHECK(product == 1.5);
    CHECK(product.is_number_float());
    CHECK(s.eval("data.score // 2") == 3);
    CHECK(s.eval("data.score / 2") == 3.5);
    CHECK(s.eval("data.name .. '!'") == "Ani!");
    CHECK(s.test("data.score > 5 and input.amount <= 3"));
    CHECK_FALSE(s.test("data.score < 5"));
    CHECK(s.test("input.approve == true"));
    CHECK(s.test("data.checks.failed == 0"));
}

TEST_CASE("names resolve to helpers, scope names, then data, then input", "[expression]") {
    Sandbox s;
    s.data = sample_data();
    s.input = {{"amount", 3}, {"score", 100}, {"nothing", "from input"}};
    s.case_info = {{"id", "C-1"}, {"state", "review"}};

    CHECK(s.test("checks.failed == 0"));
    CHECK(s.eval("checks.passed") == 3);
    CHECK(s.eval("amount") == 3);                // only in the input
    CHECK(s.eval("score") == 7);                 // data wins over input
    CHECK(s.eval("nothing") == "from input");    // null in data counts as absent
    CHECK(s.test("case.state == 'review'"));
    CHECK(s.eval("case.id") == "C-1");
    CHECK(s.eval("now") == s.now);

    s.data["input"] = "shadow";
    s.data["len"] = 99;
    s.data["string"] = "shadow";
    CHECK(s.eval("input.amount") == 3);          // scope names win over data members
    CHECK(s.eval("len('abc')") == 3);            // helpers win over data members
    CHECK(s.eval("string.upper('x')") == "X");   // so do libraries
}

TEST_CASE("missing names and keys are nil", "[expression]") {
    Sandbox s;
    s.data = sample_data();

    CHECK(s.eval("missing").is_null());
    CHECK(s.test("missing == nil"));
    CHECK_FALSE(s.test("exists(missing)"));
    CHECK_FALSE(s.test("exists(checks.unknown)"));
    CHECK(s.test("exists(checks.failed)"));
    CHECK(s.test("data.checks.unknown == nil"));
    CHECK(s.test("nothing == nil"));
    CHECK_FALSE(s.test("exists(data.nothing)"));
    CHECK_THAT(s.failure("missing.deeper"), Catch::Contains("attempt to index a nil value"));

    SECTION("a scope without JSON reads nil everywhere") {
        const ExpressionScope empty;
        for (const char* source : {"data", "input", "case", "now", "anything"}) {
            INFO(source);
            CHECK(s.engine->compile(source).evaluate(empty).is_null());
        }
    }
}

TEST_CASE("arrays and objects read like read-only Lua tables", "[expression]") {
    Sandbox s;
    s.data = sample_data();

    CHECK(s.eval("items[1]") == 10);
    CHECK(s.eval("items[3]") == 30);
    CHECK(s.eval("items[0]").is_null());
    CHECK(s.eval("items[4]").is_null());
    CHECK(s.eval("items['1']").is_null());
    CHECK(s.eval("weights[1]").is_null());
    CHECK(s.eval("#items") == 3);
    CHECK(s.eval("#weights") == 3);
    CHECK(s.eval("#empty") == 0);
    CHECK(s.eval("people[2].name") == "Budi");
    CHECK(s.eval("(function() local t = 0 for i, v in ipairs(items) do t = t + i * v end return t end)()") == 140);
    CHECK(s.eval("(function() local t = 0 for _, v in pairs(items) do t = t + v end return t end)()") == 60);
    CHECK(s.eval("(function() local keys, t = '', 0 "
                 "for k, v in pairs(weights) do keys = keys .. k; t = t + v end return keys .. t end)()") == "abc6");
    CHECK(s.eval("(function() local n = 0 for _, p in ipairs(people) do n = n + #p.name end return n end)()") == 7);
    CHECK(s.test("next(empty) == nil"));
    CHECK(s.eval("next(items)") == 1);
    CHECK(s.eval("type(items)") == "table");
    CHECK(s.eval("type(weights)") == "table");
    CHECK(s.eval("type(1)") == "number");
    CHECK(s.eval("table.concat(items, ',')") == "10,20,30");
    CHECK(s.eval("tostring(weights)") == R"({"a":1,"b":2,"c":3})");
    CHECK(s.test("data.items == data.items"));
    CHECK_FALSE(s.test("people[1] == people[2]"));

    SECTION("a proxy returned from an expression is copied out") {
        CHECK(s.eval("items") == json({10, 20, 30}));
        CHECK(s.eval("people[1]") == json({{"name", "Ani"}}));
    }
}

TEST_CASE("helper functions", "[expression]") {
    Sandbox s;
    s.data = sample_data();

    SECTION("len") {
        CHECK(s.eval("len('abc')") == 3);
        CHECK(s.eval("len(nil)") == 0);
        CHECK(s.eval("len(missing)") == 0);
        CHECK(s.eval("len(items)") == 3);
        CHECK(s.eval("len(weights)") == 3);
        CHECK(s.eval("len({1, 2})") == 2);
        CHECK(s.refuses("len(5)"));
    }
    SECTION("contains") {
        CHECK(s.test("contains(items, 20)"));
        CHECK(s.test("contains(items, 20.0)"));
        CHECK_FALSE(s.test("contains(items, 25)"));
        CHECK_FALSE(s.test("contains(items, '20')"));
        CHECK(s.test("contains(tags, 'ktp')"));
        CHECK_FALSE(s.test("contains(tags, 'kk')"));
        CHECK(s.test("contains(people, people[2])"));
        CHECK(s.test("contains('hello', 'ell')"));
        CHECK_FALSE(s.test("contains('hello', 'xyz')"));
        CHECK(s.test("contains(weights, 'b')"));
        CHECK_FALSE(s.test("contains(weights, 'z')"));
        CHECK(s.test("contains({1, 'a'}, 'a')"));
        CHECK_FALSE(s.test("contains({1, 'a'}, 'b')"));
        CHECK_FALSE(s.test("contains(nil, 1)"));
        CHECK(s.refuses("contains(5, 1)"));
    }
    SECTION("exists and coalesce") {
        CHECK(s.test("exists(0)"));
        CHECK(s.test("exists(false)"));
        CHECK_FALSE(s.test("exists(nil)"));
        CHECK(s.eval("coalesce(nil, missing, 3, 4)") == 3);
        CHECK(s.eval("coalesce(false, 1)") == false);
        CHECK(s.eval("coalesce(nothing, name)") == "Ani");
        CHECK(s.eval("coalesce()").is_null());
    }
    SECTION("years_between counts whole years as an age does") {
        CHECK(s.eval("years_between('1990-05-10', '2024-05-09')") == 33);
        CHECK(s.eval("years_between('1990-05-10', '2024-05-10')") == 34);
        CHECK(s.eval("years_between('2000-02-29', '2018-02-28')") == 17);
        CHECK(s.eval("years_between('2000-02-29', '2018-03-01')") == 18);
        CHECK(s.eval("years_between('2024-05-10', '1990-05-10')") == -34);
        CHECK(s.eval("years_between(birth_date, now)") == 17);  // turns 18 tomorrow
        CHECK(s.test("years_between('2006-05-01', now) >= 18"));
        CHECK_THAT(s.failure("years_between('10/05/1990', now)"), Catch::Contains("ISO date"));
        CHECK(s.refuses("years_between(nil, now)"));
    }
    SECTION("date normalizes or refuses") {
        CHECK(s.eval("date('2024-2-5')") == "2024-02-05");
        CHECK(s.eval("date('2024-03-01T10:00:00+07:00')") == "2024-03-01");
        CHECK(s.eval("date('2024-02-29')") == "2024-02-29");
        CHECK(s.refuses("date('2023-02-29')"));
        CHECK(s.refuses("date('2024-02-30')"));
        CHECK(s.refuses("date('24-01-01')"));
        CHECK(s.refuses("date('2024-01-01x')"));
        CHECK(s.refuses("date(nil)"));
    }
}

TEST_CASE("results convert to JSON, test() uses Lua truthiness", "[expression]") {
    Sandbox s;
    CHECK(s.eval("nil").is_null());
    CHECK(s.eval("true") == true);
    CHECK(s.eval("1 + 1").is_number_integer());
    CHECK(s.eval("2 ^ 0.5").is_number_float());
    CHECK(s.eval("'x'") == "x");
    CHECK(s.eval("1, 2") == 1);
    CHECK_THAT(s.failure("{}"), Catch::Contains("table"));
    CHECK_THAT(s.failure("function() end"), Catch::Contains("function"));

    CHECK(s.test("0"));   // unlike C, 0 and "" are true in Lua
    CHECK(s.test("''"));
    CHECK_FALSE(s.test("nil"));
    CHECK_FALSE(s.test("false"));
    CHECK_FALSE(s.test("missing"));
}

TEST_CASE("compile errors carry Lua's message without the chunk name", "[expression]") {
    Sandbox s;
    const std::string incomplete = s.compile_failure("a ==");
    CHECK_THAT(incomplete, Catch::Contains("near"));
    CHECK_THAT(incomplete, !Catch::StartsWith("expr"));
    CHECK_THAT(s.compile_failure("x = 1"), Catch::Contains("near '='"));
    CHECK_THAT(s.compile_failure(""), Catch::Contains("empty"));
    CHECK_THAT(s.compile_failure("  \n "), Catch::Contains("empty"));
    CHECK_THAT(s.compile_failure("1\n+"), Catch::StartsWith("line 2: "));
    s.compile_failure("1 end");
    s.compile_failure("1; os.exit()");  // no statements may follow the return
    s.compile_failure("\x1bLua");        // no bytecode
    CHECK(s.engine->compile("1 + 1").source() == "1 + 1");
}

TEST_CASE("the sandbox exposes nothing outside the state", "[expression][sandbox]") {
    Sandbox s;
    s.data = sample_data();
    const json original = s.data;

    SECTION("dangerous names are nil") {
        for (const char* name : {"os", "io", "debug", "package", "require", "load", "loadfile", "dofile",
                                 "collectgarbage", "setmetatable", "getmetatable", "rawset", "rawget", "print",
                                 "xpcall", "coroutine", "_G", "string.dump", "('x').dump", "table.move"}) {
            INFO(name);
            CHECK(s.eval(name).is_null());
        }
    }
    SECTION("escapes are refused") {
        for (const char* source : {
                 "os.execute('true')",
                 "io.open('/etc/passwd')",
                 "require('os')",
                 "load('return 1')()",
                 "string.dump(tostring)",
                 "('x'):dump()",
                 "setmetatable({}, {})",
                 "getmetatable('').__index",
                 "rawset(_ENV, 'x', 1)",
                 "debug.getinfo(1)",
                 "collectgarbage('count')",
             }) {
            INFO(source);
            CHECK(s.refuses(source));
        }
    }
    SECTION("everything an expression reaches is read-only") {
        for (const char* source : {
                 "(function() data.x = 1 end)()",
                 "(function() checks.failed = 1 end)()",
                 "(function() items[1] = 5 end)()",
                 "table.insert(items, 1)",
                 "(function() x = 1 end)()",
                 "(function() _ENV.x = 1 end)()",
                 "(function() string.rep = nil end)()",
                 "(function() math.pi = 3 end)()",
             }) {
            INFO(source);
            CHECK_THAT(s.failure(source), Catch::Contains("read-only"));
        }
        CHECK(s.data == original);
        CHECK(s.eval("string.rep('ab', 2)") == "abab");
        CHECK(s.eval("math.floor(math.pi)") == 3);
        CHECK(s.eval("x").is_null());
    }
}

TEST_CASE("the instruction budget stops runaway expressions", "[expression][limits]") {
    Sandbox s;

    CHECK(s.failure("(function() while true do end end)()") == "instruction budget exceeded");
    CHECK(s.eval("1 + 1") == 2);

    SECTION("pcall cannot swallow the budget") {
        // Bounded, so that a pcall which did swallow it ends the test with a failure, not a hang.
        CHECK(s.failure("(function() for i = 1, 1e5 do pcall(function() while true do end end) end end)()") ==
              "instruction budget exceeded");
        CHECK(s.eval("select(2, pcall(error, 'caught'))") == "caught");  // other errors are still caught
    }
    SECTION("the budget is per evaluation and configurable") {
        Sandbox tight(ExpressionLimits{.instruction_budget = 10'000});
        CHECK(tight.eval("(function() local n = 0 for i = 1, 100 do n = n + i end return n end)()") == 5050);
        CHECK(tight.failure("(function() local n = 0 for i = 1, 100000 do n = n + i end return n end)()") ==
              "instruction budget exceeded");
        CHECK(tight.eval("(function() local n = 0 for i = 1, 100 do n = n + i end return n end)()") == 5050);
    }
    SECTION("work done in C is charged too") {
        // A few hundred thousand instructions, but gigabytes copied or scanned.
        CHECK(s.failure("(function() for i = 1, 2000 do local x = string.rep('x', 1e6) end end)()") ==
              "instruction budget exceeded");
        CHECK(s.failure("(function() local t = string.rep('x', 4e6) "
                        "for i = 1, 2000 do t:find('y', 1, true) end end)()") == "instruction budget exceeded");
        CHECK(s.eval("string.rep('', 1 << 62)") == "");
        CHECK(s.eval("string.rep('', 1 << 62, '')") == "");
    }
}

TEST_CASE("the memory cap stops allocation bombs", "[expression][limits]") {
    Sandbox s;

    CHECK(s.failure("string.rep('x', 1 << 30)") == "memory cap exceeded");
    CHECK(s.eval("string.rep('x', 3)") == "xxx");

    SECTION("pcall cannot swallow the cap") {
        CHECK(s.failure("pcall(string.rep, 'x', 1 << 30)") == "memory cap exceeded");
    }
    SECTION("failures do not leak: the state keeps working") {
        for (int i = 0; i < 50; ++i) CHECK(s.failure("string.rep('x', 1 << 30)") == "memory cap exceeded");
        CHECK(s.eval("#string.rep('x', 1 << 20)") == 1 << 20);
    }
    SECTION("tables and strings built in a loop") {
        Sandbox small(ExpressionLimits{.instruction_budget = 100'000'000, .memory_cap_bytes = 4u << 20});
        CHECK(small.failure("(function() local t = {} for i = 1, 1e8 do t[i] = {i} end return #t end)()") ==
              "memory cap exceeded");
        CHECK(small.eval("1 + 1") == 2);
        CHECK(small.failure("(function() local s = 'x' for i = 1, 64 do s = s .. s end return #s end)()") ==
              "memory cap exceeded");
        CHECK(small.eval("#string.rep('x', 1000)") == 1000);
    }
    SECTION("with the default limits a table bomb fails one way or the other") {
        CHECK_THROWS_AS(s.eval("(function() local t = {} for i = 1, 1e9 do t[i] = {i} end end)()"), ExpressionError);
        CHECK(s.eval("1 + 1") == 2);
    }
    SECTION("a cap too small for the libraries refuses to create the engine") {
        CHECK_THROWS_AS(ExpressionEngine::create(ExpressionLimits{.memory_cap_bytes = 1024}), ExpressionError);
    }
}

TEST_CASE("compiled expressions outlive their engine handle and reuse", "[expression]") {
    auto engine = ExpressionEngine::create();
    const CompiledExpression expression = engine->compile("data.n * 2");
    engine.reset();  // the expression keeps the state alive

    const json first = {{"n", 2}};
    const json second = {{"n", 5}};
    CHECK(expression.evaluate({&first, nullptr, nullptr, {}}) == 4);
    CHECK(expression.evaluate({&second, nullptr, nullptr, {}}) == 10);
    CHECK(expression.valid());

    const CompiledExpression blank;
    CHECK_FALSE(blank.valid());
    CHECK_THROWS_AS(blank.evaluate({}), ExpressionError);
    CHECK_THROWS_AS(blank.test({}), ExpressionError);
}

TEST_CASE("evaluations from several threads are serialized", "[expression][threads]") {
    auto engine = ExpressionEngine::create();
    const CompiledExpression expression = engine->compile("data.n * 2 + input.k + len(data.list)");
    std::atomic<int> wrong{0};

    const auto work = [&](int offset) {
        for (int i = 0; i < 10'000; ++i) {
            const json data = {{"n", i}, {"list", json::array({offset, i})}};
            const json input = {{"k", offset}};
            try {
                if (expression.evaluate({&data, &input, nullptr, {}}) != i * 2 + offset + 2) ++wrong;
            } catch (const std::exception&) {  // an escaping exception would terminate the process
                ++wrong;
            }
        }
    };
    std::thread a(work, 1);
    std::thread b(work, 1000);
    a.join();
    b.join();
    CHECK(wrong == 0);
}
