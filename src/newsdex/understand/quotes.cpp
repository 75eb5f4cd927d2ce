#include "newsdex/understand/quotes.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <utility>

#include "newsdex/understand/text.hpp"

namespace newsdex::understand {
namespace {

constexpr std::string_view kSpeechVerbs[] = {
    "said", "says", "say", "saying", "told", "tells", "telling", "tweeted", "tweets", "tweeting",
    "wrote", "writes", "writing", "written", "added", "adds", "adding", "asked", "asks", "replied",
    "responded", "declared", "announced", "insisted", "insists", "warned", "warns", "claimed",
    "explained", "noted", "stated", "posted", "quipped", "admitted", "argued", "continued",
    "recalled", "promised", "vowed", "urged", "joked", "shouted", "yelled", "remarked", "texted",
    "acknowledged", "conceded", "quote", "according", "calling", "called", "put", "puts",
    "repeated", "answered", "boasted", "complained", "predicted", "pledged", "countered",
    // Round 10: the base form of the commonest verbs ("I tell my patients", "we write") and
    // reporting verbs of news prose. Third-person "-s" forms that are also plural nouns
    // ("posts", "notes", "claims", "calls") are left out.
    "tell", "write", "ask", "add", "explain", "insist", "warn", "argue", "recall", "reply",
    "respond", "declares", "announces", "explains", "admits", "argues", "recalls", "responds",
    "stressed", "cautioned", "reiterated", "suggested", "demanded", "pleaded", "testified",
    "reminded", "observed", "exclaimed", "whispered", "assured", "retorted", "lamented",
    "emphasized", "wondered", "messaged", "emailed", "confirmed", "cautions", "stresses",
    // Round 12: "had described Greenland as "..."".
    "described", "describes", "describing"};

constexpr std::string_view kWorkWords[] = {
    "post",     "times",    "journal",  "herald",   "tribune", "gazette",  "chronicle",
    "examiner", "register", "star",     "sun",      "globe",   "observer", "daily",
    "news",     "record",   "bee",      "inquirer", "courier", "dispatch", "sentinel",
    "press",    "review",   "magazine", "today",    "tonight", "hour",     "show",
    "report",   "america",  "line",     "room",     "nation",  "week",     "minutes"};

constexpr std::string_view kWorkCues[] = {
    "called",  "titled",    "named",   "dubbed", "book",  "film",      "movie",    "show",
    "program", "programme", "song",    "album",  "paper", "newspaper", "magazine", "sing",
    "sang",    "sung",      "singing", "anthem", "hymn",  "headline",  "article",  "series",
    "for",     "on",        "from",    "to",     "in",    "after",     "styled"};

constexpr std::string_view kSmallWords[] = {"of", "the", "a",   "an", "and",
                                            "in", "on",  "for", "to", "at"};

template <size_t N>
bool listed(const std::string_view (&list)[N], std::string_view w) {
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         static_cast<unsigned char>(c) >= 0x80;
}

// A speech verb at words[k], not a noun after a determiner: "said the tweets were", "his
// posts", "a quote from" name no second act of speech.
bool speech_verb_at(const std::vector<Word>& words, size_t k) {
  if (!listed(kSpeechVerbs, words[k].lower)) return false;
  static constexpr std::string_view kDeterminers[] = {"the", "a",     "an",    "his",   "her",
                                                      "its", "their", "these", "those", "my",
                                                      "our", "your",  "whose"};
  return k == 0 || !listed(kDeterminers, words[k - 1].lower);
}

// Words between two quotes of one sentence that hand on to the same speaker: a speech verb and
// no one else named ("," but added, "), checked by the caller for names.
bool continues_speech(std::string_view between) {
  auto words = split_words(between);
  // More of the same reported speech: "," and that the media had taken him ".
  if (words.size() >= 2 && words.size() <= 10 &&
      (words[0].lower == "and" || words[0].lower == "but") && words[1].lower == "that")
    return true;
  if (words.empty() || words.size() > 6) return false;
  for (const auto& w : words)
    if (w.capitalised && w.lower != "but" && w.lower != "and") return false;
  return std::any_of(words.begin(), words.end(),
                     [](const Word& w) { return listed(kSpeechVerbs, w.lower); });
}

// Between the end of one quote and the start of the next: one sentence of attribution ending
// there (""...," she said. "..."", ""...," said Senator Mitt Romney, his voice breaking on the
// floor. "..."", "... She went on: "..."), nothing else. The caller checks that it names nobody
// but the first quote's speaker.
bool opens_after_attribution(std::string_view body, uint32_t prev_end, uint32_t next_start) {
  if (next_start <= prev_end + 1) return false;
  const std::string_view between = body.substr(prev_end, next_start - 1 - prev_end);
  const size_t last = between.find_last_not_of(" \t\r\n");
  if (last == std::string_view::npos ||
      std::string_view(".!?:").find(between[last]) == std::string_view::npos)
    return false;
  // One sentence: no other sentence end before the last one.
  const std::string_view inside = trim_text(between.substr(0, last), ",.!? \t\r\n");
  if (inside.find_first_of(".!?") != std::string_view::npos) return false;
  auto words = split_words(between);
  if (words.empty() || words.size() > 14) return false;
  for (size_t k = 0; k < words.size(); ++k) {
    if (listed(kSpeechVerbs, words[k].lower) && words[k].lower != "according") return true;
    // "She went on: "..."".
    if (words[k].lower == "went" && k + 1 < words.size() && words[k + 1].lower == "on") return true;
  }
  return false;
}

}  // namespace

std::vector<Span> find_quoted_spans(std::string_view text, std::span<const Span> skip) {
  std::vector<Span> out;
  struct Open {
    size_t inner;  // first byte inside
    bool curly;
    bool single;
  };
  std::vector<Open> stack;
  std::vector<bool> skipped(text.size(), false);
  for (const Span& s : skip)
    for (size_t k = s.start; k < std::min<size_t>(s.end, text.size()); ++k) skipped[k] = true;
  for (size_t i = 0; i < text.size();) {
    if (skipped[i]) {
      ++i;
      continue;
    }
    if (text[i] == '\n' && i + 1 < text.size() && text[i + 1] == '\n') stack.clear();
    const size_t len = quote_mark_length(text, i);
    const bool straight_single = text[i] == '\'';
    if (len == 0 && !straight_single) {
      ++i;
      continue;
    }
    const auto code = len == 3 ? static_cast<unsigned char>(text[i + 2]) : 0;
    const bool prev_letter = i > 0 && is_letter(text[i - 1]);
    const size_t after = i + (len == 0 ? 1 : len);
    const bool next_letter = after < text.size() && is_letter(text[after]);
    auto close_top = [&](bool single) {
      for (size_t k = stack.size(); k-- > 0;) {
        if (stack[k].single != single) continue;
        out.push_back({static_cast<uint32_t>(stack[k].inner), static_cast<uint32_t>(i)});
        stack.resize(k);
        return true;
      }
      return false;
    };
    if (straight_single || code == 0x98 || code == 0x99) {
      // Single marks count only inside a double-quoted span; ’ between letters is an apostrophe.
      const bool in_double =
          std::any_of(stack.begin(), stack.end(), [](const Open& o) { return !o.single; });
      const bool opening = !prev_letter && next_letter && (straight_single || code == 0x98);
      const bool has_open_single =
          std::any_of(stack.begin(), stack.end(), [](const Open& o) { return o.single; });
      if (in_double && opening && !has_open_single) {
        stack.push_back({after, code != 0, true});
      } else if (has_open_single && !next_letter) {
        close_top(true);
      }
      i = after;
      continue;
    }
    if (code == 0x9C) {
      stack.push_back({after, true, false});
    } else if (code == 0x9D) {
      close_top(false);
    } else {  // straight "
      const bool open_straight = std::any_of(stack.begin(), stack.end(),
                                             [](const Open& o) { return !o.single && !o.curly; });
      if (open_straight) {
        // Close any single quote left open inside first.
        while (!stack.empty() && stack.back().single) stack.pop_back();
        close_top(false);
      } else {
        stack.push_back({after, false, false});
      }
    }
    i = after;
  }
  std::sort(out.begin(), out.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
  return out;
}

bool is_title_in_quotes(std::string_view text, Span inner, const QuoteInput& in) {
  const std::string_view raw = text.substr(inner.start, inner.size());
  const std::string_view core = trim_text(raw, ",.;:!?");
  auto words = split_words(core);
  if (words.size() < 2) return true;  // a single word in quotation marks is a term
  // Outlets and programmes the gazetteer knows, or the document named as works.
  size_t first = words.front().lower == "the" && words.size() > 1 ? 1 : 0;
  if (auto g = in.gazetteer.match(words, first, core); g && first + g->words == words.size()) {
    const auto type = in.gazetteer.entry(g->entries.front()).type;
    if (type == EntryType::kOrganization || type == EntryType::kShow) return true;
  }
  const auto offset = static_cast<uint32_t>(core.data() - text.data());
  for (const Span& w : in.entities.titles_of_works)
    if (w.start <= offset && w.end >= offset + core.size() - 1) return true;
  const bool has_stop = core.find_first_of(".!?") != std::string_view::npos;
  if (words.size() <= 5 && !has_stop && words.front().lower == "the" &&
      listed(kWorkWords, words.back().lower))
    return true;  // "The Paradise post"
  // Title Case words right after "called", "titled", "paper" ...
  bool title_case = words.size() <= 6 && !has_stop;
  for (const auto& w : words)
    title_case = title_case && (w.capitalised || listed(kSmallWords, w.lower));
  if (title_case) {
    auto before = split_words(text, inner.start > 30 ? inner.start - 30 : 0, inner.start);
    if (!before.empty() && listed(kWorkCues, before.back().lower)) return true;
    // A name, not words someone said: Title Case after the article ("the "Glasgow Climate
    // Pact"", "the "Biles II,"": the article right before the mark, no punctuation between) or
    // opening with it and ending with an outlet's last word ("told "The Richmond
    // Times-Dispatch"": the part after the hyphen).
    if (!before.empty() && before.back().lower == "the" &&
        text.substr(before.back().end, inner.start - before.back().end).find_first_of(".,;:!?") ==
            std::string_view::npos)
      return true;
    if (words.front().lower == "the") {
      std::string_view last = words.back().lower;
      if (const size_t dash = last.rfind('-'); dash != std::string_view::npos)
        last = last.substr(dash + 1);
      if (listed(kWorkWords, last)) return true;
    }
  }
  return false;
}

namespace {

class Attributor {
 public:
  explicit Attributor(const QuoteInput& in)
      : m_in(in),
        m_body(in.transcript.body),
        m_sentences(split_sentences(m_body, 0, static_cast<uint32_t>(m_body.size()))) {
    // Each turn's speaker as a person entity, once (turn_speaker runs for every pronoun).
    std::map<std::string, int> people;
    for (size_t e = 0; e < in.entities.entities.size(); ++e)
      if (in.entities.entities[e].type == doc::Entity::Type::kPerson)
        people.emplace(lower_ascii(in.entities.entities[e].name), static_cast<int>(e));
    for (const auto& t : in.turns) {
      auto it = t.speaker.empty() ? people.end() : people.find(lower_ascii(t.speaker));
      m_turn_entity.push_back(it == people.end() ? kNobody : it->second);
    }
  }

  Span sentence_at(uint32_t pos) const {
    // Sentences are in text order and do not overlap: the last one starting at or before pos.
    auto it = std::upper_bound(m_sentences.begin(), m_sentences.end(), pos,
                               [](uint32_t p, const Span& s) { return p < s.start; });
    if (it != m_sentences.begin() && pos < std::prev(it)->end) return *std::prev(it);
    return {pos, pos};
  }

  // The medium named around a quote: an outlet it was told to, a platform, a statement.
  std::string medium(Span around) const {
    const std::string s = " " + lower_ascii(m_body.substr(around.start, around.size())) + " ";
    for (const auto& m : m_in.entities.mentions) {
      if (m.start < around.start || m.end > around.end) continue;
      const auto& e = m_in.entities.entities[m.entity];
      auto g = m_in.gazetteer.find(e.name);
      if (!g || !m_in.gazetteer.entry(*g).has_title("news")) continue;
      const std::string lead = lower_ascii(m_body.substr(around.start, m.start - around.start));
      for (std::string_view cue : {"told ", "to ", "with ", "tells ", "telling "}) {
        std::string_view l = trim_text(lead);
        if (l.ends_with(trim_text(cue)) || l.ends_with(std::string(trim_text(cue)) + " the"))
          return e.name;
      }
    }
    if (s.find("twitter") != std::string::npos || s.find("tweet") != std::string::npos)
      return "Twitter";
    if (s.find("on facebook") != std::string::npos) return "Facebook";
    if (s.find("on instagram") != std::string::npos) return "Instagram";
    if (s.find("statement") != std::string::npos) return "statement";
    if (s.find("in an interview") != std::string::npos) return "interview";
    if (s.find("in a letter") != std::string::npos) return "letter";
    if (s.find("in an email") != std::string::npos || s.find("in an e-mail") != std::string::npos)
      return "email";
    if (s.find("at a rally") != std::string::npos) return "rally";
    if (s.find("in a speech") != std::string::npos) return "speech";
    if (s.find("news conference") != std::string::npos ||
        s.find("press conference") != std::string::npos)
      return "news conference";
    return {};
  }

  struct Who {
    Who() = default;
    Who(int e, std::string why, std::string who = {})
        : entity(e), evidence(std::move(why)), name(std::move(who)) {}
    int entity = kNobody;
    std::string evidence;
    std::string name;  // when the speaker is not an entity (a turn's speaker named "Robin")
  };

  Who speaker(Span inner, Span outer_quote) const {
    const uint32_t open = inner.start - 1;  // at (or inside) the opening mark
    Span s1 = sentence_at(open);
    Span s2 = sentence_at(inner.end);
    uint32_t pre_from = s1.start;
    if (outer_quote.size() > 0) pre_from = std::max(pre_from, outer_quote.start);
    // Stop at the end of an earlier quote in the same sentence.
    // A title in quotation marks ("wrote in "The Washington Post" that ...") is not a quote.
    for (const Span& q : m_in.quoted)
      if (q.end <= open && q.end > pre_from && !(q.start <= inner.start && q.end >= inner.end) &&
          !is_title_in_quotes(m_body, q, m_in))
        pre_from = q.end + 1;
    uint32_t post_to = s2.end > inner.end ? s2.end : inner.end;
    if (outer_quote.size() > 0) post_to = std::min(post_to, outer_quote.end);
    const uint32_t post_from = std::min(post_to, inner.end + 1);
    auto refs_pre = refs(pre_from, open);
    auto refs_post = refs(post_from, post_to);
    auto words_pre = split_words(m_body, pre_from, open);
    auto words_post = split_words(m_body, post_from, post_to);
    // "In his words, "..."", "in the president's telling, ... "..."".
    for (size_t k = refs_pre.size(); k-- > 0;)
      if (refs_pre[k].possessive && is_person(refs_pre[k])) {
        auto next = split_words(m_body, refs_pre[k].end, open);
        size_t j = 0;
        while (j < next.size() && (next[j].lower == "s" || next[j].lower == "own")) ++j;
        if (j < next.size() && (next[j].lower == "words" || next[j].lower == "telling"))
          return {refs_pre[k].entity, "in the words of: '" + next[j].lower + "'"};
      }
    // "... he said, "..."" / "according to X, "...""
    int verb_at = -1;
    for (size_t k = 0; k < words_pre.size(); ++k)
      if (speech_verb_at(words_pre, k)) verb_at = static_cast<int>(k);
    if (verb_at >= 0) {
      const uint32_t verb_pos = words_pre[verb_at].start;
      if (words_pre[verb_at].lower == "according") {
        // "According to one Senate aide I spoke with": someone the text does not name.
        if (static_cast<size_t>(verb_at) + 2 < words_pre.size() &&
            words_pre[static_cast<size_t>(verb_at) + 1].lower == "to") {
          static constexpr std::string_view kSomeone[] = {"a",       "an",   "one",
                                                          "another", "this", "that"};
          if (listed(kSomeone, words_pre[static_cast<size_t>(verb_at) + 2].lower))
            return {kNobody, {}};
        }
        // "According to the complaint, White House officials were "..."": the source ends at
        // the comma; who is named after it is what the source reports on.
        const size_t comma = m_body.substr(verb_pos, open - verb_pos).find(',');
        const uint32_t source_end =
            comma == std::string_view::npos ? open : verb_pos + static_cast<uint32_t>(comma);
        for (const auto& r : refs_pre)
          if (r.start > verb_pos && r.start < source_end) return {r.entity, "according to"};
        if (source_end < open) return {kNobody, {}};
      }
      const std::string verb = words_pre[verb_at].lower;
      // "I told my wife, "..."": the first person is whoever speaks the turn.
      if (outer_quote.size() == 0) {
        uint32_t last_ref = pre_from;
        for (const auto& r : refs_pre)
          if (r.start < verb_pos) last_ref = r.end;
        // "I sent one home and told her, "..."": a verb joined by "and" to one whose subject
        // is "I" (up to ten words back).
        const int reach = verb_at > 0 && words_pre[verb_at - 1].lower == "and" ? 10 : 3;
        for (int k = verb_at - 1; k >= 0 && words_pre[k].start >= last_ref && k >= verb_at - reach;
             --k)
          if ((words_pre[k].lower == "i" || words_pre[k].lower == "we") &&
              // Not a relative clause on a person noun ("A police officer I know wrote to
              // me"): there the unnamed officer speaks.
              !(k > 0 && is_person_noun(words_pre[k - 1].lower))) {
            if (Who w = turn_speaker(open); !w.name.empty() || w.entity != kNobody) {
              w.evidence = "first person before the speech verb '" + verb + "': the turn's speaker";
              return w;
            }
            return {kNobody, {}};
          }
      }
      // "A Republican aide told CNN ...", "the secretary of state's office says": the subject
      // right before the verb is someone the text does not name.
      if (unnamed_subject(pre_from, verb_pos)) return {kNobody, {}};
      // "... and the crowd answered with three words: "...": a group speaks.
      {
        size_t k = static_cast<size_t>(verb_at);
        while (k > 0 && (words_pre[k - 1].lower == "then" || words_pre[k - 1].lower == "also")) --k;
        static constexpr std::string_view kGroups[] = {
            "crowd", "crowds", "audience", "protesters", "demonstrators", "supporters", "fans"};
        if (k >= 2 && listed(kGroups, words_pre[k - 1].lower) && words_pre[k - 2].lower == "the")
          return {kNobody, {}};
      }
      // "Trump said on Friday that many of them are telling him, "..."": a second speech verb
      // with a subject of its own that names nobody is nobody's.
      if (unnamed_inner_subject(words_pre, verb_at, refs_pre)) return {kNobody, {}};
      // "... it called the tariffs "..."": an organisation named shortly before.
      // Not "Mayor Victor Hale, asked about it, said": there "it" is an object, set off by
      // a comma from the verb.
      if (verb_at > 0 && words_pre[verb_at - 1].lower == "it" &&
          trim_text(
              m_body.substr(words_pre[verb_at - 1].end, verb_pos - words_pre[verb_at - 1].end))
              .empty() &&
          std::none_of(refs_pre.begin(), refs_pre.end(), [&](const Reference& r) {
            return r.start >= words_pre[verb_at - 1].start && r.start < verb_pos;
          })) {
        if (int org = organisation_before(words_pre[verb_at - 1].start); org != kNobody)
          return {org, "speech verb '" + verb + "' after 'it': the organisation named before"};
        // "Her office released a statement. It said she would ...": the statement of the
        // person whose office or spokesperson the sentence before names.
        const Span here = sentence_at(words_pre[verb_at - 1].start);
        uint32_t last = here.start;
        while (last > 0 && is_space(m_body[last - 1])) --last;
        if (last > 0) {
          const Span before = sentence_at(last - 1);
          const std::string lower = lower_ascii(m_body.substr(before.start, before.size()));
          if (lower.find("statement") != std::string::npos ||
              lower.find("letter") != std::string::npos)
            for (const auto& r : refs(before.start, std::min(before.end, here.start)))
              if (speaks_for(r))
                return {r.entity, "speech verb '" + verb +
                                      "' after 'it': the statement of the person named before"};
        }
        return {kNobody, {}};
      }
      // People before organisations: "Kudlow admitted on Fox News", "posted on Twitter"; a
      // person's office speaks for them ("Paul Ryan's office said"). The subject, not the object
      // of a preposition: "Harris turned to Joe Biden and said" is Harris.
      // "..., in a joint statement, saying ...": several speakers, none alone.
      for (size_t k = 0; k + 1 < words_pre.size() && k < static_cast<size_t>(verb_at); ++k)
        if (words_pre[k].lower == "joint" &&
            (words_pre[k + 1].lower == "statement" || words_pre[k + 1].lower == "letter"))
          return {kNobody, {}};
      // "Nancy Pelosi and Chuck Schumer called it ...": two speakers, neither alone.
      for (size_t k = refs_pre.size(); k-- > 1;)
        if (refs_pre[k].start < verb_pos) {
          const auto between = split_words(m_body, refs_pre[k - 1].end, refs_pre[k].start);
          if (between.size() == 1 && between[0].lower == "and" && is_person(refs_pre[k]) &&
              is_person(refs_pre[k - 1]) && !refs_pre[k - 1].possessive &&
              refs_pre[k].entity != refs_pre[k - 1].entity &&
              split_words(m_body, refs_pre[k].end, verb_pos).size() <= 3)
            return {kNobody, {}};
          break;
        }
      // "president biden called the governor and promised "..."": a speech verb joined by
      // "and" to a verb whose object is the last person named; the subject before that verb
      // speaks.
      if (verb_at > 0 && words_pre[verb_at - 1].lower == "and") {
        int obj = -1;
        for (size_t k = refs_pre.size(); k-- > 0 && obj < 0;)
          if (refs_pre[k].start < verb_pos && !refs_pre[k].possessive && is_person(refs_pre[k]))
            obj = static_cast<int>(k);
        if (obj > 0) {
          const Reference& o = refs_pre[static_cast<size_t>(obj)];
          auto before = split_words(m_body, pre_from, o.start);
          const bool after_verb = !before.empty() && !before.back().capitalised &&
                                  (before.back().lower.ends_with("ed") ||
                                   before.back().lower == "met" || before.back().lower == "told");
          if (after_verb && split_words(m_body, o.end, verb_pos).size() <= 4)
            for (size_t k = static_cast<size_t>(obj); k-- > 0;) {
              const Reference& r = refs_pre[k];
              if (r.possessive || !is_person(r) || r.entity == o.entity) continue;
              if (r.end <= before.back().start && !after_preposition(r.start) &&
                  split_words(m_body, r.end, before.back().start).size() <= 2)
                return {r.entity, "speech verb '" + verb + "' joined by 'and': its subject"};
              break;
            }
        }
      }
      int fallback = -1;
      for (size_t k = refs_pre.size(); k-- > 0;)
        if (refs_pre[k].start < verb_pos && !refs_pre[k].possessive && is_person(refs_pre[k])) {
          if (!after_preposition(refs_pre[k].start))
            return {refs_pre[k].entity, "speech verb '" + verb + "' before the quote"};
          if (fallback < 0) fallback = static_cast<int>(k);
        }
      if (fallback >= 0) {
        // "After his call with President Erdogan, the White House said": the person is only a
        // preposition's object; an organisation named after them, not after a preposition,
        // is the subject.
        for (size_t k = refs_pre.size(); k-- > static_cast<size_t>(fallback) + 1;)
          if (refs_pre[k].start < verb_pos && !refs_pre[k].possessive && !is_person(refs_pre[k]) &&
              !is_medium(refs_pre[k]) && !after_preposition(refs_pre[k].start))
            return {refs_pre[k].entity, "speech verb '" + verb + "' before the quote"};
        return {refs_pre[static_cast<size_t>(fallback)].entity,
                "speech verb '" + verb + "' before the quote"};
      }
      for (size_t k = refs_pre.size(); k-- > 0;)
        if (refs_pre[k].start < verb_pos && speaks_for(refs_pre[k]))
          return {refs_pre[k].entity,
                  "speech verb '" + verb + "' before the quote, by the speaker's office"};
      for (size_t k = refs_pre.size(); k-- > 0;)
        if (refs_pre[k].start < verb_pos && !refs_pre[k].possessive && !is_person(refs_pre[k]))
          return {refs_pre[k].entity, "speech verb '" + verb + "' before the quote"};
    }
    // ""...," he said." / ""...," said the president." The subject before the verb, or right
    // after it when inverted; "told" takes its listener after it (""...," one executive told
    // ABC News." is nobody's), and an unnamed subject names nobody.
    for (size_t k = 0; k < words_post.size() && k < 8; ++k) {
      if (!speech_verb_at(words_post, k)) continue;
      const Word& verb = words_post[k];
      const std::string why = "speech verb '" + verb.lower + "' after the quote";
      if (unnamed_subject(post_from, verb.start)) return {kNobody, {}};
      for (size_t j = refs_post.size(); j-- > 0;)
        if (refs_post[j].start < verb.start &&
            (!refs_post[j].possessive || speaks_for(refs_post[j])))
          return {refs_post[j].entity, why};
      const bool takes_listener = verb.lower == "told" || verb.lower == "tells" ||
                                  verb.lower == "telling" || verb.lower == "tell";
      for (const auto& r : refs_post)
        if (r.start > verb.start && !takes_listener && (!r.possessive || speaks_for(r)) &&
            r.start < verb.start + 40)
          return {r.entity, why};
      break;
    }
    // No speech verb: "Sondland's reply hours later: "..."", "the senator's statement, "..."".
    if (verb_at < 0 && !refs_pre.empty() && speaks_for(refs_pre.back()) &&
        split_words(m_body, refs_pre.back().end, open).size() <= 4)
      return {refs_pre.back().entity, "a person's reply or statement right before the quote"};
    // "Her spokeswoman released a statement. It reads: "..."": the words of whoever the
    // sentence before says issued the statement, letter or post.
    if (outer_quote.size() == 0 && words_pre.size() == 2 && words_pre[0].lower == "it" &&
        (words_pre[1].lower == "reads" || words_pre[1].lower == "says" ||
         words_pre[1].lower == "read" || words_pre[1].lower == "said") &&
        s1.start > 0) {
      uint32_t last = s1.start - 1;
      while (last > 0 && is_space(m_body[last])) --last;
      const Span before = sentence_at(last);
      const std::string lower = lower_ascii(m_body.substr(before.start, before.size()));
      const bool issued = lower.find("statement") != std::string::npos ||
                          lower.find("letter") != std::string::npos ||
                          lower.find("memo") != std::string::npos;
      auto refs_before = refs(before.start, before.end);
      if (issued && !refs_before.empty()) {
        const Reference& r = refs_before.front();
        if (!r.possessive || speaks_for(r))
          return {r.entity, "'it reads:' after the sentence about the statement"};
      }
    }
    // No speech verb, the sentence ends with a colon right before the quote: its subject
    // speaks ("Joe Biden made a promise he has never made so plainly: "..."").
    if (verb_at < 0 && outer_quote.size() == 0) {
      const std::string_view lead = trim_text(m_body.substr(pre_from, open - pre_from));
      // Not "Barr quoted the report directly:": someone reading another's words.
      const bool reads = std::any_of(words_pre.begin(), words_pre.end(), [](const Word& w) {
        return w.lower == "quoted" || w.lower == "quoting" || w.lower == "read" ||
               w.lower == "reads" || w.lower == "reading" || w.lower == "cited";
      });
      if (!lead.empty() && lead.back() == ':' && words_pre.size() <= 16 && !reads)
        for (const auto& r : refs_pre) {
          if (r.possessive || r.kind == Reference::Kind::kPronoun) break;
          if (is_person(r) && !after_preposition(r.start))
            return {r.entity, "subject of the sentence that introduces the quote with a colon"};
          break;
        }
    }
    // No speech verb: the sentence's subject, when the sentence names a medium ("on Twitter").
    if (!medium({pre_from, open}).empty()) {
      for (bool person : {true, false})
        for (const auto& r : refs_pre)
          if (!r.possessive && is_person(r) == person && !is_medium(r))
            return {r.entity, "subject of the sentence that names the medium"};
    }
    // A quote that is a sentence of its own, read after its introduction: "The president
    // tweeted this morning. Let me read it. "..."" The subject of the speech verb of one of the
    // two sentences before, when nobody else is named in between.
    // ""This is the first time ..." Jordan said.": a short sentence of attribution after it.
    if (outer_quote.size() == 0) {
      uint32_t after = inner.end;
      while (after < m_body.size() &&
             (quote_mark_length(m_body, after) > 0 || m_body[after] == '.' ||
              m_body[after] == ',' || m_body[after] == '!' || m_body[after] == '?'))
        after += std::max<uint32_t>(1, static_cast<uint32_t>(quote_mark_length(m_body, after)));
      if (after < m_body.size()) {
        const Span next = sentence_at(after + 1);
        auto words = split_words(m_body, std::max(after, next.start), next.end);
        auto refs_next = refs(std::max(after, next.start), next.end);
        if (!words.empty() && words.size() <= 4 && !refs_next.empty()) {
          for (const auto& w : words)
            if (listed(kSpeechVerbs, w.lower) && w.lower != "quote" && w.lower != "according" &&
                !refs_next.front().possessive)
              return {refs_next.front().entity,
                      "speech verb '" + w.lower + "' in the short sentence after the quote"};
        }
      }
    }
    // A quote that is a sentence of its own, read after its introduction: "The president
    // tweeted this morning. Let me read it. "..."" The subject of the speech verb of one of the
    // two sentences before, when nobody else is named in between.
    if (outer_quote.size() == 0) {
      const std::string_view lead = m_body.substr(pre_from, open - pre_from);
      const size_t stop = lead.find_last_not_of(" \t\r\n");
      if (words_pre.empty() && s1.start > 0) return introduced_before(s1.start);
      if (stop != std::string_view::npos &&
          std::string_view(".!?").find(lead[stop]) != std::string_view::npos)
        return introduced_before(pre_from + static_cast<uint32_t>(stop) + 1);
    }
    return {kNobody, {}};
  }

  // `who`, the speaker of the nested quote `inner` inside `outer`, is also the outer quote's: when
  // the quote refers to them only by "he"/"she" before `inner`, the pronoun means another person,
  // the latest one named before the outer quote whose gender does not contradict it.
  Who not_the_outer_speaker(const Who& who, Span outer, Span inner) const {
    bool pronoun = false, female = false;
    for (const auto& r : m_in.referents.in_range(outer.start, inner.start)) {
      if (r.entity != who.entity) continue;
      if (r.kind != Reference::Kind::kPronoun || r.possessive) return who;
      pronoun = true;
      female = pronoun_is_female(r);
    }
    if (!pronoun) return who;
    const auto refs_before = m_in.referents.in_range(0, outer.start);
    for (size_t k = refs_before.size(); k-- > 0;) {
      const Reference& r = refs_before[k];
      if (r.entity == kNobody || r.entity == who.entity || r.quoted || !is_person(r) ||
          m_in.entities.journalist[static_cast<size_t>(r.entity)])
        continue;
      const auto gender =
          m_in.gazetteer.person_gender(m_in.entities.entities[static_cast<size_t>(r.entity)].name);
      if (gender == (female ? Gazetteer::Gender::kMale : Gazetteer::Gender::kFemale)) continue;
      return {r.entity, "third-person pronoun inside the quote of '" +
                            m_in.entities.entities[static_cast<size_t>(who.entity)].name +
                            "': the person named before it"};
    }
    return who;
  }

  // Every candidate speaker of the quote at `inner` with its features (attribution.hpp): the
  // people and organisations referred to from two sentences before the quote to the end of its
  // sentence, the turn's speaker, the previous quote's speaker, the rules' choice and nobody.
  std::vector<AttributionCandidate> candidates(Span inner, Span outer, const std::string& rule,
                                               AttributionFeature rule_kind,
                                               const std::string& previous, bool continues,
                                               bool goes_on) const {
    using F = AttributionFeature;
    struct Cand {
      std::string name;
      int entity = kNobody;
      std::array<float, size_t(F::kCount)> f{};
      int mentions = 0, possessive = 0;
    };
    std::vector<Cand> cands(1);  // [0]: nobody
    auto get = [&](int entity, const std::string& name) -> Cand& {
      const std::string key = lower_ascii(name);
      for (auto& c : cands)
        if (!c.name.empty() && lower_ascii(c.name) == key) {
          if (c.entity == kNobody) c.entity = entity;
          return c;
        }
      cands.push_back({name, entity, {}, 0, 0});
      return cands.back();
    };
    auto set = [](Cand& c, F f, float v = 1.0F) {
      float& x = c.f[static_cast<size_t>(f)];
      x = std::max(x, v);
    };
    // Sets `f` on the candidate of a named entity (nothing for kNobody).
    auto mark = [&](int entity, F f) {
      if (entity != kNobody)
        set(get(entity, m_in.entities.entities[static_cast<size_t>(entity)].name), f);
    };
    const uint32_t open = inner.start - 1;
    const Span s1 = sentence_at(open), s2 = sentence_at(inner.end);
    uint32_t pre_from = std::min(s1.start, open);
    if (outer.size() > 0) pre_from = std::max(pre_from, outer.start);
    uint32_t post_to = std::max(s2.end, inner.end);
    if (outer.size() > 0) post_to = std::min(post_to, outer.end);
    const uint32_t post_from = std::min(post_to, inner.end + 1);
    auto sentence_before = [&](uint32_t pos) -> Span {
      while (pos > 0 && is_space(m_body[pos - 1])) --pos;
      if (pos == 0) return {0, 0};
      Span s = sentence_at(pos - 1);
      s.end = std::min(s.end, pos);
      return s;
    };
    Span prev1{pre_from, pre_from}, prev2{pre_from, pre_from};
    if (outer.size() == 0) {
      prev1 = sentence_before(pre_from);
      if (prev1.size() > 0) prev2 = sentence_before(prev1.start);
    }
    const uint32_t from = prev2.size() > 0   ? prev2.start
                          : prev1.size() > 0 ? prev1.start
                                             : pre_from;
    const auto words_pre = split_words(m_body, pre_from, open);
    auto words_post = split_words(m_body, post_from, post_to);
    if (words_post.size() > 10) words_post.resize(10);
    auto first_word_at = [](const std::vector<Word>& ws, uint32_t pos) {
      size_t k = 0;
      while (k < ws.size() && ws[k].start < pos) ++k;
      return k;
    };
    bool any_verb = false;
    for (const auto& w : words_pre) any_verb = any_verb || listed(kSpeechVerbs, w.lower);
    for (size_t k = 0; k < words_post.size() && k < 8; ++k)
      any_verb = any_verb || listed(kSpeechVerbs, words_post[k].lower);
    const std::string_view lead = trim_text(m_body.substr(pre_from, open - pre_from));
    const bool colon = !lead.empty() && lead.back() == ':';
    bool colon_done = false;
    // A reference that is the subject of a speech verb in sentence `s`: at most three words
    // between them, and not possessive unless it speaks for its owner ("Pelosi's office said").
    auto verb_follows = [&](const Reference& r, Span s) {
      if (r.possessive && !speaks_for(r)) return false;
      const auto ws = split_words(m_body, r.end, s.end);
      for (size_t k = 0; k < ws.size() && k <= 3; ++k)
        if (listed(kSpeechVerbs, ws[k].lower)) return true;
      return false;
    };
    // "I" right before a speech verb (at most two words between) in these words.
    auto first_person_verb = [](const std::vector<Word>& ws) {
      for (size_t k = 0; k < ws.size(); ++k)
        if (ws[k].lower == "i")
          for (size_t j = k + 1; j < ws.size() && j <= k + 3; ++j)
            if (listed(kSpeechVerbs, ws[j].lower)) return true;
      return false;
    };
    const bool first_person =
        outer.size() == 0 &&
        (first_person_verb(words_pre) || first_person_verb(words_post) ||
         (prev1.size() > 0 && first_person_verb(split_words(m_body, prev1.start, prev1.end))));
    int nearest_pre = kNobody, nearest_post = kNobody;
    for (const auto& r : refs(from, post_to)) {
      const auto& e = m_in.entities.entities[static_cast<size_t>(r.entity)];
      Cand& c = get(r.entity, e.name);
      if (r.start >= inner.start && r.end <= inner.end) {
        set(c, F::kInQuote);
        continue;
      }
      ++c.mentions;
      c.possessive += r.possessive ? 1 : 0;
      if (r.possessive && speaks_for(r)) set(c, F::kSpeaksFor);
      if (r.kind == Reference::Kind::kPronoun) set(c, F::kByPronoun);
      if (r.kind == Reference::Kind::kTitle) set(c, F::kByTitle);
      if (after_preposition(r.start)) set(c, F::kAfterPreposition);
      if (r.start >= pre_from && r.end <= open) {
        set(c, F::kInPre);
        const size_t idx = first_word_at(words_pre, r.end);
        set(c, F::kNearPre, 1.0F / (1.0F + float(words_pre.size() - idx) / 4.0F));
        if (!r.possessive || speaks_for(r)) nearest_pre = r.entity;
        for (size_t k = idx; k < words_pre.size() && k <= idx + 3; ++k)
          if (listed(kSpeechVerbs, words_pre[k].lower) && (!r.possessive || speaks_for(r)))
            set(c, F::kSubjectVerbPre);
        if (colon && !colon_done && !r.possessive) {
          set(c, F::kColonSubject);
          colon_done = true;
        }
      } else if (r.start >= post_from && r.start < post_to) {
        set(c, F::kInPost);
        const size_t idx = first_word_at(words_post, r.start);
        set(c, F::kNearPost, 1.0F / (1.0F + float(idx) / 4.0F));
        if (nearest_post == kNobody) nearest_post = r.entity;
        if (idx < 8) {
          const size_t after = first_word_at(words_post, r.end);
          for (size_t k = after; k < words_post.size() && k <= after + 3; ++k)
            if (listed(kSpeechVerbs, words_post[k].lower)) set(c, F::kSubjectVerbPost);
          for (size_t k = idx >= 3 ? idx - 3 : 0; k < idx; ++k)
            if (listed(kSpeechVerbs, words_post[k].lower)) {
              const bool told = words_post[k].lower == "told" || words_post[k].lower == "tells" ||
                                words_post[k].lower == "tell";
              set(c, told ? F::kListenerPost : F::kAfterVerbPost);
            }
        }
      } else if (r.start >= prev1.start && r.end <= prev1.end && prev1.size() > 0) {
        set(c, F::kInPrev1);
        if (verb_follows(r, prev1)) set(c, F::kSubjectVerbPrev);
      } else if (prev2.size() > 0 && r.start >= prev2.start && r.end <= prev2.end) {
        set(c, F::kInPrev2);
        if (verb_follows(r, prev2)) set(c, F::kSubjectVerbPrev);
      }
    }
    // The subject of the speech verb that governs the quote: the last speech verb before it
    // (its subject the last reference at most five words before it), else the first one in
    // the eight words after it (the reference right before it, or right after it).
    {
      size_t verb = words_pre.size();
      for (size_t k = words_pre.size(); k-- > 0;)
        if (listed(kSpeechVerbs, words_pre[k].lower)) {
          verb = k;
          break;
        }
      int governs_pre = kNobody;
      if (verb < words_pre.size()) {
        auto rs = refs(pre_from, words_pre[verb].start);
        for (const auto& r : rs)
          if (!r.possessive || speaks_for(r)) {
            const size_t at = first_word_at(words_pre, r.end);
            governs_pre = verb - std::min(verb, at) <= 5 ? r.entity : kNobody;
          }
      }
      mark(governs_pre, F::kGovernsPre);
      int governs_post = kNobody;
      for (size_t k = 0; k < words_post.size() && k < 8 && governs_post == kNobody; ++k) {
        if (!listed(kSpeechVerbs, words_post[k].lower)) continue;
        const uint32_t verb_at = words_post[k].start, verb_end = words_post[k].end;
        for (const auto& r : refs(post_from, post_to)) {
          if (r.possessive && !speaks_for(r)) continue;
          const bool before = r.end <= verb_at && first_word_at(words_post, r.end) + 3 >= k;
          const bool after = r.start >= verb_end && first_word_at(words_post, r.start) <= k + 3;
          if (before) governs_post = r.entity;  // the last one before the verb
          if (after && governs_post == kNobody) {
            governs_post = r.entity;
            break;
          }
        }
        break;
      }
      mark(governs_post, F::kGovernsPost);
    }
    mark(nearest_pre, F::kNearestPre);
    mark(nearest_post, F::kNearestPost);
    // The turn's speaker.
    auto turn = std::upper_bound(m_in.turns.begin(), m_in.turns.end(), open,
                                 [](uint32_t p, const doc::Turn& t) { return p < t.start; });
    if (turn != m_in.turns.begin()) {
      --turn;
      if (open >= turn->start && open < turn->end && !turn->speaker.empty()) {
        const int e = m_turn_entity[static_cast<size_t>(turn - m_in.turns.begin())];
        Cand& c = get(
            e, e != kNobody ? m_in.entities.entities[static_cast<size_t>(e)].name : turn->speaker);
        set(c, F::kTurnSpeaker);
        if (turn->role == doc::Role::kSoundbite) set(c, F::kTurnSpeakerGuest);
        if (first_person) set(c, F::kFirstPersonVerb);
      }
    }
    if (!previous.empty()) {
      Cand& c = get(kNobody, previous);
      set(c, F::kPreviousSpeaker);
      if (continues) set(c, F::kPreviousContinues);
      if (goes_on) set(c, F::kPreviousGoesOn);
    }
    if (!rule.empty()) {
      Cand& c = get(kNobody, rule);
      set(c, F::kRule);
      set(c, rule_kind);
    }
    // Nobody.
    set(cands[0], F::kNobody);
    if (rule.empty()) set(cands[0], F::kNobodyRule);
    if (!any_verb) set(cands[0], F::kNobodyNoVerb);
    if (outer.size() > 0) set(cands[0], F::kNobodyNested);
    {
      uint32_t verb_pos = 0, subject_from = pre_from;
      for (const auto& w : words_pre)
        if (listed(kSpeechVerbs, w.lower)) verb_pos = w.start;
      if (verb_pos == 0)
        for (size_t k = 0; k < words_post.size() && k < 8 && verb_pos == 0; ++k)
          if (listed(kSpeechVerbs, words_post[k].lower)) {
            verb_pos = words_post[k].start;
            subject_from = post_from;
          }
      if (verb_pos > subject_from && unnamed_subject(subject_from, verb_pos))
        set(cands[0], F::kNobodyUnnamed);
    }
    std::vector<AttributionCandidate> out;
    out.reserve(cands.size());
    for (auto& c : cands) {
      if (!c.name.empty()) {
        const bool person =
            c.entity == kNobody || m_in.entities.entities[static_cast<size_t>(c.entity)].type ==
                                       doc::Entity::Type::kPerson;
        if (person) set(c, F::kPerson);
        if (c.entity != kNobody) {
          Reference as_ref;
          as_ref.entity = c.entity;
          if (is_medium(as_ref)) set(c, F::kMediumEntity);
          if (m_in.entities.journalist[static_cast<size_t>(c.entity)]) set(c, F::kJournalist);
        }
        if (c.mentions > 0 && c.possessive == c.mentions) set(c, F::kPossessiveOnly);
        set(c, F::kMentions, std::min(1.0F, float(c.mentions) / 4.0F));
      }
      AttributionCandidate a{c.name, {}};
      for (size_t i = 0; i < c.f.size(); ++i)
        if (c.f[i] != 0.0F) a.features.emplace_back(static_cast<F>(i), c.f[i]);
      out.push_back(std::move(a));
    }
    // The rules' choice first: the model keeps it on a tie.
    const std::string key = lower_ascii(rule);
    std::stable_partition(out.begin(), out.end(), [&](const AttributionCandidate& a) {
      return lower_ascii(a.name) == key;
    });
    return out;
  }

 private:
  // The words right before the speech verb at `verb_pos` are an unnamed subject: a determiner
  // and a person noun ("A Republican aide", "one forecaster") with no name between it and the
  // verb, or a title or pronoun that resolved to nobody ("the secretary of state's office").
  bool unnamed_subject(uint32_t from, uint32_t verb_pos) const {
    auto all = m_in.referents.in_range(from, verb_pos);
    std::erase_if(all, [](const Reference& r) { return r.quoted; });
    // "Rudy Giuliani, the president's personal lawyer, told": a possessive office in
    // apposition to a name describes that person; it is not the subject.
    if (all.size() >= 2 && all.back().possessive && all.back().entity == kNobody) {
      const Reference& named = all[all.size() - 2];
      if (named.entity != kNobody && is_person(named) && !named.possessive &&
          trim_text(m_body.substr(named.end, all.back().start - named.end)) == "," &&
          m_body.substr(all.back().start, 4) == "the ")
        all.pop_back();
    }
    if (!all.empty()) {
      const Reference& last = all.back();
      if (last.entity == kNobody &&
          (last.kind == Reference::Kind::kTitle || last.kind == Reference::Kind::kPronoun) &&
          verb_pos - last.end < 24)
        return true;
    }
    auto words = split_words(m_body, from, verb_pos);
    if (words.size() < 2) return false;
    // "<det> [adjectives] <person noun> [adverb] <verb>"
    size_t k = words.size();
    while (k > 0 && (words[k - 1].lower == "also" || words[k - 1].lower == "later" ||
                     words[k - 1].lower == "then" || words[k - 1].lower == "just"))
      --k;
    static constexpr std::string_view kDeterminers[] = {
        "a", "an", "one", "another", "this", "that", "my", "our", "their", "his", "her", "your"};
    // "Her spokeswoman said": a possessive pronoun that resolved to a person whose office or
    // spokesperson speaks for them (speaks_for) names that person.
    // Not "His campaign manager told": there the manager, unnamed, speaks.
    auto speaks_for_someone = [&](size_t det_at) {
      const Word& det = words[det_at];
      if (det_at + 2 < words.size() && is_person_noun(words[det_at + 2].lower)) return false;
      for (const auto& r : all)
        if (r.start == det.start && r.kind == Reference::Kind::kPronoun && r.entity != kNobody &&
            speaks_for(r))
          return true;
      return false;
    };
    // "A colleague of mine in the emergency department texted me": the clause opens with a
    // determiner and a person noun, and what follows up to the verb names no one.
    // "Even a reporter at Fox News told me": a leading conjunction or focus adverb is skipped.
    for (size_t j = 0; j < 2 && j < k; ++j) {
      if (words[j].lower == "and" || words[j].lower == "but" || words[j].lower == "then" ||
          words[j].lower == "even" || words[j].lower == "so")
        continue;
      if (!listed(kDeterminers, words[j].lower)) break;
      if (speaks_for_someone(j)) return false;
      for (size_t n = j + 1; n < std::min(k, j + 4); ++n) {
        if (!is_person_noun(words[n].lower)) continue;
        for (const auto& r : all)
          if (r.start >= words[n].end && r.entity != kNobody && !r.possessive && is_person(r) &&
              r.kind != Reference::Kind::kPronoun)
            return false;
        return true;
      }
      break;
    }
    if (k == 0 || !is_person_noun(words[k - 1].lower)) return false;
    for (size_t j = k - 1; j-- > 0 && j + 4 >= k;) {
      if (!listed(kDeterminers, words[j].lower)) continue;
      if (speaks_for_someone(j)) return false;
      // A name after the noun names them ("an aide, John Smith,"); one before it only
      // describes them ("a Biden aide").
      for (const auto& r : all)
        if (r.start >= words[k - 1].end && r.entity != kNobody && !r.possessive && is_person(r))
          return false;
      return true;
    }
    return false;
  }

  // The speaker introduced by one of the two sentences ending before `pos` (see speaker()).
  Who introduced_before(uint32_t pos) const {
    uint32_t end = pos;
    for (int back = 0; back < 2 && end > 0;) {
      const Span whole = sentence_at(end - 1);
      const Span s{whole.start, std::min(whole.end, end)};
      if (s.start >= end) break;
      // Not across a turn: the words read are the reader's, introduced in their own turn.
      for (const auto& t : m_in.turns)
        if (t.start > s.start && t.start <= pos) return {};
      for (const Span& q : m_in.quoted)
        if (q.start >= s.start && q.start < s.end) return {};  // a quote's own sentence
      auto words = split_words(m_body, s.start, s.end);
      if (words.empty()) {  // the white space before the quote
        end = s.start;
        continue;
      }
      ++back;
      auto refs_here = refs(s.start, s.end);
      // "The president, arms folded, read from no notes. "..."": reading and speaking out
      // loud introduce the words that follow as a speech verb does.
      static constexpr std::string_view kDelivers[] = {"read", "reads", "spoke", "speaks"};
      // Only after someone the sentence names: "Let me read it." is the reader's aside.
      int verb_at = -1;
      for (size_t k = 0; k < words.size(); ++k)
        if ((speech_verb_at(words, k) && words[k].lower != "quote" &&
             words[k].lower != "according" && words[k].lower != "calling" &&
             words[k].lower != "called") ||
            (listed(kDelivers, words[k].lower) && !refs_here.empty() &&
             refs_here.front().start < words[k].start))
          verb_at = static_cast<int>(k);
      if (verb_at >= 0) {
        const Word& verb = words[static_cast<size_t>(verb_at)];
        // "A White House official told us ... "...," the official said.": someone the text
        // does not name introduced the quote; the organisation they work for did not speak.
        if (unnamed_subject(s.start, verb.start)) return {kNobody, {}};
        for (size_t k = refs_here.size(); k-- > 0;)
          if (refs_here[k].start < verb.start && !refs_here[k].possessive)
            return {refs_here[k].entity,
                    "speech verb '" + verb.lower + "' in the sentence before the quote"};
        // "I'll tell you what I told my officers. "...": the first person is whoever speaks
        // the turn.
        for (size_t k = static_cast<size_t>(verb_at);
             k-- > 0 && k + 3 >= static_cast<size_t>(verb_at);)
          if (words[k].lower == "i" || words[k].lower == "we") {
            Who w = turn_speaker(pos);
            if (!w.name.empty() || w.entity != kNobody)
              w.evidence = "first person before the speech verb '" + verb.lower +
                           "' in the sentence before the quote: the turn's speaker";
            return w;
          }
        return {};
      }
      if (!refs_here.empty()) return {};  // someone else named in between
      end = s.start;
    }
    return {};
  }

  // The speaker of the turn around `pos`, as an entity when the document names them.
  Who turn_speaker(uint32_t pos) const {
    // Turns are in text order: the last one starting at or before `pos`.
    auto it = std::upper_bound(m_in.turns.begin(), m_in.turns.end(), pos,
                               [](uint32_t p, const doc::Turn& t) { return p < t.start; });
    if (it != m_in.turns.begin()) {
      --it;
      const auto& t = *it;
      if (pos < t.start || pos >= t.end || t.speaker.empty()) return {};
      const int e = m_turn_entity[static_cast<size_t>(it - m_in.turns.begin())];
      if (e != kNobody) return {e, {}};
      return {kNobody, {}, t.speaker};
    }
    return {};
  }

  // The word before `pos` is a preposition ("to Joe Biden", "with Putin").
  bool after_preposition(uint32_t pos) const {
    auto before = split_words(m_body, pos > 40 ? pos - 40 : 0, pos);
    // A capitalised title right before the name belongs to it: "with Governor Tom Ridley".
    for (int n = 0; n < 2 && before.size() >= 2 && before.back().capitalised &&
                    trim_text(m_body.substr(before.back().end, pos - before.back().end)).empty();
         ++n) {
      pos = before.back().start;
      before.pop_back();
    }
    if (before.empty()) return false;
    static constexpr std::string_view kPrepositions[] = {
        "to", "with", "at", "about", "against", "for", "from", "toward", "towards"};
    return listed(kPrepositions, before.back().lower);
  }

  // Two speech verbs before the quote, the last one finite with a subject of its own ("X said
  // that many of them are telling him"), and no person or organisation named between them.
  bool unnamed_inner_subject(const std::vector<Word>& words, int verb_at,
                             const std::vector<Reference>& refs) const {
    const Word& v2 = words[static_cast<size_t>(verb_at)];
    if (v2.lower == "quote" || v2.lower == "according" || v2.lower == "put" || v2.lower == "puts")
      return false;
    int v1 = -1;
    for (int k = verb_at - 1; k >= 0; --k)
      if (speech_verb_at(words, static_cast<size_t>(k)) &&
          words[static_cast<size_t>(k)].lower != "quote") {
        v1 = k;
        break;
      }
    if (v1 < 0 || v1 + 1 >= verb_at) return false;
    // "Fauci, asked about the scene, would only say ...": a participle clause, one subject.
    if (words[static_cast<size_t>(v1)].lower == "asked" &&
        (v1 == 0 || words[static_cast<size_t>(v1) - 1].lower == "when" ||
         words[static_cast<size_t>(v1) - 1].lower == "if" ||
         words[static_cast<size_t>(v1) - 1].lower == "once" ||
         words[static_cast<size_t>(v1) - 1].lower == "later" ||
         words[static_cast<size_t>(v1) - 1].lower == "then" ||
         m_body.substr(
                   words[static_cast<size_t>(v1) - 1].end,
                   words[static_cast<size_t>(v1)].start - words[static_cast<size_t>(v1) - 1].end)
                 .find(',') != std::string_view::npos))
      return false;
    static constexpr std::string_view kAuxiliaries[] = {"is", "are",  "was",   "were", "been",
                                                        "be", "keep", "keeps", "kept"};
    // "Schumer called the trial a sham and said ...": one subject for both verbs.
    const std::string_view before_v2 = words[static_cast<size_t>(verb_at - 1)].lower;
    if (before_v2 == "and" || before_v2 == "but" || before_v2 == "then") return false;
    const bool participle = v2.lower.size() > 4 && v2.lower.ends_with("ing");
    if (participle && !listed(kAuxiliaries, words[static_cast<size_t>(verb_at - 1)].lower))
      return false;  // ", saying ...": the same subject
    const uint32_t from = words[static_cast<size_t>(v1)].end, to = v2.start;
    for (const auto& r : refs)
      if (r.start >= from && r.start < to) return false;
    static constexpr std::string_view kIgnorable[] = {
        "that",      "me",        "us",       "him",       "her",       "them",    "you",
        "reporters", "on",        "in",       "at",        "to",        "today",   "tonight",
        "yesterday", "this",      "last",     "morning",   "afternoon", "evening", "week",
        "weekend",   "monday",    "tuesday",  "wednesday", "thursday",  "friday",  "saturday",
        "sunday",    "privately", "publicly", "later",     "earlier",   "once",    "again",
        "also",      "then",      "had",      "has",       "have",      "was",     "were",
        "is",        "are",       "would",    "will",      "be",        "been",    "he",
        "she",       "i",         "we",       "they",      "it",        "and",     "just"};
    // A title in quotation marks ("a book called "So Help Me God," told ...") is a name, not
    // the second verb's subject.
    auto in_title = [&](const Word& w) {
      for (const Span& q : m_in.quoted)
        if (q.start <= w.start && w.end <= q.end) return is_title_in_quotes(m_body, q, m_in);
      return false;
    };
    for (int k = v1 + 1; k < verb_at; ++k)
      if (!listed(kIgnorable, words[static_cast<size_t>(k)].lower) &&
          !in_title(words[static_cast<size_t>(k)]))
        return true;
    return false;
  }

  // The latest organisation (not a news outlet) named before `pos`, up to two sentences back.
  int organisation_before(uint32_t pos) const {
    const Span here = sentence_at(pos);
    uint32_t from = here.start;
    for (int back = 0; back < 2 && from > 0; ++back) from = sentence_at(from - 1).start;
    int best = kNobody;
    for (const auto& r : m_in.referents.in_range(from, pos)) {
      if (r.entity == kNobody || r.quoted || is_person(r)) continue;
      auto g = m_in.gazetteer.find(m_in.entities.entities[r.entity].name);
      if (g && m_in.gazetteer.entry(*g).has_title("news")) continue;
      best = r.entity;
    }
    return best;
  }

  // "Paul Ryan's office", "the senator's campaign": words said on a person's behalf.
  bool speaks_for(const Reference& r) const {
    if (!r.possessive) return false;
    auto next = split_words(m_body, r.end,
                            std::min<uint32_t>(static_cast<uint32_t>(m_body.size()), r.end + 24));
    size_t k = 0;
    while (k < next.size() && (next[k].lower == "s" || next[k].lower == "'s")) ++k;
    if (k >= next.size()) return false;
    if (!is_person(r)) {
      // "The commission's statement said": an organisation's own words.
      for (std::string_view w : {"statement", "letter", "memo", "report", "tweet", "post",
                                 "spokesman", "spokeswoman", "spokesperson", "website"})
        if (next[k].lower == w) return true;
      return false;
    }
    for (std::string_view w :
         {"office",  "campaign", "spokesman", "spokeswoman", "spokesperson", "press",
          "staff",   "letter",   "statement", "memo",        "tweet",        "report",
          "book",    "words",    "telling",   "reply",       "response",     "answer",
          "message", "text",     "post",      "remarks",     "testimony",    "email"})
      if (next[k].lower == w) return true;
    return false;
  }

  bool pronoun_is_female(const Reference& r) const {
    const std::string w = lower_ascii(m_body.substr(r.start, r.end - r.start));
    return w == "she" || w == "her";
  }

  // A platform or a news outlet: where words were said, not who said them.
  bool is_medium(const Reference& r) const {
    if (is_person(r)) return false;
    auto g = m_in.gazetteer.find(m_in.entities.entities[r.entity].name);
    return g && (m_in.gazetteer.entry(*g).has_title("platform") ||
                 m_in.gazetteer.entry(*g).has_title("news"));
  }

  bool is_person(const Reference& r) const {
    return m_in.entities.entities[r.entity].type == doc::Entity::Type::kPerson;
  }

  // References in [from, to) that resolved. "She" in a guest's own turn is someone else: a
  // pronoun that resolved to the speaker of the turn it is in goes to the person named last
  // before it who is not that speaker.
  std::vector<Reference> refs(uint32_t from, uint32_t to) const {
    std::vector<Reference> out;
    if (from >= to) return out;
    for (auto r : m_in.referents.in_range(from, to)) {
      if (r.entity == kNobody) continue;
      if (r.kind == Reference::Kind::kPronoun && is_person(r)) {
        const Who own = turn_speaker(r.start);
        if (own.entity == r.entity) {
          // Prefer whom the same pronoun ("she") meant before; else the last person named.
          const bool female = pronoun_is_female(r);
          int same = kNobody, named = kNobody;
          for (const auto& before : m_in.referents.in_range(0, r.start)) {
            if (before.entity == kNobody || before.entity == own.entity || before.quoted ||
                !is_person(before) || m_in.entities.journalist[before.entity])
              continue;
            if (before.kind != Reference::Kind::kPronoun) {
              named = before.entity;
            } else if (pronoun_is_female(before) == female) {
              same = before.entity;
            }
          }
          r.entity = same != kNobody ? same : named;
          if (r.entity == kNobody) continue;
        }
      }
      out.push_back(r);
    }
    return out;
  }

  const QuoteInput& m_in;
  std::string_view m_body;
  std::vector<Span> m_sentences;
  std::vector<int> m_turn_entity;  // per turn: its speaker as a person entity, or kNobody
};

// Every person or organisation referred to in [from, to) is `speaker` (or unresolved).
bool names_only(const QuoteInput& in, uint32_t from, uint32_t to, std::string_view speaker) {
  for (const auto& r : in.referents.in_range(from, to))
    if (r.entity != kNobody && !equals_ci(in.entities.entities[r.entity].name, speaker))
      return false;
  return true;
}

// Between the end of the previous quote and a quote that is a sentence of its own with no
// attribution after it: a short stretch of narration (at most 16 words, no turn change) about
// the previous quote's speaker alone, referring to them at least once (""This is a sham," the
// senator said. He pointed at them. "You want this seat?""): the same voice goes on.
bool stays_with(const QuoteInput& in, uint32_t prev_end, Span next, std::string_view speaker) {
  const std::string_view body = in.transcript.body;
  if (next.start <= prev_end + 1) return false;
  const std::string_view between = body.substr(prev_end, next.start - 1 - prev_end);
  const size_t last = between.find_last_not_of(" \t\r\n");
  if (last == std::string_view::npos ||
      std::string_view(".!?").find(between[last]) == std::string_view::npos)
    return false;
  auto words = split_words(between);
  if (words.empty() || words.size() > 16) return false;
  for (const auto& t : in.turns)
    if (t.start > prev_end && t.start < next.start) return false;
  bool refers = false;
  for (const auto& r : in.referents.in_range(prev_end, next.start)) {
    if (r.entity == kNobody) return false;  // someone the text does not name
    if (!equals_ci(in.entities.entities[r.entity].name, speaker)) return false;
    refers = true;
  }
  if (!refers) return false;
  // No attribution of its own after the quote, in its sentence (a quote ending with a full
  // stop ends it).
  const std::string_view words_in = trim_text(body.substr(next.start, next.size()));
  if (!words_in.empty() && std::string_view(".!?").find(words_in.back()) != std::string_view::npos)
    return true;
  uint32_t stop = next.end;
  while (stop < body.size() && body[stop] != '\n' && stop < next.end + 60) {
    const char c = body[stop];
    if ((c == '.' || c == '!' || c == '?') && stop > next.end + 1) break;
    ++stop;
  }
  auto after = split_words(body, next.end, stop);
  for (const auto& w : after)
    if (listed(kSpeechVerbs, w.lower)) return false;
  return true;
}

// The rule behind a quote's evidence, as an attribution feature.
AttributionFeature rule_kind(std::string_view evidence) {
  using F = AttributionFeature;
  auto has = [&](std::string_view w) { return evidence.find(w) != std::string_view::npos; };
  if (has("short sentence after")) return F::kRuleShortAfter;
  if (has("in the sentence before the quote")) return F::kRuleSentenceBefore;
  if (has("speech verb") && has("after the quote")) return F::kRuleVerbAfter;
  if (has("speech verb")) return F::kRuleVerbBefore;
  if (has("according to")) return F::kRuleAccording;
  if (has("first person")) return F::kRuleFirstPerson;
  if (has("names the medium")) return F::kRuleMedium;
  if (has("colon")) return F::kRuleColon;
  if (has("continues the quote")) return F::kRuleContinues;
  if (has("goes on from")) return F::kRuleGoesOn;
  return F::kRuleOther;
}

}  // namespace

std::vector<doc::Quote> find_quotes(const QuoteInput& in) {
  const std::string_view body = in.transcript.body;
  std::vector<doc::Quote> out;
  Attributor attributor(in);
  size_t previous = SIZE_MAX;  // index in `out` of the last quote outside any other
  for (const Span& q : in.quoted) {
    if (is_title_in_quotes(body, q, in)) continue;
    Span outer{0, 0};
    for (const Span& o : in.quoted)
      if (o.start < q.start && o.end > q.end) outer = o;
    std::string_view text = trim_text(body.substr(q.start, q.size()));
    doc::Quote quote;
    quote.start = static_cast<uint32_t>(text.data() - body.data());
    quote.end = quote.start + static_cast<uint32_t>(text.size());
    quote.text = std::string(text);
    quote.kind = doc::Quote::Kind::kQuoted;
    auto who = attributor.speaker(q, outer);
    // Inside someone's quote, "she said" is not the quoted speaker herself (she would say
    // "I"): a nested quote whose speaker the rules found only through a third-person pronoun
    // inside the outer quote, and who is the outer quote's speaker, is someone else's — the
    // person of that gender named last before the outer quote.
    if (outer.size() > 0 && who.entity != kNobody)
      for (size_t k = out.size(); k-- > 0;) {
        if (out[k].kind != doc::Quote::Kind::kQuoted || out[k].start > q.start ||
            out[k].end < q.end)
          continue;
        if (equals_ci(out[k].speaker, in.entities.entities[who.entity].name))
          who = attributor.not_the_outer_speaker(who, outer, q);
        break;
      }
    const bool has_previous =
        previous != SIZE_MAX && !out[previous].speaker.empty() && outer.size() == 0;
    const bool continues =
        has_previous &&
        attributor.sentence_at(out[previous].end).start ==
            attributor.sentence_at(q.start - 1).start &&
        continues_speech(body.substr(out[previous].end, q.start - out[previous].end));
    const bool goes_on = has_previous &&
                         opens_after_attribution(body, out[previous].end, q.start) &&
                         names_only(in, out[previous].end, q.start, out[previous].speaker);
    if (who.entity != kNobody || !who.name.empty()) {
      quote.speaker = who.entity != kNobody ? in.entities.entities[who.entity].name : who.name;
      quote.confidence = who.evidence.starts_with("speech verb") ? 0.85 : 0.6;
      quote.evidence = who.evidence;
    } else if (continues) {
      // "... would be "a bad idea," but added, "it's up to the president.""
      quote.speaker = out[previous].speaker;
      quote.confidence = 0.7;
      quote.evidence = "continues the quote before it in the sentence";
    } else if (goes_on) {
      // ""I do not believe ...," she said. "It was not an easy decision.""
      quote.speaker = out[previous].speaker;
      quote.confidence = 0.65;
      quote.evidence = "goes on from the quote before it and its attribution";
    } else if (has_previous && stays_with(in, out[previous].end, q, out[previous].speaker)) {
      quote.speaker = out[previous].speaker;
      quote.confidence = 0.6;
      quote.evidence =
          "goes on from the quote before it: the narration between is about its speaker";
    } else {
      quote.confidence = 0.5;
      quote.evidence = "no attribution in the sentence";
    }
    // The learned model arbitrates among the candidates, the rules' choice one of its features.
    const AttributionModel& model = in.model != nullptr ? *in.model : builtin_attribution_model();
    if (!model.empty() || in.trace != nullptr) {
      const std::string rules_choice = quote.speaker;
      auto cands = attributor.candidates(
          q, outer, rules_choice, rule_kind(quote.evidence),
          previous != SIZE_MAX && outer.size() == 0 ? out[previous].speaker : std::string(),
          continues, goes_on);
      if (!model.empty()) {
        const auto& pick = cands[model.best(cands)];
        if (!equals_ci(pick.name, rules_choice)) {
          quote.evidence =
              "attribution model over the rules' " +
              (rules_choice.empty() ? std::string("nobody") : "'" + rules_choice + "'") + " (" +
              quote.evidence + ")";
          quote.speaker = pick.name;
          quote.confidence = 0.6;
        }
      }
      if (in.trace != nullptr) in.trace->push_back({quote.start, quote.end, std::move(cands)});
    }
    Span s1 = attributor.sentence_at(q.start - 1), s2 = attributor.sentence_at(q.end);
    if (outer.size() == 0) quote.medium = attributor.medium({s1.start, std::max(s2.end, q.end)});
    out.push_back(std::move(quote));
    if (outer.size() == 0) previous = out.size() - 1;
  }
  for (const auto& turn : in.turns) {
    if (turn.role != doc::Role::kSoundbite) continue;
    uint32_t start = turn.start, end = turn.end;
    for (const Span& s : in.skip) {
      if (s.start <= start && s.end > start) start = std::min(s.end, end);
      while (start < end && is_space(body[start])) ++start;
      if (s.start > start && s.start < end) end = s.start;  // a direction ends the words
    }
    std::string_view text = trim_text(body.substr(start, end - start));
    if (count_words(text, 2) < 2) continue;
    doc::Quote quote;
    quote.start = static_cast<uint32_t>(text.data() - body.data());
    quote.end = quote.start + static_cast<uint32_t>(text.size());
    quote.text = std::string(text);
    quote.kind = doc::Quote::Kind::kSoundbite;
    quote.speaker = turn.speaker;
    quote.confidence = turn.confidence;
    quote.evidence = turn.evidence;
    out.push_back(std::move(quote));
  }
  std::sort(out.begin(), out.end(), [](const doc::Quote& a, const doc::Quote& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
  return out;
}

}  // namespace newsdex::understand
