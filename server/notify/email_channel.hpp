// The built-in `email` channel: one SMTP conversation per message through
// the server configured in smtp_host (an organisation's relay, which does
// TLS and authentication onward), with a timeout on the connection and on
// each reply, so a mail server that hangs delays a delivery pass but never
// blocks the rest of the server.
#pragma once

#include <tata/plugin_host.hpp>

#include <chrono>
#include <string>

namespace tata::server::notify {

struct SmtpSettings {
    std::string host;  // empty: the channel is off
    int port = 25;
    std::string from;
    std::chrono::seconds timeout{10};
};

// Sends `message` to its e-mail address as UTF-8 text; never throws.
DeliveryOutcome send_email(const SmtpSettings& smtp, const ChannelMessage& message);

}  // namespace tata::server::notify
