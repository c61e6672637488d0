// The web pages served beside the API from web_root: Content-Types, the
// app for the browser router's paths, hashed assets cached, nothing outside
// the folder, and the API's own paths unchanged.
#include "server_fixture.hpp"

#include "app/static_files.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace tata;
using namespace tata::test;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

void write(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out << text;
}

// A small built site in `dir`/dist and a secret beside it.
fs::path make_site(const TempDir& dir) {
    const fs::path root = dir / "dist";
    write(root / "index.html", "<!doctype html><title>Tata</title><div id=app></div>");
    write(root / "assets" / "index-AbC123.js", "console.log('tata');");
    write(root / "assets" / "index-AbC123.css", "body{margin:0}");
    write(root / "favicon.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>");
    write(root / "data" / "font.woff2", std::string("wOF2\0\0", 6));
    write(dir / "secret.txt", "do not serve");
    return root;
}

HttpResult raw_get(const ServerFixture& f, const std::string& path, const std::string& method = "GET") {
    return f.send({method, path, "", "", "", {}});
}

}  // namespace

TEST_CASE("the pages are served from web_root with their Content-Types", "[server][pages]") {
    TempDir site;
    const fs::path root = make_site(site);
    ServerFixture f([&](server::ServerConfig& config) { config.web_root = root; });

    const auto index = raw_get(f, "/");
    CHECK(index.status == 200);
    CHECK(index.header("content-type") == "text/html; charset=utf-8");
    CHECK_THAT(index.body, Contains("<div id=app>"));
    CHECK(index.header("cache-control") == "no-cache");
    CHECK_THAT(index.header("content-security-policy"), Contains("default-src 'self'"));
    CHECK(index.header("x-content-type-options") == "nosniff");

    const auto script = raw_get(f, "/assets/index-AbC123.js");
    CHECK(script.status == 200);
    CHECK(script.header("content-type") == "text/javascript; charset=utf-8");
    CHECK(script.body == "console.log('tata');");
    CHECK(script.header("cache-control") == "public, max-age=31536000, immutable");

    CHECK(raw_get(f, "/assets/index-AbC123.css").header("content-type") == "text/css; charset=utf-8");
    CHECK(raw_get(f, "/favicon.svg").header("content-type") == "image/svg+xml");
    const auto font = raw_get(f, "/data/font.woff2");
    CHECK(font.header("content-type") == "font/woff2");
    CHECK(font.body.size() == 6);
    CHECK(raw_get(f, "/index.html").header("content-type") == "text/html; charset=utf-8");

    SECTION("HEAD answers the headers without the body") {
        const auto head = raw_get(f, "/assets/index-AbC123.js", "HEAD");
        CHECK(head.status == 200);
        CHECK(head.header("content-length") == "20");
        CHECK(head.body.empty());
    }
}

TEST_CASE("a page path of the browser's router gets index.html, a missing file is 404", "[server][pages]") {
    TempDir site;
    const fs::path root = make_site(site);
    ServerFixture f([&](server::ServerConfig& config) { config.web_root = root; });

    for (const std::string path : {"/masuk", "/kasus/12", "/kotak-masuk?q=siti", "/pekerja/"}) {
        INFO(path);
        const auto page = raw_get(f, path);
        CHECK(page.status == 200);
        CHECK(page.header("content-type") == "text/html; charset=utf-8");
        CHECK_THAT(page.body, Contains("<div id=app>"));
    }
    const auto missing = raw_get(f, "/assets/missing-123.js");
    CHECK(missing.status == 404);
    CHECK(missing.header("content-type") == "application/problem+json");
    CHECK(raw_get(f, "/robots.txt").status == 404);
    // Only GET and HEAD read pages.
    CHECK(f.send({"POST", "/kasus/12", "{}", "application/json", "", {}}).status == 404);
}

TEST_CASE("nothing outside web_root is served", "[server][pages]") {
    TempDir site;
    const fs::path root = make_site(site);
    fs::create_symlink(site / "secret.txt", root / "link.txt");
    ServerFixture f([&](server::ServerConfig& config) { config.web_root = root; });

    for (const std::string path : {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
                                   "/assets/%2E%2E/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%5csecret.txt",
                                   "/link.txt", "/./index.html"}) {
        INFO(path);
        const auto answer = raw_get(f, path);
        CHECK(answer.status == 404);
        CHECK_THAT(answer.body, !Contains("do not serve"));
    }

    // The same checks without HTTP: whatever the client sends.
    CHECK_FALSE(server::serve_static(root, "/../secret.txt"));
    CHECK_FALSE(server::serve_static(root, "/assets/..\\..\\secret.txt"));
    CHECK_FALSE(server::serve_static(root, std::string("/index.html\0", 12)));
    CHECK_FALSE(server::serve_static(root, "relative/index.html"));
    CHECK(server::serve_static(root, "/")->status == 200);
}

TEST_CASE("the API, /healthz, /metrics and /openapi.json are unchanged beside the pages", "[server][pages]") {
    TempDir site;
    const fs::path root = make_site(site);
    ServerFixture f([&](server::ServerConfig& config) { config.web_root = root; });

    const auto unknown = raw_get(f, "/api/v1/nothing-here");
    CHECK(unknown.status == 404);
    CHECK(unknown.header("content-type") == "application/problem+json");
    CHECK(raw_get(f, "/api/v1/cases").status == 401);
    CHECK(raw_get(f, "/api").status == 404);
    CHECK(raw_get(f, "/healthz").header("content-type") == "application/json");
    // /metrics holds every regency's figures: an admin's token (or the scraper's) opens it.
    CHECK(raw_get(f, "/metrics").status == 401);
    CHECK_THAT(f.get("/metrics", f.token("admin")).header("content-type"), StartsWith("text/plain"));
    CHECK_THAT(raw_get(f, "/openapi.json").body, Contains("\"openapi\""));
    CHECK(raw_get(f, "/healthz").header("cache-control") == "no-store");
    CHECK(f.get("/api/v1/me", f.token("officer")).json()["role"] == "officer");
    CHECK(raw_get(f, "/api/v1/cases/1/outcomes/x").status == 405);  // a known path, another method
}

TEST_CASE("without web_root there are no pages", "[server][pages]") {
    ServerFixture f;
    CHECK(raw_get(f, "/").status == 404);
    CHECK(raw_get(f, "/kasus/12").status == 404);
    CHECK(server::content_type_for("a/b/INDEX.HTML") == "text/html; charset=utf-8");
    CHECK(server::content_type_for("x.bin") == "application/octet-stream");
    CHECK_FALSE(server::is_page_path("/api/v1/cases"));
    CHECK_FALSE(server::is_page_path("/healthz"));
    CHECK(server::is_page_path("/kasus/api"));
}
