#include "ranking/generation_policy.hpp"

#include "ranking/ranking.hpp"
#include "ranking/scorecard.hpp"

#include <map>
#include <mutex>

namespace tata::ranking {
namespace {

using PerRegency = std::map<std::string, std::shared_ptr<const PolicyFiles>>;

// Keyed by the generation itself (owner_less: a weak_ptr keeps its control
// block, so a later generation can never be mistaken for an ended one).
// Ended generations are dropped on the next insert.
struct Cache {
    std::mutex mutex;
    std::map<std::weak_ptr<const DefinitionSet>, PerRegency, std::owner_less<>> generations;
};

Cache& cache() {
    static Cache instance;
    return instance;
}

std::shared_ptr<const PolicyFiles> read_policy(const Regency& regency) {
    auto files = std::make_shared<PolicyFiles>();
    files->scorecard_file = scorecard_path(regency);
    files->scorecard_text = read_rules_file(files->scorecard_file);
    files->formasi = regency_formasi(regency);
    files->adopted = load_adopted_policy(regency);
    return files;
}

}  // namespace

std::shared_ptr<const PolicyFiles> generation_policy(const std::shared_ptr<const DefinitionSet>& definitions,
                                                     const Regency& regency) {
    Cache& c = cache();
    {
        std::lock_guard lock(c.mutex);
        const auto generation = c.generations.find(definitions);
        if (generation != c.generations.end()) {
            const auto found = generation->second.find(regency.code);
            if (found != generation->second.end()) return found->second;
        }
    }
    auto files = read_policy(regency);  // outside the lock: it reads files
    std::lock_guard lock(c.mutex);
    std::erase_if(c.generations, [](const auto& entry) { return entry.first.expired(); });
    // Two first uses at once keep the first one read.
    return c.generations[definitions].emplace(regency.code, std::move(files)).first->second;
}

}  // namespace tata::ranking
