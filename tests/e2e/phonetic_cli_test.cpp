// `sounds:` through the `newsdex` binary on names CMUdict lacks, spelled the way captions garble
// them (tests/data/phonetic/names.jsonl: each transcript holds only the garbled spelling). New
// indexes carry Double Metaphone keys; tests/data/phonetic/metaphone-index/ was written by the
// binary before them (main at 2184726: Metaphone keys), and must keep answering with those.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support/run_binary.hpp"
#include "support/scratch_dir.hpp"

namespace newsdex {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kSource = NEWSDEX_SOURCE_DIR;
const fs::path kBinary = fs::path(NEWSDEX_BINARY_DIR) / "newsdex";
const fs::path kNames = kSource / "tests/data/phonetic/names.jsonl";
const fs::path kOldIndex = kSource / "tests/data/phonetic/metaphone-index";

using newsdex::testing::read_file;

class PhoneticCli : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = newsdex::testing::scratch_dir("phonetic_cli");
    fs::remove_all(m_dir);
    fs::create_directories(m_dir);
  }
  void TearDown() override { fs::remove_all(m_dir); }

  // Runs `newsdex ARGS...`; returns the exit code, stdout in `out`.
  int run(const std::vector<std::string>& args, std::string& out) {
    const auto o = newsdex::testing::run_binary(kBinary, args, m_dir);
    out = o.out;
    return o.code;
  }
  // `newsdex search --json --index INDEX sounds:WORD`, parsed (a discarded value on failure).
  json search(const fs::path& index, const std::string& word) {
    std::string out;
    if (run({"search", "--json", "--index", index.string(), "sounds:" + word}, out) != 0)
      return json(json::value_t::discarded);
    return json::parse(out, nullptr, false);
  }
  // The garbled words `sounds:WORD` matched in INDEX (the hits' approximate matches), or
  // {"error"} when the search failed.
  std::vector<std::string> sounds(const fs::path& index, const std::string& word) {
    const json r = search(index, word);
    if (!r.is_object()) return {"error"};
    std::vector<std::string> found;
    for (const auto& hit : r["hits"])
      if (hit.contains("approximate"))
        for (const auto& a : hit["approximate"]) found.push_back(a.value("text", ""));
    return found;
  }
  fs::path ingest_names() {
    const fs::path index = m_dir / "idx";
    std::string out;
    EXPECT_EQ(run({"ingest", "--index", index.string(), "--threads", "1", kNames.string()}, out), 0)
        << read_file(m_dir / "stderr.txt");
    return index;
  }

  fs::path m_dir;
};

bool has(const std::vector<std::string>& v, const std::string& s) {
  for (const auto& x : v)
    if (x == s) return true;
  return false;
}

TEST_F(PhoneticCli, DoubleMetaphoneFindsGarbledNamesMetaphoneMissed) {
  const fs::path index = ingest_names();
  // Primary against primary: "gh" before "i" is a J, "sch" before a vowel an X, "ggi" and
  // "zh" a J.
  EXPECT_TRUE(has(sounds(index, "ghislaine"), "gislaine")) << "JLN";
  EXPECT_TRUE(has(sounds(index, "schumer"), "shumer")) << "XMR";
  EXPECT_TRUE(has(sounds(index, "khashoggi"), "kashogi")) << "KXJ";
  EXPECT_TRUE(has(sounds(index, "zhengzhou"), "jengjou")) << "JNKJ";
  // Letter keys meet only words of four letters or more: "eyes" (AS) finds no "is" or "as".
  EXPECT_TRUE(sounds(index, "eyes").empty());
  // Through an alternate: "thunberg" TNPRK (its alternate) is "tunberg"'s primary.
  EXPECT_TRUE(has(sounds(index, "thunberg"), "tunberg")) << "0NPRK/TNPRK";
  // What Metaphone found, Double Metaphone finds too.
  EXPECT_TRUE(has(sounds(index, "zelenskyy"), "zelenskiy"));
  // And a different name stays apart.
  EXPECT_TRUE(sounds(index, "maxine").empty());
}

TEST_F(PhoneticCli, AnIndexWrittenWithMetaphoneKeysKeepsAnswering) {
  // A copy: the committed directory stays as written.
  const fs::path index = m_dir / "old";
  fs::create_directories(index);
  for (const auto& e : fs::directory_iterator(kOldIndex))
    fs::copy_file(e.path(), index / e.path().filename());
  std::string out;
  ASSERT_EQ(run({"check", "--index", index.string()}, out), 0) << read_file(m_dir / "stderr.txt");
  // Its segment carries Metaphone keys ("m"), which queries still look up there...
  EXPECT_TRUE(has(sounds(index, "zelenskyy"), "zelenskiy")) << "SLNSK";
  // ...and CMUdict keys, which did not change: a word still finds itself.
  EXPECT_EQ(search(index, "maxwell").value("total", -1), 1);
  // The Double Metaphone keys are not there: the names Metaphone missed stay missed until the
  // sources are re-ingested (not wrongly found, not an error).
  EXPECT_TRUE(sounds(index, "ghislaine").empty());
  // A merge of the old segment with a new one answers under both schemes.
  {
    std::ofstream more(m_dir / "more.jsonl");
    more << R"({"source": "CBS", "show": "Evening News", "date": "2021-12-29", )"
         << R"("title": "Verdict in sex trafficking trial", "url": "https://example.org/cbs/1", )"
         << R"("language": "en", "body": ">> A jury found gislaine Maxwell guilty today."})"
         << "\n";
  }
  ASSERT_EQ(run({"ingest", "--index", index.string(), "--threads", "1", "--no-merge",
                 (m_dir / "more.jsonl").string()},
                out),
            0)
      << read_file(m_dir / "stderr.txt");
  ASSERT_EQ(run({"merge", "--index", index.string(), "--max-segments", "1"}, out), 0)
      << read_file(m_dir / "stderr.txt");
  // The term found through the new keys is then searched everywhere: both documents.
  EXPECT_EQ(search(index, "ghislaine").value("total", -1), 2);
  EXPECT_TRUE(has(sounds(index, "ghislaine"), "gislaine"));
  EXPECT_TRUE(has(sounds(index, "zelenskyy"), "zelenskiy"));
  ASSERT_EQ(run({"check", "--index", index.string()}, out), 0) << read_file(m_dir / "stderr.txt");
}

// Each segment is asked only under the key schemes it holds (Segment::has_sound_scheme): the old
// segment skips the Double Metaphone keys, the new one the Metaphone key. The answers are those
// of the merged segment, which holds all four schemes and so is asked under every one: the same
// hits, in the same order, with the same scores.
TEST_F(PhoneticCli, SkippingAbsentKeySchemesChangesNoAnswer) {
  const fs::path index = m_dir / "mixed";
  fs::create_directories(index);
  for (const auto& e : fs::directory_iterator(kOldIndex))
    fs::copy_file(e.path(), index / e.path().filename());
  {
    std::ofstream more(m_dir / "more.jsonl");
    const char* bodies[] = {
        ">> A jury found gislaine Maxwell guilty today. zelenskiy spoke from Kyiv.",
        ">> Senator shumer and the activist Greta tunberg met reporters outside.",
        ">> The consulate where kashogi died is closed. Workers in jengjou went home.",
        ">> President zelensky recorded a video on the streets of Kyiv tonight.",
    };
    for (size_t n = 0; n < std::size(bodies); ++n)
      more << R"({"source": "CBS", "show": "Evening News", "date": "2021-12-2)" << n
           << R"(", "title": "Story )" << n << R"(", "url": "https://example.org/cbs/)" << n
           << R"(", "language": "en", "body": ")" << bodies[n] << "\"}\n";
  }
  std::string out;
  ASSERT_EQ(run({"ingest", "--index", index.string(), "--threads", "1", "--no-merge",
                 (m_dir / "more.jsonl").string()},
                out),
            0)
      << read_file(m_dir / "stderr.txt");
  const std::vector<std::string> queries = {
      "sounds:ghislaine",
      "sounds:zelenskyy",
      "sounds:khashoggi",
      "sounds:thunberg",
      "sounds:schumer",
      "sounds:zhengzhou",
      "sounds:maxwell",
      R"(robust:"president zelenskyy recorded a video")",
      R"(robust:"agents arrested ghislaine maxwell")",
      R"(robust:"jamal khashoggi died inside")",
      R"(robust:"greta thunberg told world leaders")",
  };
  const auto answers = [&] {
    std::vector<json> all;
    for (const auto& q : queries) {
      std::string text;
      EXPECT_EQ(run({"search", "--json", "--limit", "10", "--index", index.string(), q}, text), 0)
          << q << ": " << read_file(m_dir / "stderr.txt");
      const json r = json::parse(text, nullptr, false);
      all.push_back(r.is_object() ? r["hits"] : json(q + " failed"));
    }
    return all;
  };
  const std::vector<json> separate = answers();  // the old segment and the new one
  size_t hits = 0;
  for (const auto& h : separate) hits += h.size();
  EXPECT_GE(hits, queries.size());  // the queries do find something
  ASSERT_EQ(run({"merge", "--index", index.string(), "--max-segments", "1"}, out), 0)
      << read_file(m_dir / "stderr.txt");
  const std::vector<json> merged = answers();
  for (size_t i = 0; i < queries.size(); ++i)
    EXPECT_EQ(separate[i].dump(), merged[i].dump()) << queries[i];
}

}  // namespace
}  // namespace newsdex
