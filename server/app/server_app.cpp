#include "app/server_app.hpp"

#include "app/background.hpp"
#include "app/http_frontend.hpp"

#include <tata/database_location.hpp>

#include <Poco/Util/ServerApplication.h>

#include <malloc.h>
#include <memory>
#include <stdexcept>
#include <ostream>

namespace tata::server {
namespace {

class TataServer final : public Poco::Util::ServerApplication {
public:
    TataServer(const ServerConfig& config, std::ostream& log, ServeHooks hooks)
        : config_(config), log_(log), hooks_(std::move(hooks)) {}

protected:
    int main(const std::vector<std::string>&) override {
        Service service(config_, hooks_.clock);
        std::unique_ptr<HttpFrontend> listening;
        try {
            listening = std::make_unique<HttpFrontend>(service, &log_);
        } catch (const std::runtime_error& e) {
            // Typically the port is taken (by another tata serve: the bind is
            // exclusive, two servers never share a port's traffic).
            log_ << "tata serve: " << e.what() << "\n" << std::flush;
            return Application::EXIT_UNAVAILABLE;
        }
        HttpFrontend& frontend = *listening;
        BackgroundJobs background(service, log_);
        const std::string url = "http://" + config_.listen + ":" + std::to_string(frontend.port());
        log_ << "tata serve: listening on " << url << " (database " << location_for_log(config_.database.string()) << ")\n" << std::flush;
        if (hooks_.on_ready) hooks_.on_ready(url);
        waitForTerminationRequest();
        log_ << "tata serve: stopping: no new connections, finishing the requests in flight\n" << std::flush;
        frontend.stop();
        background.stop();
        log_ << "tata serve: stopped\n" << std::flush;
        return Application::EXIT_OK;
    }

private:
    const ServerConfig& config_;
    std::ostream& log_;
    ServeHooks hooks_;
};

}  // namespace

int serve(const ServerConfig& config, std::ostream& log, ServeHooks hooks) {
    // glibc gives every thread that allocates its own arena (up to 8 per
    // core), each keeping what it freed: with a pool of request threads that
    // is most of the resident memory. Four arenas keep contention low.
    mallopt(M_ARENA_MAX, 4);
    TataServer app(config, log, std::move(hooks));
    char name[] = "tata";
    char* argv[] = {name, nullptr};
    return app.run(1, argv);
}

}  // namespace tata::server
