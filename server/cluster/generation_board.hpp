// Which definitions (workflows, rules, plugins) the nodes of one deployment
// serve. Each node loads them from its own folders; the board, a table of
// the shared database, says which content is the deployment's newest, so
// that a reload on one node (an admin's, or its file watcher's) reaches the
// others: each follows it by loading its own folders again, and serves the
// new generation once what it loaded is that same content. A node whose
// folders hold something else keeps serving what it had and says it is out
// of step (GET /healthz), rather than serving rules the others do not.
//
// Content is compared by a digest of every file's bytes under the folders,
// by path relative to its folder, so nodes installed in different places
// agree when their files do.
#pragma once

#include <tata/definitions.hpp>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace tata::tables {
class Database;
}

namespace tata::server {

// The SHA-256 (hex) of what `sources` hold: each file's path relative to
// its folder and its bytes, in path order.
std::string definitions_content(const DefinitionSources& sources);

struct PostedGeneration {
    std::int64_t number = 0;  // the deployment's, shared by every node
    std::string content;      // definitions_content() of it
};

class GenerationBoard {
public:
    // `database`: the deployment's (an SQLite file or a postgresql:// URI);
    // `node`: how this node is named in the table, for operators.
    GenerationBoard(const std::string& database, std::string node);
    ~GenerationBoard();
    GenerationBoard(const GenerationBoard&) = delete;
    GenerationBoard& operator=(const GenerationBoard&) = delete;

    // Makes `content` the deployment's newest generation, unless it is
    // already; returns the newest. Nodes posting the same content at once
    // (a shared folder changed under all of them) make one generation.
    PostedGeneration post(const std::string& content);
    // The deployment's newest generation, or nullopt before any.
    std::optional<PostedGeneration> newest();

private:
    std::unique_ptr<tables::Database> db_;
    std::string node_;
    std::mutex mutex_;
};

}  // namespace tata::server
