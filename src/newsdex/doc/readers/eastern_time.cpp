#include "newsdex/doc/readers/eastern_time.hpp"

#include <array>

#include "newsdex/core/date.hpp"
#include "newsdex/doc/readers/common.hpp"

namespace newsdex::doc::readers {

namespace {

int weekday(int32_t days) {
  return static_cast<int>(((days % 7) + 11) % 7);
}  // 0 = Sunday

int32_t nth_sunday(int year, int month, int n) {
  const int32_t first = core::days_from_ymd(year, month, 1);
  return first + (7 - weekday(first)) % 7 + 7 * (n - 1);
}

int32_t last_sunday(int year, int month) {
  const int32_t next =
      month == 12 ? core::days_from_ymd(year + 1, 1, 1) : core::days_from_ymd(year, month + 1, 1);
  const int32_t last = next - 1;
  return last - weekday(last);
}

}  // namespace

bool eastern_dst(const DayTime& local) {
  int year = 0, month = 0, day = 0;
  core::ymd_from_days(local.days, &year, &month, &day);
  int32_t start = 0, end = 0;
  if (year >= 2007) {
    start = nth_sunday(year, 3, 2);
    end = nth_sunday(year, 11, 1);
  } else if (year >= 1987) {
    start = nth_sunday(year, 4, 1);
    end = last_sunday(year, 10);
  } else if (year >= 1967) {
    start = last_sunday(year, 4);
    end = last_sunday(year, 10);
  } else {
    return false;
  }
  constexpr int kTwoAm = 2 * 3600;
  if (local.days == start) return local.seconds >= kTwoAm;
  if (local.days == end) return local.seconds < kTwoAm;
  return local.days > start && local.days < end;
}

DayTime eastern_to_utc(const DayTime& local) {
  const int offset_hours = eastern_dst(local) ? 4 : 5;
  int seconds = local.seconds + offset_hours * 3600;
  int32_t days = local.days;
  if (seconds >= 86400) {
    seconds -= 86400;
    ++days;
  }
  return {days, seconds};
}

std::optional<int32_t> parse_month_day_year(std::string_view text) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  text = trim(text);
  const size_t space = text.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  std::string month_word = to_lower(text.substr(0, space));
  if (month_word.ends_with('.')) month_word.pop_back();
  int month = 0;
  for (size_t i = 0; i < kMonths.size(); ++i)
    if (month_word.size() >= 3 && kMonths[i].starts_with(month_word))
      month = static_cast<int>(i) + 1;
  std::string_view rest = trim(text.substr(space));
  const size_t comma = rest.find(',');
  if (month == 0 || comma == std::string_view::npos) return std::nullopt;
  auto day = parse_number(trim(rest.substr(0, comma)));
  auto year = parse_number(trim(rest.substr(comma + 1)));
  if (!day || !year || !core::valid_ymd(static_cast<int>(*year), month, static_cast<int>(*day)))
    return std::nullopt;
  return core::days_from_ymd(static_cast<int>(*year), month, static_cast<int>(*day));
}

}  // namespace newsdex::doc::readers
