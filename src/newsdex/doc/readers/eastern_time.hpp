// US Eastern local time to UTC, with the US daylight-saving rules (Energy Policy Act of 2005 from
// 2007 on; the 1987 and 1967 rules before), for "Aired ... ET" lines.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace newsdex::doc::readers {

struct DayTime {
  int32_t days = 0;  // days since 1970-01-01
  int seconds = 0;   // seconds since midnight
};

// Whether daylight time is in effect at a local Eastern wall-clock time. At the spring-forward
// gap times count as daylight; in the repeated hour after fall-back, as daylight.
bool eastern_dst(const DayTime& local);
DayTime eastern_to_utc(const DayTime& local);

// "March 21, 2018" or "Mar. 21, 2018" (month names in English) to days; nullopt when invalid.
std::optional<int32_t> parse_month_day_year(std::string_view text);

}  // namespace newsdex::doc::readers
