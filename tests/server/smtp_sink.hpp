// A local SMTP server for the tests: it accepts every message and keeps it,
// so a test reads what the server's e-mail channel really sent over a
// socket. stop() closes the port (a mail server that is down: connections
// are refused); start() opens it again on the same port.
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tata::test {

struct SunkMail {
    std::string from;                 // MAIL FROM
    std::vector<std::string> to;      // RCPT TO
    std::string data;                 // headers and body as sent (dot-unstuffed)
    std::string subject() const;      // the Subject header, RFC 2047 words decoded
    std::string body() const;         // the body, quoted-printable decoded
};

class SmtpSink {
public:
    SmtpSink();  // listening on 127.0.0.1, a free port
    ~SmtpSink();
    SmtpSink(const SmtpSink&) = delete;
    SmtpSink& operator=(const SmtpSink&) = delete;

    int port() const { return port_; }
    void stop();
    void start();
    std::vector<SunkMail> mails() const;

private:
    void serve(int listener);

    int port_ = 0;
    int listener_ = -1;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
    mutable std::mutex mutex_;
    std::vector<SunkMail> mails_;
};

}  // namespace tata::test
