#include "ranking/row_pipeline.hpp"

namespace tata::ranking {

RowPipeline::RowPipeline(std::size_t columns, Consume consume)
    // The consumer starts last, once nothing else can throw: a thread still
    // joinable when the constructor unwinds would end the process.
    : columns_(columns), consume_(std::move(consume)), filling_(empty_batch()), consumer_([this] { consume_batches(); }) {}

RowPipeline::Batch RowPipeline::empty_batch() const {
    Batch batch;
    batch.values.reserve(columns_ * kRowsPerBatch);
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
        FieldValue value = row.value(c);
        if (value.kind == FieldKind::text) {
            // The text's place in the batch, until seal() makes it a view:
            // the buffer may still move as it grows.
            const std::size_t offset = filling_.text.size();
            filling_.text.append(value.text);
            value.integer = static_cast<std::int64_t>(offset);
            value.number = static_cast<double>(value.text.size());
            value.text = {};
        }
        filling_.values.push_back(value);
    }
    if (++filling_.rows == kRowsPerBatch) hand_over();
}

void RowPipeline::seal(Batch& batch) const {
    for (FieldValue& value : batch.values) {
        if (value.kind != FieldKind::text) continue;
        value.text = std::string_view(batch.text).substr(static_cast<std::size_t>(value.integer),
                                                         static_cast<std::size_t>(value.number));
        value.integer = 0;
        value.number = 0;
    }
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
    filling_.values.clear();
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
    std::unique_lock lock(mutex_);
    try {
        while (true) {
            changed_.wait(lock, [&] { return stop_ || !ready_.empty() || no_more_rows_; });
            if (stop_ || ready_.empty()) break;  // stopped, or every row consumed
            Batch batch = std::move(ready_.front());
            ready_.pop_front();
            lock.unlock();
            changed_.notify_all();  // room for the scan's next batch
            // Sealed here, where the batch stops moving: a short text buffer
            // lives inside the string object (SSO), so a view taken before a
            // move would point into the object moved from.
            seal(batch);
            const std::span<const FieldValue> values(batch.values);
            for (std::size_t row = 0; row < batch.rows; ++row) consume_(values.subspan(row * columns_, columns_));
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
