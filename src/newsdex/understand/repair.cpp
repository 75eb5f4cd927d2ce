#include "newsdex/understand/repair.hpp"

#include <algorithm>

#include "newsdex/understand/text.hpp"

namespace newsdex::understand {
namespace {

// Real words that start other words ("on only", "in inside"): never read as false starts.
constexpr std::string_view kNotFalseStarts[] = {
    "the",  "and",   "for",  "her",   "his",   "our",   "out",   "not",   "can",   "car",  "man",
    "one",  "all",   "any",  "new",   "now",   "old",   "off",   "use",   "per",   "pre",  "pro",
    "con",  "com",   "over", "under", "form",  "part",  "press", "ever",  "even",  "fore", "hand",
    "head", "home",  "life", "light", "work",  "some",  "with",  "they",  "them",  "then", "there",
    "here", "where", "what", "when",  "who",   "how",   "war",   "way",   "day",   "air",  "end",
    "sea",  "sun",   "back", "down",  "rain",  "fire",  "storm", "snow",  "water", "land", "time",
    "year", "book",  "news", "super", "inter", "trans", "anti",  "multi", "post",  "self", "wild",
    "gun",  "arm",   "art",  "bar",   "bit",   "bus",   "cat",   "cut",   "dog",   "ear",  "eye",
    "far",  "fat",   "fit",  "get",   "got",   "hat",   "him",   "hit",   "let",   "lot",  "may",
    "men",  "met",   "own",  "pay",   "put",   "ran",   "red",   "run",   "sat",   "say",  "see",
    "set",  "she",   "sit",  "six",   "ten",   "top",   "two",   "was",   "win",   "yes",  "yet",
    "you",  "are",   "its",  "had",   "has",   "too",   "also",  "well",  "will",  "just", "only",
    "more", "most",  "than", "that",  "this",  "these", "those", "from",  "into",  "upon", "once",
    "out",  "kind"};
// Words people say twice on purpose.
constexpr std::string_view kRealDoubles[] = {
    "had",  "that", "very", "bye", "ha",   "no",    "knock", "go",   "so",  "really",
    "yeah", "is",   "many", "far", "more", "again", "hear",  "long", "over"};

bool listed(std::span<const std::string_view> list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

bool only_spaces(std::string_view text, uint32_t from, uint32_t to) {
  if (from >= to) return false;
  for (uint32_t p = from; p < to; ++p)
    if (text[p] != ' ') return false;
  return true;
}

}  // namespace

std::string_view repair_kind_name(Repair::Kind kind) {
  switch (kind) {
    case Repair::Kind::kStutter:
      return "stutter";
    case Repair::Kind::kDoubled:
      return "doubled";
    case Repair::Kind::kFiller:
      return "filler";
  }
  return "stutter";
}

void OffsetMap::add(uint32_t clean, uint32_t original, uint32_t length) {
  if (length == 0) return;
  if (!m_runs.empty()) {
    Run& last = m_runs.back();
    if (last.clean + last.length == clean && last.original + last.length == original) {
      last.length += length;
      return;
    }
  }
  m_runs.push_back({clean, original, length});
}

uint32_t OffsetMap::to_original(uint32_t clean) const {
  auto it = std::upper_bound(m_runs.begin(), m_runs.end(), clean,
                             [](uint32_t c, const Run& r) { return c < r.clean; });
  if (it == m_runs.begin()) return 0;
  const Run& run = *std::prev(it);
  if (clean < run.clean + run.length) return run.original + (clean - run.clean);
  return it == m_runs.end() ? original_size : it->original;
}

CleanText repair_text(std::string_view original) {
  CleanText out;
  out.map.original_size = static_cast<uint32_t>(original.size());
  const std::vector<Word> words = split_words(original);
  std::vector<Repair> repairs;
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    const Word& a = words[i];
    const Word& b = words[i + 1];
    if (!only_spaces(original, a.end, b.start) || a.possessive) continue;
    if (a.lower == b.lower && !listed(kRealDoubles, a.lower) && a.lower.size() < 12 &&
        !(a.lower.size() == 1 && a.lower[0] >= '0' && a.lower[0] <= '9')) {
      // Keep the first ("We we" -> "We"): it carries the sentence's capital.
      repairs.push_back({a.end, b.end, Repair::Kind::kDoubled});
      ++i;
    } else if (a.lower.size() >= 3 && b.lower.size() >= a.lower.size() + 2 &&
               b.lower.starts_with(a.lower) && !listed(kNotFalseStarts, a.lower) &&
               a.lower.find_first_of("0123456789") == std::string::npos) {
      repairs.push_back({a.start, b.start, Repair::Kind::kStutter});
    }
  }
  for (size_t i = 0; i < words.size(); ++i) {
    const Word& w = words[i];
    if ((w.lower == "uh" || w.lower == "um" || w.lower == "er") && w.end < original.size() &&
        original[w.end] == ',') {
      uint32_t end = w.end + 1;
      while (end < original.size() && original[end] == ' ') ++end;
      repairs.push_back({w.start, end, Repair::Kind::kFiller});
    }
  }
  std::sort(repairs.begin(), repairs.end(),
            [](const Repair& x, const Repair& y) { return x.start < y.start; });
  uint32_t pos = 0;
  for (const Repair& r : repairs) {
    if (r.start < pos) continue;  // overlaps one already applied
    out.map.add(static_cast<uint32_t>(out.text.size()), pos, r.start - pos);
    out.text.append(original.substr(pos, r.start - pos));
    pos = r.end;
    out.repairs.push_back(r);
  }
  out.map.add(static_cast<uint32_t>(out.text.size()), pos,
              static_cast<uint32_t>(original.size()) - pos);
  out.text.append(original.substr(pos));
  return out;
}

}  // namespace newsdex::understand
