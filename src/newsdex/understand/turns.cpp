#include "newsdex/understand/turns.hpp"

#include <algorithm>

#include "newsdex/understand/text.hpp"

namespace newsdex::understand {
namespace {

constexpr std::string_view kFirstPerson[] = {
    "i",  "i'm",   "i've",  "i'd",  "i'll",  "me", "my",  "mine", "myself",
    "we", "we're", "we've", "we'd", "we'll", "us", "our", "ours", "ourselves"};
// What journalists say in the first person without handing over to anyone.
constexpr std::string_view kNewsroomPhrases[] = {"we are now learning",
                                                 "we're now learning",
                                                 "we are learning",
                                                 "we're learning",
                                                 "we've learned",
                                                 "we have learned",
                                                 "we learned",
                                                 "we're told",
                                                 "we are told",
                                                 "we reported",
                                                 "we've reported",
                                                 "we begin",
                                                 "we start",
                                                 "we're following",
                                                 "we are following",
                                                 "we'll be right back",
                                                 "we'll have more",
                                                 "we'll continue",
                                                 "we'll keep",
                                                 "stay with us",
                                                 "we found",
                                                 "we met",
                                                 "we visited",
                                                 "we followed",
                                                 "we caught up with",
                                                 "we spoke with",
                                                 "we spoke to",
                                                 "we asked",
                                                 "we'll have the latest",
                                                 "we'll take",
                                                 "we'll be back",
                                                 "let's",
                                                 "we turn",
                                                 "we now know",
                                                 "we're live",
                                                 "we are live",
                                                 "joining us",
                                                 "leads us off",
                                                 "lead us off",
                                                 "starts us off",
                                                 "join us",
                                                 "with us",
                                                 "told us",
                                                 "tell us",
                                                 "our coverage",
                                                 "our team",
                                                 "our own",
                                                 "our partners",
                                                 "our affiliate",
                                                 "our viewers",
                                                 "our cameras",
                                                 "our crew",
                                                 "our reporting",
                                                 "our sources",
                                                 "our correspondent",
                                                 "our chief",
                                                 "our senior",
                                                 "our political",
                                                 "our white house",
                                                 "our next",
                                                 "our top story",
                                                 "our panel",
                                                 "our thanks",
                                                 "we'll be right back",
                                                 "for us",
                                                 "we go",
                                                 "we're going to go",
                                                 "we should note",
                                                 "we want to",
                                                 "as we",
                                                 "we asked",
                                                 "we spoke",
                                                 "we reached",
                                                 "we're here",
                                                 "we are here",
                                                 "we'll have",
                                                 "we'll keep",
                                                 "stay with us",
                                                 "we found",
                                                 "we met",
                                                 "we visited",
                                                 "we followed",
                                                 "we caught up with",
                                                 "we spoke with",
                                                 "we spoke to",
                                                 "we asked",
                                                 "we'll have the latest",
                                                 "we will keep",
                                                 "we'll continue",
                                                 "i'm joined",
                                                 "i'm here",
                                                 "i am joined",
                                                 "my colleague",
                                                 "my guests",
                                                 "my guest",
                                                 "i want to bring in",
                                                 "i want to start",
                                                 "i want to ask",
                                                 "let me ask",
                                                 "let me bring in",
                                                 "i'll ask",
                                                 "thank you for joining",
                                                 "thanks for joining",
                                                 "tell me",
                                                 "help us",
                                                 "show us",
                                                 "walk us",
                                                 "give us",
                                                 "take us",
                                                 "we're waiting",
                                                 "we are waiting",
                                                 "we're watching",
                                                 "we are watching",
                                                 "we have breaking",
                                                 "we've got",
                                                 "we have some",
                                                 "we have new",
                                                 "we're getting",
                                                 "we are getting",
                                                 "we have breaking",
                                                 "we have new"};

constexpr std::string_view kSpeechCues[] = {
    " said",        " says",        " say,",     " told ",    " tells ",   "put it",  "recorded",
    "recalls",      "recalled",     "explained", "describes", "described", "listen",  "here's",
    "here is",      "heard",        "asked",     "answered",  "replied",   "warned",  "insists",
    "insisted",     "puts it",      "adding",    "spoke",     "speaking",  "telling", "reading",
    "in his words", "in her words", "responded", "vowed"};

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

std::string padded_lower(std::string_view sentence) {
  std::string s = " " + lower_ascii(sentence) + " ";
  for (char& c : s)
    if (c == '\t' || c == '\n') c = ' ';
  // Curly apostrophes as straight ones.
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 &&
        static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        static_cast<unsigned char>(s[i + 2]) == 0x99) {
      out += '\'';
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::optional<std::string> name_before_comma(std::string_view text) {
  auto words = split_words(text);
  if (words.empty() || words.size() > 3) return std::nullopt;
  for (const auto& w : words)
    if (!w.capitalised || is_name_stopword(w.lower)) return std::nullopt;
  return std::string(trim_text(text, ",.!?"));
}

}  // namespace

std::string unquoted(std::string_view text, std::span<const Span> quoted, uint32_t from,
                     uint32_t to) {
  std::string out(text.substr(from, to - from));
  for (const Span& q : quoted) {
    if (q.end <= from || q.start >= to) continue;
    for (uint32_t p = std::max(q.start, from); p < std::min(q.end, to); ++p) out[p - from] = ' ';
  }
  return out;
}

bool is_first_person(std::string_view sentence) {
  const std::string s = padded_lower(sentence);
  bool first = false;
  const auto all = split_words(s);
  for (size_t k = 0; k < all.size(); ++k) {
    const Word& w = all[k];
    if (std::find(std::begin(kFirstPerson), std::end(kFirstPerson), w.lower) ==
        std::end(kFirstPerson))
      continue;
    // A reporter's source: "A senior aide told me, ...", "a volunteer wrote to me": the
    // listener alone is no shift to the first person.
    if (w.lower == "me" && k > 0) {
      const std::string_view v = all[k - 1].lower;
      if (v == "told" || v == "tells" || v == "texted" || v == "emailed" ||
          (k > 1 && v == "to" &&
           (all[k - 2].lower == "wrote" || all[k - 2].lower == "said" ||
            all[k - 2].lower == "writes")))
        continue;
    }
    if (w.lower == "us" && sentence.size() > 0) {
      // "US" (the country) in capitals is not the pronoun.
      const size_t at = w.start - 1;
      if (at + 1 < sentence.size() && sentence[at] == 'U' && sentence[at + 1] == 'S') continue;
    }
    first = true;
  }
  if (!first) return false;
  for (auto phrase : kNewsroomPhrases)
    if (contains(s, std::string(" ") + std::string(phrase))) return false;
  // "I'm Will Carver", "our Nick Sorensen": self-introductions and colleagues.
  auto words = split_words(sentence);
  for (size_t i = 0; i + 1 < words.size(); ++i)
    if ((words[i].lower == "i'm" && words[i + 1].capitalised) ||
        (words[i].lower == "our" && words[i + 1].capitalised &&
         !is_name_stopword(words[i + 1].lower)))
      return false;
  return true;
}

bool is_question(std::string_view sentence) {
  sentence = trim_text(sentence, "\"'");
  while (!sentence.empty() && (static_cast<unsigned char>(sentence.back()) >= 0x80))
    sentence.remove_suffix(1);
  return !sentence.empty() && sentence.back() == '?';
}

// Sentences after which the next words are someone else's, first person or not.
bool strongly_introduces(std::string_view sentence) {
  std::string_view t = trim_text(sentence);
  if (!t.empty() && t.back() == ':') return true;
  const std::string s = padded_lower(sentence);
  for (std::string_view cue :
       {"was asked", "were asked", "had a blunt message", "had a message", "had this message",
        "had this to say", "put it this way", "put it bluntly", "here's what", "here's how",
        "spoke a short time ago", "spoke this morning", "spoke today", "spoke earlier",
        "spoke moments ago", "here's the", "here is the", "here is what", "here is how"})
    if (contains(s, cue)) return true;
  // "He said this:", not "the governor said this morning".
  for (std::string_view cue : {"said this", "says this"})
    for (size_t at = s.find(cue); at != std::string::npos; at = s.find(cue, at + 1)) {
      const auto next =
          split_words(s, static_cast<uint32_t>(at + cue.size()),
                      static_cast<uint32_t>(std::min(s.size(), at + cue.size() + 12)));
      static constexpr std::string_view kTime[] = {
          "morning", "afternoon", "evening", "week",   "weekend", "month",  "year", "time",
          "past",    "summer",    "spring",  "winter", "fall",    "season", "is",   "was"};
      if (next.empty() ||
          std::find(std::begin(kTime), std::end(kTime), next.front().lower) == std::end(kTime))
        return true;
    }
  // "Listen.", "Take a listen.", "Let's listen to the governor." (not "had listened").
  for (const auto& w : split_words(s))
    if (w.lower == "listen") return true;
  return false;
}

namespace {

// The sentence opens with "he", "she" or "they" and a past-tense verb ("He shook his head.",
// "She paused."): narration of what someone did, not their words.
bool narrates_in_the_past(std::string_view sentence) {
  const auto words = split_words(sentence);
  if (words.size() < 2) return false;
  const std::string_view who = words[0].lower, verb = words[1].lower;
  if (who != "he" && who != "she" && who != "they") return false;
  static constexpr std::string_view kPast[] = {
      "shook", "took",  "went",  "left",  "gave", "stood", "sat",  "came",
      "ran",   "wore",  "kept",  "held",  "fell", "got",   "made", "sent",
      "spent", "broke", "began", "drove", "flew", "rose",  "saw",  "shrugged"};
  return (verb.size() > 4 && verb.ends_with("ed")) ||
         std::find(std::begin(kPast), std::end(kPast), verb) != std::end(kPast);
}

}  // namespace

bool introduces_speech(std::string_view sentence) {
  std::string_view t = trim_text(sentence);
  if (!t.empty() && t.back() == ':') return true;
  const std::string s = padded_lower(sentence);
  for (auto cue : kSpeechCues)
    if (contains(s, cue)) return true;
  return false;
}

std::optional<std::string> thanked_name(std::string_view sentence) {
  std::string_view t = trim_text(sentence, ".!");
  const std::string lower = lower_ascii(t);
  for (std::string_view thanks : {", thank you very much", ", thank you so much", ", thank you",
                                  ", thanks so much", ", thanks"}) {
    if (lower.ends_with(thanks)) return name_before_comma(t.substr(0, t.size() - thanks.size()));
  }
  for (std::string_view thanks : {"thank you very much, ", "thank you so much, ", "thank you, ",
                                  "thanks so much, ", "thanks, "}) {
    if (lower.starts_with(thanks)) return name_before_comma(t.substr(thanks.size()));
  }
  return std::nullopt;
}

std::optional<std::string> leading_vocative(std::string_view sentence) {
  std::string_view t = trim_text(sentence);
  const std::string lower = lower_ascii(t);
  for (std::string_view greeting : {"good morning, ", "good evening, ", "good afternoon, ", "hi, ",
                                    "hello, ", "thanks, ", "thank you, ", "yes, ", "well, "}) {
    if (lower.starts_with(greeting)) {
      std::string_view rest = t.substr(greeting.size());
      const size_t stop = rest.find_first_of(",.!?");
      return name_before_comma(rest.substr(0, stop == std::string_view::npos ? rest.size() : stop));
    }
  }
  if (!t.empty() && t.back() == '?' && split_words(t).size() <= 2)
    return name_before_comma(t.substr(0, t.size() - 1));  // "Derek?"
  const size_t comma = t.find(',');
  if (comma == std::string_view::npos || comma == 0) return std::nullopt;
  auto name = name_before_comma(t.substr(0, comma));
  if (!name) return std::nullopt;
  auto words = split_words(*name);
  if (words.size() > 2) return std::nullopt;
  return name;
}

namespace {

doc::Role role_of_label(doc::Role reader_role) {
  switch (reader_role) {
    case doc::Role::kAnchor:
    case doc::Role::kHost:
    case doc::Role::kModerator:
      return doc::Role::kAnchor;
    case doc::Role::kReporter:
      return doc::Role::kReporter;
    case doc::Role::kGuest:
    case doc::Role::kSoundbite:
      return doc::Role::kSoundbite;
    case doc::Role::kUnknown:
      return doc::Role::kUnknown;
  }
  return doc::Role::kUnknown;
}

// "President Putin (interpreter)" -> the canonical name when the gazetteer knows it.
std::string speaker_from_label(std::string_view label, const Gazetteer& g) {
  std::string name(label);
  if (const size_t paren = name.find('('); paren != std::string::npos) name.resize(paren);
  name = std::string(trim_text(name, ",:"));
  if (name.empty()) return name;
  std::string cased = title_case(name);
  EntityResult found = find_entities(cased, {}, g);
  for (const auto& m : found.mentions) {
    const auto& e = found.entities[m.entity];
    if (e.type == doc::Entity::Type::kPerson && 2 * (m.end - m.start) >= cased.size())
      return e.name;
  }
  // "Gov. Rick Scott" -> "Rick Scott": an office before a full name is not part of it.
  auto words = split_words(cased);
  std::string title;
  if (size_t n = match_title(words, 0, &title); n > 0 && words.size() >= n + 2)
    cased = cased.substr(words[n].start);
  return cased;
}

struct Splitter {
  const TurnInput& in;
  std::vector<doc::Turn>& out;

  void push(uint32_t start, uint32_t end, doc::Role role, double confidence, std::string evidence,
            const doc::Turn* from = nullptr) {
    doc::Turn t;
    if (from != nullptr) t = *from;
    t.start = start;
    t.end = end;
    t.role = role;
    t.confidence = confidence;
    t.evidence = std::move(evidence);
    if (from == nullptr || start != from->start) t.label.clear();
    out.push_back(std::move(t));
  }

  // Splits an unlabelled narrative block into the narration, soundbites and a sign-off. With
  // `paragraphs`, a line break inside the block is a change of voice (pages that put each voice
  // on its own line, interviews).
  void narrative(const doc::Turn& block, doc::Role role, double confidence, std::string evidence,
                 bool paragraphs) {
    const std::string_view body = in.transcript.body;
    auto sentences = split_sentences(body, block.start, block.end);
    const size_t n = sentences.size();
    std::vector<size_t> starts{0};  // first sentence of each paragraph
    if (paragraphs)
      for (size_t k = 1; k < n; ++k) {
        const uint32_t from = sentences[k - 1].end > 0 ? sentences[k - 1].end - 1 : 0;
        if (body.substr(from, sentences[k].start - from).find('\n') != std::string_view::npos)
          starts.push_back(k);
      }
    auto text_of = [&](size_t k) {
      return unquoted(body, in.quoted, sentences[k].start, sentences[k].end);
    };
    const uint32_t block_end = block.end;
    auto start_of = [&](size_t k) { return k < n ? sentences[k].start : block_end; };
    size_t cut = n;  // sentences [cut, n) are a sign-off by the anchor
    if (role == doc::Role::kReporter) {
      for (size_t k = std::max<size_t>(std::max<size_t>(1, starts.back()), n >= 2 ? n - 2 : 1);
           k < n; ++k)
        if (thanked_name(text_of(k))) {
          cut = k;
          break;
        }
    }
    // The first paragraph: narration, maybe with a soundbite run into it (seed style).
    const size_t first_end = std::min(cut, starts.size() > 1 ? starts[1] : n);
    size_t bite = first_end, question = first_end;
    for (size_t k = 1; k < first_end; ++k) {
      // A sentence that starts inside quotation marks ("... on Twitter: "Don't be afraid. Don't
      // let it ...") goes on with the quote: no clip starts there.
      // Nor does one that opens with a quotation mark (""There are no winners here," she
      // said."): words in quotation marks are read by the narrator, not heard.
      const bool in_quote = std::any_of(in.quoted.begin(), in.quoted.end(), [&](const Span& q) {
        return q.start < sentences[k].start + 4 && sentences[k].start < q.end;
      });
      if (in_quote) continue;
      const std::string s = text_of(k);
      // A sentence in the third person that quotes someone ("Mercer said, "Let the courts
      // decide."") is narration, however strongly the sentence before introduced speech.
      const bool quotes_here = std::any_of(in.quoted.begin(), in.quoted.end(), [&](const Span& q) {
        return q.start >= sentences[k].start && q.start < sentences[k].end;
      });
      if (!is_first_person(s) && (quotes_here || !strongly_introduces(text_of(k - 1)))) continue;
      // "The general was asked whether everyone got out. He shook his head.": a third-person
      // subject and a past-tense verb tell what someone did, in the narrator's voice.
      if (!is_first_person(s) && narrates_in_the_past(s)) continue;
      bite = k;
      if (is_question(text_of(k - 1)) && !is_first_person(text_of(k - 1)) && k - 1 >= 1) {
        question = k - 1;
        break;
      }
      for (size_t j = k - 1; j >= 1 && j + 3 >= k; --j) {
        const std::string prev = text_of(j);
        // A sentence that quotes someone ("\"...,\" the governor said this morning.") has
        // said what it introduces: the clip does not start after it.
        const bool quotes = std::any_of(in.quoted.begin(), in.quoted.end(), [&](const Span& q) {
          return q.start >= sentences[j].start && q.start < sentences[j].end;
        });
        if (quotes) break;
        if (introduces_speech(prev)) {
          bite = j + 1;
          break;
        }
        if (split_words(prev).size() > 6) break;
      }
      break;
    }
    const size_t narration_end = std::min(bite, question);
    push(block.start, start_of(narration_end), role, confidence, std::move(evidence), &block);
    if (question < first_end)
      push(start_of(question), start_of(bite), doc::Role::kSoundbite, 0.6,
           "question right before a first-person answer");
    if (bite < first_end)
      push(start_of(bite), start_of(first_end), doc::Role::kSoundbite, 0.7,
           question < first_end ? "first-person answer to a question"
                                : "shift to the first person after an introduction");
    // Later paragraphs: each a voice of its own.
    enum class Kind { kNarration, kQuestion, kSoundbite };
    Kind prev = bite < first_end ? Kind::kSoundbite : Kind::kNarration;
    for (size_t p = 1; p < starts.size() && starts[p] < cut; ++p) {
      const size_t from = starts[p];
      const size_t to = std::min(cut, p + 1 < starts.size() ? starts[p + 1] : n);
      const bool first_person = is_first_person(text_of(from));
      // "Tom, thank you." / "Rob, stay safe down there. Thank you.": the anchor takes over.
      bool thanks = role == doc::Role::kReporter && thanked_name(text_of(from)).has_value();
      for (size_t k = from; k < std::min(to, from + 2) && role == doc::Role::kReporter; ++k) {
        const std::string plain = lower_ascii(trim_text(text_of(k)));
        thanks = thanks || ((plain == "thank you." || plain == "thanks.") && !first_person);
      }
      if (thanks) {
        push(start_of(from), start_of(to), doc::Role::kAnchor, 0.8,
             "sign-off thanking the reporter");
        role = doc::Role::kAnchor;  // the anchor narrates what follows
        prev = Kind::kNarration;
        continue;
      }
      const bool asks = is_question(text_of(to - 1));
      const bool next_answers = to < cut && is_first_person(text_of(to));
      Kind kind = Kind::kSoundbite;
      std::string why;
      if (prev == Kind::kNarration) {
        kind = asks && to - from == 1 && next_answers ? Kind::kQuestion : Kind::kSoundbite;
        why = kind == Kind::kQuestion ? "paragraph of its own: a question before an answer"
                                      : "new paragraph after the narration";
      } else if (prev == Kind::kQuestion) {
        why = "answer to the question before it";
      } else if (role == doc::Role::kAnchor && (!first_person || asks)) {
        kind = Kind::kNarration;
      } else {
        why = "new paragraph after a soundbite";
      }
      if (kind == Kind::kNarration)
        push(start_of(from), start_of(to), role, confidence * 0.9,
             "back to the narrator after a soundbite", nullptr);
      else
        push(start_of(from), start_of(to), doc::Role::kSoundbite,
             kind == Kind::kQuestion ? 0.6 : 0.65, why);
      prev = kind;
    }
    if (cut < n)
      push(start_of(cut), block_end, doc::Role::kAnchor, 0.8, "sign-off thanking the reporter");
  }
};

}  // namespace

std::vector<doc::Turn> segment_turns(const TurnInput& in) {
  const doc::Transcript& t = in.transcript;
  const auto body_size = static_cast<uint32_t>(t.body.size());
  std::vector<doc::Turn> blocks;
  auto first_text = [&](uint32_t from, uint32_t to) {
    while (from < to && is_space(t.body[from])) ++from;
    return from;
  };
  const uint32_t first_turn = t.turns.empty() ? body_size : t.turns.front().start;
  if (first_text(0, first_turn) < first_turn) {
    doc::Turn lead;
    lead.start = first_text(0, first_turn);
    lead.end = first_turn;
    blocks.push_back(lead);
  }
  for (const auto& turn : t.turns) blocks.push_back(turn);
  bool page_style = false, captions = !t.cues.empty();
  for (const auto& b : blocks) page_style = page_style || b.label == "Reporter:";
  // An unlabelled interview: the opening introduces a guest ("Joining us now is ...").
  bool interview = false;
  if (!blocks.empty() && blocks.front().label.empty()) {
    const std::string lead = lower_ascii(
        t.body.substr(blocks.front().start,
                      std::min<uint32_t>(blocks.front().end, body_size) - blocks.front().start));
    for (std::string_view cue :
         {"joining us", "joining me", "joins us", "joined by", "with us now"})
      interview = interview || lead.find(cue) != std::string::npos;
    // A page on several lines that talk to each other (a line opening by addressing someone,
    // "Robin, it was a remarkable conversation.", or ending with a question to the next one,
    // "George?") gives each voice its own line; lines of plain narration stay one voice.
    if (!captions && t.turns.empty() && !interview) {
      const std::string_view text = std::string_view(t.body).substr(
          blocks.front().start,
          std::min<uint32_t>(blocks.front().end, body_size) - blocks.front().start);
      size_t lines = 0, dialogue = 0, from = 0;
      while (from < text.size()) {
        size_t to = text.find('\n', from);
        if (to == std::string_view::npos) to = text.size();
        const std::string_view line = trim_text(text.substr(from, to - from));
        if (!line.empty()) {
          ++lines;
          if ((lines > 1 && leading_vocative(line)) || (to < text.size() && is_question(line)))
            ++dialogue;
        }
        from = to + 1;
      }
      interview = lines >= 3 && dialogue >= 2;
    }
  }

  std::vector<doc::Turn> out;
  Splitter split{in, out};
  for (size_t i = 0; i < blocks.size(); ++i) {
    doc::Turn block = blocks[i];
    if (i + 1 < blocks.size())
      block.end = std::max(block.end, std::min(blocks[i + 1].start, body_size));
    else
      block.end = body_size;
    if (!block.speaker.empty()) {
      // A name without an office (WebVTT <v Name>) leaves the role to the naming step.
      doc::Turn named = block;
      named.speaker = speaker_from_label(block.speaker, in.gazetteer);
      named.role = role_of_label(block.role);
      named.confidence = 0.95;
      named.evidence = "label '" +
                       std::string(trim_text(block.label.empty() ? block.speaker : block.label)) +
                       "'";
      out.push_back(std::move(named));
      continue;
    }
    if (block.label == "Reporter:") {
      split.narrative(block, doc::Role::kReporter, 0.9, "'Reporter:' label", true);
    } else if (block.label.empty() && i == 0 && (page_style || (!captions && t.turns.empty()))) {
      split.narrative(block, doc::Role::kAnchor, 0.6, "opens the story before any label",
                      page_style || interview);
    } else if (!block.label.empty() && block.label != ">>" && block.label != "-") {
      // A labelled turn without a name ("UNIDENTIFIED MALE:", "HOST:").
      doc::Turn labelled = block;
      labelled.role = role_of_label(block.role);
      if (labelled.role == doc::Role::kUnknown) labelled.role = doc::Role::kSoundbite;
      labelled.confidence = 0.8;
      labelled.evidence = "label '" + std::string(trim_text(block.label)) + "'";
      out.push_back(std::move(labelled));
    } else {
      doc::Turn change = block;
      change.role = doc::Role::kUnknown;
      change.confidence = 0.3;
      change.evidence = block.label.empty() ? "text before the first speaker change"
                                            : "speaker change '" + block.label + "'";
      out.push_back(std::move(change));
    }
  }
  // Trailing white space is not part of a turn.
  for (auto& turn : out)
    while (turn.end > turn.start && is_space(t.body[turn.end - 1])) --turn.end;
  out.erase(
      std::remove_if(out.begin(), out.end(), [](const doc::Turn& x) { return x.end <= x.start; }),
      out.end());
  return out;
}

std::vector<doc::Turn> find_turns(const TurnInput& in) {
  auto turns = segment_turns(in);
  name_speakers(in, turns);
  return turns;
}

}  // namespace newsdex::understand
