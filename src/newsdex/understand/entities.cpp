#include "newsdex/understand/entities.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <unordered_set>

#include "newsdex/understand/references.hpp"

namespace newsdex::understand {
namespace {

// Offices, longest first within each first word. Lower-case words as split_words produces them.
constexpr std::string_view kTitles[] = {"secretary of state",
                                        "secretary of defense",
                                        "chief of staff",
                                        "vice president",
                                        "prime minister",
                                        "attorney general",
                                        "national security adviser",
                                        "press secretary",
                                        "house speaker",
                                        "special counsel",
                                        "first lady",
                                        "supreme leader",
                                        "majority leader",
                                        "minority leader",
                                        "defense secretary",
                                        "foreign minister",
                                        "foreign secretary",
                                        "treasury secretary",
                                        "commerce secretary",
                                        "homeland security secretary",
                                        "fed chair",
                                        "chief justice",
                                        "crown prince",
                                        "fbi director",
                                        "cia director",
                                        "director of national intelligence",
                                        "trade representative",
                                        "economic adviser",
                                        "trade adviser",
                                        "president",
                                        "senator",
                                        "sen",
                                        "governor",
                                        "gov",
                                        "mayor",
                                        "speaker",
                                        "leader",
                                        "chairman",
                                        "chairwoman",
                                        "chair",
                                        "general",
                                        "gen",
                                        "secretary",
                                        "ambassador",
                                        "director",
                                        "justice",
                                        "judge",
                                        "rep",
                                        "representative",
                                        "congressman",
                                        "congresswoman",
                                        "chancellor",
                                        "minister",
                                        "sheriff",
                                        "chief",
                                        "dr",
                                        "doctor",
                                        "professor",
                                        "coach",
                                        "correspondent",
                                        "reporter",
                                        "meteorologist",
                                        "anchor",
                                        "nominee",
                                        "adviser",
                                        "advisor",
                                        "spokesman",
                                        "spokeswoman",
                                        "envoy",
                                        "pope",
                                        "queen",
                                        "king",
                                        "prince",
                                        "ayatollah",
                                        "admiral",
                                        "colonel",
                                        "captain",
                                        "lieutenant",
                                        "sergeant",
                                        "officer",
                                        "mr",
                                        "mrs",
                                        "ms",
                                        "candidate",
                                        "strategist",
                                        "analyst",
                                        "economist",
                                        "counselor",
                                        "lawyer",
                                        "attorney"};

constexpr std::string_view kStopwords[] = {
    "the",          "a",         "an",        "and",       "but",       "or",          "so",
    "he",           "she",       "it",        "they",      "we",        "i",           "you",
    "his",          "her",       "their",     "our",       "my",        "your",        "its",
    "this",         "that",      "these",     "those",     "there",     "here",        "in",
    "on",           "at",        "of",        "for",       "to",        "from",        "with",
    "by",           "as",        "if",        "when",      "while",     "after",       "before",
    "today",        "tonight",   "tomorrow",  "yesterday", "now",       "then",        "monday",
    "tuesday",      "wednesday", "thursday",  "friday",    "saturday",  "sunday",      "january",
    "february",     "march",     "april",     "may",       "june",      "july",        "august",
    "september",    "october",   "november",  "december",  "reporter",  "anchor",      "not",
    "no",           "yes",       "good",      "morning",   "evening",   "thank",       "thanks",
    "is",           "was",       "are",       "were",      "will",      "would",       "can",
    "could",        "mr",        "mrs",       "ms",        "dr",        "president",   "senator",
    "governor",     "secretary", "who",       "what",      "where",     "why",         "how",
    "all",          "one",       "some",      "many",      "every",     "just",        "also",
    "even",         "still",     "breaking",  "news",      "live",      "update",      "christmas",
    "thanksgiving", "easter",    "god",       "oh",        "okay",      "ok",          "well",
    "look",         "let",       "let's",     "please",    "democrats", "republicans", "democrat",
    "republican",   "american",  "americans", "north",     "south",     "east",        "west"};

constexpr std::string_view kTitleFillers[] = {"nominee",   "elect",   "designate",
                                              "candidate", "hopeful", "pick"};

bool in(std::span<const std::string_view> list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

bool is_stopword(std::string_view word) {
  static const std::unordered_set<std::string_view> kSet(std::begin(kStopwords),
                                                         std::end(kStopwords));
  return kSet.contains(word);
}

class Finder {
 public:
  Finder(std::string_view text, const Gazetteer& g) : m_text(text), m_g(g) {}

  void run(std::span<const Word> words) {
    m_words = words;
    size_t i = 0;
    while (i < words.size()) i = step(i);
  }

  // "the president" when nobody with that office is named in the document: the gazetteer's
  // holder of the office on the document's date.
  void office_holders(std::string_view date) {
    if (date.empty()) return;
    // An office the gazetteer dates is held only within its terms: Joe Biden is not "the
    // president" in a story from 2020, nor Barack Obama in 2018.
    for (size_t e = 0; e < m_out.entities.size(); ++e) {
      auto g = m_g.find(m_out.entities[e].name);
      if (!g) continue;
      const auto& terms = m_g.entry(*g).terms;
      std::vector<std::string> former;
      std::erase_if(m_out.titles[e], [&](const std::string& title) {
        bool dated = false, held = false, past = false;
        for (const auto& t : terms) {
          if (t.office != title) continue;
          dated = true;
          held = held || (t.from <= date && (t.to.empty() || date < t.to));
          past = past || (!t.to.empty() && t.to <= date);
        }
        if (dated && !held && past) former.push_back("former " + title);
        return dated && !held;
      });
      for (auto& f : former) add_title(static_cast<uint32_t>(e), f);
    }
    std::vector<Mention> found = m_out.mentions;
    std::sort(found.begin(), found.end(),
              [](const Mention& a, const Mention& b) { return a.start < b.start; });
    auto covered = [&](uint32_t pos) {
      for (const auto& m : found)
        if (m.start <= pos && pos < m.end) return true;
      return false;
    };
    std::vector<std::string> established;  // offices read as their holder so far
    for (size_t i = 0; i + 1 < m_words.size(); ++i) {
      if (m_words[i].lower != "the" || covered(m_words[i + 1].start)) continue;
      std::string title;
      const size_t n = match_title(m_words, i + 1, &title);
      if (n == 0) continue;
      const Word& last = m_words[i + n];
      if (i + n + 1 < m_words.size()) {
        const Word& next = m_words[i + n + 1];
        // "the president of France", "the president Emmanuel Macron"
        // ("to the president, Pelosi cited" is the office alone: a comma ends it.)
        const bool comma =
            m_text.substr(last.end, next.start - last.end).find(',') != std::string_view::npos;
        if (!last.possessive && (next.lower == "of" || (covered(next.start) && !comma))) continue;
      }
      auto holder = m_g.office_holder(title, date);
      if (!holder) continue;
      // Someone else of that office named before ("President Macron" in a story from Paris) is
      // a better antecedent than the calendar: leave "the president" to references. Once the
      // story has used the bare office for the holder ("the president says the U.S. is ..."),
      // it keeps that meaning after a foreign president is named ("President Hassan Rouhani
      // called it ... The president tweeted").
      // A story that names someone else of that office only later reads the bare office as
      // the holder only when it names the holder or the United States too (a French
      // protester's "the president" before "President Emmanuel Macron" is Macron).
      const std::string& holder_name = m_g.entry(*holder).name;
      bool named_before = false, named_later = false, holder_named = false;
      for (const auto& m : found) {
        const auto& titles = m_out.titles[m.entity];
        // The offices with dated terms are American: a story that speaks of the United States,
        // the White House or Washington means its holder.
        if (equals_ci(m_out.entities[m.entity].name, "United States") ||
            equals_ci(m_out.entities[m.entity].name, "White House") ||
            equals_ci(m_out.entities[m.entity].name, "Washington, D.C."))
          holder_named = true;
        if (m_out.entities[m.entity].type != doc::Entity::Type::kPerson) continue;
        if (equals_ci(m_out.entities[m.entity].name, holder_name)) {
          holder_named = true;
          continue;
        }
        if (std::find(titles.begin(), titles.end(), title) == titles.end()) continue;
        // Only an office the text gives them: "standing next to vladimir putin, the president
        // sided with him" is the holder; "President Macron ... the president" is Macron.
        if (!m_text_titles.contains({m.entity, title})) continue;
        (m.start < m_words[i].start ? named_before : named_later) = true;
      }
      const bool kept =
          std::find(established.begin(), established.end(), title) != established.end();
      if (!kept && (named_before || (named_later && !holder_named))) continue;
      const uint32_t id = entity_for(holder_name, doc::Entity::Type::kPerson);
      mention(id, i, i + n);
      established.push_back(title);
      i += n;
    }
  }

  EntityResult take() {
    // Entities in order of first mention (office holders were added last).
    std::vector<uint32_t> first(m_out.entities.size(), UINT32_MAX);
    for (const auto& m : m_out.mentions) first[m.entity] = std::min(first[m.entity], m.start);
    std::vector<uint32_t> order(m_out.entities.size());
    for (uint32_t k = 0; k < order.size(); ++k) order[k] = k;
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return first[a] < first[b]; });
    if (!std::is_sorted(order.begin(), order.end())) {
      std::vector<uint32_t> new_id(order.size());
      for (uint32_t k = 0; k < order.size(); ++k) new_id[order[k]] = k;
      EntityResult sorted;
      sorted.titles_of_works = std::move(m_out.titles_of_works);
      for (uint32_t k : order) {
        sorted.entities.push_back(std::move(m_out.entities[k]));
        sorted.titles.push_back(std::move(m_out.titles[k]));
        sorted.journalist.push_back(m_out.journalist[k]);
      }
      sorted.mentions = std::move(m_out.mentions);
      for (auto& m : sorted.mentions) m.entity = new_id[m.entity];
      m_out = std::move(sorted);
    }
    std::sort(m_out.mentions.begin(), m_out.mentions.end(),
              [](const Mention& a, const Mention& b) { return a.start < b.start; });
    for (const auto& m : m_out.mentions)
      m_out.entities[m.entity].mentions.push_back({m.start, m.end});
    return std::move(m_out);
  }

 private:
  std::string_view surface(size_t first, size_t last) const {  // words [first, last]
    return m_text.substr(m_words[first].start, m_words[last].name_end - m_words[first].start);
  }

  uint32_t entity_for(const std::string& name, doc::Entity::Type type) {
    const std::string key = lower_ascii(name);
    if (auto it = m_index.find(key); it != m_index.end()) return it->second;
    const auto id = static_cast<uint32_t>(m_out.entities.size());
    doc::Entity e;
    e.name = name;
    e.type = type;
    m_out.entities.push_back(std::move(e));
    m_out.titles.emplace_back();
    m_out.journalist.push_back(false);
    m_index.emplace(key, id);
    if (auto g = m_g.find(name)) m_out.titles.back() = m_g.entry(*g).titles;
    auto parts = split_words(name);
    m_last_words.push_back(parts.size() > 1 ? std::move(parts.back().lower) : std::string());
    if (type == doc::Entity::Type::kPerson && parts.size() > 1) {
      m_surnames[m_last_words.back()].push_back(id);
      m_first_names[parts.front().lower].push_back(id);
    }
    return id;
  }

  void mention(uint32_t entity, size_t first, size_t last) {
    const Word& a = m_words[first];
    const Word& b = m_words[last];
    m_out.mentions.push_back({a.start, b.name_end, entity, b.possessive});
    if (m_out.entities[entity].type == doc::Entity::Type::kPerson)
      appositive_title(entity, first, last);
    std::string form(surface(first, last));
    // "The Washington post": the article belongs to an outlet's name.
    if (first > 0 && m_words[first - 1].lower == "the" &&
        m_out.entities[entity].type == doc::Entity::Type::kOrganization &&
        m_words[first - 1].end + 1 == a.start)
      form = std::string(surface(first - 1, last));
    auto& e = m_out.entities[entity];
    if (equals_ci(form, e.name)) return;
    for (const auto& alias : e.aliases)
      if (equals_ci(alias, form)) return;
    e.aliases.push_back(form);
  }

  void add_title(uint32_t entity, const std::string& title) {
    if (!title.empty()) m_text_titles.emplace(entity, title);
    auto& titles = m_out.titles[entity];
    if (!title.empty() && std::find(titles.begin(), titles.end(), title) == titles.end())
      titles.push_back(title);
  }

  // "the director of national intelligence, Dan Coats": an office in apposition before the name
  // is the person's, so "the director said" finds them.
  void appositive_title(uint32_t entity, size_t first, size_t last) {
    if (first < 2) return;
    // The apposition closes after the name ("..., Dan Coats, put out"); "to the president,
    // Pelosi cited security" is a new clause whose subject is Pelosi.
    {
      uint32_t p = m_words[last].end;
      while (p < m_text.size() && is_space(m_text[p])) ++p;
      if (p >= m_text.size() || (m_text[p] != ',' && m_text[p] != '.')) return;
    }
    bool comma = false;
    for (uint32_t p = m_words[first - 1].end; p < m_words[first].start; ++p) {
      if (m_text[p] == ',') {
        comma = true;
      } else if (!is_space(m_text[p])) {
        return;
      }
    }
    if (!comma || m_words[first - 1].possessive) return;
    for (size_t from = first - 1; from + 6 >= first && from > 0; --from) {
      std::string title;
      size_t n = match_title(m_words, from, &title);
      // "the governor of Virginia, Terry McAuliffe": the office of a place named after it.
      if (n > 0 && from + n + 1 < first && m_words[from + n].lower == "of") {
        bool place = true;
        for (size_t k = from + n + 1; k < first && place; ++k)
          place = m_words[k].capitalised && (k + 1 == first || adjacent(k));
        if (place) n = first - from;
      }
      if (n > 0 && n == first - from) {
        if (title == "mr" || title == "mrs" || title == "ms") return;
        // "Mexico's president, Andres Manuel Lopez Obrador" is not "the president" of a U.S.
        // story: a possessive before the office qualifies it. The qualified office is theirs:
        // "the conference's president said" (references.cpp).
        if (!m_words[from - 1].possessive)
          add_title(entity, title);
        else if (!is_stopword(m_words[from - 1].lower))
          add_title(entity, m_words[from - 1].lower + "'s " + title);
        return;
      }
    }
  }

  // Lower-case captions ("governor tim walz", "i'm carl bristow"): a known given name and a
  // word that can be a surname, adjacent, both lower-case. Only read after a cue that says a
  // name follows (the callers); returns the number of words (2) or 0.
  // With `any_given`, the cue is strong enough ("the police chief, medaria arradondo, told")
  // that a given name the lists do not know counts.
  size_t lowercase_name(size_t k, bool any_given = false) const {
    if (k + 1 >= m_words.size()) return 0;
    const Word& a = m_words[k];
    const Word& b = m_words[k + 1];
    if (a.capitalised || b.capitalised || a.lower.size() < 3 || b.lower.size() < 2) return 0;
    if (is_stopword(a.lower) || is_stopword(b.lower)) return 0;
    if (!any_given && !m_g.is_first_name(a.lower)) return 0;
    for (char c : a.lower)
      if (!((c >= 'a' && c <= 'z') || c == '-' || c == '\'')) return 0;
    static constexpr std::string_view kVerbs[] = {"had", "has",  "have", "said",  "says",
                                                  "did", "does", "told", "asked", "called"};
    for (std::string_view v : kVerbs)
      if (a.lower == v || b.lower == v) return 0;
    if (!adjacent(k)) return 0;
    for (char c : b.lower)
      if (!((c >= 'a' && c <= 'z') || c == '-' || c == '\'')) return 0;
    std::string title;
    if (match_title(m_words, k + 1, &title) > 0) return 0;
    return 2;
  }

  // Word k follows a cue that introduces guests: "with me", "with us", "joining me", "joining
  // us", "joined by" (then maybe "now", "tonight", "here", "are", "is" and a comma), or "and"
  // right after a guest named so ("tess mori and ben adair").
  bool guest_cue_before(size_t k) const {
    if (k < 2) return false;
    if (m_guest_end + 2 == k && m_words[k - 1].lower == "and" && adjacent(k - 1)) return true;
    // "..., rhys calloway, who covers the house for us, and tamsin bell": "and" after the first
    // guest's apposition, in the same sentence.
    if (m_guest_end < k && k <= m_guest_end + 16 && m_words[k - 1].lower == "and" &&
        adjacent(k - 1) && m_guest_end + 1 < k - 1) {
      const uint32_t from = m_words[m_guest_end].end, to = m_words[k - 1].start;
      const std::string_view between = m_text.substr(from, to - from);
      if (between.starts_with(",") && between.find_first_of(".?!\n") == std::string_view::npos &&
          trim_text(m_text.substr(m_words[k - 2].end, to - m_words[k - 2].end)) == ",")
        return true;
    }
    // Runs for every lower-case word: the word before must end a cue ("me", "us", "by") or be
    // a filler; sizes first.
    auto filler = [](std::string_view w) {
      switch (w.size()) {
        case 2:
          return w == "is";
        case 3:
          return w == "now" || w == "are";
        case 4:
          return w == "here";
        case 7:
          return w == "tonight";
        default:
          return false;
      }
    };
    if (m_words[k - 1].lower.size() != 2 && !filler(m_words[k - 1].lower)) return false;
    size_t j = k;
    for (int n = 0; n < 2 && j >= 1 && filler(m_words[j - 1].lower); ++n) --j;
    if (j < 2) return false;
    const std::string_view a = m_words[j - 2].lower, b = m_words[j - 1].lower;
    return ((a == "with" || a == "joining") && (b == "me" || b == "us")) ||
           (a == "joined" && b == "by");
  }

  // Word q opens a sentence or a line: only spaces stand between it and the text's start, a line
  // break, a sentence end or a caption's `>>`.
  bool opens_sentence(size_t q) const {
    uint32_t p = m_words[q].start;
    while (p > 0 && is_space(m_text[p - 1]) && m_text[p - 1] != '\n') --p;
    return p == 0 || m_text[p - 1] == '\n' || m_text[p - 1] == '.' || m_text[p - 1] == '>' ||
           m_text[p - 1] == '?' || m_text[p - 1] == '!';
  }

  // The lower-case word k comes back later at the start of a sentence or line, followed by a
  // comma or a question mark: someone calls the person by that given name ("tess, where
  // are ...", "priya?").
  bool addressed_later(size_t k) const {
    const std::string_view name = m_words[k].lower;
    for (size_t q = k + 2; q < m_words.size() && q < k + 200; ++q) {
      if (m_words[q].lower != name || m_words[q].possessive) continue;
      const uint32_t end = m_words[q].end;
      if (end >= m_text.size() || (m_text[end] != '?' && m_text[end] != ',')) continue;
      if (opens_sentence(q)) return true;
    }
    return false;
  }

  // The lower-case word k is said alone as a question soon after ("deja?", "... deja?"): a
  // hand-off to the person it names.
  bool handed_off_to(size_t k) const {
    const std::string_view name = m_words[k].lower;
    for (size_t q = k + 2; q < m_words.size() && q < k + 40; ++q) {
      if (m_words[q].lower != name || m_words[q].capitalised) continue;
      const uint32_t end = m_words[q].end;
      if (end >= m_text.size() || m_text[end] != '?') continue;
      if (opens_sentence(q)) return true;  // alone: the sentence (or line) starts right before it
    }
    return false;
  }

  // After an office: two or three lower-case words at k, then a verb of what people in the news
  // do ("mayor latoya cantrell asked", "governor john bel edwards said"); the number of words
  // of the name, or 0. The verb is the cue, so the given name need not be a known one.
  size_t lowercase_name_before_verb(size_t k) const {
    static constexpr std::string_view kVerbs[] = {
        "said",       "says",     "told",     "tells",     "asked",     "asks",     "announced",
        "warned",     "urged",    "wrote",    "tweeted",   "added",     "signed",   "ordered",
        "called",     "declared", "thanked",  "praised",   "issued",    "spoke",    "insisted",
        "vowed",      "promised", "defended", "admitted",  "blamed",    "pushed",   "visited",
        "apologized", "resigned", "conceded", "responded", "confirmed", "testified"};
    // "mayor jacob frey has declared": a verb phrase, not a third name word.
    static constexpr std::string_view kAuxiliaries[] = {
        "has",  "had",   "have",    "did",   "does",  "do",    "should",  "may",   "might",
        "must", "still", "already", "never", "again", "later", "earlier", "first", "once"};
    for (size_t n = 2; n <= 3; ++n) {
      if (k + n >= m_words.size() || !in(kVerbs, m_words[k + n].lower)) continue;
      bool ok = m_words[k + n - 1].end <= m_words[k + n].start &&
                is_space(m_text[m_words[k + n - 1].end]);
      for (size_t q = k; q < k + n && ok; ++q) {
        const Word& x = m_words[q];
        ok = !x.capitalised && x.lower.size() >= 2 && !is_stopword(x.lower) &&
             (q + 1 == k + n || adjacent(q)) && !x.lower.ends_with("ed") &&
             !x.lower.ends_with("ing") && !is_person_noun(x.lower) && !in(kAuxiliaries, x.lower);
        for (char c : x.lower) ok = ok && ((c >= 'a' && c <= 'z') || c == '-' || c == '\'');
        std::string title;
        ok = ok && match_title(m_words, q, &title) == 0;
      }
      if (ok && m_words[k].lower.size() >= 3) return n;
    }
    return 0;
  }

  // The sentence around word k opens with a capital letter (looked for up to 20 words back).
  bool sentence_opens_capitalised(size_t k) const {
    for (size_t n = 0; n < 20 && k > 0; ++n, --k) {
      const std::string_view gap =
          m_text.substr(m_words[k - 1].end, m_words[k].start - m_words[k - 1].end);
      if (gap.find_first_of(".!?\n") != std::string_view::npos) return m_words[k].capitalised;
    }
    return k == 0 && m_words[0].capitalised;
  }

  // "carl bristow" -> "Carl Bristow".
  std::string capitalised_surface(size_t first, size_t last) const {
    std::string out(surface(first, last));
    bool start = true;
    for (char& c : out) {
      if (start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      start = c == ' ' || c == '-';
    }
    return out;
  }

  // A lower-case name at k after a cue: a new person, or one already named.
  size_t lowercase_person(size_t k, bool journalist = false, bool any_given = false) {
    if (lowercase_name(k, any_given) == 0) return 0;
    const uint32_t e = entity_for(capitalised_surface(k, k + 1), doc::Entity::Type::kPerson);
    if (journalist) m_out.journalist[e] = true;
    mention(e, k, k + 1);
    return 2;
  }

  // `introduced`: the context already says a name follows ("ABC's", "I'm"), so a given name that
  // is also a word ("Will") counts.
  bool name_word(size_t k, bool introduced = false) const {
    if (k >= m_words.size()) return false;
    const Word& w = m_words[k];
    if (!w.capitalised || w.lower.size() < 2) return false;
    if (is_stopword(w.lower) && !(introduced && m_g.is_first_name(w.lower))) return false;
    if (w.lower.find('.') != std::string::npos) return false;
    if (m_g.is_first_name(w.lower) && k > 0) return true;
    auto g = m_g.match(m_words, k, m_text);
    return !g || m_g.entry(g->entries.front()).type == EntryType::kPerson;
  }

  // Words k and k + 1 adjacent in the text (no punctuation between them but white space); false
  // when k is the last word.
  bool adjacent(size_t k) const {
    if (k + 1 >= m_words.size()) return false;
    for (uint32_t p = m_words[k].end; p < m_words[k + 1].start; ++p)
      if (!is_space(m_text[p])) return false;
    return !m_words[k].possessive;
  }

  // A capitalised name of 2 to 4 words at k ("Andres Manuel Lopez Obrador"), lower-case
  // particles inside it counted ("Ursula von der Leyen"); returns the number of words, 0 if none.
  size_t capitalised_name(size_t k, bool introduced = false) const {
    size_t n = 0;
    while (n < 4 && (n == 0 || adjacent(k + n - 1))) {
      if (name_word(k + n, introduced && n == 0)) {
        ++n;
        continue;
      }
      size_t p = 0;  // particles between two capitalised words of the name
      while (n > 0 && p < 2 && is_particle(k + n + p) && adjacent(k + n + p)) ++p;
      if (p == 0 || !name_word(k + n + p)) break;
      n += p + 1;
    }
    return n >= 2 ? n : 0;
  }

  // A capitalised name of 2 to 4 words at k the gazetteer does not know after its first word,
  // closed by a comma ("..., Keisha Lance Bottoms, said"); returns the number of words, 0 if
  // none. The caller checks what introduces it.
  size_t apposition_name(size_t k) const {
    auto plain = [&](size_t j) {
      return j < m_words.size() && m_words[j].capitalised && !m_words[j].all_caps &&
             !is_stopword(m_words[j].lower) && m_words[j].lower.find('.') == std::string::npos;
    };
    if (!plain(k)) return 0;
    size_t n = 1;
    while (n < 4 && k + n < m_words.size() && adjacent(k + n - 1)) {
      size_t p = 0;
      while (p < 2 && is_particle(k + n + p) && adjacent(k + n + p)) ++p;
      if (!plain(k + n + p) || m_g.match(m_words, k + n + p, m_text)) break;
      n += p + 1;
    }
    if (n < 2 || k + n >= m_words.size()) return 0;
    const Word& last = m_words[k + n - 1];
    if (last.possessive ||
        trim_text(m_text.substr(last.end, m_words[k + n].start - last.end)) != ",")
      return 0;
    return n;
  }

  // Lower-case captions: an organisation opening its sentence, named by a head noun and what
  // hangs on it, then saying or doing something ("duke energy says", "minnesota department of
  // transportation crews have pulled", "florida power and light says"); returns the number of
  // words, 0 if none. So "the company said" after it has an antecedent.
  size_t lowercase_organisation(size_t i) const {
    static constexpr std::string_view kHeads[] = {"department", "energy",    "power",   "agency",
                                                  "commission", "authority", "company", "utilities",
                                                  "airlines",   "electric",  "council", "bureau"};
    static constexpr std::string_view kNext[] = {
        "says", "said",  "crews",  "officials", "announced", "tells",
        "told", "warns", "warned", "reported",  "spokesman", "spokeswoman"};
    const Word& w = m_words[i];
    if (w.capitalised || is_stopword(w.lower) || w.lower.size() < 3) return 0;
    // The first word of a sentence or a line.
    if (i > 0) {
      const std::string_view gap = m_text.substr(m_words[i - 1].end, w.start - m_words[i - 1].end);
      if (gap.find_first_of(".!?\n") == std::string_view::npos) return 0;
    }
    auto lower_word = [&](size_t k) {
      return k < m_words.size() && !m_words[k].capitalised && !m_words[k].possessive &&
             !is_stopword(m_words[k].lower) && m_words[k].lower.size() >= 3;
    };
    for (size_t head = i + 1; head <= i + 3 && head < m_words.size(); ++head) {
      if (!adjacent(head - 1) || !lower_word(head)) return 0;
      if (!in(kHeads, m_words[head].lower)) continue;
      size_t end = head + 1;  // "of transportation", "and light"
      if (end + 1 < m_words.size() && adjacent(head) && adjacent(end) &&
          (m_words[end].lower == "of" || m_words[end].lower == "and") && lower_word(end + 1))
        end += 2;
      if (end < m_words.size() && adjacent(end - 1) && in(kNext, m_words[end].lower))
        return end - i;
      return 0;
    }
    return 0;
  }

  // "minnesota department of transportation" -> "Minnesota Department of Transportation".
  std::string capitalised_org(size_t first, size_t last) const {
    std::string out;
    for (size_t k = first; k <= last; ++k) {
      std::string word(m_text.substr(m_words[k].start, m_words[k].name_end - m_words[k].start));
      if (m_words[k].lower != "of" && m_words[k].lower != "and" && !word.empty() &&
          word[0] >= 'a' && word[0] <= 'z')
        word[0] = static_cast<char>(word[0] - 'a' + 'A');
      if (!out.empty()) out += ' ';
      out += word;
    }
    return out;
  }

  // "von", "der", "bin": a lower-case word inside a capitalised name.
  bool is_particle(size_t k) const {
    static constexpr std::string_view kParticles[] = {"von", "van", "der", "den", "de",  "da",
                                                      "del", "di",  "du",  "la",  "bin", "al"};
    return k < m_words.size() && !m_words[k].capitalised && in(kParticles, m_words[k].lower);
  }

  std::optional<uint32_t> pick(std::span<const uint32_t> candidates, const std::string& title) {
    std::vector<uint32_t> fit;
    for (uint32_t c : candidates) {
      const auto& entry = m_g.entry(c);
      if (title.empty() || entry.has_title(title)) fit.push_back(c);
    }
    if (fit.empty() && title.empty()) return std::nullopt;
    if (fit.size() == 1) return fit.front();
    for (uint32_t c :
         (fit.empty() ? std::vector<uint32_t>(candidates.begin(), candidates.end()) : fit))
      if (m_index.contains(lower_ascii(m_g.entry(c).name))) return c;
    return std::nullopt;
  }

  uint32_t from_gazetteer(uint32_t g) {
    const auto& entry = m_g.entry(g);
    const auto type = entry.type == EntryType::kPerson         ? doc::Entity::Type::kPerson
                      : entry.type == EntryType::kOrganization ? doc::Entity::Type::kOrganization
                                                               : doc::Entity::Type::kPlace;
    return entity_for(entry.name, type);
  }

  // A capitalised word that may be part of an organisation's name ("Democratic", "Commerce").
  bool org_word(size_t k) const {
    if (k >= m_words.size()) return false;
    const Word& w = m_words[k];
    if (!w.capitalised || w.lower.size() < 2 || w.lower.find('.') != std::string::npos)
      return false;
    static constexpr std::string_view kAdjectives[] = {"republican", "democratic", "democrat",
                                                       "american",   "national",   "north",
                                                       "south",      "east",       "west"};
    return !is_stopword(w.lower) || in(kAdjectives, w.lower);
  }

  // An organisation the gazetteer does not know, from its own words or its context; returns
  // the number of words, 0 if none:
  // - a capitalised name with an organisation's head noun ("Democratic National Committee",
  //   "Chamber of Commerce", "Commission on Presidential Debates");
  // - a capitalised name after an organisation noun ("the utility here, Oncor", "a small firm
  //   called Shadow");
  // - a capitalised name that speaks of itself as "it" ("Ford said it was reviewing", "ERCOT,
  //   which runs the grid, says it", "Exxon Mobil said in a statement").
  size_t unknown_organisation(size_t i) const {
    static constexpr std::string_view kHeads[] = {
        "committee",  "commission",  "chamber",      "council",         "association",
        "union",      "institute",   "foundation",   "authority",       "board",
        "bureau",     "corporation", "company",      "society",         "league",
        "federation", "coalition",   "alliance",     "party",           "administration",
        "academy",    "university",  "college",      "hospital",        "center",
        "centre",     "museum",      "network",      "service",         "energy",
        "airlines",   "motors",      "bank",         "holdings",        "inc",
        "corp",       "systems",     "technologies", "pharmaceuticals", "communications",
        "insurance",  "group",       "power",        "palace",          "ministry",
        "department", "agency",      "family"};
    static constexpr std::string_view kConnectors[] = {"of", "on", "for", "and"};
    if (!org_word(i)) return 0;
    // Capitalised words, joined by "of", "on", "for", "and" (at most six words in all).
    size_t n = 1;
    while (i + n < m_words.size() && n < 6) {
      if (org_word(i + n) && adjacent(i + n - 1)) {
        ++n;
      } else if (in(kConnectors, m_words[i + n].lower) && adjacent(i + n - 1) &&
                 org_word(i + n + 1) && adjacent(i + n)) {
        n += 2;
      } else {
        break;
      }
    }
    size_t head = 0;
    for (size_t k = 0; k < n; ++k)
      if (in(kHeads, m_words[i + k].lower)) head = k + 1;
    const auto g = m_g.match(m_words, i, m_text);
    // "Dr. Nadia Farouk of Johns Hopkins University": a person of the organisation, not part of
    // its name.
    if (head > 0 && m_g.is_first_name(m_words[i].lower))
      for (size_t k = 2; k <= 3 && k < n; ++k)
        if (in(kConnectors, m_words[i + k].lower)) {
          head = 0;
          break;
        }
    if (head > 0 && n >= 2) {
      // Up to the last head noun and what hangs on it: "Chamber of Commerce".
      size_t len = head;
      if (len + 1 < n && in(kConnectors, m_words[i + len].lower)) len = n;
      if (len >= 2 && (!g || g->words < len)) return len;
    }
    if (m_surnames.contains(m_words[i].lower)) return 0;
    const size_t len = std::min<size_t>(n, 3);
    // A word the gazetteer knows as something else is that; a given name is a person's, unless
    // the name speaks of itself as "it" (below).
    bool person_like = m_g.is_first_name(m_words[i].lower);
    for (size_t k = 0; k < len; ++k)
      if (auto gk = m_g.match(m_words, i + k, m_text)) {
        // A place inside a longer name is part of it ("Southern California Edison").
        const auto type = m_g.entry(gk->entries.front()).type;
        if (type == EntryType::kPlace && k + gk->words < len) {
          k += gk->words - 1;
          continue;
        }
        if (gk->words > 1 || type != EntryType::kPerson) return 0;
        person_like = true;
      }
    // After an organisation noun.
    static constexpr std::string_view kOrgNouns[] = {
        "company",   "firm",     "utility", "agency",    "group",   "organization",
        "operator",  "retailer", "airline", "automaker", "carrier", "manufacturer",
        "nonprofit", "bank",     "charity", "startup",   "chain",   "insurer"};
    auto comma_before = [&](size_t k) {
      for (uint32_t p = m_words[k - 1].end; p < m_words[k].start; ++p)
        if (m_text[p] == ',') return true;
      return false;
    };
    if (!person_like && i >= 2 &&
        (m_words[i - 1].lower == "called" || m_words[i - 1].lower == "named") &&
        in(kOrgNouns, m_words[i - 2].lower))
      return len;
    if (!person_like && i >= 1 && comma_before(i)) {
      size_t k = i - 1;
      if ((m_words[k].lower == "here" || m_words[k].lower == "there") && k > 0) --k;
      if (in(kOrgNouns, m_words[k].lower) && k > 0 &&
          (m_words[k - 1].lower == "the" || m_words[k - 1].lower == "a" ||
           m_words[k - 1].capitalised))
        return len;
    }
    // Followed by an organisation noun in apposition: "Reckitt Benckiser, the maker of Lysol,".
    if (!person_like && i + len + 1 < m_words.size() && comma_before(i + len) &&
        (m_words[i + len].lower == "the" || m_words[i + len].lower == "a") &&
        (in(kOrgNouns, m_words[i + len + 1].lower) || m_words[i + len + 1].lower == "maker" ||
         m_words[i + len + 1].lower == "parent" || m_words[i + len + 1].lower == "owner"))
      return len;
    // Speaks of itself as "it".
    size_t j = i + len;
    bool clause = false;
    if (j < m_words.size() && comma_before(j) && m_words[j].lower == "which") {
      while (j + 1 < m_words.size() && j < i + len + 12 && !comma_before(j + 1)) ++j;
      ++j;
      clause = true;
    }
    static constexpr std::string_view kVerbs[] = {
        "said", "says", "told", "announced", "stated", "insisted", "added", "warned", "confirmed"};
    if (j + 1 < m_words.size() && in(kVerbs, m_words[j].lower) && (clause || !comma_before(j))) {
      for (size_t k = j + 1; k < m_words.size() && k <= j + 3; ++k)
        if (m_words[k].lower == "it" || m_words[k].lower == "its") return len;
      if (j + 3 < m_words.size() && m_words[j + 1].lower == "in" && m_words[j + 2].lower == "a" &&
          m_words[j + 3].lower == "statement")
        return len;
    }
    return 0;
  }

  // "Rose Garden", "Lafayette Square", "Mexico Beach", "Butte County", "Mount Hood": capitalised
  // words before a place's head noun (or after "Mount"); returns the number of words, 0 if none.
  size_t place_with_head(size_t i) const {
    // Not "park" or "street": surnames too ("Ellen Park").
    static constexpr std::string_view kHeads[] = {"garden", "square", "beach", "county", "city"};
    const Word& w = m_words[i];
    if (!w.capitalised || is_stopword(w.lower) || w.possessive) return 0;
    if (w.lower == "mount" && i + 1 < m_words.size() && m_words[i + 1].capitalised && adjacent(i) &&
        !is_stopword(m_words[i + 1].lower))
      return 2;
    for (size_t n = 1; n <= 2 && i + n < m_words.size(); ++n) {
      const Word& h = m_words[i + n];
      if (!h.capitalised || !adjacent(i + n - 1)) return 0;
      if (in(kHeads, h.lower)) return n + 1;
      // "a reception at Buckingham Palace" is a place; "Buckingham Palace said" an
      // organisation (unknown_organisation).
      static constexpr std::string_view kLocative[] = {"at",   "in", "outside", "inside", "near",
                                                       "from", "to", "into",    "toward"};
      if (h.lower == "palace" && i > 0 && in(kLocative, m_words[i - 1].lower)) return n + 1;
      if (is_stopword(h.lower) || h.possessive) return 0;
    }
    return 0;
  }

  size_t step(size_t i) {
    const Word& w = m_words[i];
    std::string title;
    if (size_t n = place_with_head(i); n > 0) {
      auto g = m_g.match(m_words, i, m_text);
      if (!g || g->words < n) {
        const uint32_t e =
            entity_for(std::string(surface(i, i + n - 1)), doc::Entity::Type::kPlace);
        mention(e, i, i + n - 1);
        return i + n;
      }
    }
    if (size_t n = unknown_organisation(i); n > 0) {
      const uint32_t e =
          entity_for(std::string(surface(i, i + n - 1)), doc::Entity::Type::kOrganization);
      mention(e, i, i + n - 1);
      return i + n;
    }
    if (size_t n = lowercase_organisation(i); n > 0) {
      const uint32_t e =
          entity_for(capitalised_org(i, i + n - 1), doc::Entity::Type::kOrganization);
      mention(e, i, i + n - 1);
      // "minnesota department of transportation" names Minnesota too.
      if (auto g = m_g.match(m_words, i, m_text);
          g && g->words < n && m_g.entry(g->entries.front()).type == EntryType::kPlace)
        if (auto id = pick(g->entries, "")) mention(from_gazetteer(*id), i, i + g->words - 1);
      return i + n;
    }
    // Title + name: "president trump", "secretary of state nominee Mike Pompeo".
    if (size_t t = match_title(m_words, i, &title); t > 0) {
      size_t j = i + t;
      // "President-elect Biden", "nominee Mike Pompeo": not (yet) the office.
      bool filler = false;
      if (j < m_words.size() && in(kTitleFillers, m_words[j].lower) &&
          m_words[j - 1].lower != m_words[j].lower) {
        ++j;
        filler = true;
      }
      // The name must follow the office directly: "... up to the president." Lena Ashby, ABC
      // News' is a sentence end, not an office.
      bool adjacent = j < m_words.size();
      // An abbreviated title keeps its full stop: "Dr. Vikram Desai", "Sen. Ann Holt".
      const bool abbreviation =
          !filler &&
          (title == "dr" || title == "senator" || title == "governor" || title == "general" ||
           title == "representative" || title == "mr" || title == "mrs" || title == "ms") &&
          m_words[j - 1].lower.size() <= 3 && m_words[j - 1].capitalised;
      for (uint32_t p = adjacent ? m_words[j - 1].end : 0; adjacent && p < m_words[j].start; ++p)
        adjacent = is_space(m_text[p]) || (abbreviation && p == m_words[j - 1].end &&
                                           m_text[p] == '.' && m_words[j].capitalised);
      if (adjacent && !m_words[j - 1].possessive) {
        auto g = m_g.match(m_words, j, m_text);
        if (g && g->words >= 2) {  // a full name: the title only adds an office
          if (auto id = pick(g->entries, "")) {
            const uint32_t e = from_gazetteer(*id);
            if (!filler) add_title(e, title);
            mention(e, j, j + g->words - 1);
            return j + g->words;
          }
        }
        const Word& next = m_words[j];
        std::vector<uint32_t> known;
        for (uint32_t c : m_g.people_with_surname(next.lower)) known.push_back(c);
        if (!known.empty() && (!g || m_g.entry(g->entries.front()).type == EntryType::kPerson)) {
          if (auto id = pick(known, title)) {
            const uint32_t e = from_gazetteer(*id);
            if (!filler) add_title(e, title);
            mention(e, i, j);
            return j + 1;
          }
        }
        if (auto it = m_surnames.find(next.lower);
            it != m_surnames.end() && next.capitalised && it->second.size() == 1) {
          if (!filler) add_title(it->second.front(), title);
          mention(it->second.front(), i, j);
          return j + 1;
        }
        if (size_t n = capitalised_name(j);
            n > 0 && title != "mr" && title != "mrs" && title != "ms") {
          const uint32_t e =
              entity_for(std::string(surface(j, j + n - 1)), doc::Entity::Type::kPerson);
          if (!filler) add_title(e, title);
          if (title == "correspondent" || title == "anchor" || title == "meteorologist" ||
              title == "reporter")
            m_out.journalist[e] = true;
          mention(e, j, j + n - 1);
          return j + n;
        }
        // "governor tim walz", "sheriff kory honea" in lower-case captions.
        const bool determiner =
            i > 0 && (m_words[i - 1].lower == "the" || m_words[i - 1].lower == "a" ||
                      m_words[i - 1].lower == "his" || m_words[i - 1].lower == "her" ||
                      m_words[i - 1].lower == "its" || m_words[i - 1].lower == "their");
        // "mayor latoya cantrell asked", "governor john bel edwards said": two or three
        // lower-case words between an office and a verb of news speech or action are a name,
        // whatever the given name (not "sheriff deputies responded to", "mayor said").
        if (size_t n = w.capitalised || determiner ? 0 : lowercase_name_before_verb(j); n > 0) {
          const uint32_t e =
              entity_for(capitalised_surface(j, j + n - 1), doc::Entity::Type::kPerson);
          if (!filler) add_title(e, title);
          if (title == "correspondent" || title == "anchor" || title == "meteorologist" ||
              title == "reporter")
            m_out.journalist[e] = true;
          mention(e, j, j + n - 1);
          return j + n;
        }
        if (!w.capitalised && !determiner && lowercase_name(j) > 0) {
          const uint32_t e = entity_for(capitalised_surface(j, j + 1), doc::Entity::Type::kPerson);
          if (!filler) add_title(e, title);
          if (title == "correspondent" || title == "anchor" || title == "meteorologist" ||
              title == "reporter")
            m_out.journalist[e] = true;
          mention(e, j, j + 1);
          return j + 2;
        }
      }
    }
    // "I'm Claire Whitman", "This is Nick Sorensen".
    if ((w.lower == "i'm" || w.lower == "this" || w.lower == "am") && i + 1 < m_words.size() &&
        (w.lower != "this" || m_words[i + 1].lower == "is")) {
      const size_t j = i + (w.lower == "this" ? 2 : 1);
      if (size_t n = capitalised_name(j, true); n > 0) {
        const uint32_t e =
            entity_for(std::string(surface(j, j + n - 1)), doc::Entity::Type::kPerson);
        mention(e, j, j + n - 1);
        return j + n;
      }
      if (size_t n = lowercase_person(j); n > 0) return j + n;
    }
    // "ABC's Cecilia Vega", "our Nick Sorensen": a journalist.
    auto g = m_g.match(m_words, i, m_text);
    if (g) {
      const size_t last = i + g->words - 1;
      const auto& entry = m_g.entry(g->entries.front());
      if (g->entries.size() == 1 && entry.has_title("news") && m_words[last].possessive) {
        const uint32_t org = from_gazetteer(g->entries.front());
        mention(org, i, last);
        if (size_t n = capitalised_name(last + 1, true); n > 0) {
          const uint32_t e =
              entity_for(std::string(surface(last + 1, last + n)), doc::Entity::Type::kPerson);
          m_out.journalist[e] = true;
          mention(e, last + 1, last + n);
          return last + 1 + n;
        }
        return last + 1;
      }
    }
    if (w.lower == "our") {
      if (size_t n = capitalised_name(i + 1, true); n > 0) {
        const uint32_t e =
            entity_for(std::string(surface(i + 1, i + n)), doc::Entity::Type::kPerson);
        m_out.journalist[e] = true;
        mention(e, i + 1, i + n);
        return i + 1 + n;
      }
      // Lower-case words in a sentence that opens capitalised describe ("Our royal contributor
      // Piper Lowe"): there a name would be capitalised.
      if (!sentence_opens_capitalised(i)) {
        if (size_t n = lowercase_person(i + 1, true); n > 0) return i + 1 + n;
        // "our deja fontenot is in mid-city. deja?": the hand-off calls them by the given name,
        // so a given name the lists do not know counts.
        if (i + 2 < m_words.size() && handed_off_to(i + 1))
          if (size_t n = lowercase_person(i + 1, true, true); n > 0) return i + 1 + n;
      }
    }
    // "USA Gymnastics", "USA Swimming": "USA" in capitals right before a capitalised word the
    // gazetteer does not know (not a title) names an organisation, not the country.
    if (g && g->words == 1 && w.all_caps && w.lower == "usa" && i + 1 < m_words.size() &&
        adjacent(i) && m_words[i + 1].capitalised && !m_words[i + 1].all_caps &&
        !is_stopword(m_words[i + 1].lower) && !m_g.match(m_words, i + 1, m_text)) {
      std::string office;
      if (match_title(m_words, i + 1, &office) == 0) {
        const uint32_t e =
            entity_for(std::string(surface(i, i + 1)), doc::Entity::Type::kOrganization);
        mention(e, i, i + 1);
        return i + 2;
      }
    }
    // A surname of someone the document named in full outranks a one-word place: "Jim Jordan
    // ... Jordan said" is the congressman, not the country.
    if (g && g->words == 1 && w.capitalised &&
        m_g.entry(g->entries.front()).type == EntryType::kPlace) {
      if (auto it = m_surnames.find(w.lower); it != m_surnames.end() && it->second.size() == 1) {
        mention(it->second.front(), i, i);
        return i + 1;
      }
    }
    // "Michael Bloomberg", "michael bloomberg": a known given name right before a one-word
    // organisation or place the gazetteer knows makes a person's name of the two.
    if (g && g->words == 1 && i > 0 && m_g.entry(g->entries.front()).type != EntryType::kPerson &&
        m_g.entry(g->entries.front()).type != EntryType::kShow &&
        m_words[i - 1].capitalised == w.capitalised && m_words[i - 1].lower.size() >= 3 &&
        adjacent(i - 1) && !is_stopword(m_words[i - 1].lower) &&
        (m_out.mentions.empty() || m_out.mentions.back().end <= m_words[i - 1].start) &&
        m_g.is_first_name(m_words[i - 1].lower)) {
      const std::string full =
          w.capitalised ? std::string(surface(i - 1, i)) : capitalised_surface(i - 1, i);
      const uint32_t e = entity_for(full, doc::Entity::Type::kPerson);
      mention(e, i - 1, i);
      return i + 1;
    }
    // "harris county", "Jefferson Parish": a one-word name before "county" or "parish" names
    // the county, not the person or place it is named after.
    if (g && g->words == 1 && i + 1 < m_words.size() && adjacent(i) &&
        (m_words[i + 1].lower == "county" || m_words[i + 1].lower == "parish") &&
        m_words[i + 1].capitalised == w.capitalised) {
      const uint32_t e =
          entity_for(w.capitalised ? std::string(surface(i, i + 1)) : capitalised_surface(i, i + 1),
                     doc::Entity::Type::kPlace);
      mention(e, i, i + 1);
      return i + 2;
    }
    if (g) {
      const size_t last = i + g->words - 1;
      if (m_g.entry(g->entries.front()).type == EntryType::kShow) {
        m_out.titles_of_works.push_back({w.start, m_words[last].name_end});
        return last + 1;
      }
      if (auto id = pick(g->entries, "")) {
        mention(from_gazetteer(*id), i, last);
        return last + 1;
      }
      if (g->entries.size() > 1) return last + 1;  // ambiguous and not named before: skip
    }
    // Lower-case words: only cheap checks on their neighbours first (this runs for most words
    // of every transcript); the given-name list is consulted only when a cue is there.
    if (!w.capitalised && i + 1 < m_words.size()) {
      // A lower-case repeat of a name the document gave ("priya raman, glen sorensen, thank
      // you both"): its given name is one of the document's people.
      if (m_first_names.contains(w.lower) && adjacent(i) &&
          m_index.contains(w.lower + " " + m_words[i + 1].lower)) {
        if (size_t n = lowercase_person(i); n > 0) return i + n;
      }
      // A lower-case name introduced as such: after "with me," or before an apposition (", a
      // former state department official", ", who covers europe").
      const bool with_me =
          i >= 2 && m_words[i - 1].lower == "me" && m_words[i - 2].lower == "with" &&
          m_text.substr(m_words[i - 1].end, w.start - m_words[i - 1].end).find(',') !=
              std::string_view::npos;
      // Any guest cue ("joining me now, wren talbot", "with us tonight, ...", "... and ben
      // adair" after a guest): the host then calls the guest by the given name ("tess, where
      // are republicans?"), so a given name the lists do not know counts.
      if (i + 1 < m_words.size() && guest_cue_before(i) && addressed_later(i))
        if (size_t n = lowercase_name(i, true); n > 0) {
          m_guest_end = i + 1;
          return i + lowercase_person(i, false, true);
        }
      bool apposition = false;
      if (!with_me && i + 2 < m_words.size()) {
        const std::string_view next = m_words[i + 2].lower;
        apposition = (next == "a" || next == "an" || next == "the" || next == "who" ||
                      next == "our" || next == "thank" || next == "thanks") &&
                     m_text.substr(m_words[i + 1].end, m_words[i + 2].start - m_words[i + 1].end)
                             .find(',') != std::string_view::npos;
      }
      // "the craven county sheriff, chip hughes, says": a name in apposition after an office,
      // closed by a comma.
      bool after_office = false;
      if (!with_me && !apposition && i >= 1 && i + 2 < m_words.size() &&
          m_text.substr(m_words[i - 1].end, w.start - m_words[i - 1].end).find(',') !=
              std::string_view::npos &&
          m_text.substr(m_words[i + 1].end, m_words[i + 2].start - m_words[i + 1].end).find(',') !=
              std::string_view::npos) {
        std::string office;
        for (size_t n = 1; n <= 3 && n <= i && !after_office; ++n)
          after_office = match_title(m_words, i - n, &office) == n;
        // "its chief executive, bill magness, told": a person noun there too.
        after_office = after_office || is_person_noun(m_words[i - 1].lower);
      }
      if ((with_me || apposition) && lowercase_name(i) > 0) {
        if (with_me) m_guest_end = i + 1;
        return i + lowercase_person(i);
      }
      // "philonise floyd, george floyd's brother, spoke": a kinship or role of someone named
      // in apposition says a name came before the comma, whatever the given name.
      if (!with_me && !apposition && i + 3 < m_words.size() &&
          m_text.substr(m_words[i + 1].end, m_words[i + 2].start - m_words[i + 1].end).find(',') !=
              std::string_view::npos &&
          !sentence_opens_capitalised(i)) {
        bool described = false;
        for (size_t k = i + 2; k <= i + 4 && k + 1 < m_words.size() && !described; ++k) {
          if (k > i + 2 && !adjacent(k - 1)) break;
          described =
              m_words[k].possessive && !is_stopword(m_words[k].lower) &&
              is_person_noun(m_words[k + 1].lower) &&
              trim_text(m_text.substr(m_words[k].end, m_words[k + 1].start - m_words[k].end))
                  .empty();
        }
        if (described && lowercase_name(i, true) > 0) return i + lowercase_person(i, false, true);
      }
      // Not an absolute phrase: "the president, arms folded, read": a word that is no known
      // given name followed by a participle describes the subject, it does not name it; nor
      // lower-case words in a sentence that opens capitalised ("The governor, eyes down,"):
      // there a name would be capitalised.
      if (after_office && !m_g.is_first_name(w.lower) &&
          (m_words[i + 1].lower.ends_with("ed") || m_words[i + 1].lower.ends_with("ing") ||
           sentence_opens_capitalised(i)))
        after_office = false;
      if (after_office && lowercase_name(i, true) > 0) return i + lowercase_person(i, false, true);
      // A lower-case surname of someone named in full, saying something: "frey wrote".
      static constexpr std::string_view kSays[] = {"said",    "says",  "wrote", "told",
                                                   "tweeted", "added", "tells", "writes"};
      if (std::find(std::begin(kSays), std::end(kSays), m_words[i + 1].lower) != std::end(kSays))
        if (auto it = m_surnames.find(w.lower); it != m_surnames.end() && it->second.size() == 1) {
          mention(it->second.front(), i, i);
          return i + 1;
        }
    }
    // A given name that is also a word ("Will") and a capitalised surname, then a verb in the
    // past tense or of speech: "Will Smith won the Oscar", "Will Hurd said". Not a question
    // ("Will Congress act?": no past tense after it).
    if (w.capitalised && is_stopword(w.lower) && m_g.is_first_name(w.lower) && !g) {
      static constexpr std::string_view kPast[] = {"said", "says", "told", "wrote", "won",  "lost",
                                                   "was",  "had",  "took", "made",  "went", "came",
                                                   "gave", "left", "sat",  "stood"};
      if (size_t n = capitalised_name(i, true);
          n == 2 && i + n < m_words.size() && adjacent(i + 1)) {
        const Word& v = m_words[i + n];
        if (!v.capitalised && (v.lower.ends_with("ed") || in(kPast, v.lower))) {
          const uint32_t e =
              entity_for(std::string(surface(i, i + n - 1)), doc::Entity::Type::kPerson);
          mention(e, i, i + n - 1);
          return i + n;
        }
      }
    }
    // A known given name and a capitalised surname: "Grant Holloway".
    if (w.capitalised && m_g.is_first_name(w.lower)) {
      if (size_t n = capitalised_name(i); n > 0) {
        const uint32_t e =
            entity_for(std::string(surface(i, i + n - 1)), doc::Entity::Type::kPerson);
        mention(e, i, i + n - 1);
        return i + n;
      }
    }
    // Two capitalised words the gazetteer does not know, in apposition to an indefinite person
    // ("One Democrat, Tulsi Gabbard, voted present", "a local pastor, Ray Okafor,"): the
    // person introduced by the determiner, named.
    // Up to four words: "Atlanta's mayor, Keisha Lance Bottoms, pushed back" (not "Lance
    // Bottoms" from the given name inside it).
    if (size_t n = apposition_name(i);
        n > 0 && !g && i >= 2 &&
        trim_text(m_text.substr(m_words[i - 1].end, w.start - m_words[i - 1].end)) == ",") {
      static constexpr std::string_view kIndefinite[] = {"a", "an", "one", "another"};
      bool introduced = false;
      for (size_t k = i - 1; k-- > 0 && k + 4 >= i && !introduced;) {
        if (!adjacent(k)) break;
        introduced = in(kIndefinite, m_words[k].lower);
      }
      std::string office;
      // Or an office right before the comma: "Lebanon's prime minister, Hassan Diab, blamed",
      // or a person noun: "its chief executive, Bill Magness,".
      for (size_t k = 1; k <= 3 && k <= i && !introduced; ++k)
        introduced = match_title(m_words, i - k, &office) == k;
      // Or an office placed by a preposition and a capitalised place: "The U.S. ambassador in
      // Tokyo, Rahm Emanuel,", "the mayor of Nara, Gen Ueda,".
      for (size_t k = 3; k <= 6 && k <= i && !introduced; ++k) {
        const size_t t = i - k, tn = match_title(m_words, t, &office);
        if (tn == 0 || t + tn + 1 >= i) continue;
        const std::string_view prep = m_words[t + tn].lower;
        if (prep != "in" && prep != "of" && prep != "to" && prep != "at") continue;
        bool place = i - (t + tn + 1) <= 2;
        for (size_t j = t; j + 1 < i && place; ++j) place = adjacent(j);
        for (size_t j = t + tn + 1; j < i && place; ++j) place = m_words[j].capitalised;
        introduced = place;
      }
      introduced = introduced || is_person_noun(m_words[i - 1].lower);
      if (introduced && match_title(m_words, i, &office) == 0) {
        const uint32_t e =
            entity_for(std::string(surface(i, i + n - 1)), doc::Entity::Type::kPerson);
        mention(e, i, i + n - 1);
        return i + n;
      }
    }
    // Two or three capitalised words the gazetteer does not know, right after a lower-case
    // person noun and before a lower-case word: "Her teammate Sunisa Lee now carries", "the
    // team's coach Ana Ferris told" (the noun says a person is named).
    if (w.capitalised && !w.all_caps && !g && i >= 1 && i + 1 < m_words.size() &&
        m_words[i + 1].capitalised && !m_words[i - 1].capitalised &&
        is_person_noun(m_words[i - 1].lower) && adjacent(i - 1) && !is_stopword(w.lower)) {
      size_t n = 1;
      while (n < 3 && i + n < m_words.size() && adjacent(i + n - 1) && m_words[i + n].capitalised &&
             !m_words[i + n].all_caps && !is_stopword(m_words[i + n].lower) &&
             !m_g.match(m_words, i + n, m_text))
        ++n;
      const Word& last = m_words[i + n - 1];
      std::string office;
      if (n >= 2 && i + n < m_words.size() && !m_words[i + n].capitalised && !last.possessive &&
          last.lower.find('.') == std::string::npos && match_title(m_words, i, &office) == 0) {
        const uint32_t e =
            entity_for(std::string(surface(i, i + n - 1)), doc::Entity::Type::kPerson);
        mention(e, i, i + n - 1);
        return i + n;
      }
    }
    // Two capitalised words the gazetteer does not know, right before a speech verb that does
    // not go on with "it" (an organisation's): "Ilhan Omar said", whatever the given name.
    if (w.capitalised && !w.all_caps && !g && i + 2 < m_words.size() && !is_stopword(w.lower) &&
        m_words[i + 1].capitalised && !m_words[i + 1].all_caps &&
        !is_stopword(m_words[i + 1].lower) && adjacent(i) && adjacent(i + 1)) {
      static constexpr std::string_view kSays[] = {"said",  "says",  "told",  "tweeted",
                                                   "wrote", "tells", "added", "insisted"};
      std::string office;
      if (in(kSays, m_words[i + 2].lower) && match_title(m_words, i, &office) == 0 &&
          !m_g.match(m_words, i + 1, m_text)) {
        bool itself = false;
        for (size_t k = i + 3; k < m_words.size() && k <= i + 5; ++k)
          itself = itself || m_words[k].lower == "it" || m_words[k].lower == "its";
        if (!itself) {
          const uint32_t e = entity_for(std::string(surface(i, i + 1)), doc::Entity::Type::kPerson);
          mention(e, i, i + 1);
          return i + 2;
        }
      }
    }
    // A surname of someone already named: "Holloway", "KESSLER".
    if (w.capitalised && !is_stopword(w.lower)) {
      if (auto it = m_surnames.find(w.lower); it != m_surnames.end() && it->second.size() == 1) {
        mention(it->second.front(), i, i);
        return i + 1;
      }
    }
    // "The Post" once The Washington Post was named.
    if (w.lower == "the" && i + 1 < m_words.size()) {
      const Word& next = m_words[i + 1];
      for (uint32_t e = 0; e < m_out.entities.size(); ++e) {
        const auto& ent = m_out.entities[e];
        if (ent.type != doc::Entity::Type::kOrganization) continue;
        if (!m_last_words[e].empty() && m_last_words[e] == next.lower && next.lower.size() > 3 &&
            (m_text[next.start] == 'P' || m_text[next.start] == 'p' || next.capitalised ||
             m_out.titles[e].size() > 0)) {
          bool newspaper = false;
          for (const auto& t : m_out.titles[e]) newspaper = newspaper || t == "newspaper";
          if (!newspaper) continue;
          mention(e, i, i + 1);
          m_out.titles_of_works.push_back({w.start, next.name_end});
          return i + 2;
        }
      }
    }
    return i + 1;
  }

  std::string_view m_text;
  const Gazetteer& m_g;
  std::span<const Word> m_words;
  EntityResult m_out;
  std::map<std::string, uint32_t> m_index;  // lower-case canonical -> entity
  std::map<std::string, std::vector<uint32_t>> m_surnames;
  std::map<std::string, std::vector<uint32_t>> m_first_names;
  std::vector<std::string> m_last_words;  // per entity: last word of a name of 2+ words, or ""
  std::set<std::pair<uint32_t, std::string>> m_text_titles;  // offices the text gives people
  size_t m_guest_end = SIZE_MAX - 2;  // last word of the latest guest named after a guest cue
};

}  // namespace

bool is_name_stopword(std::string_view lower) {
  return is_stopword(lower);
}

size_t match_title(std::span<const Word> words, size_t i, std::string* title) {
  // The titles split into words once: this runs for every word of every transcript.
  static const std::vector<std::pair<std::string_view, std::vector<Word>>> kSplitTitles = [] {
    std::vector<std::pair<std::string_view, std::vector<Word>>> out;
    for (std::string_view t : kTitles) out.emplace_back(t, split_words(t));
    return out;
  }();
  static const std::unordered_set<std::string_view> kFirstWords = [] {
    std::unordered_set<std::string_view> out;
    for (const auto& [t, parts] : kSplitTitles) out.insert(parts.front().lower);
    return out;
  }();
  if (i >= words.size() || !kFirstWords.contains(words[i].lower)) return 0;
  size_t best = 0;
  for (const auto& [t, parts] : kSplitTitles) {
    if (parts.size() <= best || i + parts.size() > words.size()) continue;
    bool ok = true;
    for (size_t k = 0; k < parts.size() && ok; ++k) {
      ok = words[i + k].lower == parts[k].lower &&
           (k + 1 == parts.size() || !words[i + k].possessive);
    }
    if (ok) {
      best = parts.size();
      *title = std::string(t);
    }
  }
  if (best > 0) {
    if (*title == "sen") *title = "senator";
    if (*title == "gov") *title = "governor";
    if (*title == "gen") *title = "general";
    if (*title == "rep") *title = "representative";
  }
  return best;
}

EntityResult find_entities(std::string_view text, std::span<const Span> skip,
                           const Gazetteer& gazetteer) {
  return find_entities_in_words(text, split_spoken_words(text, skip), gazetteer);
}

EntityResult find_entities_in_words(std::string_view text, std::span<const Word> words,
                                    const Gazetteer& gazetteer, std::string_view date) {
  Finder finder(text, gazetteer);
  finder.run(words);
  finder.office_holders(date);
  return finder.take();
}

}  // namespace newsdex::understand
