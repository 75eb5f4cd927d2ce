// The gazetteer: people, organisations and places with canonical names, aliases and titles,
// loaded from the TSV files in data/gazetteer/ (compiled in; see that folder's README), and
// longest-alias matching over words.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "newsdex/core/error.hpp"
#include "newsdex/understand/text.hpp"

namespace newsdex::understand {

// Hash and equality for string-keyed tables that are looked up with std::string_view (no
// temporary std::string per lookup).
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

enum class EntryType { kPerson, kOrganization, kPlace, kShow };

struct GazetteerEntry {
  std::string name;  // canonical
  EntryType type = EntryType::kPerson;
  std::vector<std::string> aliases;
  std::vector<std::string> titles;  // lower-case offices ("president"); "news" for news outlets
  struct Term {
    std::string office;  // lower-case ("president")
    std::string from;    // ISO dates, [from, to)
    std::string to;
  };
  std::vector<Term> terms;  // offices held, with dates (fifth TSV column)
  char gender = 0;          // a person's, 'f' or 'm' (sixth TSV column); 0 when not given
  bool has_title(std::string_view title) const;
};

class Gazetteer {
 public:
  // Adds the entries of one TSV file (format in data/gazetteer/README.md). Entries whose canonical
  // name is already known are merged. Errors name `source` and the line.
  core::Status add_tsv(std::string_view text, std::string_view source);
  // Adds given names, one a line ('#' comments); a name may be followed by a tab and its
  // gender, f or m, when the sources give it only one.
  void add_first_names(std::string_view text);
  enum class Gender { kUnknown, kFemale, kMale };
  // The gender of a given name (lower-case) when the name lists give it one.
  Gender first_name_gender(std::string_view lower) const;
  // The gender of the person `canonical` names when the gazetteer gives one (people.tsv),
  // else that of their given name.
  Gender person_gender(std::string_view canonical) const;

  struct Match {
    size_t words = 0;               // how many words the alias spans
    std::vector<uint32_t> entries;  // more than one: the alias is ambiguous
  };
  // The longest alias that starts at words[i]; nullopt when none does.
  std::optional<Match> match(std::span<const Word> words, size_t i, std::string_view text) const;

  const GazetteerEntry& entry(uint32_t id) const { return m_entries[id]; }
  size_t size() const { return m_entries.size(); }
  std::optional<uint32_t> find(std::string_view canonical) const;  // case-insensitive
  // The person holding `office` (lower-case) on `date` (YYYY-MM-DD) by the entries' terms;
  // nullopt when the date is empty or no term covers it.
  std::optional<uint32_t> office_holder(std::string_view office, std::string_view date) const;
  // People whose canonical name ends with `surname` (lower-case).
  std::span<const uint32_t> people_with_surname(std::string_view surname) const;
  bool is_first_name(std::string_view lower) const { return m_first_names.contains(lower); }

 private:
  struct AliasTarget {
    uint32_t entry = 0;
    std::string cased;  // non-empty: the alias must appear exactly so (case-sensitive)...
    // ...or, when set, in any case right after "the": "=Fed|the Fed" reads "Fed" and "the fed"
    // but not the "fed" of "fed up".
    bool after_the = false;
    bool from_the = false;  // made by a "the X" alias alone (a later "=X" makes it after_the)
  };
  void add_alias(uint32_t entry, std::string_view alias);

  std::vector<GazetteerEntry> m_entries;
  StringMap<uint32_t> m_by_name;                  // lower-case canonical
  StringMap<std::vector<AliasTarget>> m_aliases;  // words joined by ' '
  // First word of an alias key -> the most words of an alias that starts with it; a word that is
  // not here starts no alias (most words), so match() needs one lookup for it.
  StringMap<size_t> m_first_words;
  StringMap<std::vector<uint32_t>> m_surnames;
  StringSet m_first_names;
  StringSet m_female_names;
  StringSet m_male_names;
};

// The gazetteer compiled from data/gazetteer/. Built once on first use and immutable afterwards
// (safe to share between threads): it is data, like a constant table.
const Gazetteer& builtin_gazetteer();

}  // namespace newsdex::understand
