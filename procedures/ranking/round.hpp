// A ranking proposed as the regency's prioritization round: the ranking's
// number and its counts per outcome go into the `prioritization` workflow's
// first task (susun_usulan → ajukan), which then carries the round through
// the Kepala BKPSDM's approval, the announcement and the objection window.
#pragma once

#include "ranking/ranking.hpp"

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

// The `ajukan` input for a ranking: id_pemeringkatan, jumlah_diperingkat and
// usulan_<outcome> for every outcome.
nlohmann::json proposal_input(const Ranking& ranking);

// Submits the ranking as the regency's round, as `actor` (an officer):
// into the open round waiting in susun_usulan, or a new one. Throws
// RoundBusy when an open round is further along; the engine's errors
// (Forbidden, InvalidInput) when the actor may not propose.
RoundProposal propose_round(Engine& engine, const Ranking& ranking, const Actor& actor);

}  // namespace tata::ranking
