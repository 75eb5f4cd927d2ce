// Test helpers shared by the query tests: hand-written transcripts indexed with IndexWriter into
// a temporary directory, and shorthands to search them.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "newsdex/index/snapshot.hpp"
#include "newsdex/index/writer/index_writer.hpp"
#include "newsdex/query/exec/searcher.hpp"

namespace newsdex::query::testing {

namespace fs = std::filesystem;

struct DocSpec {
  std::string title;
  std::string source;
  std::string show;
  std::string date;
  std::string body;
  std::string id = {};  // "" for a computed id
};

inline doc::Transcript make_transcript(const DocSpec& spec) {
  doc::Transcript t;
  t.id = spec.id;
  t.title = spec.title;
  t.source = spec.source;
  t.show = spec.show;
  t.date = spec.date;
  t.body = spec.body;
  doc::assign_id(t);
  return t;
}

// An index directory under the system temp dir, removed at the end. The process id keeps
// parallel test processes (ctest -j) apart.
class TempIndex {
 public:
  explicit TempIndex(const std::string& name)
      : m_dir(fs::temp_directory_path() /
              ("newsdex_search_test_" + name + "_" + std::to_string(::getpid()))) {
    fs::remove_all(m_dir);
  }
  ~TempIndex() { fs::remove_all(m_dir); }
  TempIndex(const TempIndex&) = delete;
  TempIndex& operator=(const TempIndex&) = delete;

  const fs::path& dir() const { return m_dir; }

  // Adds `docs` in one writer session and commits.
  void add(const std::vector<DocSpec>& docs, index::WriterOptions options = {}) {
    auto writer = index::IndexWriter::open(m_dir, options);
    ASSERT_TRUE(writer) << writer.error().to_string();
    for (const auto& d : docs) {
      auto added = (*writer)->add(make_transcript(d));
      ASSERT_TRUE(added) << added.error().to_string();
    }
    auto info = (*writer)->commit();
    ASSERT_TRUE(info) << info.error().to_string();
  }

  Searcher searcher() const {
    auto snap = index::Snapshot::open(m_dir);
    EXPECT_TRUE(snap) << snap.error().to_string();
    return Searcher(*snap);
  }

 private:
  fs::path m_dir;
};

inline SearchResult run(Searcher& searcher, SearchRequest request) {
  auto result = searcher.search(request);
  EXPECT_TRUE(result) << "[" << request.query << "]: " << result.error().to_string();
  return result ? *result : SearchResult{};
}

inline SearchResult run(Searcher& searcher, const std::string& query, size_t limit = 100) {
  return run(searcher, SearchRequest{.query = query, .limit = limit});
}

inline std::vector<std::string> titles(const SearchResult& result) {
  std::vector<std::string> out;
  for (const auto& h : result.hits) out.push_back(h.title);
  return out;
}

inline std::set<std::string> title_set(const SearchResult& result) {
  const auto list = titles(result);
  return {list.begin(), list.end()};
}

using Titles = std::set<std::string>;

}  // namespace newsdex::query::testing
