#include "ranking/row_pipeline.hpp"

#include <bit>
#include <limits>
#include <stdexcept>

namespace tata::ranking {

RowPipeline::RowPipeline(std::size_t columns, Consume consume)
    // The consumer starts last, once nothing else can throw: a thread still
    // joinable when the constructor unwinds would end the process.
    : columns_(columns), consume_(std::move(consume)), filling_(empty_batch()), consumer_([this] { consume_batches(); }) {}

RowPipeline::Batch RowPipeline::empty_batch() const {
    Batch batch;
    batch.cells.reserve(columns_ * kRowsPerBatch);
    return batch;
}

RowPipeline::~RowPipeline() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    changed_.notify_all();
    if (consumer_.joinable()) consumer_.join();
}

void RowPipeline::push(const IndexRow& row) {
    for (std::size_t c = 0; c < columns_; ++c) {
        const FieldValue value = row.value(c);
        Cell cell{value.kind, 0, 0};
        switch (value.kind) {
            case FieldKind::integer: cell.payload = std::bit_cast<std::uint64_t>(value.integer); break;
            case FieldKind::number: cell.payload = std::bit_cast<std::uint64_t>(value.number); break;
            case FieldKind::text:
                // SQLite caps a value at 1 GB by default; a text beyond 4 GB
                // could not have been stored.
                if (value.text.size() > std::numeric_limits<std::uint32_t>::max())
                    throw std::length_error("an index value of more than 4 GB");
                cell.payload = filling_.text.size();
                cell.length = static_cast<std::uint32_t>(value.text.size());
                filling_.text.append(value.text);
                break;
            case FieldKind::null: break;
        }
        filling_.cells.push_back(cell);
    }
    if (++filling_.rows == kRowsPerBatch) hand_over();
}

void RowPipeline::hand_over() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return ready_.size() < kBatchesInFlight || failure_ || consumer_done_; });
    if (failure_) std::rethrow_exception(failure_);
    ready_.push_back(std::move(filling_));
    if (!spare_.empty()) {
        filling_ = std::move(spare_.back());
        spare_.pop_back();
    } else {
        filling_ = empty_batch();
    }
    filling_.cells.clear();
    filling_.text.clear();
    filling_.rows = 0;
    lock.unlock();
    changed_.notify_all();
}

void RowPipeline::finish() {
    if (filling_.rows > 0) hand_over();
    std::unique_lock lock(mutex_);
    no_more_rows_ = true;
    changed_.notify_all();
    changed_.wait(lock, [&] { return consumer_done_; });
    if (failure_) std::rethrow_exception(failure_);
}

void RowPipeline::consume_batches() {
    std::vector<FieldValue> values(columns_);  // the row handed to consume_
    std::unique_lock lock(mutex_);
    try {
        while (true) {
            changed_.wait(lock, [&] { return stop_ || !ready_.empty() || no_more_rows_; });
            if (stop_ || ready_.empty()) break;  // stopped, or every row consumed
            Batch batch = std::move(ready_.front());
            ready_.pop_front();
            lock.unlock();
            changed_.notify_all();  // room for the scan's next batch
            const std::string_view text(batch.text);  // the batch stops moving here
            const Cell* cell = batch.cells.data();
            for (std::size_t row = 0; row < batch.rows; ++row) {
                for (FieldValue& value : values) {
                    switch (cell->kind) {
                        case FieldKind::integer: value = FieldValue::of_integer(std::bit_cast<std::int64_t>(cell->payload)); break;
                        case FieldKind::number: value = FieldValue::of_number(std::bit_cast<double>(cell->payload)); break;
                        case FieldKind::text: value = FieldValue::of_text(text.substr(cell->payload, cell->length)); break;
                        case FieldKind::null: value = FieldValue(); break;
                    }
                    ++cell;
                }
                consume_(values);
            }
            lock.lock();
            spare_.push_back(std::move(batch));
        }
    } catch (...) {
        if (!lock.owns_lock()) lock.lock();
        failure_ = std::current_exception();
    }
    consumer_done_ = true;
    lock.unlock();
    changed_.notify_all();
}

}  // namespace tata::ranking
