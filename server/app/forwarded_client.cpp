#include "app/forwarded_client.hpp"

#include <Poco/Net/IPAddress.h>

#include <algorithm>

namespace tata::server {
namespace {

bool is_trusted(const std::string& address, const std::vector<std::string>& trusted) {
    return std::find(trusted.begin(), trusted.end(), address) != trusted.end();
}

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

}  // namespace

std::string client_behind_proxies(const std::string& peer, const std::string& forwarded_for,
                                  const std::vector<std::string>& trusted) {
    if (forwarded_for.empty() || !is_trusted(peer, trusted)) return peer;
    std::size_t end = forwarded_for.size();
    for (;;) {
        const std::size_t comma = end == 0 ? std::string::npos : forwarded_for.rfind(',', end - 1);
        const std::size_t begin = comma == std::string::npos ? 0 : comma + 1;
        Poco::Net::IPAddress address;
        if (!Poco::Net::IPAddress::tryParse(trimmed(forwarded_for.substr(begin, end - begin)), address)) return peer;
        const std::string text = address.toString();
        if (!is_trusted(text, trusted)) return text;
        if (comma == std::string::npos) return peer;  // proxies all the way: the nearest one answers
        end = comma;
    }
}

}  // namespace tata::server
