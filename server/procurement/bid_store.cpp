#include "procurement/bid_store.hpp"

#include <tata/tables.hpp>

#include <chrono>
#include <optional>

namespace tata::server::procurement {
namespace {

// Each entry moves the procurement tables one version on.
const char* const kBidsSqlite[] = {
    R"sql(
    CREATE TABLE procurement_bids (
        package_id       INTEGER NOT NULL,
        vendor           TEXT NOT NULL,
        submitted_by     TEXT NOT NULL,
        submitted_at     INTEGER NOT NULL,
        revision         INTEGER NOT NULL,
        nama_penyedia    TEXT NOT NULL,
        npwp_penyedia    TEXT NOT NULL,
        harga_penawaran  INTEGER NOT NULL,
        upah_ditawarkan  INTEGER NOT NULL,
        berkas_penawaran TEXT NOT NULL,
        salt             TEXT NOT NULL,
        sha256           TEXT NOT NULL,
        PRIMARY KEY (package_id, vendor)
    );
    CREATE TABLE procurement_imports (
        name    TEXT PRIMARY KEY,
        done_at INTEGER NOT NULL
    );
    )sql",
};
const char* const kBidsPostgresql[] = {
    R"sql(
    CREATE TABLE procurement_bids (
        package_id       BIGINT NOT NULL,
        vendor           TEXT NOT NULL,
        submitted_by     TEXT NOT NULL,
        submitted_at     BIGINT NOT NULL,
        revision         INTEGER NOT NULL,
        nama_penyedia    TEXT NOT NULL,
        npwp_penyedia    TEXT NOT NULL,
        harga_penawaran  BIGINT NOT NULL,
        upah_ditawarkan  BIGINT NOT NULL,
        berkas_penawaran TEXT NOT NULL,
        salt             TEXT NOT NULL,
        sha256           TEXT NOT NULL,
        PRIMARY KEY (package_id, vendor)
    );
    CREATE TABLE procurement_imports (
        name    TEXT PRIMARY KEY,
        done_at BIGINT NOT NULL
    );
    )sql",
};

const char* const kColumns =
    "package_id, vendor, submitted_by, submitted_at, revision, nama_penyedia, npwp_penyedia, harga_penawaran, "
    "upah_ditawarkan, berkas_penawaran, salt, sha256";

// The advisory lock PostgreSQL nodes take turns on to write bids.
constexpr std::int64_t kBidWritersTurn = 7306120217;

// The bids kept in version 1 packages' data, moved once.
const char* const kLegacyImport = "vendor_selection_v1_bids";

Bid read_bid(const tables::Row& row) {
    Bid b;
    b.package_id = row.integer(0);
    b.vendor = row.text(1);
    b.submitted_by = row.text(2);
    b.submitted_at = TimePoint{std::chrono::seconds{row.integer(3)}};
    b.revision = static_cast<int>(row.integer(4));
    b.nama_penyedia = row.text(5);
    b.npwp_penyedia = row.text(6);
    b.harga_penawaran = row.integer(7);
    b.upah_ditawarkan = row.integer(8);
    b.berkas_penawaran = row.text(9);
    b.salt = row.text(10);
    b.sha256 = row.text(11);
    return b;
}

// `on_conflict`: what a bid already stored for the package and vendor
// gets ("DO UPDATE SET ...", "DO NOTHING").
void write_bid(tables::Database& db, const Bid& b, const std::string& on_conflict) {
    db.run(std::string("INSERT INTO procurement_bids (") + kColumns +
               ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (package_id, vendor) " + on_conflict,
           {static_cast<std::int64_t>(b.package_id), b.vendor, b.submitted_by,
            static_cast<std::int64_t>(b.submitted_at.time_since_epoch().count()), static_cast<std::int64_t>(b.revision),
            b.nama_penyedia, b.npwp_penyedia, b.harga_penawaran, b.upah_ditawarkan, b.berkas_penawaran, b.salt, b.sha256});
}

const char* const kReplace =
    "DO UPDATE SET submitted_by = excluded.submitted_by, submitted_at = excluded.submitted_at, "
    "revision = excluded.revision, nama_penyedia = excluded.nama_penyedia, npwp_penyedia = excluded.npwp_penyedia, "
    "harga_penawaran = excluded.harga_penawaran, upah_ditawarkan = excluded.upah_ditawarkan, "
    "berkas_penawaran = excluded.berkas_penawaran, salt = excluded.salt, sha256 = excluded.sha256";

}  // namespace

BidStore::BidStore(const std::filesystem::path& database) : db_(tables::open(database.string())) { migrate(); }

BidStore::~BidStore() = default;

void BidStore::migrate() {
    std::lock_guard lock(mutex_);
    tables::migrate(*db_, "procurement_schema", {kBidsSqlite, kBidsPostgresql}, "the procurement tables");
}

std::optional<Bid> BidStore::find(CaseId package, const std::string& vendor) {
    std::lock_guard lock(mutex_);
    const tables::Rows rows =
        db_->query(std::string("SELECT ") + kColumns + " FROM procurement_bids WHERE package_id = ? AND vendor = ?",
                   {static_cast<std::int64_t>(package), vendor});
    if (rows.empty()) return std::nullopt;
    return read_bid(rows[0]);
}

std::vector<Bid> BidStore::of_package(CaseId package) {
    std::lock_guard lock(mutex_);
    const tables::Rows rows = db_->query(
        std::string("SELECT ") + kColumns + " FROM procurement_bids WHERE package_id = ? ORDER BY vendor",
        {static_cast<std::int64_t>(package)});
    std::vector<Bid> bids;
    for (std::size_t i = 0; i < rows.size(); ++i) bids.push_back(read_bid(rows[i]));
    return bids;
}

Bid BidStore::save(Bid bid, const std::function<void()>& then) {
    // The mutex keeps one vendor's two concurrent submissions to this node
    // in order: the stored bid is the one of the last event. On PostgreSQL
    // the nodes' submissions also take turns, in a transaction of ours
    // around reading the revision, the event and the write. Beside a SQLite
    // file no transaction of ours may be open while `then` fires the event:
    // the engine writes the same file, and would wait for our write lock.
    std::lock_guard lock(mutex_);
    std::optional<tables::Transaction> turn;
    if (db_->dialect() == tables::Dialect::postgresql) {
        turn.emplace(*db_);
        tables::take_turns(*db_, kBidWritersTurn);
    }
    const tables::Rows previous = db_->query(
        "SELECT revision FROM procurement_bids WHERE package_id = ? AND vendor = ?",
        {static_cast<std::int64_t>(bid.package_id), bid.vendor});
    bid.revision = previous.empty() ? 1 : static_cast<int>(previous[0].integer(0)) + 1;
    then();  // throws: nothing stored, the earlier bid stays
    write_bid(*db_, bid, kReplace);
    if (turn) turn->commit();
    return bid;
}

void BidStore::import_once(const std::function<void(const std::function<void(const Bid&)>& insert)>& import) {
    std::lock_guard lock(mutex_);
    tables::Transaction transaction(*db_);
    tables::take_turns(*db_, kBidWritersTurn);  // nodes starting together: one imports, the others find it done
    if (!db_->query("SELECT 1 FROM procurement_imports WHERE name = ?", {std::string(kLegacyImport)}).empty()) return;
    import([this](const Bid& bid) { write_bid(*db_, bid, "DO NOTHING"); });
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
        std::chrono::system_clock::now().time_since_epoch());
    db_->run("INSERT INTO procurement_imports (name, done_at) VALUES (?, ?)",
             {std::string(kLegacyImport), static_cast<std::int64_t>(now.count())});
    transaction.commit();
}

}  // namespace tata::server::procurement
