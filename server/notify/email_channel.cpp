#include "notify/email_channel.hpp"

#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SMTPClientSession.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Timespan.h>

namespace tata::server::notify {

DeliveryOutcome send_email(const SmtpSettings& smtp, const ChannelMessage& message) {
    if (smtp.host.empty()) return {false, "no SMTP server is configured (smtp_host)"};
    if (message.email.empty()) return {false, "the person has no e-mail address"};
    try {
        using Poco::Net::MailMessage;
        MailMessage mail;
        mail.setSender(smtp.from);
        mail.addRecipient(Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT, message.email));
        mail.setSubject(MailMessage::encodeWord(message.subject, "UTF-8"));
        mail.setContentType("text/plain; charset=UTF-8");
        mail.setContent(message.body, MailMessage::ENCODING_QUOTED_PRINTABLE);

        const Poco::Timespan timeout(static_cast<long>(smtp.timeout.count()), 0);
        Poco::Net::StreamSocket socket;
        socket.connect(Poco::Net::SocketAddress(smtp.host, static_cast<Poco::UInt16>(smtp.port)), timeout);
        Poco::Net::SMTPClientSession session(socket);
        session.setTimeout(timeout);
        session.login();
        session.sendMessage(mail);
        session.close();
        return {true, {}};
    } catch (const Poco::Exception& e) {
        return {false, "SMTP " + smtp.host + ":" + std::to_string(smtp.port) + ": " + e.displayText()};
    } catch (const std::exception& e) {
        return {false, std::string("SMTP: ") + e.what()};
    }
}

}  // namespace tata::server::notify
