#include "smtp_sink.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <stdexcept>

namespace tata::test {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// Quoted-printable (RFC 2045): "=\r\n" joins lines, "=XX" is a byte; in an
// encoded word (RFC 2047 "Q"), '_' is a space too.
std::string decode_qp(const std::string& text, bool word) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '=' && i + 2 < text.size() + 0 && text.compare(i + 1, 2, "\r\n") == 0) {
            i += 2;
        } else if (c == '=' && i + 1 < text.size() && text[i + 1] == '\n') {
            i += 1;
        } else if (c == '=' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else if (word && c == '_') {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

std::string read_line(int fd, std::string& buffer) {
    for (;;) {
        const auto end = buffer.find("\r\n");
        if (end != std::string::npos) {
            std::string line = buffer.substr(0, end);
            buffer.erase(0, end + 2);
            return line;
        }
        char chunk[4096];
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0) throw std::runtime_error("closed");
        buffer.append(chunk, static_cast<std::size_t>(n));
    }
}

void reply(int fd, const std::string& line) {
    const std::string text = line + "\r\n";
    (void)::send(fd, text.data(), text.size(), MSG_NOSIGNAL);
}

std::string address_of(const std::string& command) {
    const auto open = command.find('<');
    const auto close = command.find('>', open);
    return open == std::string::npos || close == std::string::npos ? command : command.substr(open + 1, close - open - 1);
}

}  // namespace

std::string SunkMail::subject() const {
    const auto start = data.find("Subject: ");
    if (start == std::string::npos) return {};
    std::string value = data.substr(start + 9, data.find("\r\n", start) - start - 9);
    // =?UTF-8?q?...?= words (Poco encodes only text that needs it).
    std::string out;
    for (std::size_t i = 0; i < value.size();) {
        const auto word = value.find("=?", i);
        if (word == std::string::npos) {
            out += value.substr(i);
            break;
        }
        out += value.substr(i, word - i);
        const auto q = value.find("?q?", word);
        const auto Q = value.find("?Q?", word);
        const auto marker = std::min(q, Q);
        const auto end = value.find("?=", marker == std::string::npos ? word : marker + 3);
        if (marker == std::string::npos || end == std::string::npos) {
            out += value.substr(word);
            break;
        }
        out += decode_qp(value.substr(marker + 3, end - marker - 3), true);
        i = end + 2;
        while (i < value.size() && value[i] == ' ' && value.compare(i + 1, 2, "=?") == 0) ++i;  // between words
    }
    return out;
}

std::string SunkMail::body() const {
    const auto start = data.find("\r\n\r\n");
    return start == std::string::npos ? std::string() : decode_qp(data.substr(start + 4), false);
}

SmtpSink::SmtpSink() { start(); }

SmtpSink::~SmtpSink() { stop(); }

void SmtpSink::start() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    const int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<uint16_t>(port_));
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(fd, 16) != 0) {
        ::close(fd);
        throw std::runtime_error("the SMTP sink cannot listen");
    }
    socklen_t size = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
    port_ = ntohs(address.sin_port);
    listener_ = fd;
    stopping_ = false;
    thread_ = std::thread([this, fd] { serve(fd); });
}

void SmtpSink::stop() {
    stopping_ = true;
    if (thread_.joinable()) thread_.join();
    if (listener_ >= 0) ::close(listener_);
    listener_ = -1;
}

std::vector<SunkMail> SmtpSink::mails() const {
    std::lock_guard lock(mutex_);
    return mails_;
}

void SmtpSink::serve(int listener) {
    while (!stopping_) {
        pollfd waiting{listener, POLLIN, 0};
        if (::poll(&waiting, 1, 50) <= 0) continue;
        const int fd = ::accept(listener, nullptr, nullptr);
        if (fd < 0) continue;
        std::string buffer;
        SunkMail mail;
        try {
            reply(fd, "220 sink.test ESMTP");
            for (;;) {
                const std::string line = read_line(fd, buffer);
                std::string verb = line.substr(0, 4);
                for (auto& c : verb) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                if (verb == "EHLO" || verb == "HELO") {
                    reply(fd, "250 sink.test");
                } else if (verb == "MAIL") {
                    mail = SunkMail{address_of(line), {}, {}};
                    reply(fd, "250 OK");
                } else if (verb == "RCPT") {
                    mail.to.push_back(address_of(line));
                    reply(fd, "250 OK");
                } else if (verb == "DATA") {
                    reply(fd, "354 end with <CRLF>.<CRLF>");
                    for (;;) {
                        std::string data_line = read_line(fd, buffer);
                        if (data_line == ".") break;
                        if (!data_line.empty() && data_line[0] == '.') data_line.erase(0, 1);
                        mail.data += data_line + "\r\n";
                    }
                    {
                        std::lock_guard lock(mutex_);
                        mails_.push_back(mail);
                    }
                    reply(fd, "250 OK queued");
                } else if (verb == "QUIT") {
                    reply(fd, "221 bye");
                    break;
                } else {
                    reply(fd, "250 OK");
                }
            }
        } catch (const std::exception&) {
        }
        ::close(fd);
    }
}

}  // namespace tata::test
