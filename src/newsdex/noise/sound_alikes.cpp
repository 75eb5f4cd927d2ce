#include "newsdex/noise/sound_alikes.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_set>

#include "newsdex/analysis/phonetic.hpp"
#include "newsdex/noise/vocabulary.hpp"

namespace newsdex::noise {
namespace {

bool is_vowel(char c) {
  return std::string_view("A@^OWYEReIioQUu").find(c) != std::string_view::npos;
}

// Consonants a listener confuses: voiced/voiceless pairs, nasals, liquids, th/f.
bool similar_consonants(char a, char b) {
  static constexpr std::string_view kPairs[] = {"pb", "td", "kg", "fv", "sz", "SZ", "TD", "cj",
                                                "mn", "nN", "lr", "tT", "dD", "sS", "fT", "cS"};
  for (std::string_view p : kPairs)
    if ((p[0] == a && p[1] == b) || (p[0] == b && p[1] == a)) return true;
  return false;
}

// Phonemes that are easily lost or added in fast speech.
bool weak_phoneme(char c) {
  return std::string_view("tdzshnrl^IywD").find(c) != std::string_view::npos;
}

// How alike two phoneme strings sound when they differ by at most one phoneme: 1 when equal,
// < 1 for one substitution, insertion or deletion (more for similar phonemes), 0 otherwise.
double similarity(std::string_view a, std::string_view b) {
  if (a == b) return 1.0;
  if (a.size() == b.size()) {
    size_t diff = a.size();
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i] != b[i]) {
        if (diff != a.size()) return 0;
        diff = i;
      }
    }
    const char x = a[diff], y = b[diff];
    if (is_vowel(x) && is_vowel(y)) return 0.8;
    if (similar_consonants(x, y)) return 0.7;
    return 0.15;
  }
  if (a.size() + 1 == b.size()) std::swap(a, b);
  if (b.size() + 1 != a.size()) return 0;
  // a is one longer: find the phoneme of a that b lacks
  size_t i = 0;
  while (i < b.size() && a[i] == b[i]) ++i;
  if (a.substr(i + 1) != b.substr(i)) return 0;
  return weak_phoneme(a[i]) ? 0.6 : 0.25;
}

void add_best(std::vector<std::pair<uint32_t, double>>& out, uint32_t id, double weight) {
  for (auto& [i, w] : out) {
    if (i == id) {
      w = std::max(w, weight);
      return;
    }
  }
  out.emplace_back(id, weight);
}

std::vector<Candidate> finish(std::vector<Candidate> candidates, size_t cap) {
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.text < b.text;
  });
  std::vector<Candidate> out;
  std::unordered_set<std::string> seen;
  for (auto& c : candidates) {
    if (out.size() == cap) break;
    if (seen.insert(c.text).second) out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

std::shared_ptr<const SoundAlikes> SoundAlikes::build(size_t vocabulary_size) {
  auto alikes = std::make_shared<SoundAlikes>();
  SoundAlikes& s = *alikes;
  for (std::string_view w : caption_vocabulary()) {
    if (s.m_vocab.size() == vocabulary_size) break;
    if (s.m_rank.emplace(std::string(w), static_cast<uint32_t>(s.m_vocab.size())).second)
      s.m_vocab.emplace_back(w);
  }
  for (uint32_t id = 0; id < s.m_vocab.size(); ++id) {
    s.m_metaphone[analysis::metaphone(s.m_vocab[id])].push_back(id);
    for (std::string_view p : analysis::pronunciations(s.m_vocab[id])) {
      const auto entry = static_cast<uint32_t>(s.m_entries.size());
      s.m_entries.push_back({id, p});
      s.m_exact[std::string(p)].push_back(entry);
      s.m_deletes[std::string(p)].push_back(entry);
      for (size_t i = 0; i < p.size() && p.size() > 1; ++i) {
        std::string d(p);
        d.erase(i, 1);
        auto& list = s.m_deletes[d];
        if (list.empty() || list.back() != entry) list.push_back(entry);
      }
    }
  }
  return alikes;
}

int64_t SoundAlikes::rank(std::string_view word) const {
  auto it = m_rank.find(std::string(word));
  return it == m_rank.end() ? -1 : it->second;
}

double SoundAlikes::frequency_weight(uint32_t word) const {
  return 1.0 / std::sqrt(1.0 + static_cast<double>(word) / 50.0);
}

void SoundAlikes::sounding_like(std::string_view phonemes, bool near,
                                std::vector<std::pair<uint32_t, double>>& out) const {
  if (!near) {
    if (auto it = m_exact.find(std::string(phonemes)); it != m_exact.end())
      for (uint32_t e : it->second) add_best(out, m_entries[e].word, 1.0);
    return;
  }
  std::string key(phonemes);
  auto visit = [&](const std::string& k) {
    auto it = m_deletes.find(k);
    if (it == m_deletes.end()) return;
    for (uint32_t e : it->second) {
      const double sim = similarity(phonemes, m_entries[e].phonemes);
      if (sim > 0) add_best(out, m_entries[e].word, sim);
    }
  };
  visit(key);
  for (size_t i = 0; i < phonemes.size() && phonemes.size() > 1; ++i) {
    std::string d = key;
    d.erase(i, 1);
    visit(d);
  }
}

std::vector<Candidate> SoundAlikes::alikes(std::string_view word) const {
  std::vector<std::pair<uint32_t, double>> found;
  const auto prons = analysis::pronunciations(word);
  for (std::string_view p : prons) sounding_like(p, p.size() >= 2, found);
  if (prons.empty()) {
    if (auto it = m_metaphone.find(analysis::metaphone(word)); it != m_metaphone.end())
      for (uint32_t id : it->second) add_best(found, id, 0.7);
  }
  std::vector<Candidate> out;
  for (const auto& [id, sim] : found) {
    if (m_vocab[id] == word) continue;
    out.push_back({m_vocab[id], sim * sim * frequency_weight(id)});
  }
  return finish(std::move(out), 24);
}

std::vector<Candidate> SoundAlikes::splits(std::string_view word) const {
  std::vector<Candidate> out;
  if (analysis::pronunciations(word).empty()) {
    // A name the dictionary lacks: heard as the words its spelling breaks into ("put in").
    for (size_t k = 2; k + 2 <= word.size(); ++k) {
      const int64_t l = rank(word.substr(0, k)), r = rank(word.substr(k));
      if (l >= 0 && r >= 0)
        out.push_back({std::string(word.substr(0, k)) + " " + std::string(word.substr(k)),
                       frequency_weight(static_cast<uint32_t>(l)) *
                           frequency_weight(static_cast<uint32_t>(r))});
    }
    return finish(std::move(out), 24);
  }
  std::vector<std::pair<uint32_t, double>> left, right;
  auto top = [](std::vector<std::pair<uint32_t, double>>& v) {
    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (v.size() > 6) v.resize(6);
  };
  for (std::string_view p : analysis::pronunciations(word)) {
    if (p.size() < 3) continue;
    for (size_t k = 1; k < p.size(); ++k) {
      left.clear();
      right.clear();
      sounding_like(p.substr(0, k), k >= 3, left);
      if (left.empty()) continue;
      sounding_like(p.substr(k), p.size() - k >= 3, right);
      if (right.empty()) continue;
      top(left);
      top(right);
      for (const auto& [l, ls] : left) {
        for (const auto& [r, rs] : right) {
          if (ls < 1.0 && rs < 1.0) continue;  // at most one part a phoneme off
          if (m_vocab[l] == word || m_vocab[r] == word) continue;
          const double sim = ls * rs;
          out.push_back({m_vocab[l] + " " + m_vocab[r],
                         sim * sim * frequency_weight(l) * frequency_weight(r)});
        }
      }
    }
  }
  return finish(std::move(out), 24);
}

std::vector<Candidate> SoundAlikes::merges(std::string_view first, std::string_view second) const {
  std::vector<std::pair<uint32_t, double>> found;
  for (std::string_view a : analysis::pronunciations(first)) {
    for (std::string_view b : analysis::pronunciations(second)) {
      const std::string joined = std::string(a) + std::string(b);
      sounding_like(joined, joined.size() >= 4, found);
    }
  }
  std::vector<Candidate> out;
  for (const auto& [id, sim] : found) {
    if (m_vocab[id] == first || m_vocab[id] == second) continue;
    out.push_back({m_vocab[id], sim * sim * frequency_weight(id)});
  }
  return finish(std::move(out), 16);
}

}  // namespace newsdex::noise
