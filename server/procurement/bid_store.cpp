#include "procurement/bid_store.hpp"

#include "app/server_tables.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <stdexcept>

namespace tata::server::procurement {
namespace {

// Each entry moves the procurement tables one version on.
const char* const kMigrations[] = {
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

const char* const kColumns =
    "package_id, vendor, submitted_by, submitted_at, revision, nama_penyedia, npwp_penyedia, harga_penawaran, "
    "upah_ditawarkan, berkas_penawaran, salt, sha256";

// The bids kept in version 1 packages' data, moved once.
const char* const kLegacyImport = "vendor_selection_v1_bids";

Bid read_bid(SQLite::Statement& q) {
    Bid b;
    b.package_id = q.getColumn(0).getInt64();
    b.vendor = q.getColumn(1).getString();
    b.submitted_by = q.getColumn(2).getString();
    b.submitted_at = TimePoint{std::chrono::seconds{q.getColumn(3).getInt64()}};
    b.revision = q.getColumn(4).getInt();
    b.nama_penyedia = q.getColumn(5).getString();
    b.npwp_penyedia = q.getColumn(6).getString();
    b.harga_penawaran = q.getColumn(7).getInt64();
    b.upah_ditawarkan = q.getColumn(8).getInt64();
    b.berkas_penawaran = q.getColumn(9).getString();
    b.salt = q.getColumn(10).getString();
    b.sha256 = q.getColumn(11).getString();
    return b;
}

void write_bid(SQLite::Database& db, const Bid& b, const char* verb) {
    SQLite::Statement q(db, std::string(verb) + " INTO procurement_bids (" + kColumns +
                                ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, static_cast<std::int64_t>(b.package_id));
    q.bind(2, b.vendor);
    q.bind(3, b.submitted_by);
    q.bind(4, static_cast<std::int64_t>(b.submitted_at.time_since_epoch().count()));
    q.bind(5, b.revision);
    q.bind(6, b.nama_penyedia);
    q.bind(7, b.npwp_penyedia);
    q.bind(8, b.harga_penawaran);
    q.bind(9, b.upah_ditawarkan);
    q.bind(10, b.berkas_penawaran);
    q.bind(11, b.salt);
    q.bind(12, b.sha256);
    q.exec();
}

}  // namespace

BidStore::BidStore(const std::filesystem::path& database) : db_(open_server_tables(database)) { migrate(); }

BidStore::~BidStore() = default;

void BidStore::migrate() {
    std::lock_guard lock(mutex_);
    migrate_tables(*db_, "procurement_schema", kMigrations, "the procurement tables");
}

std::optional<Bid> BidStore::find(CaseId package, const std::string& vendor) {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, std::string("SELECT ") + kColumns + " FROM procurement_bids WHERE package_id = ? AND vendor = ?");
    q.bind(1, static_cast<std::int64_t>(package));
    q.bind(2, vendor);
    if (!q.executeStep()) return std::nullopt;
    return read_bid(q);
}

std::vector<Bid> BidStore::of_package(CaseId package) {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, std::string("SELECT ") + kColumns +
                                  " FROM procurement_bids WHERE package_id = ? ORDER BY vendor");
    q.bind(1, static_cast<std::int64_t>(package));
    std::vector<Bid> bids;
    while (q.executeStep()) bids.push_back(read_bid(q));
    return bids;
}

Bid BidStore::save(Bid bid, const std::function<void()>& then) {
    // The engine writes the same file through its own connection, so no
    // transaction of ours may be open while `then` fires the event (it would
    // wait for our write lock). The mutex keeps one vendor's two concurrent
    // submissions in order: the stored bid is the one of the last event.
    std::lock_guard lock(mutex_);
    SQLite::Statement previous(*db_, "SELECT revision FROM procurement_bids WHERE package_id = ? AND vendor = ?");
    previous.bind(1, static_cast<std::int64_t>(bid.package_id));
    previous.bind(2, bid.vendor);
    bid.revision = previous.executeStep() ? previous.getColumn(0).getInt() + 1 : 1;
    previous.reset();
    then();  // throws: nothing stored, the earlier bid stays
    write_bid(*db_, bid, "INSERT OR REPLACE");
    return bid;
}

void BidStore::import_once(const std::function<void(const std::function<void(const Bid&)>& insert)>& import) {
    std::lock_guard lock(mutex_);
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement done(*db_, "SELECT 1 FROM procurement_imports WHERE name = ?");
    done.bind(1, kLegacyImport);
    if (done.executeStep()) return;
    done.reset();
    import([this](const Bid& bid) { write_bid(*db_, bid, "INSERT OR IGNORE"); });
    SQLite::Statement mark(*db_, "INSERT INTO procurement_imports (name, done_at) VALUES (?, strftime('%s', 'now'))");
    mark.bind(1, kLegacyImport);
    mark.exec();
    transaction.commit();
}

}  // namespace tata::server::procurement
