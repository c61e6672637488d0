// A ranking proposed as the regency's prioritization round: the ranking's
// number and its counts per outcome go into the `prioritization` workflow's
// first task (susun_usulan → ajukan), which then carries the round through
// the Kepala BKPSDM's approval, the announcement and the objection window.
#pragma once

#include "ranking/ranking.hpp"
#include "ranking/round_snapshots.hpp"

#include <tata/engine.hpp>

#include <stdexcept>

namespace tata::ranking {

// A round of the same regency is already past its proposal: it must be
// decided (or cancelled) before another is proposed.
class RoundBusy : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct RoundProposal {
    CaseRecord round;     // the prioritization case, after `ajukan`
    bool created = false; // a new round, rather than one waiting in susun_usulan
};

// The `ajukan` input for a ranking whose number is `number`
// (ranking_number): id_pemeringkatan, jumlah_diperingkat and
// usulan_<outcome> for every outcome.
nlohmann::json proposal_input(const Ranking& ranking, const std::string& number);

// Submits the ranking as the regency's round, as `actor` (an officer):
// into the open round waiting in susun_usulan, or a new one. The ranking is
// frozen in `snapshots` first, so what is approved and announced is what was
// ranked. Throws RoundBusy when an open round is further along; the
// engine's errors (Forbidden, InvalidInput) when the actor may not propose.
RoundProposal propose_round(Engine& engine, const Ranking& ranking, const Actor& actor, RoundSnapshots& snapshots);

// The regency's newest round the Kepala BKPSDM approved (past
// persetujuan_kepala and not cancelled), or nullopt when there is none.
std::optional<CaseRecord> approved_round(Engine& engine, const std::string& regency);

// A round's announcement, once `umumkan` gave it (tanggal_pengumuman and
// batas_sanggah in its data).
struct Announcement {
    std::string date;         // YYYY-MM-DD
    std::string deadline;     // the last day of the objection window
    bool open_for_objections = false;  // still before penetapan, and `today` is not past the deadline
};
std::optional<Announcement> announcement_of(const CaseRecord& round, const std::string& today);

// The ranking number a round was proposed with (id_pemeringkatan), or "".
std::string round_ranking_number(const CaseRecord& round);

}  // namespace tata::ranking
