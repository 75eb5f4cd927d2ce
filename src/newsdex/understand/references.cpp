#include "newsdex/understand/references.hpp"

#include <algorithm>
#include <map>

namespace newsdex::understand {
namespace {

bool inside(std::span<const Span> spans, uint32_t pos) {
  auto it = std::upper_bound(spans.begin(), spans.end(), pos,
                             [](uint32_t p, const Span& s) { return p < s.start; });
  return it != spans.begin() && pos < std::prev(it)->end;
}

// Nouns that refer back to an organisation ("the company said"), with the kinds of organisation
// (gazetteer titles) each may stand for; an organisation the gazetteer gives no kind fits all.
struct OrgNoun {
  std::string_view noun;
  std::string_view kinds;  // space-separated titles
};
constexpr OrgNoun kOrgNouns[] = {{"company", "company"},
                                 {"firm", "company"},
                                 {"retailer", "company"},
                                 {"airline", "company"},
                                 {"automaker", "company"},
                                 {"carrier", "company"},
                                 {"manufacturer", "company"},
                                 {"utility", "company government"},
                                 {"operator", "company government"},
                                 {"committee", "government party group"},
                                 {"commission", "government international"},
                                 {"ministry", "government"},
                                 {"department", "government"},
                                 {"agency", "government"},
                                 {"administration", "government"},
                                 {"organization", "international group government company"},
                                 {"organisation", "international group government company"},
                                 {"group", "group international"},
                                 {"federation", "group international"},
                                 {"league", "group"},
                                 {"party", "party"},
                                 {"network", "news"},
                                 {"paper", "news"},
                                 {"newspaper", "news"}};

// The organisation kinds `noun` may refer to; empty when it is not an organisation noun.
std::string_view org_kinds(std::string_view noun) {
  for (const auto& n : kOrgNouns)
    if (n.noun == noun) return n.kinds;
  return {};
}

bool is_preposition(std::string_view w) {
  static constexpr std::string_view kWords[] = {"with",  "to",      "for",  "from",    "by",
                                                "about", "against", "of",   "at",      "on",
                                                "after", "before",  "than", "between", "among"};
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

}  // namespace

bool is_person_noun(std::string_view w) {
  static constexpr std::string_view kNouns[] = {
      "supervisor", "boss", "wife", "husband", "mother", "father", "mom", "dad", "son", "daughter",
      "brother", "sister", "neighbor", "neighbour", "friend", "teacher", "principal", "trader",
      "worker", "nurse", "doctor", "resident", "owner", "veteran", "official", "officer", "aide",
      "witness", "woman", "man", "student", "farmer", "colleague", "manager", "spokesman",
      "spokeswoman", "employee", "customer", "voter", "pastor", "driver", "passenger", "lawyer",
      "attorney", "source", "staffer", "girl", "boy", "grandmother", "grandfather", "aunt", "uncle",
      "cousin", "coach", "survivor", "protester", "executive", "analyst", "economist", "expert",
      "diplomat", "lawmaker", "adviser", "advisor", "strategist", "insider", "person", "tourist",
      "parent", "member", "volunteer", "reporter", "teammate",
      // Round 13: "a mccarthy ally told me", "A publicist for the couple said".
      "ally", "publicist", "activist", "organizer", "organiser", "supporter", "delegate",
      "firefighter", "soldier", "detective"};
  return std::find(std::begin(kNouns), std::end(kNouns), w) != std::end(kNouns);
}

namespace {

// The sentence `sp` opens with a person it does not name: a determiner and a person noun ("My
// supervisor", "One retired teacher") before any name, or a pronoun of the same gender that
// resolved to nobody.
bool opens_with_unnamed_person(std::span<const Word> words, Span sp, bool female,
                               const std::vector<Reference>& pronouns,
                               const std::vector<Reference>& names) {
  auto it = std::lower_bound(words.begin(), words.end(), sp.start,
                             [](const Word& w, uint32_t p) { return w.start < p; });
  size_t k = static_cast<size_t>(it - words.begin());
  while (k < words.size() && words[k].start < sp.end &&
         (words[k].lower == "and" || words[k].lower == "but" || words[k].lower == "so" ||
          words[k].lower == "then" || words[k].lower == "well"))
    ++k;
  if (k >= words.size() || words[k].start >= sp.end) return false;
  const std::string_view first = words[k].lower;
  const bool same_gender_pronoun = female ? (first == "she") : (first == "he");
  if (same_gender_pronoun) {
    for (const auto& r : pronouns)
      if (r.start == words[k].start) return r.entity == kNobody;
    return false;
  }
  static constexpr std::string_view kDeterminers[] = {
      "my", "your", "our", "their", "a", "an", "one", "another", "his", "her", "this", "that"};
  // Anywhere in the sentence, an unnamed person with a possessive ("I remember my father
  // coming home") when the sentence names no one: "He said" after it is that person.
  {
    bool unnamed = false;
    for (size_t j = k; j + 1 < words.size() && words[j + 1].start < sp.end && !unnamed; ++j)
      unnamed = (words[j].lower == "my" || words[j].lower == "our" || words[j].lower == "your") &&
                is_person_noun(words[j + 1].lower);
    if (unnamed) {
      bool named = false;
      for (const auto* list : {&pronouns, &names})
        for (const auto& r : *list)
          named = named || (r.start >= sp.start && r.start < sp.end && r.entity != kNobody &&
                            r.kind != Reference::Kind::kPronoun);
      if (!named) return true;
    }
  }
  if (std::find(std::begin(kDeterminers), std::end(kDeterminers), first) == std::end(kDeterminers))
    return false;
  for (size_t j = k + 1; j < words.size() && j <= k + 3 && words[j].start < sp.end; ++j) {
    if (words[j].capitalised && !is_person_noun(words[j].lower)) return false;  // a name
    if (is_person_noun(words[j].lower)) {
      // "His lawyer, Lanny Davis, went further": a name in apposition names them.
      if (j + 1 < words.size() && words[j + 1].start < sp.end)
        for (const auto* list : {&pronouns, &names})
          for (const auto& r : *list)
            if (r.start == words[j + 1].start && r.entity != kNobody &&
                r.kind != Reference::Kind::kPronoun && words[j + 1].start - words[j].end <= 3)
              return false;
      return true;
    }
  }
  return false;
}

}  // namespace

Referents::Referents(std::string_view text, std::span<const Span> skip,
                     const EntityResult& entities, std::span<const Span> quoted,
                     const Gazetteer* gazetteer)
    : Referents(split_spoken_words(text, skip), entities, quoted, text, gazetteer) {}

Referents::Referents(std::span<const Word> words, const EntityResult& entities,
                     std::span<const Span> quoted, std::string_view text,
                     const Gazetteer* gazetteer)
    : m_entities(entities) {
  // Sentences of the text (for pronouns) and the gender of each person (gazetteer, given name).
  const std::vector<Span> sentences =
      text.empty() ? std::vector<Span>{}
                   : split_sentences(text, 0, static_cast<uint32_t>(text.size()));
  std::vector<Gazetteer::Gender> gender(entities.entities.size(), Gazetteer::Gender::kUnknown);
  if (gazetteer != nullptr)
    for (size_t e = 0; e < entities.entities.size(); ++e) {
      if (entities.entities[e].type != doc::Entity::Type::kPerson) continue;
      gender[e] = gazetteer->person_gender(entities.entities[e].name);
    }
  // The word before byte `pos` (lower-case), empty at the start.
  auto word_before = [&](uint32_t pos) -> std::string_view {
    auto it = std::lower_bound(words.begin(), words.end(), pos,
                               [](const Word& w, uint32_t p) { return w.start < p; });
    if (it == words.begin()) return {};
    return std::prev(it)->lower;
  };
  // The words at `pos` are a person noun and a name in apposition ("lawyer, Lanny Davis"): the
  // possessive before `pos` only describes the person named.
  auto names_apposition = [&](uint32_t pos) {
    auto it = std::lower_bound(words.begin(), words.end(), pos,
                               [](const Word& w, uint32_t p) { return w.start < p; });
    if (it == words.end() || std::next(it) == words.end() || !is_person_noun(it->lower))
      return false;
    const uint32_t name_at = std::next(it)->start;
    return std::any_of(entities.mentions.begin(), entities.mentions.end(), [&](const auto& m) {
      return m.start == name_at && entities.entities[m.entity].type == doc::Entity::Type::kPerson;
    });
  };
  for (const auto& m : entities.mentions) {
    const auto type = entities.entities[m.entity].type;
    if (type == doc::Entity::Type::kPlace) continue;
    m_refs.push_back({m.start, m.end, static_cast<int>(m.entity), Reference::Kind::kName,
                      m.possessive, inside(quoted, m.start)});
  }
  // Titles and pronouns, in text order, resolved against what came before.
  std::sort(m_refs.begin(), m_refs.end(), [](auto& a, auto& b) { return a.start < b.start; });
  std::vector<Reference> extra;
  auto covered = [&](uint32_t pos) {
    auto it = std::upper_bound(m_refs.begin(), m_refs.end(), pos,
                               [](uint32_t p, const Reference& r) { return p < r.start; });
    return it != m_refs.begin() && pos < std::prev(it)->end;
  };
  auto last_person = [&](uint32_t before, const std::function<bool(int)>& fits,
                         bool quoted_names = false) {
    // The latest unquoted reference to a person before `before` that fits; with
    // `quoted_names`, a name inside quotation marks counts too ("based on Prime Minister Mette
    // Frederiksen's comments" ... "the prime minister").
    int best = kNobody;
    uint32_t best_pos = 0;
    for (const auto* list : {&m_refs, &extra})
      for (const auto& r : *list) {
        if (r.start >= before || r.entity == kNobody) continue;
        if (r.quoted && !(quoted_names && r.kind == Reference::Kind::kName)) continue;
        if (entities.entities[r.entity].type != doc::Entity::Type::kPerson) continue;
        if (!fits(r.entity) || (best != kNobody && r.start < best_pos)) continue;
        best = r.entity;
        best_pos = r.start;
      }
    return best;
  };
  for (size_t i = 0; i < words.size(); ++i) {
    const Word& w = words[i];
    if (covered(w.start)) continue;
    const bool quoted_here = inside(quoted, w.start);
    const bool the = w.lower == "the";  // asked by four rules below: once
    if (the && i + 1 < words.size() && !covered(words[i + 1].start)) {
      std::string title;
      // "the former vice president": a past office names its holder as well.
      const size_t former = words[i + 1].lower == "former" && i + 2 < words.size() ? 1 : 0;
      if (size_t n = match_title(words, i + 1 + former, &title) + former;
          n > former && title != "mr" && title != "mrs") {
        const Word& last = words[i + n];
        // "the president" unless a name follows ("the president Emmanuel Macron"), or one in
        // apposition ("The prime minister, Fumio Kishida, spoke"): the name is the reference.
        if (i + n + 1 < words.size() && covered(words[i + n + 1].start) &&
            (words[i + n + 1].start - last.end <= 1 ||
             (!last.possessive && !text.empty() &&
              trim_text(text.substr(last.end, words[i + n + 1].start - last.end)) == ",")))
          continue;
        const int who = last_person(
            w.start,
            [&](int e) {
              const auto& titles = entities.titles[e];
              // "the director" for the director of national intelligence, "the secretary" for the
              // defense secretary: the head word of a longer office.
              for (const auto& t : titles)
                if (t.size() > title.size() + 1 && t.find("'s ") == std::string::npos &&
                    ((t.starts_with(title) && t[title.size()] == ' ') ||
                     (t.ends_with(title) && t[t.size() - title.size() - 1] == ' ')) &&
                    !t.starts_with("former ") && !t.starts_with("vice ") && former == 0)
                  return true;
              return std::find(titles.begin(), titles.end(), title) != titles.end() ||
                     (former > 0 &&
                      std::find(titles.begin(), titles.end(), "former " + title) != titles.end());
            },
            true);
        extra.push_back(
            {w.start, last.name_end, who, Reference::Kind::kTitle, last.possessive, quoted_here});
        i += n;
        continue;
      }
    }
    if (the && i + 2 < words.size() && words[i + 1].possessive && !words[i + 1].capitalised &&
        !covered(words[i + 1].start)) {
      // "the conference's president said" after "The conference's president, Alok Sharma,":
      // an office qualified by its owner, given to someone in apposition (entities.cpp).
      std::string title;
      if (size_t n = match_title(words, i + 2, &title); n > 0) {
        const std::string owned = words[i + 1].lower + "'s " + title;
        const int who = last_person(w.start, [&](int e) {
          const auto& titles = entities.titles[e];
          return std::find(titles.begin(), titles.end(), owned) != titles.end();
        });
        if (who != kNobody) {
          const Word& last = words[i + 1 + n];
          extra.push_back(
              {w.start, last.name_end, who, Reference::Kind::kTitle, last.possessive, quoted_here});
          i += 1 + n;
          continue;
        }
      }
    }
    if (the && i + 1 < words.size() && words[i + 1].lower.ends_with("-year-old") &&
        !covered(words[i + 1].start)) {
      // "The 18-year-old said": the person named last (not a journalist).
      const int who = last_person(w.start, [&](int e) { return !entities.journalist[e]; });
      if (who != kNobody) {
        extra.push_back({w.start, words[i + 1].name_end, who, Reference::Kind::kTitle,
                         words[i + 1].possessive, quoted_here});
        ++i;
        continue;
      }
    }
    if (the && i + 1 < words.size() && !covered(words[i + 1].start)) {
      // "the company said": the latest organisation named before that such a noun can mean.
      // One lower-case modifier may come first: "the grid operator", "the power company".
      const size_t at = org_kinds(words[i + 1].lower).empty() && !words[i + 1].capitalised &&
                                i + 2 < words.size() && !org_kinds(words[i + 2].lower).empty() &&
                                !words[i + 1].possessive && !covered(words[i + 2].start)
                            ? i + 2
                            : i + 1;
      const Word& noun = words[at];
      const std::string_view kinds = org_kinds(noun.lower);
      const bool compound = at + 1 < words.size() && words[at + 1].start - noun.name_end <= 1 &&
                            !noun.possessive && org_kinds(words[at + 1].lower).empty() &&
                            (words[at + 1].lower == "store" || words[at + 1].lower == "head" ||
                             words[at + 1].lower == "of");
      if (!kinds.empty() && !compound) {
        int who = kNobody, subject = kNobody;
        uint32_t who_at = 0, subject_at = 0;
        for (const auto& r : m_refs) {
          if (r.start >= w.start) break;
          if (r.quoted || r.entity == kNobody || r.kind != Reference::Kind::kName) continue;
          if (entities.entities[r.entity].type != doc::Entity::Type::kOrganization) continue;
          // "In a post on Facebook, the company told": a platform named as the medium.
          if (word_before(r.start) == "on" && gazetteer != nullptr)
            if (auto g = gazetteer->find(entities.entities[r.entity].name);
                g && gazetteer->entry(*g).has_title("platform"))
              continue;
          const auto& titles = entities.titles[r.entity];
          bool fits = titles.empty();
          for (const auto& t : titles)
            fits =
                fits || (" " + std::string(kinds) + " ").find(" " + t + " ") != std::string::npos;
          if (fits) {
            who = r.entity;
            who_at = r.start;
            if (const auto before = word_before(r.start);
                !is_preposition(before) && before != "in") {
              subject = r.entity;
              subject_at = r.start;
            }
          }
        }
        // "robinhood restricted buying in gamestop ... the company said": the organisation
        // that was a subject shortly before, not one after a preposition, when there is one.
        if (subject != kNobody && who_at - subject_at < 200) who = subject;
        if (who != kNobody) {
          extra.push_back({w.start, noun.name_end, who, Reference::Kind::kOrganization,
                           noun.possessive, quoted_here});
          i = at;
          continue;
        }
      }
    }
    if (w.lower == "he" || w.lower == "she" || w.lower == "his" || w.lower == "her" ||
        w.lower == "him") {
      const bool female = w.lower == "she" || w.lower == "her";
      auto fits = [&](int e) {
        if (entities.journalist[e]) return false;
        return gender[e] != (female ? Gazetteer::Gender::kMale : Gazetteer::Gender::kFemale);
      };
      int who = kNobody;
      if (sentences.empty()) {
        who = last_person(w.start, fits);
      } else {
        auto it = std::upper_bound(sentences.begin(), sentences.end(), w.start,
                                   [](uint32_t p, const Span& sp) { return p < sp.start; });
        const size_t here =
            it == sentences.begin() ? 0 : static_cast<size_t>(it - sentences.begin()) - 1;
        // A person named earlier in the same sentence.
        const uint32_t from = sentences.empty() ? 0 : sentences[here].start;
        // Inside quotation marks, a name quoted earlier in the same sentence counts ("When
        // Bernie came to our town he told us").
        const int same = last_person(w.start, fits, quoted_here);
        bool in_sentence = false;
        for (const auto* list : {&m_refs, &extra})
          for (const auto& r : *list)
            if (r.entity == same && r.start >= from && r.start < w.start &&
                (!r.quoted || quoted_here))
              in_sentence = true;
        if (same != kNobody && in_sentence) {
          who = same;
        } else {
          // The subject of an earlier sentence: its first person not after a preposition. A
          // sentence about someone unnamed ("My supervisor called.", "She did." with that "she"
          // unresolved) ends the search: the pronoun is theirs.
          bool unnamed = false;
          for (size_t back = 1; back <= 3 && back <= here && who == kNobody && !unnamed; ++back) {
            const Span sp = sentences[here - back];
            if (opens_with_unnamed_person(words, sp, female, extra, m_refs)) {
              unnamed = true;
              break;
            }
            int first = kNobody, first_any = kNobody;
            uint32_t first_pos = UINT32_MAX, first_any_pos = UINT32_MAX;
            for (const auto* list : {&m_refs, &extra})
              for (const auto& r : *list) {
                if (r.start < sp.start || r.start >= sp.end || r.quoted || r.entity == kNobody)
                  continue;
                if (entities.entities[r.entity].type != doc::Entity::Type::kPerson) continue;
                if (!fits(r.entity)) continue;
                if (r.start < first_any_pos) {
                  first_any = r.entity;
                  first_any_pos = r.start;
                }
                // Not a possessive: "His lawyer, Lanny Davis, went further." is about the
                // lawyer.
                if (r.start < first_pos && !(r.possessive && names_apposition(r.end)) &&
                    !is_preposition(word_before(r.start))) {
                  first = r.entity;
                  first_pos = r.start;
                }
              }
            who = first != kNobody ? first : first_any;
          }
          if (who == kNobody && !unnamed) who = last_person(w.start, fits);
        }
      }
      extra.push_back({w.start, w.end, who, Reference::Kind::kPronoun,
                       w.lower == "his" || w.lower == "her", quoted_here});
    }
  }
  m_refs.insert(m_refs.end(), extra.begin(), extra.end());
  std::sort(m_refs.begin(), m_refs.end(), [](auto& a, auto& b) { return a.start < b.start; });
}

std::vector<Reference> Referents::in_range(uint32_t from, uint32_t to) const {
  // m_refs is sorted by start: a binary search, not a scan of the document's references.
  std::vector<Reference> out;
  auto it = std::lower_bound(m_refs.begin(), m_refs.end(), from,
                             [](const Reference& r, uint32_t p) { return r.start < p; });
  for (; it != m_refs.end() && it->start < to; ++it) out.push_back(*it);
  return out;
}

int Referents::most_salient(uint32_t before, const std::function<bool(int)>& allowed) const {
  std::map<int, int> counts;
  for (const auto& r : m_refs) {
    if (r.start >= before || r.entity == kNobody || r.kind == Reference::Kind::kPronoun) continue;
    if (m_entities.entities[r.entity].type != doc::Entity::Type::kPerson) continue;
    if (allowed(r.entity)) ++counts[r.entity];
  }
  int best = kNobody, best_count = 0;
  for (auto [e, n] : counts)
    if (n > best_count) {
      best = e;
      best_count = n;
    }
  return best;
}

}  // namespace newsdex::understand
