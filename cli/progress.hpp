// A progress bar for long work on a terminal; silent when output is piped.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

namespace tata::cli {

class ProgressBar {
public:
    ProgressBar(std::ostream& out, std::string label, bool enabled)
        : out_(out), label_(std::move(label)), enabled_(enabled) {}

    void update(std::uint64_t done, std::uint64_t total) {
        if (!enabled_ || total == 0) return;
        const int percent = static_cast<int>(done * 100 / total);
        if (percent == last_percent_) return;
        last_percent_ = percent;
        const int filled = percent / 4;
        out_ << "\r" << label_ << " [" << std::string(static_cast<std::size_t>(filled), '#')
             << std::string(static_cast<std::size_t>(25 - filled), ' ') << "] " << percent << "%" << std::flush;
        shown_ = true;
    }

    // Ends the bar's line so later output starts clean.
    void finish() {
        if (shown_) out_ << "\n";
        shown_ = false;
    }

private:
    std::ostream& out_;
    std::string label_;
    bool enabled_;
    int last_percent_ = -1;
    bool shown_ = false;
};

}  // namespace tata::cli
