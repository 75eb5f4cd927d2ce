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

}  // namespace

Referents::Referents(std::string_view text, std::span<const Span> skip,
                     const EntityResult& entities, std::span<const Span> quoted)
    : Referents(split_spoken_words(text, skip), entities, quoted) {}

Referents::Referents(std::span<const Word> words, const EntityResult& entities,
                     std::span<const Span> quoted)
    : m_entities(entities) {
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
  auto last_person = [&](uint32_t before, const std::function<bool(int)>& fits) {
    // The latest unquoted reference to a person before `before` that fits.
    int best = kNobody;
    uint32_t best_pos = 0;
    for (const auto* list : {&m_refs, &extra})
      for (const auto& r : *list) {
        if (r.start >= before || r.quoted || r.entity == kNobody) continue;
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
    if (w.lower == "the" && i + 1 < words.size() && !covered(words[i + 1].start)) {
      std::string title;
      // "the former vice president": a past office names its holder as well.
      const size_t former = words[i + 1].lower == "former" && i + 2 < words.size() ? 1 : 0;
      if (size_t n = match_title(words, i + 1 + former, &title) + former;
          n > former && title != "mr" && title != "mrs") {
        const Word& last = words[i + n];
        // "the president" unless a name follows ("the president Emmanuel Macron").
        if (i + n + 1 < words.size() && covered(words[i + n + 1].start) &&
            words[i + n + 1].start - last.end <= 1)
          continue;
        const int who = last_person(w.start, [&](int e) {
          const auto& titles = entities.titles[e];
          return std::find(titles.begin(), titles.end(), title) != titles.end();
        });
        extra.push_back(
            {w.start, last.name_end, who, Reference::Kind::kTitle, last.possessive, quoted_here});
        i += n;
        continue;
      }
    }
    if (w.lower == "he" || w.lower == "she" || w.lower == "his" || w.lower == "her" ||
        w.lower == "him") {
      const int who = last_person(w.start, [&](int e) { return !entities.journalist[e]; });
      extra.push_back({w.start, w.end, who, Reference::Kind::kPronoun,
                       w.lower == "his" || w.lower == "her", quoted_here});
    }
  }
  m_refs.insert(m_refs.end(), extra.begin(), extra.end());
  std::sort(m_refs.begin(), m_refs.end(), [](auto& a, auto& b) { return a.start < b.start; });
}

std::vector<Reference> Referents::in_range(uint32_t from, uint32_t to) const {
  std::vector<Reference> out;
  for (const auto& r : m_refs)
    if (r.start >= from && r.start < to) out.push_back(r);
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
