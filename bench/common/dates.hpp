// Civil-date arithmetic (proleptic Gregorian, days since 1970-01-01), after Howard Hinnant's
// public-domain algorithms; used by the generator and the harnesses to name months.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace bench {

constexpr int32_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int32_t>(doe) - 719468;
}

inline std::string iso_date(int32_t days) {
  days += 719468;
  const int era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const int y = static_cast<int>(yoe) + era * 400 + (m <= 2);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

inline int days_in_month(int y, unsigned m) {
  return days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - days_from_civil(y, m, 1);
}

// The 12 months of `year` as inclusive ISO ranges ("2019-01-01", "2019-01-31"), ...
inline std::vector<std::pair<std::string, std::string>> month_ranges(int year) {
  std::vector<std::pair<std::string, std::string>> out;
  for (unsigned m = 1; m <= 12; ++m) {
    char from[32], to[32];
    std::snprintf(from, sizeof from, "%04d-%02u-01", year, m);
    std::snprintf(to, sizeof to, "%04d-%02u-%02d", year, m, days_in_month(year, m));
    out.emplace_back(from, to);
  }
  return out;
}

}  // namespace bench
