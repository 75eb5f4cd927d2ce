#include "corpus.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>
#include <vector>

#include "../common/dates.hpp"
#include "names.hpp"
#include "newsdex/noise/caption_noise.hpp"

namespace bench::gen {
namespace fs = std::filesystem;

namespace {

constexpr int32_t kFirstDay = days_from_civil(2015, 1, 1);
constexpr int32_t kLastDay = days_from_civil(2024, 12, 31);
constexpr uint64_t kPeople = kFirstNames.size() * kLastNames.size();

struct Person {
  std::string_view first, last, role;
};

Person person(uint64_t p) {
  return {kFirstNames[p % kFirstNames.size()],
          kLastNames[(p / kFirstNames.size()) % kLastNames.size()],
          kRoles[(p * 2654435761u >> 7) % kRoles.size()]};
}

void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out.append(buf);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

class DocWriter {
 public:
  DocWriter(const Model& model, Rng& rng, const newsdex::noise::CaptionNoise& noise,
            CorpusStats& stats)
      : m_model(model), m_rng(rng), m_noise(noise), m_stats(stats) {}

  // Raw model words of one sentence (4..40 words), following bigrams 85% of the time.
  std::vector<uint32_t> sentence_words() {
    std::vector<uint32_t> words;
    uint32_t prev = 0;
    while (words.size() < 40) {
      uint32_t next = m_rng.chance(0.85) ? m_model.sample_successor(prev, m_rng) : UINT32_MAX;
      if (next == UINT32_MAX) next = m_model.sample_unigram(m_rng);
      if (next == 0) {
        if (words.size() >= 4) break;
        prev = 0;
        continue;
      }
      words.push_back(next);
      prev = next;
    }
    return words;
  }

  void append_sentence(std::string& body, const std::vector<Person>& people,
                       const std::vector<std::string_view>& places) {
    std::vector<uint32_t> words = sentence_words();
    bool first = true;
    auto append_plain = [&](std::string_view w) {
      if (!body.empty() && body.back() != ' ') body.push_back(' ');
      body.append(w);
      ++m_stats.words;
    };
    if (m_rng.chance(0.18)) {  // attribution: "Senator Garcia said" / "Linda Garcia said"
      const Person& p = people[m_rng.below(people.size())];
      append_plain(m_rng.chance(0.5) ? p.role : p.first);
      append_plain(p.last);
      append_plain("said");
      first = false;
    }
    for (uint32_t id : words) {
      std::string w = m_model.word(id);
      if (w == "i") w = "I";
      if (first) {
        w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
        first = false;
      }
      append_plain(w);
      if (m_rng.chance(0.04)) body.push_back(',');
    }
    if (m_rng.chance(0.12)) {
      append_plain("in");
      append_plain(places[m_rng.below(places.size())]);
    }
    body.push_back(m_rng.chance(0.1) ? '?' : '.');
  }

  // One JSONL line (with its newline) for document `number` of file `file`.
  std::string document(uint64_t file, uint64_t number) {
    std::vector<Person> people;
    for (uint64_t n = 1 + m_rng.below(3); n > 0; --n)
      people.push_back(person(m_rng.skewed(kPeople)));
    std::vector<std::string_view> places;
    for (uint64_t n = 1 + m_rng.below(2); n > 0; --n)
      places.push_back(kPlaces[m_rng.skewed(kPlaces.size())]);
    const auto& src = kSources[m_rng.skewed(kSources.size(), 1.5)];
    const std::string_view show = src.shows[m_rng.below(src.shows.size())];
    const std::string date = iso_date(static_cast<int32_t>(m_rng.between(kFirstDay, kLastDay)));
    char id[32];
    std::snprintf(id, sizeof id, "gen-%05llu-%06llu", static_cast<unsigned long long>(file),
                  static_cast<unsigned long long>(number));

    // Segment length in words: log-normal, median ~550 words (~3.3 KB), like a news segment.
    const double target = std::clamp(std::exp(6.3 + 0.6 * m_rng.normal()), 60.0, 6000.0);
    std::string body = ">> ";
    const uint64_t start_words = m_stats.words;
    uint64_t turn_left = 3 + m_rng.below(6);
    while (static_cast<double>(m_stats.words - start_words) < target) {
      append_sentence(body, people, places);
      if (--turn_left == 0) {
        body.append(" >>");
        turn_left = 3 + m_rng.below(6);
      }
    }
    {
      const auto noisy = m_noise.corrupt(body, m_rng.next());
      m_stats.noisy_words += noisy.affected_words;
      body = noisy.text;
    }

    std::string title;
    {
      std::vector<uint32_t> words = sentence_words();
      words.resize(std::min<size_t>(words.size(), 4 + m_rng.below(5)));
      for (uint32_t w : words) {
        if (!title.empty()) title.push_back(' ');
        title.append(m_model.word(w));
      }
      title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
      if (m_rng.chance(0.5)) {
        title.append(": ");
        title.append(people[0].first);
        title.push_back(' ');
        title.append(people[0].last);
      }
    }

    std::string line;
    line.reserve(body.size() + 512);
    line.append("{\"id\":");
    append_json_string(line, id);
    line.append(",\"source\":");
    append_json_string(line, src.source);
    line.append(",\"show\":");
    append_json_string(line, show);
    line.append(",\"date\":");
    append_json_string(line, date);
    line.append(",\"title\":");
    append_json_string(line, title);
    line.append(",\"url\":");
    std::string source_lower(src.source);
    for (char& c : source_lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    append_json_string(line, "https://news.example.org/" + source_lower + "/" + date + "/" + id);
    line.append(",\"language\":\"en\",\"body\":");
    append_json_string(line, body);
    line.append("}\n");
    m_stats.text_bytes += title.size() + body.size();
    ++m_stats.docs;
    return line;
  }

 private:
  const Model& m_model;
  Rng& m_rng;
  const newsdex::noise::CaptionNoise& m_noise;
  CorpusStats& m_stats;
};

std::string file_name(uint64_t k) {
  char name[48];
  std::snprintf(name, sizeof name, "corpus-%05llu.jsonl", static_cast<unsigned long long>(k));
  return name;
}

}  // namespace

CorpusStats write_corpus(const Model& model, const CorpusOptions& options,
                         const std::string& model_digest) {
  fs::create_directories(options.out);
  // One caption-error model for all threads (corrupt() is const); each document's errors come
  // from its own stream, drawn from the file's generator.
  auto made =
      newsdex::noise::CaptionNoise::create({.rate = options.noise_rate, .seed = options.seed});
  if (!made) throw std::runtime_error(made.error().to_string());
  const newsdex::noise::CaptionNoise& noise = *made;
  const uint64_t files =
      std::max<uint64_t>(1, (options.size_bytes + options.file_bytes - 1) / options.file_bytes);
  std::vector<CorpusStats> per_file(files);
  std::atomic<uint64_t> next{0};
  std::mutex error_mutex;
  std::string error;
  auto worker = [&] {
    for (uint64_t k = next++; k < files; k = next++) {
      const uint64_t target =
          std::min(options.file_bytes, options.size_bytes - k * options.file_bytes);
      Rng rng(derive_seed(options.seed, k));
      CorpusStats& stats = per_file[k];
      DocWriter writer(model, rng, noise, stats);
      const fs::path path = options.out / file_name(k);
      std::ofstream out(path.string() + ".tmp", std::ios::binary);
      while (stats.bytes < target) {
        const std::string line = writer.document(k, stats.docs);
        out.write(line.data(), static_cast<std::streamsize>(line.size()));
        stats.bytes += line.size();
      }
      out.close();
      if (!out) {
        std::lock_guard lock(error_mutex);
        error = "cannot write " + path.string();
        return;
      }
      fs::rename(path.string() + ".tmp", path);
    }
  };
  const unsigned threads =
      options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < std::min<uint64_t>(threads, files); ++t) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
  if (!error.empty()) throw std::runtime_error(error);

  CorpusStats total;
  nlohmann::json names = nlohmann::json::array();
  for (uint64_t k = 0; k < files; ++k) {
    total.files += 1;
    total.docs += per_file[k].docs;
    total.bytes += per_file[k].bytes;
    total.text_bytes += per_file[k].text_bytes;
    total.words += per_file[k].words;
    total.noisy_words += per_file[k].noisy_words;
    names.push_back(file_name(k));
  }
  nlohmann::json manifest = {{"generator", "newsdex-gen 2"},
                             {"seed", options.seed},
                             {"size_bytes", options.size_bytes},
                             {"file_bytes", options.file_bytes},
                             {"noise_rate", options.noise_rate},
                             {"model", model_digest},
                             {"files", names},
                             {"docs", total.docs},
                             {"bytes", total.bytes},
                             {"text_bytes", total.text_bytes},
                             {"words", total.words},
                             {"noisy_words", total.noisy_words}};
  std::ofstream(options.out / ".corpus.json") << manifest.dump(2) << "\n";
  return total;
}

}  // namespace bench::gen
