// Hands the rows of an index scan, in their order, to a second thread.
//
// Ranking a regency reads its workers from the case index and scores and
// stores each one; on 2.3 million workers either half alone takes seconds.
// The scan stays on the calling thread (it holds the engine, and SQLite's
// rows live only until the next step), copies each row into a batch, and a
// consumer thread scores the batches in order while the scan reads on.
// One consumer, first in first out: the result is the same as consuming the
// rows on the scan's thread, only sooner on a machine with a second core.
#pragma once

#include <tata/field_value.hpp>
#include <tata/records.hpp>

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

namespace tata::ranking {

class RowPipeline {
public:
    // Called on the consumer thread once per row, in the scan's order; its
    // values (text included) are valid during the call only.
    using Consume = std::function<void(std::span<const FieldValue> row)>;

    // Starts the consumer thread. `columns` values are copied per row.
    RowPipeline(std::size_t columns, Consume consume);
    // Stops the consumer without waiting for the rows still queued (the
    // scan failed, or finish() already waited for them).
    ~RowPipeline();
    RowPipeline(const RowPipeline&) = delete;
    RowPipeline& operator=(const RowPipeline&) = delete;

    // On the scan's thread: copies the row's first `columns` values. If the
    // consumer has failed, throws its exception, which ends the scan.
    void push(const IndexRow& row);
    // Waits until every pushed row is consumed; throws the consumer's
    // exception if it failed.
    void finish();

private:
    // One value as the batch keeps it: 16 bytes where a FieldValue takes 40
    // (the scan's thread writes every one of them: 2.3 million rows of 18).
    // Text is its place in the batch's `text`: a view is made only on the
    // consumer, once the batch no longer moves (a short text buffer lives
    // inside the string object and would move with it).
    struct Cell {
        FieldKind kind = FieldKind::null;
        std::uint32_t length = 0;  // of a text
        std::uint64_t payload = 0;  // an integer's or a double's bits, or a text's offset
    };
    struct Batch {
        std::vector<Cell> cells;
        std::string text;
        std::size_t rows = 0;
    };
    static constexpr std::size_t kRowsPerBatch = 4096;
    static constexpr std::size_t kBatchesInFlight = 4;

    Batch empty_batch() const;
    void hand_over();  // the filling batch to the consumer, waiting for room
    void consume_batches();

    std::size_t columns_;
    Consume consume_;
    Batch filling_;

    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Batch> ready_;  // full, waiting for the consumer
    std::vector<Batch> spare_;  // consumed, their memory kept for reuse
    bool no_more_rows_ = false;
    bool stop_ = false;
    bool consumer_done_ = false;
    std::exception_ptr failure_;
    std::thread consumer_;
};

}  // namespace tata::ranking
