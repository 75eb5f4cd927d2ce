#include "newsdex/understand/analysis_json.hpp"

#include <fmt/format.h>

#include <cmath>

#include "newsdex/understand/repair.hpp"
#include "newsdex/understand/text.hpp"

namespace newsdex::understand {

using nlohmann::json;

namespace {

json nullable(const std::string& s) {
  return s.empty() ? json(nullptr) : json(s);
}
double round2(double x) {
  return std::round(x * 100.0) / 100.0;
}

}  // namespace

std::string turn_text(const doc::Transcript& t, const doc::Turn& turn) {
  uint32_t start = std::min<uint32_t>(turn.start, static_cast<uint32_t>(t.body.size()));
  const uint32_t end = std::min<uint32_t>(turn.end, static_cast<uint32_t>(t.body.size()));
  for (const auto& m : t.markup)
    if (m.kind == doc::Markup::Kind::kSpeakerLabel && m.start <= start && m.end > start)
      start = std::min(m.end, end);
  return std::string(trim_text(std::string_view(t.body).substr(start, end - std::min(start, end))));
}

json turn_to_json(const doc::Transcript& t, const doc::Turn& turn) {
  return {{"role", doc::role_name(turn.role)},
          {"speaker", nullable(turn.speaker)},
          {"confidence", round2(turn.confidence)},
          {"evidence", turn.evidence},
          {"start", turn.start},
          {"end", turn.end},
          {"text", turn_text(t, turn)}};
}

json quote_to_json(const doc::Quote& q) {
  return {{"text", q.text},
          {"speaker", nullable(q.speaker)},
          {"medium", nullable(q.medium)},
          {"start", q.start},
          {"end", q.end},
          {"kind", doc::quote_kind_name(q.kind)}};
}

json entity_to_json(const doc::Entity& e) {
  json mentions = json::array();
  for (const auto& m : e.mentions) mentions.push_back({{"start", m.start}, {"end", m.end}});
  return {{"name", e.name},
          {"type", doc::entity_type_name(e.type)},
          {"aliases", e.aliases},
          {"mentions", std::move(mentions)}};
}

json repairs_to_json(std::string_view body) {
  json out = json::array();
  for (const auto& r : repair_text(body).repairs)
    out.push_back({{"start", r.start}, {"end", r.end}, {"kind", repair_kind_name(r.kind)}});
  return out;
}

json analysis_to_json(const doc::Transcript& t, const Analysis& a) {
  json turns = json::array(), quotes = json::array(), entities = json::array();
  for (const auto& turn : a.turns) turns.push_back(turn_to_json(t, turn));
  for (const auto& q : a.quotes) quotes.push_back(quote_to_json(q));
  for (const auto& e : a.entities) entities.push_back(entity_to_json(e));
  return {{"id", t.id},
          {"title", t.title},
          {"date", t.date},
          {"turns", turns},
          {"quotes", quotes},
          {"entities", entities},
          {"clean_text", a.clean.text}};
}

std::string analysis_to_text(const doc::Transcript& t, const Analysis& a) {
  std::string out =
      fmt::format("{}  {}  {}\n", t.id, t.date.empty() ? "(no date)" : t.date, t.title);
  out += "\nTurns:\n";
  for (const auto& turn : a.turns) {
    std::string text = turn_text(t, turn);
    if (text.size() > 100) text = text.substr(0, 97) + "...";
    out += fmt::format("  [{} | {} | {:.2f}] {}\n      evidence: {}\n", doc::role_name(turn.role),
                       turn.speaker.empty() ? "?" : turn.speaker, turn.confidence, text,
                       turn.evidence);
  }
  out += "\nQuotes:\n";
  for (const auto& q : a.quotes) {
    std::string text = q.text.size() > 100 ? q.text.substr(0, 97) + "..." : q.text;
    out += fmt::format("  {} \"{}\" — {}{}\n",
                       q.kind == doc::Quote::Kind::kSoundbite ? "(soundbite)" : "(quoted)   ", text,
                       q.speaker.empty() ? "unknown" : q.speaker,
                       q.medium.empty() ? "" : " (" + q.medium + ")");
  }
  out += "\nEntities:\n";
  for (const auto& e : a.entities) {
    std::string aliases;
    for (const auto& al : e.aliases) aliases += (aliases.empty() ? "" : ", ") + al;
    out += fmt::format("  {:<13} {} ({} mention{}){}\n", doc::entity_type_name(e.type), e.name,
                       e.mentions.size(), e.mentions.size() == 1 ? "" : "s",
                       aliases.empty() ? "" : "  aka " + aliases);
  }
  if (!a.clean.repairs.empty()) {
    out += "\nCaption repairs:\n";
    for (const auto& r : a.clean.repairs)
      out += fmt::format("  {} at {}: removed '{}'\n", repair_kind_name(r.kind), r.start,
                         t.body.substr(r.start, r.end - r.start));
  }
  return out;
}

}  // namespace newsdex::understand
