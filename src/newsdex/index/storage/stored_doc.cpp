#include "newsdex/index/storage/stored_doc.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>

#include "newsdex/index/storage/store_dict.hpp"

namespace newsdex::index {

using nlohmann::json;

// StoredJsonWriter below writes the same JSON by hand for ingest: change both together (the
// StoredDocJson test compares them).
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

namespace {

// A hand-written writer for the stored document: the same bytes as
// transcript_to_json(t).dump(-1, ' ', false, json::error_handler_t::replace) (keys in std::map
// order, nlohmann's string escapes and number formats), without building a json tree. Strings
// that are not valid UTF-8 make it give up (false); the caller then uses nlohmann, whose
// replacement of invalid bytes is not repeated here.
class StoredJsonWriter {
 public:
  explicit StoredJsonWriter(std::string& out) : m_out(out) {}

  bool write(const doc::Transcript& t) {
    m_out.push_back('{');
    key("body", true);
    str(t.body);
    key("cues");
    m_out.push_back('[');
    for (size_t i = 0; i < t.cues.size(); ++i) {
      const doc::Cue& c = t.cues[i];
      if (i > 0) m_out.push_back(',');
      m_out.push_back('{');
      key("end", true);
      num(c.end);
      key("end_ms");
      num(c.end_ms);
      key("start");
      num(c.start);
      key("start_ms");
      num(c.start_ms);
      m_out.push_back('}');
    }
    m_out.push_back(']');
    key("date");
    str(t.date);
    key("entities");
    m_out.push_back('[');
    for (size_t i = 0; i < t.entities.size(); ++i) {
      const doc::Entity& e = t.entities[i];
      if (i > 0) m_out.push_back(',');
      m_out.push_back('{');
      key("aliases", true);
      m_out.push_back('[');
      for (size_t a = 0; a < e.aliases.size(); ++a) {
        if (a > 0) m_out.push_back(',');
        str(e.aliases[a]);
      }
      m_out.push_back(']');
      key("mentions");
      m_out.push_back('[');
      for (size_t m = 0; m < e.mentions.size(); ++m) {
        if (m > 0) m_out.push_back(',');
        m_out.push_back('{');
        key("end", true);
        num(e.mentions[m].end);
        key("start");
        num(e.mentions[m].start);
        m_out.push_back('}');
      }
      m_out.push_back(']');
      key("name");
      str(e.name);
      key("type");
      str(doc::entity_type_name(e.type));
      m_out.push_back('}');
    }
    m_out.push_back(']');
    key("id");
    str(t.id);
    key("language");
    str(t.language);
    key("markup");
    m_out.push_back('[');
    for (size_t i = 0; i < t.markup.size(); ++i) {
      const doc::Markup& m = t.markup[i];
      if (i > 0) m_out.push_back(',');
      m_out.push_back('{');
      key("end", true);
      num(m.end);
      key("kind");
      str(doc::markup_kind_name(m.kind));
      key("start");
      num(m.start);
      m_out.push_back('}');
    }
    m_out.push_back(']');
    key("meta");
    m_out.push_back('{');
    bool first = true;
    for (const auto& [k, v] : t.meta) {  // std::map: the order nlohmann's object keeps
      if (!first) m_out.push_back(',');
      first = false;
      str(k);
      m_out.push_back(':');
      str(v);
    }
    m_out.push_back('}');
    key("quotes");
    m_out.push_back('[');
    for (size_t i = 0; i < t.quotes.size(); ++i) {
      const doc::Quote& q = t.quotes[i];
      if (i > 0) m_out.push_back(',');
      m_out.push_back('{');
      key("confidence", true);
      num(q.confidence);
      key("end");
      num(q.end);
      key("evidence");
      str(q.evidence);
      key("kind");
      str(doc::quote_kind_name(q.kind));
      key("medium");
      str_or_null(q.medium);
      key("speaker");
      str_or_null(q.speaker);
      key("start");
      num(q.start);
      key("text");
      str(q.text);
      m_out.push_back('}');
    }
    m_out.push_back(']');
    key("show");
    str(t.show);
    key("source");
    str(t.source);
    key("time");
    str(t.time);
    key("title");
    str(t.title);
    key("turns");
    m_out.push_back('[');
    for (size_t i = 0; i < t.turns.size(); ++i) {
      const doc::Turn& turn = t.turns[i];
      if (i > 0) m_out.push_back(',');
      m_out.push_back('{');
      bool first_key = true;
      if (turn.confidence > 0) {
        key("confidence", true);
        num(turn.confidence);
        first_key = false;
      }
      key("end", first_key);
      num(turn.end);
      if (!turn.evidence.empty()) {
        key("evidence");
        str(turn.evidence);
      }
      key("label");
      str(turn.label);
      key("role");
      str(doc::role_name(turn.role));
      key("speaker");
      str_or_null(turn.speaker);
      key("start");
      num(turn.start);
      if (turn.time_ms) {
        key("time_ms");
        num(*turn.time_ms);
      }
      m_out.push_back('}');
    }
    m_out.push_back(']');
    key("url");
    str(t.url);
    m_out.push_back('}');
    return m_valid;
  }

 private:
  // Keys are literals without characters to escape.
  void key(std::string_view name, bool first = false) {
    if (!first) m_out.push_back(',');
    m_out.push_back('"');
    m_out.append(name);
    m_out.append("\":");
  }
  void num(uint32_t v) { integer(v); }
  void num(int64_t v) { integer(v); }
  template <typename T>
  void integer(T v) {
    char buffer[24];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, v);
    m_out.append(buffer, static_cast<size_t>(r.ptr - buffer));
  }
  void num(double v) {
    if (!std::isfinite(v)) {
      m_out.append("null");
      return;
    }
    std::array<char, 64> buffer{};  // nlohmann's serializer: the same buffer, the same to_chars
    char* end = nlohmann::detail::to_chars(buffer.data(), buffer.data() + buffer.size(), v);
    m_out.append(buffer.data(), static_cast<size_t>(end - buffer.data()));
  }
  void str_or_null(std::string_view s) {
    if (s.empty())
      m_out.append("null");
    else
      str(s);
  }
  // nlohmann's dump_escaped with ensure_ascii = false for valid UTF-8: \b \t \n \f \r \" \\ as
  // two-character escapes, other code points below 0x20 as \u00xx, everything else verbatim.
  // Eight bytes at a time while they are plain ASCII (the bulk of a transcript).
  void str(std::string_view s) {
    m_out.push_back('"');
    const char* p = s.data();
    const char* const end = p + s.size();
    const char* run = p;  // start of the pending verbatim bytes
    while (p < end) {
      if (end - p >= 8) {
        uint64_t x;
        std::memcpy(&x, p, 8);
        constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
        auto has_zero = [](uint64_t v) { return (v - kOnes) & ~v & kHigh; };
        const uint64_t special = (x & kHigh) | ((x - kOnes * 0x20) & ~x & kHigh) |
                                 has_zero(x ^ (kOnes * '"')) | has_zero(x ^ (kOnes * '\\'));
        if (special == 0) {
          p += 8;
          continue;
        }
      }
      const auto c = static_cast<unsigned char>(*p);
      if (c >= 0x80) {
        const size_t n = utf8_sequence_length(p, end);
        if (n == 0) {
          m_valid = false;
          ++p;
        } else {
          p += n;
        }
        continue;
      }
      if (c >= 0x20 && c != '"' && c != '\\') {
        ++p;
        continue;
      }
      m_out.append(run, static_cast<size_t>(p - run));
      switch (c) {
        case '\b':
          m_out.append("\\b");
          break;
        case '\t':
          m_out.append("\\t");
          break;
        case '\n':
          m_out.append("\\n");
          break;
        case '\f':
          m_out.append("\\f");
          break;
        case '\r':
          m_out.append("\\r");
          break;
        case '"':
          m_out.append("\\\"");
          break;
        case '\\':
          m_out.append("\\\\");
          break;
        default: {
          constexpr char kHex[] = "0123456789abcdef";
          const char escape[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
          m_out.append(escape, sizeof escape);
        }
      }
      run = ++p;
    }
    m_out.append(run, static_cast<size_t>(end - run));
    m_out.push_back('"');
  }
  // The length of the well-formed UTF-8 sequence at p (a byte >= 0x80), 0 if it is not one
  // (Unicode table 3-7: no overlong forms, no surrogates, nothing past U+10FFFF), which is what
  // nlohmann's decoder accepts.
  static size_t utf8_sequence_length(const char* at, const char* end) {
    const auto* p = reinterpret_cast<const unsigned char*>(at);
    const auto left = end - at;
    auto cont = [&](ptrdiff_t k, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
      return left > k && p[k] >= lo && p[k] <= hi;
    };
    const unsigned char c = p[0];
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
      const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
      const unsigned char hi = c == 0xED ? 0x9F : 0xBF;
      return cont(1, lo, hi) && cont(2) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
      const unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
      const unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;
      return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
    }
    return 0;
  }

  std::string& m_out;
  bool m_valid = true;
};

}  // namespace

std::string stored_doc_json(const doc::Transcript& t) {
  std::string out;
  out.reserve(t.body.size() * 2 + 1024);
  if (StoredJsonWriter(out).write(t)) return out;
  // Invalid UTF-8 somewhere: nlohmann replaces it with U+FFFD.
  return transcript_to_json(t).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string encode_stored_doc(const doc::Transcript& t, const StoreDictionary* dict) {
  // Readers hand over valid UTF-8; anything derived from it that is not (a slice through a
  // character) is stored with U+FFFD rather than failing the whole ingest. The compression
  // context is one per thread, reused (store_dict.cpp).
  return compress_stored(stored_doc_json(t), dict);
}

core::Result<doc::Transcript> decode_stored_doc(std::string_view bytes,
                                                const StoreDictionary* dict) {
  auto raw = decompress_stored(bytes, dict);
  if (!raw) return core::fail(core::ErrorCode::kCorrupt, raw.error().message);
  json j = json::parse(*raw, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return core::fail(core::ErrorCode::kCorrupt, "stored document: bad JSON");
  return transcript_from_json(j);
}

}  // namespace newsdex::index
