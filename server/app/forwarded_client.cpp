#include "app/forwarded_client.hpp"

#include <Poco/Net/IPAddress.h>

#include <algorithm>

namespace tata::server {
namespace {

// An IPv4 client reaching a dual-stack socket ("::") shows as
// ::ffff:10.0.0.10: compared, and answered, as 10.0.0.10.
std::string plain(const std::string& address) {
    const std::string mapped = "::ffff:";
    Poco::Net::IPAddress v4;
    if (address.rfind(mapped, 0) == 0 && Poco::Net::IPAddress::tryParse(address.substr(mapped.size()), v4) &&
        v4.family() == Poco::Net::IPAddress::IPv4)
        return v4.toString();
    return address;
}

bool is_trusted(const std::string& address, const std::vector<std::string>& trusted) {
    const std::string compared = plain(address);
    return std::any_of(trusted.begin(), trusted.end(), [&](const std::string& each) { return plain(each) == compared; });
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
        const std::string text = plain(address.toString());
        if (!is_trusted(text, trusted)) return text;
        if (comma == std::string::npos) return peer;  // proxies all the way: the nearest one answers
        end = comma;
    }
}

}  // namespace tata::server
