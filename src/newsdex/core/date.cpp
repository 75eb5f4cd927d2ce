#include "newsdex/core/date.hpp"

#include <fmt/format.h>

namespace newsdex::core {

bool valid_ymd(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int limit = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= limit;
}

// Howard Hinnant's days_from_civil.
int32_t days_from_ymd(int year, int month, int day) {
  year -= month <= 2;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy =
      static_cast<unsigned>((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1);
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

void ymd_from_days(int32_t z, int* year, int* month, int* day) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  *year = y + (m <= 2);
  *month = static_cast<int>(m);
  *day = static_cast<int>(d);
}

std::optional<int32_t> parse_iso_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  auto num = [&](size_t pos, size_t len) -> int {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (t[i] < '0' || t[i] > '9') return -1;
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  int y = num(0, 4), m = num(5, 2), d = num(8, 2);
  if (y < 0 || m < 0 || d < 0 || !valid_ymd(y, m, d)) return std::nullopt;
  return days_from_ymd(y, m, d);
}

std::string format_iso_date(int32_t days) {
  if (days == kNoDate) return {};
  int y = 0, m = 0, d = 0;
  ymd_from_days(days, &y, &m, &d);
  // Every hit of a search formats its date: fmt::format cost ~1,900 instructions per call (the
  // format string parsed at run time), its compiled form still ~400; the digits of a date in
  // range are written directly (~30), anything else goes through fmt.
  if (y < 0 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
    return fmt::format("{:04}-{:02}-{:02}", y, m, d);
  std::string out(10, '-');
  auto two = [&out](size_t at, int v) {
    out[at] = static_cast<char>('0' + v / 10);
    out[at + 1] = static_cast<char>('0' + v % 10);
  };
  two(0, y / 100);
  two(2, y % 100);
  two(5, m);
  two(8, d);
  return out;
}

}  // namespace newsdex::core
