// tata openapi: the API's OpenAPI 3.1 description, as GET /openapi.json
// answers it, printed without serving: for clients, and for the web pages'
// types, which scripts/api-types generates from it. The routes are those of
// a server on the definitions given (--workflows, --rules, --plugins); its
// database is a scratch one, removed afterwards.
#include "commands/commands.hpp"
#include "commands/serve_options.hpp"

#include "api/openapi.hpp"
#include "api/service.hpp"

#include <filesystem>
#include <random>

namespace tata::cli {
namespace {

// A private scratch folder, removed with the object.
class ScratchFolder {
public:
    ScratchFolder() {
        std::random_device random;
        path_ = std::filesystem::temp_directory_path() / ("tata-openapi-" + std::to_string(random()));
        std::filesystem::create_directories(path_);
        std::filesystem::permissions(path_, std::filesystem::perms::owner_all);
    }
    ~ScratchFolder() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace

int run_openapi(Context& context) {
    const ScratchFolder scratch;
    server::ServerConfig config = serve_config(context);
    config.database = scratch.path() / "openapi.db";
    const server::Service service(config);
    context.out << server::openapi_document(service.router()).dump(2) << "\n";
    return 0;
}

}  // namespace tata::cli
