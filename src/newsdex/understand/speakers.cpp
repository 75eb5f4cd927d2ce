// Naming speakers (step 2 of turns.hpp).
#include <algorithm>
#include <map>

#include "newsdex/understand/references.hpp"
#include "newsdex/understand/text.hpp"
#include "newsdex/understand/turns.hpp"

namespace newsdex::understand {
namespace {

class Namer {
 public:
  Namer(const TurnInput& in, std::vector<doc::Turn>& turns)
      : m_in(in), m_body(in.transcript.body), m_turns(turns), m_ents(in.entities) {
    for (const auto& e : m_ents.entities)
      if (e.type == doc::Entity::Type::kPerson)
        for (const auto& w : split_words(e.name))
          if (w.lower.size() >= 3) m_name_parts.push_back(w.lower);
    std::sort(m_name_parts.begin(), m_name_parts.end());
  }

  void run() {
    for (size_t i = 0; i < m_turns.size(); ++i) self_introduction(i);
    for (size_t i = 0; i < m_turns.size(); ++i) hand_off(i);
    for (size_t i = 0; i < m_turns.size(); ++i) sign_off(i);
    // The host turning to a panellist by name answers for the turn after it before that
    // vocative can be read as answering the turn before ("greg, one more thing. ...").
    for (size_t i = 0; i + 1 < m_turns.size(); ++i) addressed_guest_answers(i);
    for (size_t i = 1; i < m_turns.size(); ++i) answered_vocative(i);
    hosts();
    for (size_t i = 0; i + 1 < m_turns.size(); ++i) addressed_guest_answers(i);
    anchors();
    reporters();
    for (size_t i = 0; i + 1 < m_turns.size(); ++i) named_afterwards(i);
    for (size_t i = 0; i < m_turns.size(); ++i) soundbite(i);
    for (size_t i = 1; i < m_turns.size(); ++i) answer_to_title(i);
    roles();
  }

 private:
  std::vector<Span> sentences(const doc::Turn& t) const {
    return split_sentences(m_body, t.start, t.end);
  }
  // The sentence with quoted words blanked. In a lower-case caption sentence ("wendy, michael
  // bloomberg had another rough night."), the words that are parts of the names of people the
  // document names are capitalised, so that vocatives and thanks read as they do in print.
  std::string plain(const Span& s) const {
    std::string out = unquoted(m_body, m_in.quoted, s.start, s.end);
    if (std::any_of(out.begin(), out.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
      return out;
    for (const auto& w : split_words(out))
      if (out[w.start] >= 'a' && out[w.start] <= 'z' &&
          std::binary_search(m_name_parts.begin(), m_name_parts.end(), w.lower))
        out[w.start] = static_cast<char>(out[w.start] - 'a' + 'A');
    return out;
  }

  void name(size_t i, const std::string& who, double confidence, std::string evidence) {
    doc::Turn& t = m_turns[i];
    if (!t.speaker.empty() || who.empty()) return;
    t.speaker = who;
    t.confidence = confidence;
    t.evidence = std::move(evidence);
  }

  bool is_journalist(const std::string& who) const {
    for (size_t e = 0; e < m_ents.entities.size(); ++e)
      if (m_ents.journalist[e] && m_ents.entities[e].name == who) return true;
    return false;
  }

  // A vocative ("Tom") or a full name resolved against the people the document names.
  // With `before`, only people the text has named before that offset: "Michael, a lot of
  // them are standing with her. Michael Phelps ..." answers the co-host Michael.
  std::optional<std::string> resolve_name(const std::string& said,
                                          uint32_t before = UINT32_MAX) const {
    auto words = split_words(said);
    if (words.empty()) return std::nullopt;
    std::vector<std::string> fits;
    for (size_t k = 0; k < m_ents.entities.size(); ++k) {
      const auto& e = m_ents.entities[k];
      if (e.type != doc::Entity::Type::kPerson) continue;
      if (before != UINT32_MAX &&
          std::none_of(m_ents.mentions.begin(), m_ents.mentions.end(),
                       [&](const Mention& m) { return m.entity == k && m.start < before; }))
        continue;
      auto parts = split_words(e.name);
      if (equals_ci(e.name, said) ||
          (words.size() == 1 && !parts.empty() && parts.front().lower == words[0].lower))
        fits.push_back(e.name);
    }
    if (fits.size() == 1) return fits.front();
    if (!fits.empty()) return std::nullopt;
    if (words.size() == 1 && !m_in.gazetteer.is_first_name(words[0].lower)) return std::nullopt;
    return said;
  }

  std::vector<const Mention*> mentions_in(uint32_t from, uint32_t to) const {
    std::vector<const Mention*> out;
    for (const auto& m : m_ents.mentions)
      if (m.start >= from && m.end <= to) out.push_back(&m);
    return out;
  }

  void self_introduction(size_t i) {
    doc::Turn& t = m_turns[i];
    if (!t.speaker.empty()) return;
    for (const Mention* m : mentions_in(t.start, t.end)) {
      const auto& e = m_ents.entities[m->entity];
      if (e.type != doc::Entity::Type::kPerson) continue;
      std::string before = lower_ascii(m_body.substr(t.start, m->start - t.start));
      while (!before.empty() && is_space(before.back())) before.pop_back();
      for (std::string_view intro : {"i'm", "i am", "this is", "i\xE2\x80\x99m", "my name is"}) {
        if (!before.ends_with(intro)) continue;
        const size_t at = t.start + before.size() - intro.size();
        name(i, e.name, 0.9,
             "self-introduction '" + std::string(m_body.substr(at, m->end - at)) + "'");
        return;
      }
      // "<Name>, ABC News, the White House." closing the turn.
      if (m->end + 2 < t.end) {
        auto rest = split_words(m_body, m->end, std::min<uint32_t>(t.end, m->end + 40));
        // After a full stop, also one inside a closing quotation mark ('caution." Dario Kemp').
        auto ends_sentence = [&](uint32_t p) {
          const char c = m_body[p];
          return c == '.' || c == '!' || c == '?' ||
                 (c == '"' && p > 0 &&
                  std::string_view(".!?").find(m_body[p - 1]) != std::string_view::npos) ||
                 (static_cast<unsigned char>(c) == 0x9D && p >= 3 &&
                  std::string_view(".!?").find(m_body[p - 3]) != std::string_view::npos);
        };
        const bool at_sentence_start = m->start == t.start || m_body[m->start - 1] == '\n' ||
                                       (m->start >= t.start + 2 && ends_sentence(m->start - 2));
        if (at_sentence_start && m_body[m->end] == ',' && !rest.empty()) {
          auto g = m_in.gazetteer.match(rest, 0, m_body);
          if (g && m_in.gazetteer.entry(g->entries.front()).has_title("news") &&
              t.end - m->start < 80) {
            name(i, e.name, 0.9,
                 "sign-off '" + std::string(m_body.substr(m->start, t.end - m->start)) + "'");
            return;
          }
        }
      }
    }
  }

  void hand_off(size_t i) {
    if (i + 1 >= m_turns.size()) return;
    const doc::Turn& t = m_turns[i];
    auto ss = sentences(t);
    if (ss.empty()) return;
    const size_t from = ss.size() >= 3 ? ss.size() - 3 : 0;
    // "... and our markets reporter leah varga. sam, how bad is it?": the question closing the
    // turn says who speaks next, not the journalist introduced before it.
    std::optional<std::string> asked;
    if (is_question(plain(ss.back())))
      if (auto voc = leading_vocative(plain(ss.back()))) asked = resolve_name(*voc);
    for (size_t k = ss.size(); k-- > from && !asked;) {
      for (const Mention* m : mentions_in(ss[k].start, ss[k].end)) {
        const auto& e = m_ents.entities[m->entity];
        if (e.type != doc::Entity::Type::kPerson || !m_ents.journalist[m->entity]) continue;
        if (e.name == t.speaker) continue;
        // "In Plano, Luis Ortega, News 8." closing the turn signs it off; it hands over nothing.
        if (k + 1 == ss.size() && m->end < t.end && m_body[m->end] == ',' && t.end - m->end < 40)
          continue;
        size_t next = i + 1;
        name(next, e.name, 0.85,
             "hand-off '" +
                 std::string(trim_text(m_body.substr(ss[k].start, ss[k].end - ss[k].start))) + "'");
        if (m_turns[next].speaker == e.name && m_turns[next].role == doc::Role::kUnknown)
          m_turns[next].role = doc::Role::kReporter;
        return;
      }
    }
    // "Tara Vance is outside the Staples Center." and the next turn answers the speaker by name
    // ("Dean, thousands of fans ..."): the person placed on the scene reports.
    if (m_turns[i + 1].speaker.empty() && !t.speaker.empty()) {
      auto next_ss = sentences(m_turns[i + 1]);
      auto voc = next_ss.empty() ? std::nullopt : leading_vocative(plain(next_ss.front()));
      if (voc && resolve_name(*voc) == t.speaker) {
        for (size_t k = ss.size(); k-- > from;) {
          for (const Mention* m : mentions_in(ss[k].start, ss[k].end)) {
            const auto& e = m_ents.entities[m->entity];
            if (e.type != doc::Entity::Type::kPerson || e.name == t.speaker) continue;
            auto rest = split_words(m_body, m->end, ss[k].end);
            if (rest.size() < 2 || (rest[0].lower != "is" && rest[0].lower != "joins")) continue;
            static constexpr std::string_view kPlaces[] = {"in",     "at",    "outside", "near",
                                                           "on",     "live",  "there",   "us",
                                                           "inside", "along", "standing"};
            if (std::find(std::begin(kPlaces), std::end(kPlaces), rest[1].lower) ==
                std::end(kPlaces))
              continue;
            name(i + 1, e.name, 0.75,
                 "placed on the scene: '" +
                     std::string(trim_text(m_body.substr(ss[k].start, ss[k].size()))) + "'");
            if (m_turns[i + 1].role == doc::Role::kUnknown)
              m_turns[i + 1].role = doc::Role::kReporter;
            return;
          }
        }
      }
    }
    // "Here's the president." / "... told reporters:" right before the next turn.
    const std::string last = plain(ss.back());
    // A question of its own before an answer is the interviewer's, not the person introduced.
    const bool asks = m_turns[i + 1].evidence.starts_with("paragraph of its own: a question") ||
                      m_turns[i + 1].evidence.starts_with("question right before");
    // A sentence that quotes someone already ("Trudeau later told reporters, "..."") has said
    // what it introduced; and a turn that opens by thanking someone is nobody's soundbite.
    bool quotes_inside = false;
    for (const Span& q : m_in.quoted)
      quotes_inside = quotes_inside || (q.start >= ss.back().start && q.end <= ss.back().end);
    auto next_ss = sentences(m_turns[i + 1]);
    const bool thanks = !next_ss.empty() && thanked_name(plain(next_ss.front()));
    // A turn that opens by turning to a panellist ("greg, one more thing. bernie sanders was
    // asked about the attacks.") hands over to them, not to a clip of the person it mentions.
    // Nor is a turn that opens by addressing a panellist a clip.
    auto turns_to_panellist = [&](const std::vector<Span>& sentences, const std::string& own) {
      auto voc = sentences.empty() ? std::nullopt : leading_vocative(plain(sentences.front()));
      auto who = voc ? resolve_name(*voc) : std::nullopt;
      if (!who || *who == own || (!is_guest(*who) && !is_journalist(*who))) return false;
      for (const auto& turn : m_turns)
        if (turn.role == doc::Role::kAnchor && turn.speaker == *who) return false;
      return true;
    };
    if (introduces_speech(last) && m_turns[i + 1].speaker.empty() && !asks && !quotes_inside &&
        !thanks &&
        !((ss.size() > 1 || is_question(plain(ss.front()))) && turns_to_panellist(ss, t.speaker)) &&
        !turns_to_panellist(next_ss, {})) {
      const int who = introduced_person(ss.back(), m_turns[i + 1], Pronouns::kNo);
      if (who != kNobody) {
        name(i + 1, m_ents.entities[who].name, 0.8,
             "introduced: '" +
                 std::string(
                     trim_text(m_body.substr(ss.back().start, ss.back().end - ss.back().start))) +
                 "'");
        if (m_turns[i + 1].role == doc::Role::kUnknown) m_turns[i + 1].role = doc::Role::kSoundbite;
        return;
      }
    }
    // "Tom, how long does this go on?" closing the turn: Tom speaks next.
    for (size_t k = ss.size(); k-- > from;) {
      // A vocative opening the turn with a statement ("Dana, we just pulled a family off a
      // roof.") answers the previous speaker; only a question hands over from there, its own
      // or one closing the turn ("Tom, the campaign says ... Do you agree?").
      if (k == 0 && !is_question(plain(ss[k])) && !is_question(plain(ss.back()))) continue;
      // Inside the turn only a question hands over: "Kobe Bryant, one of the greatest players,
      // has been killed." names its subject, not the next speaker.
      if (k != 0 && k + 1 != ss.size() && !is_question(plain(ss[k]))) continue;
      auto voc = leading_vocative(plain(ss[k]));
      if (!voc) continue;
      if (auto who = resolve_name(*voc); who && *who != t.speaker)
        name(i + 1, *who, 0.7, "addressed at the end of the previous turn: '" + *voc + "'");
      return;
    }
  }

  void sign_off(size_t i) {
    doc::Turn& t = m_turns[i];
    auto ss = sentences(t);
    if (ss.empty() || i == 0) return;
    auto thanked = thanked_name(plain(ss.front()));
    if (!thanked) return;
    auto who = resolve_name(*thanked);
    if (!who) return;
    // The nearest earlier turn that is not a soundbite.
    for (size_t k = i; k-- > 0;) {
      if (m_turns[k].role == doc::Role::kSoundbite) continue;
      // An anchor's question before the reporter's answer ("Has there been any word from her?"
      // then "Nothing yet, Robin."): the anchor does not thank themself.
      if (m_turns[k].role == doc::Role::kAnchor && t.role == doc::Role::kAnchor &&
          m_turns[k].speaker.empty())
        break;
      // "Jonah, what are other athletes saying?" is said to Jonah, not by him.
      if (auto ks = sentences(m_turns[k]); !ks.empty() && m_turns[k].speaker.empty())
        if (auto voc = leading_vocative(plain(ks.front())); voc && resolve_name(*voc) == *who)
          break;
      if (m_turns[k].speaker.empty() || m_turns[k].speaker == *who)
        name(k, *who, 0.85,
             "sign-off '" +
                 std::string(trim_text(
                     m_body.substr(ss.front().start, ss.front().end - ss.front().start))) +
                 "'");
      if (m_turns[k].role == doc::Role::kUnknown && m_turns[k].speaker == *who)
        m_turns[k].role = is_journalist(*who) || t.role == doc::Role::kAnchor ? doc::Role::kReporter
                                                                              : doc::Role::kUnknown;
      // An unlabelled turn that opens by thanking the reporter is the anchor's.
      if (t.role == doc::Role::kUnknown && m_turns[k].speaker == *who &&
          m_turns[k].role == doc::Role::kReporter) {
        t.role = doc::Role::kAnchor;
        t.confidence = 0.7;
        t.evidence = "thanks the reporter: '" + *thanked + "'";
      }
      break;
    }
  }

  // A full name opening `sentence` with a kinship or role of someone in apposition
  // ("philonise floyd, george floyd's brother, spoke"): the subject, not a vocative.
  static bool described_subject(const std::string& sentence, const std::string& voc) {
    if (split_words(voc).size() < 2) return false;
    const size_t c1 = sentence.find(',');
    const size_t c2 = c1 == std::string::npos ? c1 : sentence.find(',', c1 + 1);
    if (c2 == std::string::npos) return false;
    const auto mid =
        split_words(sentence, static_cast<uint32_t>(c1 + 1), static_cast<uint32_t>(c2));
    for (size_t k = 0; k + 1 < mid.size(); ++k)
      if (mid[k].possessive && is_person_noun(mid[k + 1].lower)) return true;
    return false;
  }

  void answered_vocative(size_t i) {
    auto ss = sentences(m_turns[i]);
    if (ss.empty()) return;
    // Past a label opening the turn ("Reporter: David, the eye ...").
    // A full name there is more often the sentence's subject ("Reporter: Hillary Clinton,
    // speaking in Chicago, said ..."): only a lone given name counts.
    Span first = ss.front();
    bool labelled = false;
    for (const Span& k : m_in.skip)
      if (k.start <= first.start && k.end > first.start && k.end < first.end) {
        first.start = k.end;
        labelled = true;
      }
    auto voc = leading_vocative(plain(first));
    // Co-hosts: "Not in my lifetime, Michael." after another anchor's turn.
    if (!voc && !labelled && m_turns[i - 1].role == doc::Role::kAnchor)
      voc = trailing_vocative(plain(first));
    if (voc && labelled && split_words(*voc).size() != 1) return;
    // "Tom Halvorsen, Lena Ortiz, thank you both." thanks the guests, not the one before.
    if (voc && lower_ascii(plain(first)).find("thank you both") != std::string::npos) return;
    // "Lena?" alone hands over to Lena; it does not answer the one before.
    if (voc && ss.size() == 1 && is_question(plain(first)) && split_words(plain(first)).size() <= 2)
      return;
    if (!voc) return;
    // "philonise floyd, george floyd's brother, spoke": the sentence's subject, not a vocative.
    if (described_subject(plain(first), *voc)) return;
    auto who = resolve_name(*voc, first.start);
    if (!who) {
      // "Rob? Reporter: David, the eye passed right over us": the unnamed anchor who handed
      // over, by the only name the text gives (a known given name).
      auto words = split_words(*voc);
      if (words.size() == 1 && words[0].capitalised &&
          m_in.gazetteer.is_first_name(words[0].lower) &&
          m_turns[i - 1].role == doc::Role::kAnchor && m_turns[i - 1].speaker.empty() &&
          m_turns[i].role != doc::Role::kAnchor)
        name(i - 1, *voc, 0.6, "addressed by the next speaker: '" + *voc + "'");
      return;
    }
    if (*who == m_turns[i].speaker) return;
    name(i - 1, *who, 0.7, "addressed by the next speaker: '" + *voc + "'");
  }

  // A reply that ends by naming whom it answers: "Not in my lifetime, Michael." One given name
  // (or a person the document names) after the last comma of the sentence.
  std::optional<std::string> trailing_vocative(const std::string& sentence) const {
    std::string_view t = trim_text(sentence, " .!");
    const size_t comma = t.rfind(',');
    if (comma == std::string_view::npos || comma == 0) return std::nullopt;
    auto words = split_words(t.substr(comma + 1));
    if (words.size() != 1 || !words[0].capitalised) return std::nullopt;
    const std::string said(trim_text(t.substr(comma + 1)));
    if (!m_in.gazetteer.is_first_name(words[0].lower) && !resolve_name(said)) return std::nullopt;
    return said;
  }

  // "Maria, the committee released new rules tonight. ..." from the host, and an unnamed turn
  // after it: the guest addressed answers.
  void addressed_guest_answers(size_t i) {
    if ((m_turns[i].role != doc::Role::kAnchor && m_turns[i].role != doc::Role::kUnknown) ||
        !m_turns[i + 1].speaker.empty() || m_turns[i + 1].role == doc::Role::kAnchor)
      return;
    auto ss = sentences(m_turns[i]);
    if (ss.empty()) return;
    auto voc = leading_vocative(plain(ss.front()));
    if (!voc) return;
    if (described_subject(plain(ss.front()), *voc)) return;
    auto who = resolve_name(*voc);
    if (!who || *who == m_turns[i].speaker || (!is_guest(*who) && !is_journalist(*who))) return;
    if (m_turns[i].role == doc::Role::kUnknown && i > 0 && m_turns[i - 1].speaker == *who) return;
    auto next = sentences(m_turns[i + 1]);
    if (next.empty() || leading_vocative(plain(next.front()))) return;
    name(i + 1, *who, 0.6, "answers the host who addressed them: '" + *voc + "'");
  }

  // An unnamed speaker change that only hands over ("Rick, what did you see?") or thanks the
  // guests ("Selma Okafor, Rick Ames, thank you both.") is the host's.
  void hosts() {
    std::vector<std::string> anchors;
    for (const auto& t : m_turns)
      if (t.role == doc::Role::kAnchor && !t.speaker.empty()) anchors.push_back(t.speaker);
    for (size_t i = 1; i < m_turns.size(); ++i) {
      auto& t = m_turns[i];
      if (t.role != doc::Role::kUnknown || !t.speaker.empty()) continue;
      auto ss = sentences(t);
      if (ss.empty() || ss.size() > 2) continue;
      const std::string first = plain(ss.front());
      const std::string lower = lower_ascii(trim_text(first, " .!"));
      bool host = false;
      std::string why;
      if (auto voc = leading_vocative(first); voc && is_question(plain(ss.back()))) {
        auto who = resolve_name(*voc);
        // "Chief, was this fire caused by a power line?": a title, not a guest's name, is a
        // reporter's question at a briefing.
        host = who && std::find(anchors.begin(), anchors.end(), *who) == anchors.end();
        why = "hands over with a question: '" + *voc + "'";
      } else if (auto v = leading_vocative(first);
                 v && i + 1 < m_turns.size() && !m_turns[i + 1].speaker.empty() &&
                 resolve_name(*v) == m_turns[i + 1].speaker &&
                 m_turns[i - 1].speaker != m_turns[i + 1].speaker &&
                 std::find(anchors.begin(), anchors.end(), m_turns[i + 1].speaker) ==
                     anchors.end()) {
        // "Maria, the committee released new rules tonight." and Maria answers: the host
        // turning to a guest, not a guest replying to the one who spoke before.
        host = true;
        why = "turns to the guest who answers: '" + *v + "'";
      } else if (i + 1 < m_turns.size() && is_question(plain(ss.back())) &&
                 m_turns[i - 1].role != doc::Role::kAnchor && !m_turns[i - 1].speaker.empty() &&
                 m_turns[i - 1].speaker == m_turns[i + 1].speaker &&
                 is_guest(m_turns[i - 1].speaker)) {
        // Between two answers of the same guest, the one asking is the host.
        host = true;
        why = "asks the guest between two answers";
      } else if (i + 1 < m_turns.size() && ss.size() == 1 && is_question(first) &&
                 split_words(first).size() <= 8 && !is_first_person(first) &&
                 m_turns[i - 1].role != doc::Role::kAnchor && !m_turns[i - 1].speaker.empty() &&
                 is_guest(m_turns[i - 1].speaker) && m_turns[i + 1].speaker.empty() &&
                 !sentences(m_turns[i + 1]).empty() &&
                 !leading_vocative(plain(sentences(m_turns[i + 1]).front()))) {
        // "And the president's reaction?" right after a guest's answer: the host's follow-up,
        // and the answer is the same guest's.
        host = true;
        why = "a short follow-up question after the guest's answer";
        name(i + 1, m_turns[i - 1].speaker, 0.6, "answers the host's follow-up question");
      } else if (auto thanks = thanked_name(first);
                 thanks && resolve_name(*thanks) && is_guest(*resolve_name(*thanks))) {
        // "Ellen Park, thank you." to the guest who was introduced.
        host = true;
        why = "thanks the guest: '" + *thanks + "'";
      } else if (lower.ends_with("thank you both") || lower.ends_with("thank you all") ||
                 lower.ends_with("thanks to you both") ||
                 lower.ends_with("thank you both very much")) {
        host = true;
        why = "thanks the guests";
      }
      if (!host) continue;
      t.role = doc::Role::kAnchor;
      t.confidence = 0.6;
      t.evidence = why;
    }
  }

  void anchors() {
    // The first speaker of a captioned broadcast is its anchor unless the text says otherwise.
    if (!m_turns.empty() && m_turns.front().role == doc::Role::kUnknown) {
      m_turns.front().role = doc::Role::kAnchor;
      if (m_turns.front().speaker.empty()) m_turns.front().evidence = "opens the broadcast";
    }
    std::string anchor;
    for (const auto& t : m_turns)
      if (t.role == doc::Role::kAnchor && !t.speaker.empty()) {
        anchor = t.speaker;
        break;
      }
    if (anchor.empty()) return;
    for (size_t i = 0; i < m_turns.size(); ++i) {
      auto& t = m_turns[i];
      // "Thanks, Celia. Robin, I don't think ...": a co-host speaking to that anchor.
      bool addresses_anchor = false;
      for (const Span& s : sentences(t))
        if (auto voc = leading_vocative(plain(s)); voc && !thanked_name(plain(s)))
          addresses_anchor = addresses_anchor || resolve_name(*voc) == anchor;
      if (t.role == doc::Role::kAnchor && !addresses_anchor)
        name(i, anchor, 0.75, "same anchor as elsewhere in the story");
      if (t.role == doc::Role::kUnknown && t.speaker == anchor) t.role = doc::Role::kAnchor;
    }
  }

  void reporters() {
    // Reporter turns between two anchor turns belong to one story and one reporter.
    for (int pass = 0; pass < 2; ++pass) {
      std::string current;
      for (size_t n = 0; n < m_turns.size(); ++n) {
        const size_t i = pass == 0 ? n : m_turns.size() - 1 - n;
        auto& t = m_turns[i];
        if (t.role == doc::Role::kAnchor) current.clear();
        if (t.role != doc::Role::kReporter) continue;
        if (!t.speaker.empty())
          current = t.speaker;
        else if (!current.empty())
          name(i, current, 0.75, "same reporter as the story's other reports");
      }
    }
  }

  // The person a sentence introduces, for the turn that follows it; kNobody if none fits.
  // How a sentence with no name or title may introduce: not by a pronoun; by a subject pronoun
  // ("he", "she") and the person it resolves to; or that, else the story's main figure.
  enum class Pronouns { kNo, kSubject, kSubjectOrSalient };
  int introduced_person(const Span& sentence, const doc::Turn& next, Pronouns pronouns) const {
    std::vector<int>
        inside;  // people the next turn names: not its speaker (nobody says "I, Putin")
    for (const Mention* m : mentions_in(next.start, next.end))
      inside.push_back(static_cast<int>(m->entity));
    auto allowed = [&](int e) {
      if (e == kNobody || m_ents.entities[e].type != doc::Entity::Type::kPerson) return false;
      if (m_ents.journalist[e]) return false;
      for (const auto& t : m_turns)
        if (t.role != doc::Role::kSoundbite && t.speaker == m_ents.entities[e].name) return false;
      return std::find(inside.begin(), inside.end(), e) == inside.end();
    };
    auto refs = m_in.referents.in_range(sentence.start, sentence.end);
    // The subject of a speech verb: "The president said Kim Jong Un wanted ..." introduces the
    // president, not Kim.
    for (const auto& w : split_words(m_body, sentence.start, sentence.end)) {
      static constexpr std::string_view kVerbs[] = {
          "said",     "says",     "told",     "tells",   "announced", "declared",  "insisted",
          "warned",   "promised", "vowed",    "replied", "responded", "explained", "asked",
          "answered", "added",    "admitted", "spoke",   "speaks",    "argued",    "telling",
          "saying",   "asking",   "joking",   "joked",   "remarked"};
      if (std::find(std::begin(kVerbs), std::end(kVerbs), w.lower) == std::end(kVerbs)) continue;
      // "One grandmother told us she ...": said by someone the sentence does not name.
      {
        auto before = split_words(m_body, sentence.start, w.start);
        if (!before.empty() && is_person_noun(before.back().lower)) {
          static constexpr std::string_view kDeterminers[] = {
              "a", "an", "one", "another", "my", "our", "their", "his", "her", "this", "that"};
          for (size_t k = before.size() - 1; k-- > 0 && k + 4 >= before.size();)
            if (std::find(std::begin(kDeterminers), std::end(kDeterminers), before[k].lower) !=
                std::end(kDeterminers))
              return kNobody;
        }
      }
      for (size_t k = refs.size(); k-- > 0;) {
        const auto& r = refs[k];
        if (r.start >= w.start || r.kind == Reference::Kind::kPronoun || r.possessive || r.quoted)
          continue;
        if (r.entity == kNobody) return kNobody;  // an unresolved "the governor" said it
        if (allowed(r.entity)) return r.entity;
      }
      break;
    }
    // "With vice president Mike Pence sitting silently, the president made an offer": a
    // leading phrase up to the first comma is not the sentence's subject; look after it first.
    uint32_t main_from = sentence.start;
    {
      auto words = split_words(m_body, sentence.start, sentence.end);
      static constexpr std::string_view kLeads[] = {
          "with",       "after",    "as",      "while",     "before", "when",
          "standing",   "speaking", "flanked", "alongside", "beside", "next",
          "surrounded", "joined",   "like",    "unlike",    "despite"};
      if (!words.empty() &&
          std::find(std::begin(kLeads), std::end(kLeads), words.front().lower) != std::end(kLeads))
        if (const auto comma = m_body.substr(sentence.start, sentence.size()).find(',');
            comma != std::string_view::npos)
          main_from = sentence.start + static_cast<uint32_t>(comma);
    }
    for (uint32_t from : {main_from, sentence.start}) {
      for (auto kind : {Reference::Kind::kName, Reference::Kind::kTitle}) {
        for (size_t k = refs.size(); k-- > 0;) {
          const auto& r = refs[k];
          if (r.start >= from && r.kind == kind && !r.possessive && !r.quoted && allowed(r.entity))
            return r.entity;
        }
      }
      if (main_from == sentence.start) break;
    }
    // "George Floyd's brother, Terrence, came ...": the sentence is about someone it does not
    // name in full; a pronoun in it ("where he died") is someone else.
    {
      auto words = split_words(m_body, sentence.start, sentence.end);
      for (size_t k = 0; k + 1 < words.size() && k < 4; ++k)
        if (words[k].possessive && is_person_noun(words[k + 1].lower)) return kNobody;
    }
    for (const auto& r : refs) {
      if (pronouns == Pronouns::kNo || r.kind != Reference::Kind::kPronoun || r.quoted) continue;
      // "Then he turned to the drone.": the person the pronoun resolves to (references.hpp).
      if (!r.possessive && allowed(r.entity)) return r.entity;
      if (pronouns == Pronouns::kSubjectOrSalient) {
        // "Omar Siddiqi worked as an interpreter. ... His brother did not." then "I call him
        // every night": the person the possessive resolves to, before the story's main figure.
        if (r.possessive && allowed(r.entity)) return r.entity;
        return m_in.referents.most_salient(sentence.start, allowed);
      }
    }
    return kNobody;
  }

  // "That was the former vice president this afternoon in Delaware." names the clip before it.
  void named_afterwards(size_t i) {
    doc::Turn& t = m_turns[i];
    if (!t.speaker.empty() || t.role == doc::Role::kAnchor || t.role == doc::Role::kReporter)
      return;
    auto ss = sentences(m_turns[i + 1]);
    if (ss.empty()) return;
    const std::string first = lower_ascii(plain(ss.front()));
    std::string_view lead = trim_text(first);
    size_t skip = 0;
    for (std::string_view cue : {"that was ", "that's ", "that is ", "those were "})
      if (lead.starts_with(cue)) skip = cue.size();
    if (skip == 0) return;
    const auto lead_at = static_cast<uint32_t>(ss.front().start + (lead.data() - first.data()));
    for (const auto& r : m_in.referents.in_range(lead_at + static_cast<uint32_t>(skip),
                                                 lead_at + static_cast<uint32_t>(skip) + 8)) {
      if (r.entity == kNobody || r.possessive || r.quoted ||
          m_ents.entities[r.entity].type != doc::Entity::Type::kPerson ||
          m_ents.journalist[r.entity])
        continue;
      name(i, m_ents.entities[r.entity].name, 0.75,
           "named right after the clip: '" +
               std::string(
                   trim_text(m_body.substr(ss.front().start, ss.front().end - ss.front().start))) +
               "'");
      if (t.role == doc::Role::kUnknown) t.role = doc::Role::kSoundbite;
      return;
    }
  }

  // The one guest the document introduces ("Joining us now is senator Lindsey Graham").
  std::optional<std::string> only_guest() const {
    std::optional<std::string> found;
    for (size_t e = 0; e < m_ents.entities.size(); ++e) {
      const auto& name = m_ents.entities[e].name;
      if (m_ents.entities[e].type != doc::Entity::Type::kPerson || m_ents.journalist[e] ||
          !is_guest(name))
        continue;
      if (found && *found != name) return std::nullopt;
      found = name;
    }
    return found;
  }

  // A soundbite paragraph of a page (turns.cpp, narrative()): named by the sentence that
  // introduced it, or, answering an interviewer's question, as the interview's guest.
  void paragraph_soundbite(size_t i) {
    doc::Turn& t = m_turns[i];
    const bool answer = t.evidence.starts_with("answer to the question");
    size_t intro_turn = answer ? (i >= 2 ? i - 2 : i) : i - 1;
    if (intro_turn == i || m_turns[intro_turn].role == doc::Role::kSoundbite) return;
    auto before = sentences(m_turns[intro_turn]);
    if (before.empty()) return;
    const Span& intro = before.back();
    if (is_question(plain(intro))) {
      if (auto guest = only_guest())
        name(i, *guest, 0.6, "answers the interviewer's question; the guest introduced");
      return;
    }
    const int who = introduced_person(intro, t, Pronouns::kSubject);
    if (who == kNobody) return;
    name(i, m_ents.entities[who].name, 0.65,
         "introduced right before: '" +
             std::string(trim_text(m_body.substr(intro.start, intro.end - intro.start))) + "'");
  }

  void soundbite(size_t i) {
    doc::Turn& t = m_turns[i];
    if (t.role != doc::Role::kSoundbite || !t.speaker.empty() || i == 0) return;
    if (t.evidence.starts_with("new paragraph after the narration") ||
        t.evidence.starts_with("answer to the question")) {
      paragraph_soundbite(i);
      return;
    }
    if (t.evidence.starts_with("question") || t.evidence.starts_with("first-person answer")) return;
    if (!t.evidence.starts_with("shift to the first person")) return;
    auto before = sentences(m_turns[i - 1]);
    if (before.empty()) return;
    const Span& intro = before.back();
    if (is_question(plain(intro))) return;
    const int who = introduced_person(intro, t, Pronouns::kSubjectOrSalient);
    if (who == kNobody) return;
    const auto refs = m_in.referents.in_range(intro.start, intro.end);
    bool by_name = false, by_title = false;
    for (const auto& r : refs) {
      if (r.entity != who || r.possessive || r.quoted) continue;
      by_name = by_name || r.kind == Reference::Kind::kName;
      by_title = by_title || r.kind == Reference::Kind::kTitle;
    }
    const std::string sentence(trim_text(m_body.substr(intro.start, intro.end - intro.start)));
    const double confidence = by_name ? 0.75 : by_title ? 0.6 : 0.5;
    name(i, m_ents.entities[who].name, confidence,
         std::string(by_name ? "first-person shift right after naming them: '"
                     : by_title
                         ? "first-person shift right after 'the <title>': '"
                         : "first-person shift after a pronoun for the story's main figure: '") +
             sentence + "'");
  }

  // "Mr. President, are you telling people ...?" and the unnamed answer: the person the
  // document names with that office, the latest before the question.
  void answer_to_title(size_t i) {
    doc::Turn& t = m_turns[i];
    const doc::Turn& q = m_turns[i - 1];
    if (!t.speaker.empty() || t.role == doc::Role::kAnchor || t.role == doc::Role::kReporter ||
        !q.speaker.empty())
      return;
    auto qs = sentences(q);
    if (qs.empty() || !is_question(plain(qs.back()))) return;
    const std::string lead = lower_ascii(trim_text(plain(qs.front())));
    static constexpr std::pair<std::string_view, std::string_view> kForms[] = {
        {"mr. president,", "president"},
        {"madam president,", "president"},
        {"mr. vice president,", "vice president"},
        {"madam speaker,", "speaker"},
        {"mr. speaker,", "speaker"},
        {"mr. secretary,", "secretary"},
        {"madam secretary,", "secretary"},
        {"senator,", "senator"},
        {"governor,", "governor"},
        {"mr. mayor,", "mayor"},
        {"madam mayor,", "mayor"}};
    std::string_view title;
    for (const auto& [form, office] : kForms)
      if (std::string_view(lead).starts_with(form)) title = office;
    if (title.empty()) return;
    int best = kNobody;
    for (const auto& m : m_ents.mentions) {
      if (m.start >= q.start) break;
      const auto& titles = m_ents.titles[m.entity];
      if (m_ents.entities[m.entity].type != doc::Entity::Type::kPerson ||
          m_ents.journalist[m.entity] ||
          std::find(titles.begin(), titles.end(), std::string(title)) == titles.end())
        continue;
      best = static_cast<int>(m.entity);
    }
    if (best == kNobody) return;
    name(i, m_ents.entities[static_cast<size_t>(best)].name, 0.6,
         "answers a question put to the " + std::string(title) + ": '" +
             std::string(trim_text(m_body.substr(qs.front().start, qs.front().size()))) + "'");
    if (t.role == doc::Role::kUnknown) t.role = doc::Role::kSoundbite;
  }

  // Was `who` introduced as a guest ("joined by", "joining us")?
  bool is_guest(const std::string& who) const {
    if (auto it = m_guests.find(who); it != m_guests.end()) return it->second;
    const bool guest = find_guest(who);
    m_guests.emplace(who, guest);
    return guest;
  }
  bool find_guest(const std::string& who) const {
    for (const auto& m : m_ents.mentions) {
      if (m_ents.entities[m.entity].name != who) continue;
      // The sentence up to the mention ("With me, strategist A and strategist B").
      const uint32_t from = m.start > 200 ? m.start - 200 : 0;
      std::string before = lower_ascii(m_body.substr(from, m.start - from));
      if (const size_t stop = before.find_last_of(".?!\n"); stop != std::string::npos)
        before = before.substr(stop + 1);
      for (std::string_view cue :
           {"joined by", "joining us", "joins us", "with us", "joining me", "with me,",
            "with me are", "with me is", "with me now", "with me tonight", "with me this"})
        if (before.find(cue) != std::string::npos) return true;
      // "Superintendent Webb, thank you for joining us." / "Dr. Marsh, thanks for being here."
      const uint32_t to = std::min<uint32_t>(static_cast<uint32_t>(m_body.size()), m.end + 80);
      std::string after = lower_ascii(m_body.substr(m.end, to - m.end));
      if (const size_t stop = after.find_first_of(".?!\n"); stop != std::string::npos)
        after = after.substr(0, stop);
      for (std::string_view cue : {"for joining us", "for joining me", "for being with us",
                                   "for being here", "for coming in", "for being on"})
        if (after.find(cue) != std::string::npos) return true;
      // "Ellen Park was in Houston that summer. ... She joins us now."
      const uint32_t far = std::min<uint32_t>(static_cast<uint32_t>(m_body.size()), m.end + 240);
      const std::string next = lower_ascii(m_body.substr(m.end, far - m.end));
      // A cue for the guest, not past another person's name.
      auto names_only_them_before = [&](size_t at) {
        for (const auto& o : m_ents.mentions)
          if (o.start > m.end && o.start < m.end + at &&
              m_ents.entities[o.entity].type == doc::Entity::Type::kPerson &&
              m_ents.entities[o.entity].name != who)
            return false;
        return true;
      };
      // "Alan Brandt is a former prosecutor. Alan, welcome." (not "welcome back"), or
      // "... sits on the board of the Farm Bureau. Welcome."
      for (std::string_view cue : {", welcome", ". welcome"})
        if (const size_t at = next.find(cue); at != std::string::npos &&
                                              next.compare(at + 2, 12, "welcome back") != 0 &&
                                              names_only_them_before(at))
          return true;
      for (std::string_view cue : {"she joins us", "he joins us", "joins us now", "joins me now",
                                   "she is with us", "he is with us"})
        if (const size_t at = next.find(cue); at != std::string::npos && names_only_them_before(at))
          return true;
    }
    return false;
  }

  void roles() {
    std::vector<std::string> thanked;
    for (const auto& t : m_turns) {
      if (t.role != doc::Role::kAnchor) continue;
      for (const Span& s : sentences(t))
        if (auto name = thanked_name(plain(s))) thanked.push_back(*name);
    }
    for (size_t i = 0; i < m_turns.size(); ++i) {
      auto& t = m_turns[i];
      if (t.role != doc::Role::kUnknown) continue;
      if (t.speaker.empty()) {
        // An unnamed speaker change that talks in the first person: someone interviewed.
        auto ss = sentences(t);
        if (i > 0 && !ss.empty() && is_first_person(plain(ss.front()))) {
          t.role = doc::Role::kSoundbite;
          t.confidence = 0.5;
          t.evidence = "speaker change to someone talking in the first person";
          // "Governor Tim Walz toured the damage." then ">> This is a Minnesota storm, and
          // we'll get through it.": the person the sentence before introduced.
          auto before = sentences(m_turns[i - 1]);
          // A sentence that quotes someone has given their words already.
          bool quotes_inside = false;
          for (const Span& q : m_in.quoted)
            quotes_inside =
                quotes_inside ||
                (!before.empty() && q.start >= before.back().start && q.end <= before.back().end &&
                 count_words(m_body.substr(q.start, q.size()), 3) >= 3);
          if (!before.empty() && m_turns[i - 1].role != doc::Role::kSoundbite &&
              !is_question(plain(before.back())) && !quotes_inside) {
            const int who = introduced_person(before.back(), t, Pronouns::kSubject);
            if (who != kNobody)
              name(i, m_ents.entities[static_cast<size_t>(who)].name, 0.6,
                   "first person right after naming them: '" +
                       std::string(
                           trim_text(m_body.substr(before.back().start, before.back().size()))) +
                       "'");
          }
        }
        continue;
      }
      const bool handed = t.evidence.starts_with("hand-off") ||
                          t.evidence.starts_with("sign-off") || t.evidence.starts_with("addressed");
      bool was_thanked = false;
      for (const auto& name : thanked)
        if (auto who = resolve_name(name); who && *who == t.speaker) was_thanked = true;
      if (is_journalist(t.speaker) || ((handed || was_thanked) && !is_guest(t.speaker)))
        t.role = doc::Role::kReporter;
      else
        t.role = doc::Role::kSoundbite;
    }
    // Morning-show co-hosts and live answers: a "soundbite" by a news outlet's journalist is the
    // journalist reporting ("Julian, how is Wall Street taking it?" "Futures are down."); one
    // that hands over to a journalist is an anchor's ("They did, Michael. ABC's Julian Park is
    // tracking it."), and so is every turn of a speaker who anchors elsewhere.
    for (size_t i = 0; i < m_turns.size(); ++i) {
      auto& t = m_turns[i];
      if (t.role != doc::Role::kSoundbite || t.speaker.empty()) continue;
      if (is_journalist(t.speaker)) {
        t.role = doc::Role::kReporter;
      } else if (i + 1 < m_turns.size() && !is_guest(t.speaker) &&
                 m_turns[i + 1].role == doc::Role::kReporter &&
                 m_turns[i + 1].evidence.starts_with("hand-off") &&
                 is_journalist(m_turns[i + 1].speaker)) {
        t.role = doc::Role::kAnchor;
      }
    }
    std::vector<std::string> anchors;
    for (const auto& t : m_turns)
      if (t.role == doc::Role::kAnchor && !t.speaker.empty()) anchors.push_back(t.speaker);
    for (auto& t : m_turns)
      if (t.role == doc::Role::kSoundbite &&
          std::find(anchors.begin(), anchors.end(), t.speaker) != anchors.end())
        t.role = doc::Role::kAnchor;
    // A colleague known only by a first name ("George?" "Robin, it was a remarkable
    // conversation.") is not someone interviewed: guests are named in full.
    for (auto& t : m_turns)
      if (t.role == doc::Role::kSoundbite && !t.speaker.empty() &&
          split_words(t.speaker).size() == 1 && !is_guest(t.speaker) &&
          (t.evidence.starts_with("addressed") || t.evidence.starts_with("hand-off")))
        t.role = doc::Role::kReporter;
    // An unnamed speaker change that opens by thanking a reporter ("Thanks, Ginger.") is the
    // anchor's, named like the anchor's other turns when there is one anchor.
    for (size_t i = 1; i < m_turns.size(); ++i) {
      auto& t = m_turns[i];
      if (t.role != doc::Role::kUnknown || !t.speaker.empty()) continue;
      auto ss = sentences(t);
      if (ss.empty()) continue;
      auto thanks = thanked_name(plain(ss.front()));
      if (!thanks) continue;
      auto who = resolve_name(*thanks);
      bool reporter = false;
      for (size_t k = 0; k < i; ++k)
        reporter = reporter ||
                   (who && m_turns[k].speaker == *who && m_turns[k].role == doc::Role::kReporter);
      if (!reporter) continue;
      t.role = doc::Role::kAnchor;
      t.confidence = 0.7;
      t.evidence = "thanks the reporter: '" + *thanks + "'";
      std::sort(anchors.begin(), anchors.end());
      anchors.erase(std::unique(anchors.begin(), anchors.end()), anchors.end());
      if (anchors.size() == 1) {
        t.speaker = anchors.front();
        t.confidence = 0.65;
        t.evidence += "; the story's one anchor";
      }
    }
    // A question from the floor: "Chief, was this fire caused by a power line?" (a title, no
    // name) and the answer after it are soundbites of people the text does not name.
    for (size_t i = 1; i + 1 < m_turns.size(); ++i) {
      auto& t = m_turns[i];
      if (t.role != doc::Role::kUnknown || !t.speaker.empty()) continue;
      auto ss = sentences(t);
      if (ss.empty() || !is_question(plain(ss.back()))) continue;
      auto voc = leading_vocative(plain(ss.front()));
      if (!voc || resolve_name(*voc)) continue;
      t.role = doc::Role::kSoundbite;
      t.confidence = 0.5;
      t.evidence = "a question put to '" + *voc + "'";
      auto& answer = m_turns[i + 1];
      auto as = sentences(answer);
      if (answer.role == doc::Role::kUnknown && answer.speaker.empty() && !as.empty() &&
          !is_question(plain(as.back()))) {
        answer.role = doc::Role::kSoundbite;
        answer.confidence = 0.5;
        answer.evidence = "answers the question put to '" + *voc + "'";
      }
    }
    // Narration after a soundbite (not in the first person, not a question) is the voice that
    // introduced the soundbite resuming: the anchor or reporter before it.
    for (size_t i = 1; i < m_turns.size(); ++i) {
      auto& t = m_turns[i];
      if (t.role != doc::Role::kUnknown || !t.speaker.empty() ||
          m_turns[i - 1].role != doc::Role::kSoundbite)
        continue;
      auto ss = sentences(t);
      if (ss.empty() || is_first_person(plain(ss.front())) || is_question(plain(ss.back())) ||
          thanked_name(plain(ss.front())))
        continue;
      size_t k = i - 1;
      while (k > 0 && m_turns[k].role == doc::Role::kSoundbite) --k;
      const auto& voice = m_turns[k];
      if (voice.role != doc::Role::kAnchor && voice.role != doc::Role::kReporter) continue;
      t.role = voice.role;
      t.speaker = voice.speaker;
      t.confidence = 0.55;
      t.evidence = "narration resuming after the soundbite";
    }
  }

  mutable std::map<std::string, bool> m_guests;  // is_guest, by name
  std::vector<std::string> m_name_parts;         // lower-case words of people's names, sorted
  const TurnInput& m_in;
  std::string_view m_body;
  std::vector<doc::Turn>& m_turns;
  const EntityResult& m_ents;
};

}  // namespace

void name_speakers(const TurnInput& in, std::vector<doc::Turn>& turns) {
  Namer(in, turns).run();
}

}  // namespace newsdex::understand
