#include "newsdex/index/storage/stored_doc.hpp"

#include <zstd.h>

#include <memory>
#include <nlohmann/json.hpp>

namespace newsdex::index {

using nlohmann::json;

json transcript_to_json(const doc::Transcript& t) {
  json j = {{"id", t.id},     {"source", t.source},     {"show", t.show},
            {"date", t.date}, {"time", t.time},         {"title", t.title},
            {"url", t.url},   {"language", t.language}, {"body", t.body}};
  json turns = json::array();
  for (const auto& turn : t.turns) {
    json tj = {{"start", turn.start},
               {"end", turn.end},
               {"speaker", turn.speaker.empty() ? json(nullptr) : json(turn.speaker)},
               {"label", turn.label},
               {"role", doc::role_name(turn.role)}};
    if (turn.time_ms) tj["time_ms"] = *turn.time_ms;
    if (turn.confidence > 0) tj["confidence"] = turn.confidence;
    if (!turn.evidence.empty()) tj["evidence"] = turn.evidence;
    turns.push_back(std::move(tj));
  }
  j["turns"] = std::move(turns);
  json cues = json::array();
  for (const auto& c : t.cues)
    cues.push_back(
        {{"start", c.start}, {"end", c.end}, {"start_ms", c.start_ms}, {"end_ms", c.end_ms}});
  j["cues"] = std::move(cues);
  json markup = json::array();
  for (const auto& m : t.markup)
    markup.push_back({{"start", m.start}, {"end", m.end}, {"kind", doc::markup_kind_name(m.kind)}});
  j["markup"] = std::move(markup);
  j["meta"] = t.meta;
  // Understanding (understand/analyze.hpp): quotes and entities with byte offsets into body.
  json quotes = json::array();
  for (const auto& q : t.quotes)
    quotes.push_back({{"start", q.start},
                      {"end", q.end},
                      {"text", q.text},
                      {"speaker", q.speaker.empty() ? json(nullptr) : json(q.speaker)},
                      {"medium", q.medium.empty() ? json(nullptr) : json(q.medium)},
                      {"kind", doc::quote_kind_name(q.kind)},
                      {"confidence", q.confidence},
                      {"evidence", q.evidence}});
  j["quotes"] = std::move(quotes);
  json entities = json::array();
  for (const auto& e : t.entities) {
    json mentions = json::array();
    for (const auto& m : e.mentions) mentions.push_back({{"start", m.start}, {"end", m.end}});
    entities.push_back({{"name", e.name},
                        {"type", doc::entity_type_name(e.type)},
                        {"aliases", e.aliases},
                        {"mentions", std::move(mentions)}});
  }
  j["entities"] = std::move(entities);
  return j;
}

core::Result<doc::Transcript> transcript_from_json(const json& j) {
  try {
    doc::Transcript t;
    auto str = [&](const char* key) {
      auto it = j.find(key);
      return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    t.id = str("id");
    t.source = str("source");
    t.show = str("show");
    t.date = str("date");
    t.time = str("time");
    t.title = str("title");
    t.url = str("url");
    t.language = str("language");
    t.body = str("body");
    if (auto it = j.find("turns"); it != j.end()) {
      for (const auto& tj : *it) {
        doc::Turn turn;
        turn.start = tj.at("start").get<uint32_t>();
        turn.end = tj.at("end").get<uint32_t>();
        if (tj.contains("speaker") && tj["speaker"].is_string()) turn.speaker = tj["speaker"];
        if (tj.contains("label")) turn.label = tj["label"].get<std::string>();
        if (tj.contains("role")) turn.role = doc::role_from_name(tj["role"].get<std::string>());
        if (tj.contains("time_ms")) turn.time_ms = tj["time_ms"].get<int64_t>();
        if (tj.contains("confidence")) turn.confidence = tj["confidence"].get<double>();
        if (tj.contains("evidence")) turn.evidence = tj["evidence"].get<std::string>();
        t.turns.push_back(std::move(turn));
      }
    }
    if (auto it = j.find("cues"); it != j.end()) {
      for (const auto& c : *it)
        t.cues.push_back({c.at("start").get<uint32_t>(), c.at("end").get<uint32_t>(),
                          c.at("start_ms").get<int64_t>(), c.at("end_ms").get<int64_t>()});
    }
    if (auto it = j.find("markup"); it != j.end()) {
      for (const auto& m : *it) {
        doc::Markup mk{m.at("start").get<uint32_t>(), m.at("end").get<uint32_t>(),
                       doc::Markup::Kind::kDirection};
        auto kind = m.at("kind").get<std::string>();
        if (kind == "speaker_label") mk.kind = doc::Markup::Kind::kSpeakerLabel;
        if (kind == "timestamp") mk.kind = doc::Markup::Kind::kTimestamp;
        t.markup.push_back(mk);
      }
    }
    if (auto it = j.find("quotes"); it != j.end()) {
      for (const auto& qj : *it) {
        doc::Quote q;
        q.start = qj.at("start").get<uint32_t>();
        q.end = qj.at("end").get<uint32_t>();
        q.text = qj.value("text", "");
        if (qj.contains("speaker") && qj["speaker"].is_string()) q.speaker = qj["speaker"];
        if (qj.contains("medium") && qj["medium"].is_string()) q.medium = qj["medium"];
        q.kind = qj.value("kind", "quoted") == "soundbite" ? doc::Quote::Kind::kSoundbite
                                                           : doc::Quote::Kind::kQuoted;
        q.confidence = qj.value("confidence", 0.0);
        q.evidence = qj.value("evidence", "");
        t.quotes.push_back(std::move(q));
      }
    }
    if (auto it = j.find("entities"); it != j.end()) {
      for (const auto& ej : *it) {
        doc::Entity e;
        e.name = ej.value("name", "");
        e.type = doc::entity_type_from_name(ej.value("type", "person"))
                     .value_or(doc::Entity::Type::kPerson);
        if (ej.contains("aliases")) e.aliases = ej["aliases"].get<std::vector<std::string>>();
        if (ej.contains("mentions"))
          for (const auto& m : ej["mentions"])
            e.mentions.push_back({m.at("start").get<uint32_t>(), m.at("end").get<uint32_t>()});
        t.entities.push_back(std::move(e));
      }
    }
    if (auto it = j.find("meta"); it != j.end() && it->is_object())
      for (const auto& [k, v] : it->items())
        if (v.is_string()) t.meta[k] = v.get<std::string>();
    return t;
  } catch (const json::exception& e) {
    return core::fail(core::ErrorCode::kCorrupt, std::string("stored document: ") + e.what());
  }
}

std::string encode_stored_doc(const doc::Transcript& t) {
  // Readers hand over valid UTF-8; anything derived from it that is not (a slice through a
  // character) is stored with U+FFFD rather than failing the whole ingest.
  std::string raw = transcript_to_json(t).dump(-1, ' ', false, json::error_handler_t::replace);
  std::string out(ZSTD_compressBound(raw.size()), '\0');
  // One compression context per thread, reused: ZSTD_compress would allocate and initialise a
  // new one for every document (same level, same frames).
  struct ContextDeleter {
    void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
  };
  thread_local std::unique_ptr<ZSTD_CCtx, ContextDeleter> context(ZSTD_createCCtx());
  if (!context) throw std::runtime_error("zstd: cannot create a compression context");
  size_t n = ZSTD_compressCCtx(context.get(), out.data(), out.size(), raw.data(), raw.size(), 3);
  if (ZSTD_isError(n)) throw std::runtime_error("zstd compression failed");
  out.resize(n);
  return out;
}

core::Result<doc::Transcript> decode_stored_doc(std::string_view bytes) {
  unsigned long long size = ZSTD_getFrameContentSize(bytes.data(), bytes.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > (1ull << 31))
    return core::fail(core::ErrorCode::kCorrupt, "stored document: bad zstd frame");
  std::string raw(static_cast<size_t>(size), '\0');
  size_t n = ZSTD_decompress(raw.data(), raw.size(), bytes.data(), bytes.size());
  if (ZSTD_isError(n) || n != raw.size())
    return core::fail(core::ErrorCode::kCorrupt, "stored document: zstd decompression failed");
  json j = json::parse(raw, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return core::fail(core::ErrorCode::kCorrupt, "stored document: bad JSON");
  return transcript_from_json(j);
}

}  // namespace newsdex::index
