// A generated archive with known answers for the analytics tests: documents spread over shows and
// dates, filler words from a fixed vocabulary, and planted words and phrases whose counts the
// generator records (so the tests compare against the generator, never against hard-coded counts).
#pragma once

#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "newsdex/analytics/association.hpp"
#include "newsdex/core/date.hpp"
#include "newsdex/doc/transcript.hpp"
#include "newsdex/index/writer/index_writer.hpp"

namespace newsdex::analytics::testing {

inline const std::vector<std::string>& filler_words() {
  static const std::vector<std::string> kWords = {
      "weather",  "market",  "council", "bridge",  "harbor",  "school",  "budget", "traffic",
      "garden",   "library", "museum",  "river",   "station", "airport", "county", "festival",
      "hospital", "factory", "tunnel",  "stadium", "orchard", "valley",  "meadow", "canyon"};
  return kWords;
}

// `n` distinct made-up words ("bedafox"-like: three consonant-vowel pairs and an x) that no
// analyser stems, folds or finds in a gazetteer: filler for the planted co-mention corpora.
inline std::vector<std::string> syllable_words(int n) {
  std::vector<std::string> vocab;
  const char* c = "bdfgklmnprstvz";
  const char* v = "aeiou";
  for (int i = 0; i < n; ++i) {
    std::string w;
    for (int k = 0; k < 3; ++k) {
      w += c[(i * 7 + k * 3 + i / 14) % 14];
      w += v[(i + k * i / 5) % 5];
    }
    vocab.push_back(w + "x");
  }
  return vocab;
}

struct PlantedDoc {
  doc::Transcript transcript;
  int32_t day = 0;
  size_t zebra = 0;      // occurrences of the planted word "zebra"
  size_t red_panda = 0;  // occurrences of the planted phrase "red panda"
  size_t words = 0;      // indexed body words
};

// `count` documents from 2020-01-01 over `days` days, shows WNT/GMA/NIGHTLINE, seeded.
inline std::vector<PlantedDoc> generate_corpus(size_t count, int days, uint32_t seed = 42) {
  std::mt19937 rng(seed);
  const std::vector<std::string> shows = {"WNT", "GMA", "NIGHTLINE"};
  const int32_t start = core::days_from_ymd(2020, 1, 1);
  std::vector<PlantedDoc> out;
  for (size_t i = 0; i < count; ++i) {
    PlantedDoc p;
    p.day = start + static_cast<int32_t>(rng() % static_cast<uint32_t>(days));
    const auto& show = shows[rng() % shows.size()];
    std::string body;
    const size_t n = 20 + rng() % 40;
    const size_t zebra_every = (i % 3 == 0) ? 7 + rng() % 5 : 0;
    const bool panda = i % 5 == 0;
    for (size_t w = 0; w < n; ++w) {
      if (!body.empty()) body += ' ';
      if (zebra_every && w % zebra_every == 3) {
        body += "zebra";
        ++p.zebra;
      } else if (panda && w % 11 == 5) {
        body += "red panda";
        ++p.red_panda;
        ++p.words;
      } else {
        body += filler_words()[rng() % filler_words().size()];
      }
      ++p.words;
    }
    body += '.';
    p.transcript.source = i % 2 ? "ABC" : "CBS";
    p.transcript.show = show;
    p.transcript.date = core::format_iso_date(p.day);
    p.transcript.title = "Report " + std::to_string(i);
    p.transcript.body = std::move(body);
    doc::assign_id(p.transcript);
    out.push_back(std::move(p));
  }
  return out;
}

inline void write_index(const std::filesystem::path& dir,
                        const std::vector<doc::Transcript>& docs) {
  std::filesystem::remove_all(dir);
  auto writer = index::IndexWriter::open(dir);
  if (!writer) throw std::runtime_error(writer.error().to_string());
  for (const auto& d : docs)
    if (auto added = (*writer)->add(d); !added) throw std::runtime_error(added.error().to_string());
  if (auto info = (*writer)->commit(); !info) throw std::runtime_error(info.error().to_string());
}

// An index of three segments with deletions, as the path-equivalence tests need: docs [0, first)
// written and committed, then [first, second) committed, then the rest together with a new
// version (body + `suffix`) of every `every`-th document of [0, second) from `from` on, whose old
// copies become deletions in the first two segments.
inline void write_three_segments(const std::filesystem::path& dir,
                                 const std::vector<doc::Transcript>& docs, size_t first,
                                 size_t second, size_t from, size_t every,
                                 const std::string& suffix) {
  write_index(dir, std::vector<doc::Transcript>(docs.begin(),
                                                docs.begin() + static_cast<std::ptrdiff_t>(first)));
  auto writer = index::IndexWriter::open(dir);
  if (!writer) throw std::runtime_error(writer.error().to_string());
  auto add = [&](const doc::Transcript& t) {
    if (auto added = (*writer)->add(t); !added) throw std::runtime_error(added.error().to_string());
  };
  auto commit = [&] {
    if (auto info = (*writer)->commit(); !info) throw std::runtime_error(info.error().to_string());
  };
  for (size_t i = first; i < second; ++i) add(docs[i]);
  commit();
  for (size_t i = second; i < docs.size(); ++i) add(docs[i]);
  for (size_t i = from; i < second; i += every) {
    auto t = docs[i];
    t.body += suffix;
    add(t);
  }
  commit();
}

// An association result as two counting paths must agree on it: without `exact` and `sampled`
// (documents read by the stored-text reference; documents counted by the index path).
inline nlohmann::json comparable(const Association& a) {
  auto j = to_json(a);
  j.erase("exact");
  j.erase("sampled");
  return j;
}

inline std::filesystem::path temp_dir(const std::string& name) {
  return std::filesystem::temp_directory_path() /
         ("newsdex_analytics_" + name + "_" + std::to_string(::getpid()));
}

}  // namespace newsdex::analytics::testing
