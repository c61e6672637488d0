// The HTTP baseline of DESIGN.md section 8: a minimal Poco server, the same
// thread pool and keep-alive settings as `tata serve`, answering every
// request with one fixed JSON body the size of a case read. What `tata
// serve` can at best approach on this machine.
//
//   build/bench/bench_poco_baseline PORT BODY_BYTES
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>

#include <csignal>
#include <limits>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

namespace {

std::string fixed_body;

class Fixed final : public Poco::Net::HTTPRequestHandler {
public:
    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
        request.stream().ignore(std::numeric_limits<std::streamsize>::max());
        response.setContentType("application/json");
        response.setContentLength64(static_cast<Poco::Int64>(fixed_body.size()));
        response.send() << fixed_body;
    }
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override { return new Fixed; }
};

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: bench_poco_baseline PORT BODY_BYTES\n");
        return 2;
    }
    const int port = std::atoi(argv[1]);
    const std::size_t size = static_cast<std::size_t>(std::atol(argv[2]));
    fixed_body = "{\"padding\":\"" + std::string(size > 16 ? size - 16 : 0, 'x') + "\"}";
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(16);
    params->setMaxQueued(256);
    params->setKeepAlive(true);
    Poco::Net::ServerSocket socket(static_cast<Poco::UInt16>(port));  // 0: any free port
    Poco::Net::HTTPServer server(new Factory, socket, params);
    server.start();
    std::printf("listening on 127.0.0.1:%u\n", static_cast<unsigned>(socket.address().port()));
    std::fflush(stdout);
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    sigprocmask(SIG_BLOCK, &signals, nullptr);
    int received = 0;
    sigwait(&signals, &received);
    server.stop();
    return 0;
}
