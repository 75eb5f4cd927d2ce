#include "newsdex/understand/quotes.hpp"

#include <algorithm>
#include <cstdint>

#include "newsdex/understand/text.hpp"

namespace newsdex::understand {
namespace {

constexpr std::string_view kSpeechVerbs[] = {
    "said",      "says",     "say",          "saying",   "told",     "tells",     "telling",
    "tweeted",   "tweets",   "tweeting",     "wrote",    "writes",   "writing",   "added",
    "adds",      "adding",   "asked",        "asks",     "replied",  "responded", "declared",
    "announced", "insisted", "insists",      "warned",   "warns",    "claimed",   "explained",
    "noted",     "stated",   "posted",       "quipped",  "admitted", "argued",    "continued",
    "recalled",  "promised", "vowed",        "urged",    "joked",    "shouted",   "yelled",
    "remarked",  "texted",   "acknowledged", "conceded", "quote",    "according", "calling",
    "called",    "put",      "puts",         "repeated", "answered", "boasted",   "complained",
    "predicted", "pledged",  "countered"};

constexpr std::string_view kWorkWords[] = {
    "post",     "times",    "journal",  "herald",   "tribune", "gazette",  "chronicle",
    "examiner", "register", "star",     "sun",      "globe",   "observer", "daily",
    "news",     "record",   "bee",      "inquirer", "courier", "dispatch", "sentinel",
    "press",    "review",   "magazine", "today",    "tonight", "hour",     "show",
    "report",   "america",  "line",     "room",     "nation",  "week",     "minutes"};

constexpr std::string_view kWorkCues[] = {"called",   "titled",  "named",  "dubbed",    "book",
                                          "film",     "movie",   "show",   "program",   "programme",
                                          "song",     "album",   "paper",  "newspaper", "magazine",
                                          "headline", "article", "series", "for",       "on",
                                          "from",     "to",      "in",     "after",     "styled"};

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

// Words between two quotes of one sentence that hand on to the same speaker: a speech verb and
// no one else named ("," but added, "), checked by the caller for names.
bool continues_speech(std::string_view between) {
  auto words = split_words(between);
  if (words.empty() || words.size() > 6) return false;
  for (const auto& w : words)
    if (w.capitalised && w.lower != "but" && w.lower != "and") return false;
  return std::any_of(words.begin(), words.end(),
                     [](const Word& w) { return listed(kSpeechVerbs, w.lower); });
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
  }
  return false;
}

namespace {

class Attributor {
 public:
  explicit Attributor(const QuoteInput& in)
      : m_in(in),
        m_body(in.transcript.body),
        m_sentences(split_sentences(m_body, 0, static_cast<uint32_t>(m_body.size()))) {}

  Span sentence_at(uint32_t pos) const {
    for (const Span& s : m_sentences)
      if (pos >= s.start && pos < s.end) return s;
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
    int entity = kNobody;
    std::string evidence;
  };

  Who speaker(Span inner, Span outer_quote) const {
    const uint32_t open = inner.start - 1;  // at (or inside) the opening mark
    Span s1 = sentence_at(open);
    Span s2 = sentence_at(inner.end);
    uint32_t pre_from = s1.start;
    if (outer_quote.size() > 0) pre_from = std::max(pre_from, outer_quote.start);
    // Stop at the end of an earlier quote in the same sentence.
    for (const Span& q : m_in.quoted)
      if (q.end <= open && q.end > pre_from && !(q.start <= inner.start && q.end >= inner.end))
        pre_from = q.end + 1;
    uint32_t post_to = s2.end > inner.end ? s2.end : inner.end;
    if (outer_quote.size() > 0) post_to = std::min(post_to, outer_quote.end);
    const uint32_t post_from = std::min(post_to, inner.end + 1);
    auto refs_pre = refs(pre_from, open);
    auto refs_post = refs(post_from, post_to);
    auto words_pre = split_words(m_body, pre_from, open);
    auto words_post = split_words(m_body, post_from, post_to);
    // "... he said, "..."" / "according to X, "...""
    int verb_at = -1;
    for (size_t k = 0; k < words_pre.size(); ++k)
      if (listed(kSpeechVerbs, words_pre[k].lower)) verb_at = static_cast<int>(k);
    if (verb_at >= 0) {
      const uint32_t verb_pos = words_pre[verb_at].start;
      if (words_pre[verb_at].lower == "according") {
        for (const auto& r : refs_pre)
          if (r.start > verb_pos) return {r.entity, "according to"};
      }
      // People before organisations: "Kudlow admitted on Fox News", "posted on Twitter"; a
      // person's office speaks for them ("Paul Ryan's office said").
      const std::string verb = words_pre[verb_at].lower;
      for (size_t k = refs_pre.size(); k-- > 0;)
        if (refs_pre[k].start < verb_pos && !refs_pre[k].possessive && is_person(refs_pre[k]))
          return {refs_pre[k].entity, "speech verb '" + verb + "' before the quote"};
      for (size_t k = refs_pre.size(); k-- > 0;)
        if (refs_pre[k].start < verb_pos && speaks_for(refs_pre[k]))
          return {refs_pre[k].entity,
                  "speech verb '" + verb + "' before the quote, by the speaker's office"};
      for (size_t k = refs_pre.size(); k-- > 0;)
        if (refs_pre[k].start < verb_pos && !refs_pre[k].possessive && !is_person(refs_pre[k]))
          return {refs_pre[k].entity, "speech verb '" + verb + "' before the quote"};
    }
    // ""...," he said." / ""...," said the president."
    for (size_t k = 0; k < words_post.size() && k < 8; ++k) {
      if (!listed(kSpeechVerbs, words_post[k].lower)) continue;
      for (const auto& r : refs_post)
        if ((!r.possessive || speaks_for(r)) && r.start < words_post[k].start + 40)
          return {r.entity, "speech verb '" + words_post[k].lower + "' after the quote"};
      break;
    }
    // No speech verb: the sentence's subject, when the sentence names a medium ("on Twitter").
    if (!medium({pre_from, open}).empty()) {
      for (bool person : {true, false})
        for (const auto& r : refs_pre)
          if (!r.possessive && is_person(r) == person)
            return {r.entity, "subject of the sentence that names the medium"};
    }
    return {kNobody, {}};
  }

 private:
  // "Paul Ryan's office", "the senator's campaign": words said on a person's behalf.
  bool speaks_for(const Reference& r) const {
    if (!r.possessive || !is_person(r)) return false;
    auto next = split_words(m_body, r.end,
                            std::min<uint32_t>(static_cast<uint32_t>(m_body.size()), r.end + 24));
    size_t k = 0;
    while (k < next.size() && (next[k].lower == "s" || next[k].lower == "'s")) ++k;
    if (k >= next.size()) return false;
    for (std::string_view w :
         {"office", "campaign", "spokesman", "spokeswoman", "spokesperson", "press", "staff"})
      if (next[k].lower == w) return true;
    return false;
  }

  bool is_person(const Reference& r) const {
    return m_in.entities.entities[r.entity].type == doc::Entity::Type::kPerson;
  }

  std::vector<Reference> refs(uint32_t from, uint32_t to) const {
    std::vector<Reference> out;
    if (from >= to) return out;
    for (auto& r : m_in.referents.in_range(from, to))
      if (r.entity != kNobody) out.push_back(r);
    return out;
  }

  const QuoteInput& m_in;
  std::string_view m_body;
  std::vector<Span> m_sentences;
};

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
    if (who.entity != kNobody) {
      quote.speaker = in.entities.entities[who.entity].name;
      quote.confidence = who.evidence.starts_with("speech verb") ? 0.85 : 0.6;
      quote.evidence = who.evidence;
    } else if (previous != SIZE_MAX && !out[previous].speaker.empty() && outer.size() == 0 &&
               attributor.sentence_at(out[previous].end).start ==
                   attributor.sentence_at(q.start - 1).start &&
               continues_speech(body.substr(out[previous].end, q.start - out[previous].end))) {
      // "... would be "a bad idea," but added, "it's up to the president.""
      quote.speaker = out[previous].speaker;
      quote.confidence = 0.7;
      quote.evidence = "continues the quote before it in the sentence";
    } else {
      quote.confidence = 0.5;
      quote.evidence = "no attribution in the sentence";
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
