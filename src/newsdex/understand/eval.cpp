#include "newsdex/understand/eval.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>

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

// Two quote spans are the same quote when their byte ranges overlap with Dice >= 0.8: a
// difference of trailing punctuation or a stray word passes, half a quote does not.
constexpr double kQuoteDice = 0.8;

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
  std::string kind;
};

std::string snippet(std::string_view body, Span s) {
  constexpr uint32_t kMax = 90;
  std::string out(body.substr(s.start, std::min<uint32_t>(s.size(), kMax)));
  for (char& c : out)
    if (c == '\n') c = ' ';
  if (s.size() > kMax) out += "...";
  return out;
}

std::string where(Span s) {
  return "[" + std::to_string(s.start) + "," + std::to_string(s.end) + ")";
}

std::string who(const std::string& speaker) {
  return speaker.empty() ? "nobody" : "'" + speaker + "'";
}

// The annotated quoted words, located in the body in the order they are listed (a nested one,
// "in", inside the quote around it).
core::Result<std::vector<Q>> locate_quoted(const doc::Transcript& t, const json& gold,
                                           const EvalOptions& options) {
  auto bad = [&](std::string message) {
    return core::fail(core::ErrorCode::kParse, "annotation of '" + t.title + "': " + message);
  };
  const std::string_view body = t.body;
  std::vector<Q> gold_quotes;
  size_t quote_from = 0;
  for (const auto& gq : gold.value("quotes", json::array())) {
    const std::string text = gq.value("text", "");
    size_t pos = std::string::npos;
    if (const auto in = gq.find("in"); in != gq.end()) {
      // A quote inside an earlier one ("in": that quote's index): found within its words.
      const size_t outer = in->is_number_integer() && in->get<int64_t>() >= 0 ? in->get<size_t>()
                                                                              : gold_quotes.size();
      if (outer >= gold_quotes.size())
        return bad("quote '" + text + "': \"in\" must be the index of an earlier quote");
      const Span o = gold_quotes[outer].span;
      const size_t found =
          text.empty() ? std::string::npos : body.substr(o.start, o.size()).find(text);
      if (found == std::string::npos)
        return bad("quote text not found inside quote " + std::to_string(outer) + ": '" + text +
                   "'");
      pos = o.start + found;
    } else {
      pos = text.empty() ? std::string::npos : body.find(text, quote_from);
      if (pos == std::string::npos && !text.empty()) pos = body.find(text);  // out of order
    }
    if (pos == std::string::npos) return bad("quote text not found: '" + text + "'");
    if (options.quotes_in_order) quote_from = pos + 1;
    gold_quotes.push_back({{static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + text.size())},
                           norm(gq.value("speaker", json())),
                           "quoted"});
  }
  return gold_quotes;
}

}  // namespace

core::Result<EvalScores> score_document(const doc::Transcript& t, const Analysis& a,
                                        const json& gold, std::vector<std::string>* errors,
                                        const EvalOptions& options) {
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
      note("speaker FP " + where({p.start, p.end}) + " predicted '" + p.speaker + "', annotated " +
           who(g ? g->speaker : "") + ": \"" + snippet(body, {p.start, p.end}) + "\"");
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
      note("speaker FN " + where(g.span) + " annotated '" + g.speaker + "', predicted " +
           who(best ? best->speaker : "") + ": \"" + snippet(body, g.span) + "\"");
  }
  // Quotes: annotated quoted ones plus one per annotated soundbite turn.
  auto located = locate_quoted(t, gold, options);
  if (!located) return tl::unexpected(located.error());
  std::vector<Q> gold_quotes = std::move(*located);
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
    gold_quotes.push_back({{at, at + static_cast<uint32_t>(text.size())}, g.speaker, "soundbite"});
  }
  std::vector<Q> predicted;
  for (const auto& q : a.quotes)
    predicted.push_back({{q.start, q.end},
                         lower_ascii(q.speaker),
                         q.kind == doc::Quote::Kind::kSoundbite ? "soundbite" : "quoted"});
  auto matches = [](const Q& x, const Q& y, bool speaker) {
    return dice(x.span, y.span) >= kQuoteDice && (!speaker || x.speaker == y.speaker);
  };
  for (bool with_speaker : {true, false}) {
    Score& s = with_speaker ? out.quotes : out.quote_spans;
    s.predicted = predicted.size();
    s.gold = gold_quotes.size();
    std::vector<bool> p_ok(predicted.size(), false), g_ok(gold_quotes.size(), false);
    if (options.quote_matching == QuoteMatching::kAny) {
      for (size_t i = 0; i < predicted.size(); ++i)
        for (size_t j = 0; j < gold_quotes.size(); ++j)
          if (matches(predicted[i], gold_quotes[j], with_speaker)) p_ok[i] = g_ok[j] = true;
    } else {
      // One-to-one: candidate pairs by decreasing Dice, each side used once.
      std::vector<std::tuple<double, size_t, size_t>> pairs;
      for (size_t i = 0; i < predicted.size(); ++i)
        for (size_t j = 0; j < gold_quotes.size(); ++j)
          if (matches(predicted[i], gold_quotes[j], with_speaker))
            pairs.emplace_back(dice(predicted[i].span, gold_quotes[j].span), i, j);
      std::stable_sort(pairs.begin(), pairs.end(), [](const auto& x, const auto& y) {
        return std::get<0>(x) > std::get<0>(y);
      });
      for (const auto& [d, i, j] : pairs)
        if (!p_ok[i] && !g_ok[j]) p_ok[i] = g_ok[j] = true;
    }
    for (size_t i = 0; i < predicted.size(); ++i) {
      s.correct_predicted += p_ok[i] ? 1 : 0;
      if (!p_ok[i] && with_speaker)
        note("quote FP " + where(predicted[i].span) + " " + predicted[i].kind + " by " +
             who(predicted[i].speaker) + ": \"" + snippet(body, predicted[i].span) + "\"");
    }
    for (size_t j = 0; j < gold_quotes.size(); ++j) {
      s.correct_gold += g_ok[j] ? 1 : 0;
      if (!g_ok[j] && with_speaker)
        note("quote FN " + where(gold_quotes[j].span) + " " + gold_quotes[j].kind + " by " +
             who(gold_quotes[j].speaker) + ": \"" + snippet(body, gold_quotes[j].span) + "\"");
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
      note("entity FP " + p.first + " (" + p.second + ")");
  }
  for (const auto& g : gold_entities) {
    if (predicted_entities.contains(g))
      ++out.entities.correct_gold;
    else
      note("entity FN " + g.first + " (" + g.second + ")");
  }
  return out;
}

core::Result<std::vector<std::string>> attribution_examples(const doc::Transcript& transcript,
                                                            std::span<const AttributionCase> cases,
                                                            const json& gold,
                                                            const std::string& label,
                                                            size_t& next_case) {
  auto located = locate_quoted(transcript, gold, EvalOptions{});
  if (!located) return tl::unexpected(located.error());
  std::vector<std::string> out;
  for (const auto& c : cases) {
    const Q* match = nullptr;
    double top = 0;
    for (const auto& g : *located)
      if (double d = dice({c.start, c.end}, g.span); d >= kQuoteDice && d > top) {
        top = d;
        match = &g;
      }
    if (match == nullptr) continue;  // not an annotated quote: nothing to learn
    for (const auto& cand : c.candidates) {
      std::string line = label + "\t" + std::to_string(next_case) + "\t" +
                         (lower_ascii(cand.name) == match->speaker ? "1" : "0") + "\t" +
                         (cand.name.empty() ? "-" : cand.name) + "\t";
      for (size_t i = 0; i < cand.features.size(); ++i) {
        if (i > 0) line += ' ';
        line += std::string(attribution_feature_name(cand.features[i].first)) + ":" +
                fmt::format("{:.4g}", cand.features[i].second);
      }
      out.push_back(std::move(line));
    }
    ++next_case;
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
