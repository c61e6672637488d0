#include "app/server_config.hpp"

#include <Poco/Net/IPAddress.h>
#include <yaml-cpp/yaml.h>

#include <stdexcept>

namespace tata::server {
namespace {

std::runtime_error error_at(const std::filesystem::path& file, const YAML::Node& node, const std::string& message) {
    const auto mark = node.Mark();
    return std::runtime_error(file.string() + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1) +
                              ": error: " + message);
}

template <typename T>
T read_as(const std::filesystem::path& file, const YAML::Node& node, const std::string& key) {
    try {
        return node.as<T>();
    } catch (const YAML::Exception&) {
        throw error_at(file, node, "'" + key + "' has the wrong type");
    }
}

int positive(const std::filesystem::path& file, const YAML::Node& node, const std::string& key, int min) {
    const int value = read_as<int>(file, node, key);
    if (value < min) throw error_at(file, node, "'" + key + "' must be at least " + std::to_string(min));
    return value;
}

}  // namespace

void read_config_file(const std::filesystem::path& file, ServerConfig& config) {
    YAML::Node root;
    try {
        root = YAML::LoadFile(file.string());
    } catch (const YAML::BadFile&) {
        throw std::runtime_error(file.string() + ": error: cannot read the config file");
    } catch (const YAML::ParserException& e) {
        throw std::runtime_error(file.string() + ":" + std::to_string(e.mark.line + 1) + ":" +
                                 std::to_string(e.mark.column + 1) + ": error: " + e.msg);
    }
    if (root.IsNull()) return;
    if (!root.IsMap()) throw error_at(file, root, "the config must be a mapping of keys to values");
    for (const auto& entry : root) {
        const std::string key = entry.first.as<std::string>();
        const YAML::Node& value = entry.second;
        if (key == "listen") config.listen = read_as<std::string>(file, value, key);
        else if (key == "port") config.port = positive(file, value, key, 0);
        else if (key == "db") config.database = read_as<std::string>(file, value, key);
        else if (key == "threads") config.threads = positive(file, value, key, 1);
        else if (key == "queue") config.queue = positive(file, value, key, 1);
        else if (key == "max_body_mb") config.max_body_bytes = static_cast<std::size_t>(positive(file, value, key, 1)) << 20;
        else if (key == "max_connections") config.max_connections = positive(file, value, key, 16);
        else if (key == "max_head_kb") config.max_head_bytes = static_cast<std::size_t>(positive(file, value, key, 1)) << 10;
        else if (key == "max_headers") config.max_headers = static_cast<std::size_t>(positive(file, value, key, 1));
        else if (key == "case_documents") config.max_case_documents = static_cast<std::size_t>(positive(file, value, key, 1));
        else if (key == "case_documents_mb")
            config.max_case_document_bytes = static_cast<std::size_t>(positive(file, value, key, 1)) << 20;
        else if (key == "head_timeout_seconds") config.head_timeout = std::chrono::seconds(positive(file, value, key, 1));
        else if (key == "body_timeout_seconds") config.body_timeout = std::chrono::seconds(positive(file, value, key, 1));
        else if (key == "keep_alive_seconds") config.keep_alive_timeout = std::chrono::seconds(positive(file, value, key, 1));
        else if (key == "request_timeout_seconds") config.request_timeout = std::chrono::seconds(positive(file, value, key, 1));
        else if (key == "token_hours") config.token_lifetime = std::chrono::hours(positive(file, value, key, 1));
        else if (key == "timer_interval_seconds") config.timer_interval = std::chrono::seconds(positive(file, value, key, 0));
        else if (key == "watch_interval_seconds") config.watch_interval = std::chrono::seconds(positive(file, value, key, 0));
        else if (key == "notify_interval_seconds") config.notify_interval = std::chrono::seconds(positive(file, value, key, 0));
        else if (key == "smtp_host") config.smtp_host = read_as<std::string>(file, value, key);
        else if (key == "smtp_port") {
            config.smtp_port = positive(file, value, key, 1);
            if (config.smtp_port > 65535) throw error_at(file, value, "'smtp_port' must be at most 65535");
        }
        else if (key == "smtp_from") config.smtp_from = read_as<std::string>(file, value, key);
        else if (key == "smtp_timeout_seconds") config.smtp_timeout = std::chrono::seconds(positive(file, value, key, 1));
        else if (key == "letter_fonts") config.letter_fonts = read_as<std::string>(file, value, key);
        else if (key == "web_root") config.web_root = read_as<std::string>(file, value, key);
        else if (key == "metrics_token") {
            config.metrics_token = read_as<std::string>(file, value, key);
            // A scraper's secret that opens every regency's figures: no short guessable words.
            if (config.metrics_token.size() < 32) throw error_at(file, value, "metrics_token must be at least 32 characters");
        }
        else if (key == "trusted_proxies") {
            if (!value.IsSequence()) throw error_at(file, value, "'trusted_proxies' is a list of IP addresses");
            config.trusted_proxies.clear();
            for (const auto& item : value) {
                const auto address = read_as<std::string>(file, item, key);
                Poco::Net::IPAddress parsed;
                if (!Poco::Net::IPAddress::tryParse(address, parsed))
                    throw error_at(file, item, "'" + address.substr(0, 60) + "' is not an IP address");
                config.trusted_proxies.push_back(parsed.toString());
            }
        }
        else throw error_at(file, entry.first, "unknown key '" + key + "'");
    }
}

}  // namespace tata::server
