// Calendar dates as days since 1970-01-01 (UTC), parsed from and printed as ISO 8601.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace newsdex::core {

// A missing date is kNoDate; it sorts before every real date.
inline constexpr int32_t kNoDate = INT32_MIN;

bool valid_ymd(int year, int month, int day);
int32_t days_from_ymd(int year, int month, int day);
void ymd_from_days(int32_t days, int* year, int* month, int* day);
// Accepts exactly YYYY-MM-DD.
std::optional<int32_t> parse_iso_date(std::string_view text);
std::string format_iso_date(int32_t days);  // "" for kNoDate

}  // namespace newsdex::core
