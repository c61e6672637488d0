#include "app/http_frontend.hpp"

#include "app/access_log.hpp"
#include "app/listen_socket.hpp"
#include "app/request_runner.hpp"
#include "http/chunked_body.hpp"
#include "http/request_head.hpp"
#include "http/response_bytes.hpp"

#include <Poco/Net/SocketAddress.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace tata::server {
namespace {

using Steady = std::chrono::steady_clock;

// A connection that will not take the rest of a refused request: after the
// answer its write side is closed and what it still sends is read and
// dropped for this long (or this much), so it sees the answer rather than a
// reset (a close with unread bytes sends RST, which can destroy the answer).
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr std::size_t kLingerBytes = 8u << 20;
// How much one readiness event reads before other connections get a turn.
constexpr std::size_t kReadPerEvent = 256u << 10;
// How often deadlines are checked; the precision of every timeout.
constexpr auto kSweepEvery = std::chrono::milliseconds(200);
// How long accepting pauses when the process has no file descriptor left.
constexpr auto kAcceptPause = std::chrono::milliseconds(100);
// Body bytes reserved up front at most, whatever Content-Length claims.
constexpr std::size_t kMaxReserve = 1u << 20;

enum class Phase { idle, head, body, busy, writing, draining, closed };

// One client connection. Owned by exactly one thread at a time: the loop,
// except in Phase::busy, when a worker has it (handed over through the work
// queue and back through the handback queue, both under mutexes).
struct Connection {
    int fd = -1;
    std::string client;
    Phase phase = Phase::idle;
    Steady::time_point deadline;
    Steady::time_point started;  // first byte of the current request
    bool eof = false;            // the client closed its write side
    std::string in;              // received, not yet parsed
    wire::RequestHead head;
    bool head_parsed = false;
    std::string body;
    std::optional<wire::ChunkedDecoder> chunked;
    std::string out;             // the answer being written
    std::size_t out_sent = 0;
    bool close_after_write = false;
    std::size_t drained = 0;
};

// What the loop does with a connection a worker gives back.
enum class After { read_next, write_rest, linger, close };

struct Handback {
    Connection* connection;
    After after;
};

char kWakeTag;
char kListenTag;

// The raw target of a request line (between the first two spaces), for the
// log of a request refused before its head was understood.
std::string raw_target(const std::string& bytes) {
    const auto line_end = bytes.find('\n');
    const std::string line = bytes.substr(0, std::min<std::size_t>(line_end, 512));
    const auto first = line.find(' ');
    if (first == std::string::npos) return line;
    const auto second = line.find(' ', first + 1);
    return line.substr(first + 1, second == std::string::npos ? std::string::npos : second - first - 1);
}

}  // namespace

struct HttpFrontend::Impl {
    Impl(Service& service, std::ostream* access_log);
    ~Impl();

    // The loop thread.
    void run();
    void accept_all();
    bool make_room();
    void on_event(Connection& c, std::uint32_t events);
    bool receive(Connection& c);
    void advance(Connection& c);
    void dispatch(Connection& c);
    void reject(Connection& c, int status, const std::string& part, const std::string& detail);
    void write_some(Connection& c);
    void finished_write(Connection& c);
    void linger(Connection& c);
    void drain(Connection& c);
    void close_connection(Connection& c);
    void take_handbacks();
    void begin_stop();
    void sweep(Steady::time_point now);
    void arm(Connection& c, std::uint32_t events);
    void reset_request(Connection& c);

    // The workers.
    void work();
    void serve(Connection& c);
    void hand_back(Connection& c, After after);

    void log_request(const std::string& method, const std::string& route, const std::string& path, int status,
                     Steady::time_point started, const std::optional<std::string>& user, const std::string& client);

    Service& service;
    AccessLog log;
    const ServerConfig& config;
    wire::HeadLimits limits;
    Poco::Net::ServerSocket listener;
    int listen_fd = -1;
    int port = 0;
    int epoll_fd = -1;
    int wake_fd = -1;

    // Loop-only state.
    std::unordered_map<Connection*, std::unique_ptr<Connection>> connections;
    std::vector<std::unique_ptr<Connection>> closed;  // freed after the events of one wait are handled
    int busy = 0;
    bool stop_seen = false;
    bool listening = true;
    std::optional<Steady::time_point> accept_paused_until;
    std::array<char, 64 * 1024> buffer{};

    std::mutex work_mutex;
    std::condition_variable work_ready;
    std::deque<Connection*> queue;
    bool workers_stop = false;

    std::mutex back_mutex;
    std::vector<Handback> back;

    std::atomic<bool> stopping{false};
    std::atomic<bool> aborting{false};
    bool stopped = false;
    std::thread loop_thread;
    std::vector<std::thread> workers;
};

HttpFrontend::Impl::Impl(Service& service_, std::ostream* access_log)
    : service(service_), log(access_log), config(service_.config()) {
    limits.max_head_bytes = config.max_head_bytes;
    limits.max_headers = config.max_headers;
    listener = listen_exclusively(config.listen, config.port, config.queue);
    listen_fd = listener.impl()->sockfd();
    port = listener.address().port();
    epoll_fd = epoll_create1(EPOLL_CLOEXEC);
    wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (epoll_fd < 0 || wake_fd < 0) throw std::runtime_error("cannot create the event loop of the HTTP server");
    epoll_event wake{};
    wake.events = EPOLLIN;
    wake.data.ptr = &kWakeTag;
    epoll_ctl(epoll_fd, EPOLL_CTL_ADD, wake_fd, &wake);
    epoll_event accept_event{};
    accept_event.events = EPOLLIN;
    accept_event.data.ptr = &kListenTag;
    epoll_ctl(epoll_fd, EPOLL_CTL_ADD, listen_fd, &accept_event);
    for (int i = 0; i < config.threads; ++i) workers.emplace_back([this] { work(); });
    loop_thread = std::thread([this] { run(); });
}

HttpFrontend::Impl::~Impl() {
    if (epoll_fd >= 0) ::close(epoll_fd);
    if (wake_fd >= 0) ::close(wake_fd);
}

void HttpFrontend::Impl::run() {
    std::array<epoll_event, 128> events{};
    auto next_sweep = Steady::now() + kSweepEvery;
    while (true) {
        const int ready = epoll_wait(epoll_fd, events.data(), static_cast<int>(events.size()),
                                     static_cast<int>(kSweepEvery.count()));
        for (int i = 0; i < ready; ++i) {
            void* tag = events[static_cast<std::size_t>(i)].data.ptr;
            if (tag == &kWakeTag) {
                std::uint64_t count;
                while (::read(wake_fd, &count, sizeof count) > 0) {
                }
            } else if (tag == &kListenTag) {
                if (listening && !accept_paused_until) accept_all();
            } else {
                auto* c = static_cast<Connection*>(tag);
                if (c->phase != Phase::closed) on_event(*c, events[static_cast<std::size_t>(i)].events);
            }
        }
        take_handbacks();
        if (stopping && !stop_seen) begin_stop();
        const auto now = Steady::now();
        if (now >= next_sweep) {
            sweep(now);
            next_sweep = now + kSweepEvery;
        }
        closed.clear();
        if (stop_seen && connections.empty()) return;
    }
}

void HttpFrontend::Impl::accept_all() {
    while (true) {
        if (static_cast<int>(connections.size()) >= config.max_connections && !make_room()) {
            accept_paused_until = Steady::now() + kAcceptPause;
            epoll_event none{};
            none.data.ptr = &kListenTag;
            epoll_ctl(epoll_fd, EPOLL_CTL_MOD, listen_fd, &none);
            return;
        }
        sockaddr_storage address{};
        socklen_t length = sizeof address;
        const int fd = accept4(listen_fd, reinterpret_cast<sockaddr*>(&address), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                // Out of descriptors: the listener would stay ready and spin the loop.
                accept_paused_until = Steady::now() + kAcceptPause;
                epoll_event none{};
                none.data.ptr = &kListenTag;
                epoll_ctl(epoll_fd, EPOLL_CTL_MOD, listen_fd, &none);
            }
            return;
        }
        const int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        auto owned = std::make_unique<Connection>();
        Connection& c = *owned;
        c.fd = fd;
        try {
            c.client = Poco::Net::SocketAddress(reinterpret_cast<const sockaddr*>(&address), length).host().toString();
        } catch (const Poco::Exception&) {
            c.client = "?";
        }
        // A new connection must start its request within the head deadline,
        // or it is one more way to sit on a socket.
        c.phase = Phase::idle;
        c.deadline = Steady::now() + config.head_timeout;
        epoll_event event{};
        event.events = EPOLLIN | EPOLLONESHOT;
        event.data.ptr = &c;
        if (epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &event) != 0) {
            ::close(fd);
            continue;
        }
        connections.emplace(&c, std::move(owned));
    }
}

// At the connection limit: closes the connection idle the longest, else the
// one whose head has been arriving the longest (a slow client), so a flood
// of slow or idle connections cannot lock everyone else out.
bool HttpFrontend::Impl::make_room() {
    Connection* idle = nullptr;
    Connection* slow = nullptr;
    for (auto& [pointer, owned] : connections) {
        Connection& c = *owned;
        if (c.phase == Phase::idle && (!idle || c.deadline < idle->deadline)) idle = &c;
        if (c.phase == Phase::head && (!slow || c.started < slow->started)) slow = &c;
    }
    Connection* victim = idle ? idle : slow;
    if (!victim) return false;
    close_connection(*victim);
    return true;
}

void HttpFrontend::Impl::arm(Connection& c, std::uint32_t events) {
    epoll_event event{};
    event.events = events | EPOLLONESHOT;
    event.data.ptr = &c;
    if (epoll_ctl(epoll_fd, EPOLL_CTL_MOD, c.fd, &event) != 0) close_connection(c);
}

void HttpFrontend::Impl::on_event(Connection& c, std::uint32_t) {
    switch (c.phase) {
    case Phase::writing: write_some(c); break;
    case Phase::draining: drain(c); break;
    case Phase::idle:
    case Phase::head:
    case Phase::body:
        if (receive(c)) advance(c);
        break;
    default: break;
    }
}

// Reads what the socket holds (bounded per event); false when the
// connection broke and was closed.
bool HttpFrontend::Impl::receive(Connection& c) {
    std::size_t total = 0;
    while (total < kReadPerEvent) {
        const ssize_t got = ::recv(c.fd, buffer.data(), buffer.size(), 0);
        if (got > 0) {
            c.in.append(buffer.data(), static_cast<std::size_t>(got));
            total += static_cast<std::size_t>(got);
            if (static_cast<std::size_t>(got) < buffer.size()) break;
            continue;
        }
        if (got == 0) {
            c.eof = true;
            break;
        }
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) break;
        close_connection(c);
        return false;
    }
    return true;
}

// Moves the connection's request on with what has arrived: head, then body,
// then the worker. Every path either arms the socket again, dispatches,
// answers or closes.
void HttpFrontend::Impl::advance(Connection& c) {
    const auto now = Steady::now();
    if (c.phase == Phase::idle) {
        if (c.in.empty()) {
            if (c.eof) close_connection(c);
            else arm(c, EPOLLIN);
            return;
        }
        c.phase = Phase::head;
        c.started = now;
        c.deadline = now + config.head_timeout;
    }
    if (c.phase == Phase::head) {
        auto scan = wire::scan_request_head(c.in, limits);
        if (scan.status == wire::HeadStatus::error) return reject(c, scan.error.status, scan.error.part, scan.error.detail);
        if (scan.status == wire::HeadStatus::incomplete) {
            if (c.eof) return reject(c, 400, "request", "the connection closed before the request head was complete");
            return arm(c, EPOLLIN);
        }
        c.head = std::move(scan.head);
        c.head_parsed = true;
        c.in.erase(0, scan.consumed);
        const auto length = c.head.content_length.value_or(0);
        if (length > config.max_body_bytes)
            return reject(c, 413, "body", "the body is larger than " + std::to_string(config.max_body_bytes) + " bytes");
        if (!c.head.chunked && length == 0) return dispatch(c);
        c.phase = Phase::body;
        c.deadline = now + config.body_timeout;
        c.body.clear();
        if (c.head.chunked) c.chunked.emplace();
        else c.body.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(length, kMaxReserve)));
        if (c.head.expect_continue && c.in.empty()) {
            // The client waits for this before sending the body. On a fresh
            // exchange the socket's send buffer is empty: 25 bytes go at once.
            static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
            if (::send(c.fd, kContinue.data(), kContinue.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(kContinue.size()))
                return close_connection(c);
        }
    }
    if (c.phase == Phase::body) {
        if (c.chunked) {
            const auto used = c.chunked->feed(c.in, c.body);
            c.in.erase(0, used);
            if (c.chunked->failed()) return reject(c, 400, "body", std::string("a broken chunked body: ") + c.chunked->error());
            if (c.body.size() > config.max_body_bytes)
                return reject(c, 413, "body", "the body is larger than " + std::to_string(config.max_body_bytes) + " bytes");
            if (c.chunked->done()) return dispatch(c);
            if (c.eof) return reject(c, 400, "body", "the connection closed before the last chunk of the body");
        } else {
            const auto expected = static_cast<std::size_t>(*c.head.content_length);
            const auto take = std::min(expected - c.body.size(), c.in.size());
            c.body.append(c.in, 0, take);
            c.in.erase(0, take);
            if (c.body.size() == expected) return dispatch(c);
            // Exact bodies: a request is run only when every declared byte came.
            if (c.eof)
                return reject(c, 400, "body",
                              "the body ended after " + std::to_string(c.body.size()) + " of the " + std::to_string(expected) +
                                  " bytes its Content-Length declared; nothing was done");
        }
        return arm(c, EPOLLIN);
    }
}

void HttpFrontend::Impl::dispatch(Connection& c) {
    c.phase = Phase::busy;
    ++busy;
    {
        std::lock_guard lock(work_mutex);
        queue.push_back(&c);
    }
    work_ready.notify_one();
}

// An answer from the transport itself (bad head, late or broken body, too
// large): logged like any request, then the connection is closed, since
// what follows on it cannot be trusted to start a request.
void HttpFrontend::Impl::reject(Connection& c, int status, const std::string& part, const std::string& detail) {
    const Response response = transport_problem(status, part, detail);
    const std::string method = c.head_parsed ? c.head.method : "";
    const std::string path = c.head_parsed ? c.head.target : raw_target(c.in);
    const auto started = c.phase == Phase::idle ? Steady::now() : c.started;
    service.metrics().record(method_label(method), "(none)", status,
                             std::chrono::duration_cast<std::chrono::microseconds>(Steady::now() - started));
    log_request(method, "(none)", path, status, started, std::nullopt, c.client);
    c.out = wire::response_bytes(response, {false, false, c.head_parsed ? c.head.minor_version : 1});
    c.out_sent = 0;
    c.close_after_write = true;
    c.in.clear();
    write_some(c);
}

void HttpFrontend::Impl::write_some(Connection& c) {
    while (c.out_sent < c.out.size()) {
        const ssize_t sent = ::send(c.fd, c.out.data() + c.out_sent, c.out.size() - c.out_sent, MSG_NOSIGNAL);
        if (sent > 0) {
            c.out_sent += static_cast<std::size_t>(sent);
            continue;
        }
        if (sent < 0 && errno == EINTR) continue;
        if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (c.phase != Phase::writing) {
                c.phase = Phase::writing;
                c.deadline = Steady::now() + config.request_timeout;
            }
            return arm(c, EPOLLOUT);
        }
        return close_connection(c);
    }
    finished_write(c);
}

void HttpFrontend::Impl::finished_write(Connection& c) {
    c.out.clear();
    c.out.shrink_to_fit();
    c.out_sent = 0;
    if (c.close_after_write || stop_seen) return linger(c);
    reset_request(c);
    c.phase = Phase::idle;
    c.deadline = Steady::now() + config.keep_alive_timeout;
    advance(c);  // a pipelined request may already be here
}

void HttpFrontend::Impl::reset_request(Connection& c) {
    c.head = {};
    c.head_parsed = false;
    c.body.clear();
    c.body.shrink_to_fit();
    c.chunked.reset();
}

void HttpFrontend::Impl::linger(Connection& c) {
    if (c.eof || stop_seen) return close_connection(c);
    ::shutdown(c.fd, SHUT_WR);
    c.phase = Phase::draining;
    c.deadline = Steady::now() + kLingerTime;
    c.drained = 0;
    c.in.clear();
    c.in.shrink_to_fit();
    reset_request(c);
    drain(c);
}

void HttpFrontend::Impl::drain(Connection& c) {
    while (c.drained < kLingerBytes) {
        const ssize_t got = ::recv(c.fd, buffer.data(), buffer.size(), 0);
        if (got > 0) {
            c.drained += static_cast<std::size_t>(got);
            continue;
        }
        if (got < 0 && errno == EINTR) continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return arm(c, EPOLLIN);
        break;  // end of stream or an error
    }
    close_connection(c);
}

void HttpFrontend::Impl::close_connection(Connection& c) {
    if (c.phase == Phase::closed) return;
    epoll_ctl(epoll_fd, EPOLL_CTL_DEL, c.fd, nullptr);
    ::close(c.fd);
    c.phase = Phase::closed;
    const auto it = connections.find(&c);
    if (it != connections.end()) {
        closed.push_back(std::move(it->second));  // events of this wait may still name it
        connections.erase(it);
    }
}

void HttpFrontend::Impl::take_handbacks() {
    std::vector<Handback> taken;
    {
        std::lock_guard lock(back_mutex);
        taken.swap(back);
    }
    for (const auto& [connection, after] : taken) {
        Connection& c = *connection;
        --busy;
        switch (after) {
        case After::read_next:
            if (stop_seen) {
                close_connection(c);
                break;
            }
            reset_request(c);
            c.phase = Phase::idle;
            c.deadline = Steady::now() + config.keep_alive_timeout;
            advance(c);
            break;
        case After::write_rest:
            c.phase = Phase::writing;
            c.deadline = Steady::now() + config.request_timeout;
            arm(c, EPOLLOUT);
            break;
        case After::linger: linger(c); break;
        case After::close: close_connection(c); break;
        }
    }
}

// Stop accepting; connections waiting for (or in the middle of sending) a
// request are closed; requests being run finish and their answers are
// written; the loop ends when no connection is left.
void HttpFrontend::Impl::begin_stop() {
    stop_seen = true;
    epoll_ctl(epoll_fd, EPOLL_CTL_DEL, listen_fd, nullptr);
    listener.close();
    listening = false;
    std::vector<Connection*> to_close;
    for (auto& [pointer, owned] : connections)
        if (owned->phase != Phase::busy && (owned->phase != Phase::writing || aborting)) to_close.push_back(pointer);
    for (Connection* c : to_close) close_connection(*c);
}

void HttpFrontend::Impl::sweep(Steady::time_point now) {
    if (accept_paused_until && now >= *accept_paused_until && listening) {
        accept_paused_until.reset();
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.ptr = &kListenTag;
        epoll_ctl(epoll_fd, EPOLL_CTL_MOD, listen_fd, &event);
    }
    std::vector<Connection*> late;
    for (auto& [pointer, owned] : connections)
        if (owned->phase != Phase::busy && owned->deadline <= now) late.push_back(pointer);
    for (Connection* c : late) {
        switch (c->phase) {
        case Phase::head:
            reject(*c, 408, "request",
                   "the request head did not arrive within " + std::to_string(config.head_timeout.count()) + " s");
            break;
        case Phase::body:
            reject(*c, 408, "body",
                   "the body did not arrive within " + std::to_string(config.body_timeout.count()) + " s; nothing was done");
            break;
        default: close_connection(*c); break;
        }
    }
}

void HttpFrontend::Impl::work() {
    while (true) {
        Connection* c = nullptr;
        {
            std::unique_lock lock(work_mutex);
            work_ready.wait(lock, [this] { return workers_stop || !queue.empty(); });
            if (queue.empty()) return;
            c = queue.front();
            queue.pop_front();
        }
        if (aborting) hand_back(*c, After::close);
        else serve(*c);
    }
}

void HttpFrontend::Impl::serve(Connection& c) {
    RunResult result = run_request(service, c.head, std::move(c.body), c.client);
    // Counted before the answer leaves: a client that has its answer and
    // then reads /metrics finds its request there (the time is to the
    // answer being ready; a slow reader's socket does not count).
    const auto took = std::chrono::duration_cast<std::chrono::microseconds>(Steady::now() - c.started);
    service.metrics().record(method_label(c.head.method), result.route, result.response.status, took);
    const bool keep_alive = c.head.keep_alive && !stopping;
    c.out = wire::response_bytes(result.response, {c.head.method == "HEAD", keep_alive, c.head.minor_version});
    c.out_sent = 0;
    c.close_after_write = !keep_alive;
    // Write what the socket takes now; the loop finishes a slow reader's answer.
    After after = keep_alive ? After::read_next : After::linger;
    while (c.out_sent < c.out.size()) {
        const ssize_t sent = ::send(c.fd, c.out.data() + c.out_sent, c.out.size() - c.out_sent, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent > 0) {
            c.out_sent += static_cast<std::size_t>(sent);
            continue;
        }
        if (sent < 0 && errno == EINTR) continue;
        after = sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) ? After::write_rest : After::close;
        break;
    }
    if (after == After::read_next || after == After::linger) {
        c.out.clear();
        c.out_sent = 0;
    }
    const std::string method = c.head.method;
    const std::string client = c.client;
    const auto started = c.started;
    hand_back(c, after);  // from here the loop owns the connection
    log_request(method, result.route, result.path, result.response.status, started, result.user, client);
}

void HttpFrontend::Impl::hand_back(Connection& c, After after) {
    bool wake = false;
    {
        std::lock_guard lock(back_mutex);
        wake = back.empty();
        back.push_back({&c, after});
    }
    if (wake) {
        const std::uint64_t one = 1;
        [[maybe_unused]] const auto written = ::write(wake_fd, &one, sizeof one);
    }
}

void HttpFrontend::Impl::log_request(const std::string& method, const std::string& route, const std::string& path,
                                     int status, Steady::time_point started, const std::optional<std::string>& user,
                                     const std::string& client) {
    if (!log.enabled()) return;
    AccessEntry entry;
    entry.at = service.now();
    entry.method = method;
    entry.route = route;
    entry.path = path;
    entry.status = status;
    entry.took = std::chrono::duration_cast<std::chrono::microseconds>(Steady::now() - started);
    if (user) entry.user = *user;
    entry.client = client;
    log.write(entry);
}

HttpFrontend::HttpFrontend(Service& service, std::ostream* access_log)
    : impl_(std::make_unique<Impl>(service, access_log)) {}

HttpFrontend::~HttpFrontend() { stop(); }

int HttpFrontend::port() const { return impl_->port; }

void HttpFrontend::stop(bool abort) {
    Impl& impl = *impl_;
    if (impl.stopped) return;
    impl.stopped = true;
    impl.aborting = abort;
    impl.stopping = true;
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto written = ::write(impl.wake_fd, &one, sizeof one);
    impl.loop_thread.join();
    {
        std::lock_guard lock(impl.work_mutex);
        impl.workers_stop = true;
    }
    impl.work_ready.notify_all();
    for (auto& worker : impl.workers) worker.join();
}

}  // namespace tata::server
