#include "newsdex/understand/gazetteer.hpp"

#include <algorithm>

namespace newsdex::understand {
namespace {

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (true) {
    const size_t next = text.find(sep, pos);
    out.push_back(text.substr(pos, next == std::string_view::npos ? next : next - pos));
    if (next == std::string_view::npos) break;
    pos = next + 1;
  }
  return out;
}

std::string key_of(std::span<const Word> words) {
  std::string key;
  for (const auto& w : words) {
    if (!key.empty()) key += ' ';
    key += w.lower;
  }
  return key;
}

std::optional<EntryType> type_from(std::string_view name) {
  if (name == "person") return EntryType::kPerson;
  if (name == "organization") return EntryType::kOrganization;
  if (name == "place") return EntryType::kPlace;
  if (name == "show") return EntryType::kShow;
  return std::nullopt;
}

}  // namespace

bool GazetteerEntry::has_title(std::string_view title) const {
  return std::find(titles.begin(), titles.end(), title) != titles.end();
}

void Gazetteer::add_alias(uint32_t entry, std::string_view alias) {
  bool cased = alias.starts_with('=');
  if (cased) alias.remove_prefix(1);
  std::vector<Word> words = split_words(alias);
  // A leading "the" is optional in text ("the Kremlin", "Kremlin"), so it is not part of the key;
  // but when the entry also has the bare alias cased ("=Fed|the Fed"), the lower-case form needs
  // the "the" ("the fed", not "fed up").
  const bool the = words.size() > 1 && words.front().lower == "the";
  if (the) words.erase(words.begin());
  if (words.empty()) return;
  std::string key = key_of(words);
  std::string cased_form;
  if (cased) {
    for (const auto& w : words) {
      if (!cased_form.empty()) cased_form += ' ';
      cased_form += alias.substr(w.start, w.end - w.start);
    }
  }
  auto& targets = m_aliases[key];
  for (auto& t : targets)
    if (t.entry == entry) {
      if (cased && t.from_the) {  // "the Fed|=Fed"
        t.cased = std::move(cased_form);
        t.after_the = true;
        t.from_the = false;
      } else if (!cased && the && !t.cased.empty()) {  // "=Fed|the Fed"
        t.after_the = true;
      } else if (!cased) {  // a plain alias: any case, "the" or not
        t.cased.clear();
        t.after_the = t.from_the = false;
      }
      return;
    }
  targets.push_back({.entry = entry, .cased = std::move(cased_form), .from_the = !cased && the});
  size_t& longest = m_first_words[words.front().lower];
  longest = std::max(longest, words.size());
}

core::Status Gazetteer::add_tsv(std::string_view text, std::string_view source) {
  uint32_t line_number = 0;
  for (std::string_view line : split(text, '\n')) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    auto fields = split(line, '\t');
    auto type = type_from(fields[0]);
    if (fields.size() < 2 || !type || fields[1].empty())
      return core::fail(core::ErrorCode::kParse,
                        "expected 'type<TAB>canonical[<TAB>aliases[<TAB>titles]]'",
                        core::Location{std::string(source), line_number, 1, 0});
    const std::string name(fields[1]);
    const std::string lower = lower_ascii(name);
    uint32_t id = 0;
    if (auto it = m_by_name.find(lower); it != m_by_name.end()) {
      id = it->second;
    } else {
      id = static_cast<uint32_t>(m_entries.size());
      m_entries.push_back({name, *type, {}, {}, {}});
      m_by_name.emplace(lower, id);
      if (*type == EntryType::kPerson) {
        auto words = split_words(name);
        if (words.size() > 1) m_surnames[words.back().lower].push_back(id);
      }
    }
    bool canonical_cased = false;
    if (fields.size() > 2 && !fields[2].empty()) {
      for (auto alias : split(fields[2], '|')) {
        if (alias.empty()) continue;
        if (alias.starts_with('=') && equals_ci(alias.substr(1), name)) canonical_cased = true;
        m_entries[id].aliases.emplace_back(alias.starts_with('=') ? alias.substr(1) : alias);
        add_alias(id, alias);
      }
    }
    if (!canonical_cased) add_alias(id, name);
    if (fields.size() > 3)
      for (auto title : split(fields[3], '|'))
        if (!title.empty()) m_entries[id].titles.push_back(lower_ascii(title));
    if (fields.size() > 4)
      for (auto term : split(fields[4], '|')) {
        if (term.empty()) continue;
        // office@YYYY-MM-DD..YYYY-MM-DD
        const size_t at = term.find('@'), dots = term.find("..");
        if (at == std::string_view::npos || dots == std::string_view::npos || dots < at ||
            dots - at - 1 != 10 || term.size() - dots - 2 != 10)
          return core::fail(
              core::ErrorCode::kParse,
              "expected a term 'office@YYYY-MM-DD..YYYY-MM-DD', got '" + std::string(term) + "'",
              core::Location{std::string(source), line_number, 1, 0});
        m_entries[id].terms.push_back({lower_ascii(term.substr(0, at)),
                                       std::string(term.substr(at + 1, 10)),
                                       std::string(term.substr(dots + 2, 10))});
      }
    if (fields.size() > 5 && !fields[5].empty()) {
      if (fields[5] != "f" && fields[5] != "m")
        return core::fail(core::ErrorCode::kParse,
                          "expected a gender 'f' or 'm', got '" + std::string(fields[5]) + "'",
                          core::Location{std::string(source), line_number, 1, 0});
      m_entries[id].gender = fields[5].front();
    }
  }
  return {};
}

std::optional<uint32_t> Gazetteer::office_holder(std::string_view office,
                                                 std::string_view date) const {
  if (date.size() < 10) return std::nullopt;
  date = date.substr(0, 10);
  for (uint32_t id = 0; id < m_entries.size(); ++id)
    for (const auto& t : m_entries[id].terms)
      if (t.office == office && t.from <= date && date < t.to) return id;
  return std::nullopt;
}

void Gazetteer::add_first_names(std::string_view text) {
  for (std::string_view line : split(text, '\n')) {
    line = trim_text(line);
    if (line.empty() || line.front() == '#') continue;
    const size_t tab = line.find('\t');
    const std::string name = lower_ascii(trim_text(line.substr(0, tab)));
    const std::string_view gender =
        tab == std::string_view::npos ? std::string_view{} : trim_text(line.substr(tab + 1));
    if (gender == "f") m_female_names.insert(name);
    if (gender == "m") m_male_names.insert(name);
    m_first_names.insert(name);
  }
}

Gazetteer::Gender Gazetteer::first_name_gender(std::string_view lower) const {
  if (m_female_names.contains(lower)) return Gender::kFemale;
  if (m_male_names.contains(lower)) return Gender::kMale;
  return Gender::kUnknown;
}

Gazetteer::Gender Gazetteer::person_gender(std::string_view canonical) const {
  if (auto id = find(canonical); id && m_entries[*id].type == EntryType::kPerson) {
    if (m_entries[*id].gender == 'f') return Gender::kFemale;
    if (m_entries[*id].gender == 'm') return Gender::kMale;
  }
  auto parts = split_words(canonical);
  if (parts.size() < 2) return Gender::kUnknown;
  return first_name_gender(parts.front().lower);
}

std::optional<Gazetteer::Match> Gazetteer::match(std::span<const Word> words, size_t i,
                                                 std::string_view text) const {
  const auto first = m_first_words.find(words[i].lower);
  if (first == m_first_words.end()) return std::nullopt;
  const size_t longest = std::min(first->second, words.size() - i);
  // The key of the longest n-gram; the key of fewer words is a prefix of it.
  std::string key = key_of(words.subspan(i, longest));
  size_t key_size = key.size();
  for (size_t n = longest; n >= 1; --n) {
    if (n < longest) key_size -= words[i + n].lower.size() + 1;  // drop " word"
    auto it = m_aliases.find(std::string_view(key).substr(0, key_size));
    if (it == m_aliases.end()) continue;
    Match m;
    m.words = n;
    for (const auto& target : it->second) {
      if (!target.cased.empty()) {
        std::string seen;
        for (size_t k = i; k < i + n; ++k) {
          if (!seen.empty()) seen += ' ';
          const Word& w = words[k];
          seen += text.substr(w.start, w.name_end - w.start);
        }
        if (seen != target.cased && !(target.after_the && i > 0 && words[i - 1].lower == "the"))
          continue;
      }
      m.entries.push_back(target.entry);
    }
    if (!m.entries.empty()) return m;
  }
  return std::nullopt;
}

std::optional<uint32_t> Gazetteer::find(std::string_view canonical) const {
  auto it = m_by_name.find(lower_ascii(canonical));
  if (it == m_by_name.end()) return std::nullopt;
  return it->second;
}

std::span<const uint32_t> Gazetteer::people_with_surname(std::string_view surname) const {
  auto it = m_surnames.find(surname);
  if (it == m_surnames.end()) return {};
  return it->second;
}

}  // namespace newsdex::understand
