#include "newsdex/understand/eval.hpp"

#include <algorithm>
#include <set>

#include "newsdex/understand/analysis_json.hpp"
#include "newsdex/understand/text.hpp"

namespace newsdex::understand {

using nlohmann::json;

Score& Score::operator+=(const Score& o) {
  correct_predicted += o.correct_predicted;
  predicted += o.predicted;
  correct_gold += o.correct_gold;
  gold += o.gold;
  return *this;
}

EvalScores& EvalScores::operator+=(const EvalScores& o) {
  speakers += o.speakers;
  quotes += o.quotes;
  quote_spans += o.quote_spans;
  entities += o.entities;
  return *this;
}

namespace {

std::string norm(const json& j) {
  return j.is_string() ? lower_ascii(trim_text(j.get<std::string>())) : std::string();
}

uint32_t overlap(Span a, Span b) {
  const uint32_t s = std::max(a.start, b.start), e = std::min(a.end, b.end);
  return e > s ? e - s : 0;
}

double dice(Span a, Span b) {
  return a.size() + b.size() == 0 ? 0.0 : 2.0 * overlap(a, b) / double(a.size() + b.size());
}

struct GoldTurn {
  Span span;
  std::string speaker;
  std::string role;
};

struct Q {
  Span span;
  std::string speaker;
};

std::string snippet(std::string_view body, Span s) {
  std::string out(body.substr(s.start, std::min<uint32_t>(s.size(), 60)));
  for (char& c : out)
    if (c == '\n') c = ' ';
  return out;
}

}  // namespace

core::Result<EvalScores> score_document(const doc::Transcript& t, const Analysis& a,
                                        const json& gold, std::vector<std::string>* errors) {
  auto bad = [&](std::string message) {
    return core::fail(core::ErrorCode::kParse, "annotation of '" + t.title + "': " + message);
  };
  auto note = [&](std::string line) {
    if (errors != nullptr) errors->push_back(std::move(line));
  };
  const std::string_view body = t.body;
  EvalScores out;
  // Gold turns: each starts at the first occurrence of its "at" text after the previous one.
  std::vector<GoldTurn> turns;
  size_t from = 0;
  for (const auto& gt : gold.value("turns", json::array())) {
    const std::string at = gt.value("at", "");
    const size_t pos = at.empty() ? std::string::npos : body.find(at, from);
    if (pos == std::string::npos) return bad("turn text not found: '" + at + "'");
    turns.push_back({{static_cast<uint32_t>(pos), 0},
                     norm(gt.value("speaker", json())),
                     gt.value("role", "unknown")});
    from = pos + 1;
  }
  for (size_t i = 0; i < turns.size(); ++i) {
    uint32_t end =
        i + 1 < turns.size() ? turns[i + 1].span.start : static_cast<uint32_t>(body.size());
    while (end > turns[i].span.start && is_space(body[end - 1])) --end;
    turns[i].span.end = end;
  }
  // Speaker naming.
  auto best_gold = [&](Span s) -> const GoldTurn* {
    const GoldTurn* best = nullptr;
    uint32_t most = 0;
    for (const auto& g : turns)
      if (uint32_t o = overlap(s, g.span); o > most) {
        most = o;
        best = &g;
      }
    return best;
  };
  for (const auto& p : a.turns) {
    if (p.speaker.empty()) continue;
    ++out.speakers.predicted;
    const GoldTurn* g = best_gold({p.start, p.end});
    if (g != nullptr && g->speaker == lower_ascii(p.speaker))
      ++out.speakers.correct_predicted;
    else
      note("speaker: predicted '" + p.speaker + "' for \"" + snippet(body, {p.start, p.end}) +
           "\", annotated '" + (g ? g->speaker : "") + "'");
  }
  for (const auto& g : turns) {
    if (g.speaker.empty()) continue;
    ++out.speakers.gold;
    const doc::Turn* best = nullptr;
    uint32_t most = 0;
    for (const auto& p : a.turns)
      if (uint32_t o = overlap({p.start, p.end}, g.span); o > most) {
        most = o;
        best = &p;
      }
    if (best != nullptr && lower_ascii(best->speaker) == g.speaker)
      ++out.speakers.correct_gold;
    else
      note("speaker: missed '" + g.speaker + "' for \"" + snippet(body, g.span) + "\"" +
           (best ? ", predicted '" + best->speaker + "'" : ""));
  }
  // Quotes: annotated quoted ones plus one per annotated soundbite turn.
  std::vector<Q> gold_quotes;
  for (const auto& gq : gold.value("quotes", json::array())) {
    const std::string text = gq.value("text", "");
    const size_t pos = text.empty() ? std::string::npos : body.find(text);
    if (pos == std::string::npos) return bad("quote text not found: '" + text + "'");
    gold_quotes.push_back({{static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + text.size())},
                           norm(gq.value("speaker", json()))});
  }
  for (const auto& g : turns) {
    if (g.role != "soundbite") continue;
    uint32_t start = g.span.start, end = g.span.end;
    for (const auto& m : t.markup) {  // as find_quotes does: no label, no trailing direction
      if (m.start <= start && m.end > start) start = std::min(m.end, end);
      while (start < end && is_space(body[start])) ++start;
      if (m.start > start && m.start < end) end = m.start;
    }
    std::string_view text = trim_text(body.substr(start, end - start));
    const auto at = static_cast<uint32_t>(text.data() - body.data());
    gold_quotes.push_back({{at, at + static_cast<uint32_t>(text.size())}, g.speaker});
  }
  std::vector<Q> predicted;
  for (const auto& q : a.quotes) predicted.push_back({{q.start, q.end}, lower_ascii(q.speaker)});
  auto matches = [](const Q& x, const Q& y, bool speaker) {
    return dice(x.span, y.span) >= 0.8 && (!speaker || x.speaker == y.speaker);
  };
  for (bool with_speaker : {true, false}) {
    Score& s = with_speaker ? out.quotes : out.quote_spans;
    s.predicted = predicted.size();
    s.gold = gold_quotes.size();
    for (const auto& p : predicted) {
      bool ok = std::any_of(gold_quotes.begin(), gold_quotes.end(),
                            [&](const Q& g) { return matches(p, g, with_speaker); });
      s.correct_predicted += ok ? 1 : 0;
      if (!ok && with_speaker)
        note("quote: predicted \"" + snippet(body, p.span) + "\" by '" + p.speaker + "'");
    }
    for (const auto& g : gold_quotes) {
      bool ok = std::any_of(predicted.begin(), predicted.end(),
                            [&](const Q& p) { return matches(p, g, with_speaker); });
      s.correct_gold += ok ? 1 : 0;
      if (!ok && with_speaker)
        note("quote: missed \"" + snippet(body, g.span) + "\" by '" + g.speaker + "'");
    }
  }
  // Entities.
  std::set<std::pair<std::string, std::string>> gold_entities, predicted_entities;
  for (const auto& ge : gold.value("entities", json::array())) {
    if (ge.is_array() && ge.size() == 2)
      gold_entities.insert({norm(ge[0]), norm(ge[1])});
    else if (ge.is_object())
      gold_entities.insert({norm(ge.value("name", json())), norm(ge.value("type", json()))});
    else
      return bad("entities must be [name, type] pairs or {name, type} objects");
  }
  for (const auto& e : a.entities)
    predicted_entities.insert({lower_ascii(e.name), std::string(doc::entity_type_name(e.type))});
  out.entities.predicted = predicted_entities.size();
  out.entities.gold = gold_entities.size();
  for (const auto& p : predicted_entities) {
    if (gold_entities.contains(p))
      ++out.entities.correct_predicted;
    else
      note("entity: predicted " + p.first + " (" + p.second + ")");
  }
  for (const auto& g : gold_entities) {
    if (predicted_entities.contains(g))
      ++out.entities.correct_gold;
    else
      note("entity: missed " + g.first + " (" + g.second + ")");
  }
  return out;
}

std::vector<EvalFile> find_eval_files(const std::filesystem::path& dir) {
  std::vector<EvalFile> out;
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) return out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, ec)) {
    if (!entry.is_regular_file()) continue;
    const std::string name = entry.path().filename().string();
    if (!name.ends_with(".gold.json")) continue;
    std::filesystem::path transcript = entry.path();
    transcript.replace_filename(name.substr(0, name.size() - std::string(".gold.json").size()));
    out.push_back({transcript, entry.path()});
  }
  std::sort(out.begin(), out.end(),
            [](const EvalFile& a, const EvalFile& b) { return a.transcript < b.transcript; });
  return out;
}

}  // namespace newsdex::understand
