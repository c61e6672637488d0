// Civil dates as day numbers (days since 1970-01-01) and ISO text.
#pragma once

#include <string>

namespace tata::example {

struct Date {
    int year = 1970;
    int month = 1;
    int day = 1;
};

int day_number(const Date& date);   // days since 1970-01-01
Date from_day_number(int days);
std::string iso(const Date& date);  // YYYY-MM-DD

// Whole years from `from` to `to` (an age, or years of service).
int whole_years(const Date& from, const Date& to);

}  // namespace tata::example
