#include "queries.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "../common/dates.hpp"
#include "../common/rng.hpp"

namespace bench::gen {
namespace fs = std::filesystem;

namespace {

struct Doc {
  std::vector<uint32_t> tokens;
  std::string show;
  int32_t day = 0;
};

struct Vocabulary {
  std::vector<std::string> words;
  std::vector<uint32_t> df;
  std::vector<uint32_t> last_doc;
  std::vector<uint32_t> rank;  // by df, most frequent first; UINT32_MAX when not queryable
  std::unordered_map<std::string, uint32_t> ids;

  uint32_t id(const std::string& w, uint32_t doc) {
    auto [it, added] = ids.try_emplace(w, static_cast<uint32_t>(words.size()));
    if (added) {
      words.push_back(w);
      df.push_back(0);
      last_doc.push_back(UINT32_MAX);
    }
    const uint32_t i = it->second;
    if (last_doc[i] != doc) {
      last_doc[i] = doc;
      ++df[i];
    }
    return i;
  }
  // Plain lower-case ASCII words of 2+ letters tokenise alike in every engine; the others
  // ("don't", "w", "2019") are kept as positions but never used in queries.
  bool queryable(uint32_t i) const {
    const auto& w = words[i];
    if (w.size() < 2) return false;
    return std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  }
};

// Splits on anything but letters, digits and apostrophes; lower-cases ASCII.
void tokenize(std::string_view text, Vocabulary& vocab, uint32_t doc, std::vector<uint32_t>& out) {
  std::string word;
  auto flush = [&] {
    if (!word.empty()) out.push_back(vocab.id(word, doc));
    word.clear();
  };
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'')
      word.push_back(c);
    else
      flush();
  }
  flush();
}

int32_t parse_day(const std::string& iso) {
  return days_from_civil(std::stoi(iso.substr(0, 4)),
                         static_cast<unsigned>(std::stoi(iso.substr(5, 2))),
                         static_cast<unsigned>(std::stoi(iso.substr(8, 2))));
}

struct Query {
  std::string cls, op;
  std::vector<std::string> words;
  std::string show, from, to;
};

class Drawer {
 public:
  Drawer(std::vector<Doc> docs, Vocabulary vocab, uint64_t seed)
      : m_docs(std::move(docs)), m_vocab(std::move(vocab)), m_rng(seed) {
    for (uint32_t i = 0; i < m_vocab.words.size(); ++i)
      if (m_vocab.queryable(i) && m_vocab.words[i].size() >= 3) m_ranked.push_back(i);
    std::sort(m_ranked.begin(), m_ranked.end(), [&](uint32_t a, uint32_t b) {
      return m_vocab.df[a] != m_vocab.df[b] ? m_vocab.df[a] > m_vocab.df[b]
                                            : m_vocab.words[a] < m_vocab.words[b];
    });
    m_vocab.rank.assign(m_vocab.words.size(), UINT32_MAX);
    for (uint32_t r = 0; r < m_ranked.size(); ++r) m_vocab.rank[m_ranked[r]] = r;
  }

  // One word per query from `pool`, distinct while the pool lasts.
  void single_terms(const std::string& cls, std::vector<uint32_t> pool, size_t n,
                    std::vector<Query>& out) {
    if (pool.empty()) throw std::runtime_error("no candidate words for " + cls);
    for (size_t i = 0; i < n; ++i) {
      if (i % pool.size() == 0) shuffle(pool);
      out.push_back({cls, "term", {m_vocab.words[pool[i % pool.size()]]}, "", "", ""});
    }
  }

  void term_classes(size_t n, std::vector<Query>& out) {
    std::vector<uint32_t> common(m_ranked.begin(),
                                 m_ranked.begin() + std::min<size_t>(500, m_ranked.size()));
    single_terms("term_common", common, n, out);
    std::vector<uint32_t> rare;
    for (uint32_t w : m_ranked)
      if (m_vocab.df[w] >= 3 && m_vocab.df[w] <= 20) rare.push_back(w);
    single_terms("term_rare", rare, n, out);
  }

  // `count` distinct content words (not among the 50 most common) of one random document.
  std::vector<std::string> words_of_doc(const Doc& doc, size_t count) {
    std::set<uint32_t> picked;
    for (int attempt = 0; attempt < 200 && picked.size() < count; ++attempt) {
      const uint32_t w = doc.tokens[m_rng.below(doc.tokens.size())];
      if (m_vocab.rank[w] != UINT32_MAX && m_vocab.rank[w] >= 50) picked.insert(w);
    }
    std::vector<std::string> words;
    for (uint32_t w : picked) words.push_back(m_vocab.words[w]);
    shuffle(words);
    return words.size() == count ? words : std::vector<std::string>{};
  }

  const Doc& random_doc() {
    for (;;) {
      const Doc& d = m_docs[m_rng.below(m_docs.size())];
      if (d.tokens.size() >= 20) return d;
    }
  }

  void boolean_classes(size_t n, std::vector<Query>& out) {
    for (const char* op : {"and", "or"}) {
      for (size_t i = 0; i < n;) {
        auto words = words_of_doc(random_doc(), 2 + m_rng.below(3));
        if (!words.empty()) out.push_back({op, op, std::move(words), "", "", ""}), ++i;
      }
    }
  }

  void phrase_classes(size_t n, std::vector<Query>& out) {
    for (size_t len : {2, 3}) {
      const std::string cls = "phrase" + std::to_string(len);
      for (size_t i = 0; i < n;) {
        const Doc& d = random_doc();
        const size_t start = m_rng.below(d.tokens.size() - len);
        bool ok = true, has_content = false;
        std::vector<std::string> words;
        for (size_t k = start; k < start + len; ++k) {
          const uint32_t w = d.tokens[k];
          ok = ok && m_vocab.queryable(w);
          has_content = has_content || (m_vocab.rank[w] != UINT32_MAX && m_vocab.rank[w] >= 30);
          words.push_back(m_vocab.words[w]);
        }
        if (ok && has_content) out.push_back({cls, "phrase", std::move(words), "", "", ""}), ++i;
      }
    }
  }

  // Two distinct words 1-5 words apart in one document (so 0-4 words between them), both
  // queryable and at least one outside the 30 commonest; asked as "within kNearSlop words, any
  // order".
  static constexpr size_t kNearSlop = 5;
  void near_class(size_t n, std::vector<Query>& out) {
    for (size_t i = 0; i < n;) {
      const Doc& d = random_doc();
      const size_t gap = 1 + m_rng.below(kNearSlop);
      if (d.tokens.size() <= gap + 1) continue;
      const size_t start = m_rng.below(d.tokens.size() - gap);
      const uint32_t a = d.tokens[start], b = d.tokens[start + gap];
      if (a == b || !m_vocab.queryable(a) || !m_vocab.queryable(b)) continue;
      const auto content = [&](uint32_t w) {
        return m_vocab.rank[w] != UINT32_MAX && m_vocab.rank[w] >= 30;
      };
      if (!content(a) && !content(b)) continue;
      std::vector<std::string> words = {m_vocab.words[a], m_vocab.words[b]};
      if (m_rng.below(2)) std::swap(words[0], words[1]);
      out.push_back({"near", "near/" + std::to_string(kNearSlop), std::move(words), "", "", ""});
      ++i;
    }
  }

  void filtered_class(size_t n, std::vector<Query>& out) {
    for (size_t i = 0; i < n;) {
      const Doc& d = random_doc();
      auto words = words_of_doc(d, 1 + m_rng.below(2));
      if (words.empty()) continue;
      const int32_t span = static_cast<int32_t>(m_rng.between(30, 365));
      const int32_t from = d.day - static_cast<int32_t>(m_rng.below(static_cast<uint64_t>(span)));
      out.push_back(
          {"filtered", "and", std::move(words), d.show, iso_date(from), iso_date(from + span - 1)});
      ++i;
    }
  }

  void timeline_class(size_t n, std::vector<Query>& out) {
    const size_t lo = std::min<size_t>(20, m_ranked.size() - 1),
                 hi = std::min<size_t>(2000, m_ranked.size());
    for (size_t i = 0; i < n; ++i) {
      const uint32_t w = m_ranked[lo + m_rng.below(hi - lo)];
      const std::string year = std::to_string(2015 + m_rng.below(10));
      out.push_back(
          {"timeline", "timeline", {m_vocab.words[w]}, "", year + "-01-01", year + "-12-31"});
    }
  }

 private:
  template <typename T>
  void shuffle(std::vector<T>& v) {
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[m_rng.below(i)]);
  }

  std::vector<Doc> m_docs;
  Vocabulary m_vocab;
  Rng m_rng;
  std::vector<uint32_t> m_ranked;  // queryable words of 3+ letters, by df
};

}  // namespace

size_t write_queries(const QueryOptions& options) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(options.corpus))
    if (entry.path().extension() == ".jsonl") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  if (files.empty()) throw std::runtime_error("no .jsonl files in " + options.corpus.string());

  std::ifstream in(files.front(), std::ios::binary);
  Vocabulary vocab;
  std::vector<Doc> docs;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto j = nlohmann::json::parse(line);
    Doc d;
    const auto doc_number = static_cast<uint32_t>(docs.size());
    tokenize(j.at("title").get<std::string>(), vocab, doc_number, d.tokens);
    tokenize(j.at("body").get<std::string>(), vocab, doc_number, d.tokens);
    d.show = j.at("show").get<std::string>();
    d.day = parse_day(j.at("date").get<std::string>());
    docs.push_back(std::move(d));
  }
  if (docs.empty()) throw std::runtime_error("no documents in " + files.front().string());

  Drawer drawer(std::move(docs), std::move(vocab), derive_seed(options.seed, 0x9e7));
  std::vector<Query> queries;
  drawer.term_classes(options.per_class, queries);
  drawer.boolean_classes(options.per_class, queries);
  drawer.phrase_classes(options.per_class, queries);
  drawer.filtered_class(options.per_class, queries);
  drawer.timeline_class(options.per_class, queries);
  drawer.near_class(options.per_class, queries);  // last: the classes above stay as they were

  if (options.out.has_parent_path()) fs::create_directories(options.out.parent_path());
  std::ofstream out(options.out, std::ios::binary);
  out << "#id\tclass\top\twords\tshow\tfrom\tto\n";
  for (size_t i = 0; i < queries.size(); ++i) {
    const auto& q = queries[i];
    std::string words;
    for (const auto& w : q.words) words += (words.empty() ? "" : " ") + w;
    out << i << '\t' << q.cls << '\t' << q.op << '\t' << words << '\t' << q.show << '\t' << q.from
        << '\t' << q.to << '\n';
  }
  if (!out) throw std::runtime_error("cannot write " + options.out.string());
  return queries.size();
}

}  // namespace bench::gen
