// References to people at a point in the text: named mentions, titles ("the president") and
// pronouns ("he", "she"), resolved to the nearest fitting entity before them. Used to name the
// speakers of soundbites and quotes; text inside quotation marks is never an antecedent.
#pragma once

#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "newsdex/understand/entities.hpp"

namespace newsdex::understand {

inline constexpr int kNobody = -1;

struct Reference {
  enum class Kind { kName, kTitle, kPronoun };
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
            std::span<const Span> quoted);
  // The same with `words`, the words of text outside `skip` (split_spoken_words).
  Referents(std::span<const Word> words, const EntityResult& entities,
            std::span<const Span> quoted);

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
