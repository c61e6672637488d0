#include "ranking/ranking_cache.hpp"

#include "ranking/ranking_data.hpp"

#include <tata/errors.hpp>
#include <tata/search_fold.hpp>

namespace tata::ranking {
namespace {

constexpr std::string_view kWithoutOpd = "(tanpa OPD)";  // as outcomes_by_opd names them

}  // namespace

RankingSnapshot::RankingSnapshot(Ranking ranking)
    : ranking_(std::move(ranking)), number_(ranking_number(ranking_)), per_opd_(outcomes_by_opd(ranking_)) {
    if (!ranking_.data) return;
    const RankingData& d = *ranking_.data;
    position_by_nik_.reserve(d.order.size());
    name_ends_.reserve(d.order.size());
    for (std::size_t position = 0; position < d.order.size(); ++position) {
        const std::uint32_t row = d.order[position];
        const FieldValue nik = d.table.value(row, column::nik);
        if (nik.kind == FieldKind::text) position_by_nik_.emplace(nik.text, position);
        const FieldValue name = d.table.value(row, column::nama);
        if (name.kind == FieldKind::text) folded_names_ += fold_for_search(name.text);
        name_ends_.push_back(static_cast<std::uint32_t>(folded_names_.size()));
    }
}

bool RankingSnapshot::matches(const RankingFilter& filter, const std::string& folded_text, std::size_t position) const {
    const RankingData& d = *ranking_.data;
    if (filter.outcome && outcome_code(d.outcomes[position]) != *filter.outcome) return false;
    const std::uint32_t row = d.order[position];
    if (filter.opd) {
        const FieldValue opd = d.table.value(row, column::opd);
        const std::string_view name = opd.kind == FieldKind::text && !opd.text.empty() ? opd.text : kWithoutOpd;
        if (name != *filter.opd) return false;
    }
    if (folded_text.empty()) return true;
    const FieldValue nik = d.table.value(row, column::nik);
    if (nik.kind == FieldKind::text && nik.text.find(folded_text) != std::string_view::npos) return true;
    const std::size_t begin = position == 0 ? 0 : name_ends_[position - 1];
    const std::string_view name(folded_names_.data() + begin, name_ends_[position] - begin);
    return name.find(folded_text) != std::string_view::npos;
}

RankingSnapshot::Selection RankingSnapshot::select(const RankingFilter& filter, std::size_t offset,
                                                   std::size_t limit) const {
    Selection selection;
    const std::size_t size = ranking_.workers.size();
    if (!filter.any()) {
        selection.total = size;
        for (std::size_t position = offset; position < size && selection.positions.size() < limit; ++position)
            selection.positions.push_back(position);
        return selection;
    }
    const std::string folded_text = fold_for_search(filter.text);
    for (std::size_t position = 0; position < size; ++position) {
        if (!matches(filter, folded_text, position)) continue;
        if (selection.total >= offset && selection.positions.size() < limit) selection.positions.push_back(position);
        ++selection.total;
    }
    return selection;
}

std::optional<RankedWorker> RankingSnapshot::find(const std::string& nik) const {
    const auto it = position_by_nik_.find(nik);
    if (it == position_by_nik_.end()) return std::nullopt;
    return ranking_.workers[it->second];
}

std::shared_ptr<const RankingSnapshot> RankingCache::get(Engine& engine, const std::string& regency) {
    const auto definitions = engine.definitions();
    const Regency* known = definitions->find_regency(regency);
    if (!known) throw NotFound("unknown regency '" + regency + "'");
    // The inputs are read before ranking: a write between the two makes the
    // kept ranking look older than it is (ranked again next time), never newer.
    Inputs inputs{definitions->generation, reference_date_today(engine, *known), engine.data_version(regency)};
    if (auto snapshot = kept(regency, inputs)) return snapshot;

    std::lock_guard ranking_lock(ranking_mutex_);
    if (auto snapshot = kept(regency, inputs)) return snapshot;  // made while this caller waited
    auto snapshot = std::make_shared<const RankingSnapshot>(rank_regency_own_formasi(engine, regency));
    std::lock_guard lock(mutex_);
    ++counts_.ranked;
    entries_[regency] = Entry{std::move(inputs), snapshot, ++clock_};
    evict_beyond_budget(regency);
    return snapshot;
}

std::shared_ptr<const RankingSnapshot> RankingCache::kept(const std::string& regency, const Inputs& inputs) {
    std::lock_guard lock(mutex_);
    const auto it = entries_.find(regency);
    if (it == entries_.end() || !(it->second.inputs == inputs)) return nullptr;
    it->second.last_used = ++clock_;
    ++counts_.kept;
    return it->second.snapshot;
}

void RankingCache::evict_beyond_budget(const std::string& newest) {
    const auto workers = [this] {
        std::size_t total = 0;
        for (const auto& [regency, entry] : entries_) total += entry.snapshot->ranking().workers.size();
        return total;
    };
    while (entries_.size() > 1 && workers() > max_workers_) {
        auto oldest = entries_.end();
        for (auto it = entries_.begin(); it != entries_.end(); ++it)
            if (it->first != newest && (oldest == entries_.end() || it->second.last_used < oldest->second.last_used))
                oldest = it;
        entries_.erase(oldest);
    }
}

RankingCache::Counts RankingCache::counts() const {
    std::lock_guard lock(mutex_);
    return counts_;
}

}  // namespace tata::ranking
