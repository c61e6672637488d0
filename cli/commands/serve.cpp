// tata serve [--listen 127.0.0.1] [--port 8080] [--db tata.db] [--config FILE] [--web-root DIR]
#include "commands/commands.hpp"
#include "commands/serve_options.hpp"

#include "app/server_app.hpp"

#include <charconv>
#include <filesystem>
#include <iostream>

namespace tata::cli {

server::ServerConfig serve_config(const Context& context) {
    server::ServerConfig config;
    if (const auto file = context.args.value("config")) {
        try {
            server::read_config_file(*file, config);
        } catch (const std::runtime_error& e) {
            throw UsageError(e.what());
        }
    }
    if (const auto listen = context.args.value("listen")) config.listen = *listen;
    if (const auto port = context.args.value("port")) {
        int value = -1;
        const auto [end, ec] = std::from_chars(port->data(), port->data() + port->size(), value);
        if (ec != std::errc() || end != port->data() + port->size() || value < 0 || value > 65535)
            throw UsageError("--port wants a port number 0-65535, not '" + *port + "'");
        config.port = value;
    }
    if (context.args.value("db")) config.database = context.database();
    config.sources = context.sources();
    config.area_codes = config.sources.rules.front() / "wilayah";
    // The web pages: --web-root, else the config's web_root, else the built
    // pages beside the workflows when they were built (npm run build).
    if (const auto root = context.args.value("web-root")) config.web_root = *root;
    if (config.web_root.empty() && std::filesystem::is_regular_file(context.web_dir() / "index.html"))
        config.web_root = context.web_dir();
    return config;
}

int run_serve(Context& context) {
    const auto config = serve_config(context);
    server::ServeHooks hooks;
    hooks.clock = clock_from_environment();
    return server::serve(config, std::cerr, std::move(hooks));
}

}  // namespace tata::cli
