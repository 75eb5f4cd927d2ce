// References to people and organisations at a point in the text: named mentions, titles ("the
// president"), pronouns ("he", "she") and organisation nouns ("the company", "the ministry"),
// resolved to the nearest fitting entity before them. Used to name the speakers of soundbites and
// quotes; text inside quotation marks is never an antecedent.
//
// Pronouns: a person named earlier in the same sentence; otherwise the subject of an earlier
// sentence (its first person reference that is not the object of a preposition: "Trump met with
// Putin. He said ..." is Trump), looking back up to three sentences; "he" never resolves to a
// woman nor "she" to a man when the given name says so (gazetteer first-name lists).
#pragma once

#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "newsdex/understand/entities.hpp"

namespace newsdex::understand {

inline constexpr int kNobody = -1;

// Nouns for people who are often left unnamed ("my supervisor", "one trader", "an aide").
bool is_person_noun(std::string_view lower);

struct Reference {
  // kOrganization: "the company", "the ministry" resolved to an organisation named before.
  enum class Kind { kName, kTitle, kPronoun, kOrganization };
  uint32_t start = 0;
  uint32_t end = 0;
  int entity = kNobody;  // resolved entity, kNobody when unresolved
  Kind kind = Kind::kName;
  bool possessive = false;  // "Putin's", "his", "the president's"
  bool quoted = false;      // inside quotation marks
};

class Referents {
 public:
  // `quoted`: spans inside quotation marks (sorted). `entities` must outlive this object.
  Referents(std::string_view text, std::span<const Span> skip, const EntityResult& entities,
            std::span<const Span> quoted, const Gazetteer* gazetteer = nullptr);
  // The same with `words`, the words of text outside `skip` (split_spoken_words). Without `text`
  // (the text the words are from) pronouns resolve to the latest fitting person; without
  // `gazetteer` their gender is not checked.
  Referents(std::span<const Word> words, const EntityResult& entities, std::span<const Span> quoted,
            std::string_view text = {}, const Gazetteer* gazetteer = nullptr);

  // Person and organisation references in [from, to), in order.
  std::vector<Reference> in_range(uint32_t from, uint32_t to) const;
  // The person the document talks about most before `before` (mentions by name or title),
  // among those `allowed` accepts; kNobody when there is none.
  int most_salient(uint32_t before, const std::function<bool(int)>& allowed) const;
  const EntityResult& entities() const { return m_entities; }

 private:
  std::vector<Reference> m_refs;  // sorted by start
  const EntityResult& m_entities;
};

}  // namespace newsdex::understand
