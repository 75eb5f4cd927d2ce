#include "model.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

namespace bench::gen {
namespace fs = std::filesystem;

namespace {

bool is_lower_alpha(char c) {
  return c >= 'a' && c <= 'z';
}

// Calls emit(word) for each word of `text` and emit("</s>") at each sentence end.
template <typename Emit>
void tokenize(const std::string& text, Emit&& emit) {
  std::string word;
  auto flush = [&] {
    while (!word.empty() && word.back() == '\'') word.pop_back();
    // Single letters other than "a" and "i" are mostly initials and broken abbreviations.
    if (word.size() > 1 || word == "a" || word == "i") emit(word);
    word.clear();
  };
  for (char raw : text) {
    char c = raw >= 'A' && raw <= 'Z' ? static_cast<char>(raw - 'A' + 'a') : raw;
    if (is_lower_alpha(c) || (c == '\'' && !word.empty())) {
      word.push_back(c);
    } else {
      flush();
      if (c == '.' || c == '!' || c == '?') emit(kSentenceEnd);
    }
  }
  flush();
  emit(kSentenceEnd);
}

}  // namespace

Model Model::fit(const fs::path& dir, const ModelLimits& limits) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".txt")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  if (files.empty()) throw std::runtime_error("no *.txt files under " + dir.string());

  std::unordered_map<std::string, uint32_t> ids;
  std::vector<std::string> words;
  std::vector<uint64_t> counts;
  std::unordered_map<uint64_t, uint64_t> pairs;
  auto id_of = [&](const std::string& w) {
    auto [it, added] = ids.try_emplace(w, static_cast<uint32_t>(words.size()));
    if (added) {
      words.push_back(w);
      counts.push_back(0);
    }
    return it->second;
  };
  id_of(kSentenceEnd);
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    uint32_t prev = 0;
    bool last_was_end = true;
    tokenize(buffer.str(), [&](const std::string& w) {
      const bool end = w == kSentenceEnd;
      if (end && last_was_end) return;  // "..." or "?!" is one sentence end
      const uint32_t id = id_of(w);
      ++counts[id];
      ++pairs[(uint64_t{prev} << 32) | id];
      prev = id;
      last_was_end = end;
    });
  }

  // Keep the most frequent words ("</s>" always, first); ties broken by spelling for determinism.
  std::vector<uint32_t> order(words.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin() + 1, order.end(), [&](uint32_t a, uint32_t b) {
    return counts[a] != counts[b] ? counts[a] > counts[b] : words[a] < words[b];
  });
  order.resize(std::min(order.size(), limits.unigrams + 1));
  std::vector<uint32_t> remap(words.size(), UINT32_MAX);
  Model model;
  for (uint32_t i = 0; i < order.size(); ++i) {
    remap[order[i]] = i;
    model.m_words.push_back(words[order[i]]);
    model.m_counts.push_back(counts[order[i]]);
  }
  for (const auto& [key, count] : pairs) {
    const uint32_t a = remap[key >> 32], b = remap[key & 0xffffffffu];
    if (a != UINT32_MAX && b != UINT32_MAX && count > 1) model.m_pairs.push_back({a, b, count});
  }
  std::sort(model.m_pairs.begin(), model.m_pairs.end(), [](const Pair& x, const Pair& y) {
    if (x.count != y.count) return x.count > y.count;
    return x.first != y.first ? x.first < y.first : x.second < y.second;
  });
  if (model.m_pairs.size() > limits.bigrams) model.m_pairs.resize(limits.bigrams);
  model.build_tables();
  return model;
}

void Model::save(const fs::path& dir) const {
  fs::create_directories(dir);
  std::ofstream uni(dir / "unigrams.tsv", std::ios::binary);
  uni << "# word\tcount (index = line number - 2; index 0 is the sentence end)\n";
  for (size_t i = 0; i < m_words.size(); ++i) uni << m_words[i] << '\t' << m_counts[i] << '\n';
  std::vector<Pair> by_count = m_pairs;
  std::sort(by_count.begin(), by_count.end(), [](const Pair& x, const Pair& y) {
    if (x.count != y.count) return x.count > y.count;
    return x.first != y.first ? x.first < y.first : x.second < y.second;
  });
  std::ofstream bi(dir / "bigrams.tsv", std::ios::binary);
  bi << "# first\tsecond\tcount (unigram indexes)\n";
  for (const auto& p : by_count) bi << p.first << '\t' << p.second << '\t' << p.count << '\n';
  if (!uni || !bi) throw std::runtime_error("cannot write the model to " + dir.string());
}

Model Model::load(const fs::path& dir) {
  Model model;
  std::ifstream uni(dir / "unigrams.tsv"), bi(dir / "bigrams.tsv");
  if (!uni || !bi)
    throw std::runtime_error("no model (unigrams.tsv, bigrams.tsv) in " + dir.string());
  std::string line;
  while (std::getline(uni, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) throw std::runtime_error("bad line in unigrams.tsv: " + line);
    model.m_words.push_back(line.substr(0, tab));
    model.m_counts.push_back(std::stoull(line.substr(tab + 1)));
  }
  while (std::getline(bi, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    Pair p{};
    if (!(fields >> p.first >> p.second >> p.count) || p.first >= model.m_words.size() ||
        p.second >= model.m_words.size())
      throw std::runtime_error("bad line in bigrams.tsv: " + line);
    model.m_pairs.push_back(p);
  }
  if (model.m_words.size() < 2 || model.m_words[0] != kSentenceEnd)
    throw std::runtime_error("unigrams.tsv must start with </s>");
  model.build_tables();
  return model;
}

void Model::build_tables() {
  m_unigram_cdf.assign(m_words.size(), 0);
  uint64_t total = 0;
  for (size_t i = 0; i < m_words.size(); ++i) {
    if (i != 0) total += m_counts[i];
    m_unigram_cdf[i] = total;
  }
  std::sort(m_pairs.begin(), m_pairs.end(), [](const Pair& x, const Pair& y) {
    return x.first != y.first ? x.first < y.first : x.second < y.second;
  });
  m_pair_begin.assign(m_words.size() + 1, 0);
  for (const auto& p : m_pairs) ++m_pair_begin[p.first + 1];
  for (size_t i = 1; i < m_pair_begin.size(); ++i) m_pair_begin[i] += m_pair_begin[i - 1];
  m_pair_cdf.resize(m_pairs.size());
  for (size_t w = 0; w < m_words.size(); ++w) {
    uint64_t run = 0;
    for (uint32_t k = m_pair_begin[w]; k < m_pair_begin[w + 1]; ++k)
      m_pair_cdf[k] = run += m_pairs[k].count;
  }
}

uint32_t Model::sample_unigram(Rng& rng) const {
  const uint64_t r = rng.below(m_unigram_cdf.back());
  return static_cast<uint32_t>(std::upper_bound(m_unigram_cdf.begin(), m_unigram_cdf.end(), r) -
                               m_unigram_cdf.begin());
}

uint32_t Model::sample_successor(uint32_t prev, Rng& rng) const {
  const uint32_t begin = m_pair_begin[prev], end = m_pair_begin[prev + 1];
  if (begin == end) return UINT32_MAX;
  const uint64_t r = rng.below(m_pair_cdf[end - 1]);
  const auto it = std::upper_bound(m_pair_cdf.begin() + begin, m_pair_cdf.begin() + end, r);
  return m_pairs[static_cast<size_t>(it - m_pair_cdf.begin())].second;
}

}  // namespace bench::gen
