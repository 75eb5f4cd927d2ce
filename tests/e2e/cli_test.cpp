// End-to-end tests of the `newsdex` binary: each test runs the real executable through the
// shell, with stdout and stderr captured to files, on the seed transcript and the sample corpus
// in data/sample/. They check what a user sees: output, JSON and exit codes (0 ok, 1 no hits with
// --fail-empty, 2 usage or query error, 3 data error).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

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
const fs::path kSeed = kSource / "data/sample/seed";
const std::string kSeedTitle = "Trump defends Putin call as leak angers White House";

using newsdex::testing::Outcome;
using newsdex::testing::read_file;
using newsdex::testing::write_file;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = newsdex::testing::scratch_dir("cli_test");
    fs::remove_all(m_dir);
    fs::create_directories(m_dir / "input");
    m_index = m_dir / "idx";
  }
  void TearDown() override { fs::remove_all(m_dir); }

  // Runs `newsdex ARGS...` with stdin from /dev/null, stdout and stderr to files.
  Outcome newsdex(const std::vector<std::string>& args) {
    return newsdex::testing::run_binary(kBinary, args, m_dir);
  }

  // Copies the seed transcript and its sidecar into input/ and ingests them.
  void ingest_seed() {
    for (const auto& e : fs::directory_iterator(kSeed))
      fs::copy_file(e.path(), m_dir / "input" / e.path().filename());
    ASSERT_TRUE(fs::exists(m_dir / "input/abc-2018-03-21-putin-call.txt.meta.json"));
    const auto o = newsdex({"ingest", "--index", m_index.string(), (m_dir / "input").string()});
    ASSERT_EQ(o.code, 0) << o.err;
    ASSERT_NE(o.err.find("1 added"), std::string::npos) << o.err;
  }

  // `newsdex search --json --index IDX EXTRA...`, which must succeed; a discarded (invalid) JSON
  // value when the output does not parse.
  json search_json(const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"search", "--json", "--index", m_index.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto o = newsdex(args);
    EXPECT_EQ(o.code, 0) << o.err;
    return json::parse(o.out, nullptr, /*allow_exceptions=*/false);
  }

  fs::path m_dir;
  fs::path m_index;
};

TEST_F(CliTest, IngestSeedAndSearchText) {
  ingest_seed();
  const auto o = newsdex({"search", "--index", m_index.string(), "do not congratulate"});
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(o.out.rfind("1 hit for do not congratulate", 0), 0u) << o.out;
  EXPECT_NE(o.out.find(kSeedTitle), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("2018-03-21 ABC WNT"), std::string::npos) << o.out;
  // Not a terminal: matches are bracketed, entities decoded.
  EXPECT_NE(o.out.find("[do not congratulate]"), std::string::npos) << o.out;
  EXPECT_EQ(o.out.find("<mark>"), std::string::npos) << o.out;
}

TEST_F(CliTest, SearchJsonPhrase) {
  ingest_seed();
  json r = search_json({"\"phone call\" putin"});
  ASSERT_TRUE(r.is_object()) << r;
  EXPECT_EQ(r["query"], "\"phone call\" putin");
  EXPECT_EQ(r["total"], 1);
  EXPECT_TRUE(r["took_ms"].is_number());
  ASSERT_EQ(r["hits"].size(), 1u);
  json& hit = r["hits"][0];
  for (const char* key : {"id", "title", "date", "show", "source", "score", "snippets"})
    EXPECT_TRUE(hit.contains(key)) << key;
  EXPECT_EQ(hit["title"], kSeedTitle);
  EXPECT_EQ(hit["date"], "2018-03-21");
  EXPECT_EQ(hit["show"], "WNT");    // from the sidecar
  EXPECT_EQ(hit["source"], "ABC");  // from the sidecar
  EXPECT_EQ(hit["id"].get<std::string>().size(), 16u);
  EXPECT_GT(hit["score"].get<double>(), 0.0);
  ASSERT_TRUE(hit["snippets"].is_array());
  bool phrase_marked = false;
  for (const auto& s : hit["snippets"])
    phrase_marked =
        phrase_marked || s.get<std::string>().find("<mark>phone call</mark>") != std::string::npos;
  EXPECT_TRUE(phrase_marked) << hit["snippets"];
}

TEST_F(CliTest, ShowPrintsTheTranscript) {
  ingest_seed();
  json r = search_json({"putin"});
  ASSERT_EQ(r["hits"].size(), 1u);
  const std::string id = r["hits"][0]["id"];

  const auto text = newsdex({"show", "--index", m_index.string(), id});
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find("id:       " + id), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("title:    " + kSeedTitle), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("show:     WNT"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("\"Do not congratulate.\""), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("Cecilia Vega, thank you."), std::string::npos) << text.out;

  const auto js = newsdex({"show", "--json", "--index", m_index.string(), id});
  ASSERT_EQ(js.code, 0) << js.err;
  json doc = json::parse(js.out, nullptr, false);
  ASSERT_TRUE(doc.is_object()) << js.out;
  EXPECT_EQ(doc["id"], id);
  EXPECT_EQ(doc["title"], kSeedTitle);
  EXPECT_EQ(doc["date"], "2018-03-21");
  EXPECT_EQ(doc["source"], "ABC");
  ASSERT_TRUE(doc["body"].is_string());
  const std::string body = doc["body"];
  EXPECT_EQ(body.rfind("Good evening. We begin tonight with president trump", 0), 0u)
      << body.substr(0, 80);
  EXPECT_NE(body.find("in camal letters, do not congratulate Putin."), std::string::npos);
  // The page clutter (header line) is not part of the body.
  EXPECT_EQ(body.find("Transcript for"), std::string::npos);

  const auto missing = newsdex({"show", "--index", m_index.string(), "0123456789abcdef"});
  EXPECT_EQ(missing.code, 3);
  EXPECT_NE(missing.err.find("0123456789abcdef"), std::string::npos) << missing.err;
}

TEST_F(CliTest, StatsAndCheck) {
  ingest_seed();
  const auto stats = newsdex({"stats", "--json", "--index", m_index.string()});
  ASSERT_EQ(stats.code, 0) << stats.err;
  json s = json::parse(stats.out, nullptr, false);
  ASSERT_TRUE(s.is_object()) << stats.out;
  EXPECT_EQ(s["documents"], 1);
  EXPECT_GT(s["terms"].get<int64_t>(), 150);  // a 460-word transcript plus its title
  EXPECT_GT(s["bytes"].get<int64_t>(), 1000);
  EXPECT_EQ(s["first_date"], "2018-03-21");
  EXPECT_EQ(s["last_date"], "2018-03-21");

  const auto text = newsdex({"stats", "--index", m_index.string()});
  ASSERT_EQ(text.code, 0);
  EXPECT_NE(text.out.find("documents:  1"), std::string::npos) << text.out;

  // --parts: the stream parts and the other parts add up to the bytes on disk; the by-field rows
  // split the same postings bytes another way; the seed's body is indexed with positions and
  // stored, and the understanding fields (speakers, quotes, entities, roles) have postings too.
  const auto with_parts = newsdex({"stats", "--json", "--parts", "--index", m_index.string()});
  ASSERT_EQ(with_parts.code, 0) << with_parts.err;
  json sp = json::parse(with_parts.out, nullptr, false);
  ASSERT_TRUE(sp.contains("parts")) << with_parts.out;
  const json& parts = sp["parts"];
  int64_t sum = 0, streams = 0, by_field = 0;
  for (const auto& [name, bytes] : parts.items()) {
    ASSERT_GE(bytes.get<int64_t>(), 0) << name;
    if (name.rfind("postings_field.", 0) == 0) {
      by_field += bytes.get<int64_t>();
      continue;
    }
    sum += bytes.get<int64_t>();
    if (name.rfind("postings.", 0) == 0 && name != "postings.padding")
      streams += bytes.get<int64_t>();
  }
  EXPECT_EQ(sum, sp["bytes"].get<int64_t>());
  EXPECT_EQ(by_field, streams);
  EXPECT_GT(parts["postings.positions"].get<int64_t>(), 0);
  EXPECT_GT(parts["postings_field.body"].get<int64_t>(),
            parts["postings_field.title"].get<int64_t>());
  EXPECT_GT(parts["postings_field.speaker"].get<int64_t>(), 0);
  EXPECT_GT(parts["postings_field.entity"].get<int64_t>(), 0);
  EXPECT_GT(parts["stored_documents"].get<int64_t>(), 0);
  EXPECT_GT(parts["turn_table"].get<int64_t>(), 0);
  const auto parts_text = newsdex({"stats", "--parts", "--index", m_index.string()});
  ASSERT_EQ(parts_text.code, 0) << parts_text.err;
  EXPECT_NE(parts_text.out.find("postings.positions"), std::string::npos) << parts_text.out;

  const auto check = newsdex({"check", "--index", m_index.string()});
  EXPECT_EQ(check.code, 0) << check.err;
  EXPECT_EQ(check.out.rfind("ok: 1 documents", 0), 0u) << check.out;
}

TEST_F(CliTest, ExitCodes) {
  ingest_seed();
  const std::string idx = m_index.string();
  const auto bad_query = newsdex({"search", "--index", idx, "congratulate \"phone call"});
  EXPECT_EQ(bad_query.code, 2);
  EXPECT_NE(bad_query.err.find("column 14"), std::string::npos) << bad_query.err;
  EXPECT_TRUE(bad_query.out.empty()) << bad_query.out;

  const auto missing_index = newsdex({"search", "--index", (m_dir / "nope").string(), "putin"});
  EXPECT_EQ(missing_index.code, 3);
  EXPECT_NE(missing_index.err.find("newsdex ingest"), std::string::npos) << missing_index.err;
  EXPECT_EQ(newsdex({"stats", "--index", (m_dir / "nope").string()}).code, 3);
  EXPECT_EQ(newsdex({"check", "--index", (m_dir / "nope").string()}).code, 3);

  const auto empty = newsdex({"search", "--fail-empty", "--index", idx, "hurricane"});
  EXPECT_EQ(empty.code, 1) << empty.err;
  EXPECT_EQ(empty.out.rfind("0 hits", 0), 0u) << empty.out;
  EXPECT_EQ(newsdex({"search", "--index", idx, "hurricane"}).code, 0);
  EXPECT_EQ(newsdex({"search", "--fail-empty", "--index", idx, "putin"}).code, 0);

  EXPECT_EQ(newsdex({"frobnicate"}).code, 2);
  EXPECT_EQ(newsdex({}).code, 2);
  EXPECT_EQ(newsdex({"search", "--index", idx}).code, 2);  // no query
  EXPECT_EQ(newsdex({"show", "--index", idx}).code, 2);    // no id
  EXPECT_EQ(newsdex({"ingest", "--index", idx}).code, 2);  // no inputs
  EXPECT_EQ(newsdex({"search", "--index", idx, "--sort", "loudness", "putin"}).code, 2);
  EXPECT_EQ(newsdex({"search", "--index", idx, "--from", "March", "putin"}).code, 2);
  EXPECT_EQ(newsdex({"search", "--index", idx, "--no-such-flag", "putin"}).code, 2);
  EXPECT_EQ(newsdex({"--help"}).code, 0);
}

TEST_F(CliTest, MalformedJsonlKeepsGoodRecords) {
  const fs::path file = m_dir / "input/segments.jsonl";
  write_file(
      file,
      R"({"source": "ABC", "show": "WNT", "date": "2019-02-28", "title": "Hanoi summit ends early", "body": "The summit in Hanoi ended early today without an agreement on sanctions."})"
      "\n"
      R"({"source": "ABC", "show": "WNT", "date": "2019-02-28", "title": "Broken", "body": "this line )"
      "\n"
      R"({"source": "CNN", "show": "Newsroom", "date": "2019-03-01", "title": "Cohen testimony", "body": "Michael Cohen told the House oversight committee about hush money payments."})"
      "\n");
  const auto o = newsdex({"ingest", "--index", m_index.string(), file.string()});
  EXPECT_EQ(o.code, 3) << o.err;
  EXPECT_NE(o.err.find("segments.jsonl:2"), std::string::npos) << o.err;
  EXPECT_EQ(o.err.find("segments.jsonl:1:"), std::string::npos) << o.err;
  EXPECT_EQ(o.err.find("segments.jsonl:3"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("2 added"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("1 errors"), std::string::npos) << o.err;

  // What was good is committed and searchable.
  json hanoi = search_json({"hanoi sanctions"});
  EXPECT_EQ(hanoi["total"], 1);
  json cohen = search_json({"\"hush money\" source:cnn"});
  EXPECT_EQ(cohen["total"], 1);
  json broken = search_json({"title:broken"});
  EXPECT_EQ(broken["total"], 0);
  EXPECT_EQ(newsdex({"check", "--index", m_index.string()}).code, 0);
}

TEST_F(CliTest, ReingestAddsNothing) {
  ingest_seed();
  const auto again = newsdex({"ingest", "--index", m_index.string(), (m_dir / "input").string()});
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_NE(again.err.find("0 added, 1 duplicates, 0 replaced; 0 errors"), std::string::npos)
      << again.err;
  json r = search_json({"putin"});
  EXPECT_EQ(r["total"], 1);
}

TEST_F(CliTest, WholeSampleCorpus) {
  const auto o = newsdex(
      {"ingest", "--quiet", "--index", m_index.string(), (kSource / "data/sample").string()});
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.err.find("; 0 errors"), std::string::npos) << o.err;
  // data/sample/README.md: 1 + 9 + 5 + 3 + 40 + 43 documents; the READMEs are not transcripts.
  const auto stats = newsdex({"stats", "--json", "--index", m_index.string()});
  ASSERT_EQ(stats.code, 0) << stats.err;
  json s = json::parse(stats.out, nullptr, false);
  EXPECT_EQ(s["documents"], 101) << stats.out;

  json wnt = search_json({"--limit", "1000", "show:WNT"});
  ASSERT_GT(wnt["total"].get<int>(), 2);
  EXPECT_EQ(wnt["hits"].size(), wnt["total"].get<size_t>());
  bool seed_found = false;
  for (const auto& h : wnt["hits"]) {
    EXPECT_EQ(h["show"], "WNT") << h["title"];
    seed_found = seed_found || h["title"] == kSeedTitle;
  }
  EXPECT_TRUE(seed_found);

  json march = search_json({"--limit", "1000", "putin date:2018-03"});
  ASSERT_GE(march["total"].get<int>(), 1);
  for (const auto& h : march["hits"]) {
    const std::string date = h["date"];
    EXPECT_EQ(date.substr(0, 7), "2018-03") << h["title"];
  }
  json ranged =
      search_json({"--limit", "1000", "--from", "2018-06-01", "--to", "2018-06-30", "summit"});
  ASSERT_GE(ranged["total"].get<int>(), 2);  // the Singapore pages, the briefing, the JSONL segment
  for (const auto& h : ranged["hits"]) {
    const std::string date = h["date"];
    EXPECT_GE(date, "2018-06-01") << h["title"];
    EXPECT_LE(date, "2018-06-30") << h["title"];
  }
  json seed = search_json({"\"do not congratulate\""});
  ASSERT_GE(seed["hits"].size(), 1u);
  EXPECT_EQ(seed["hits"][0]["title"], kSeedTitle);
  EXPECT_EQ(newsdex({"check", "--index", m_index.string()}).code, 0);
}

}  // namespace
}  // namespace newsdex

namespace newsdex {
namespace {

// What understand/ finds at ingest is searchable by field, and `quotes` lists who said what.
TEST_F(CliTest, UnderstandingFieldsAndQuotes) {
  ingest_seed();
  for (const char* q :
       {"speaker:\"cecilia vega\"", "quote:\"fake news\"", "entity:\"Vladimir Putin\"",
        "entity:\"washington post\"", "role:soundbite", "role:reporter putin"}) {
    json r = search_json({q});
    ASSERT_TRUE(r.is_object()) << q;
    EXPECT_EQ(r["total"], 1) << q;
  }
  // A phrase does not run across two values of a field, and a name never said is not found.
  EXPECT_EQ(search_json({"speaker:\"vega donald\""})["total"], 0);
  EXPECT_EQ(search_json({"speaker:\"david muir\""})["total"], 0);
  const auto bad = newsdex({"search", "--index", m_index.string(), "role:pundit"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("unknown role 'pundit'"), std::string::npos) << bad.err;

  const auto o = newsdex({"quotes", "--json", "--index", m_index.string(), "quote:\"fake news\""});
  ASSERT_EQ(o.code, 0) << o.err;
  json r = json::parse(o.out, nullptr, false);
  ASSERT_TRUE(r.is_object()) << o.out;
  ASSERT_EQ(r["quotes"].size(), 1u) << o.out;
  const json& q = r["quotes"][0];
  EXPECT_EQ(q["text"], "The fake news media is crazed because they want me to excoriate him.");
  EXPECT_EQ(q["speaker"], "Donald Trump");
  EXPECT_EQ(q["medium"], "Twitter");
  EXPECT_EQ(q["kind"], "quoted");
  EXPECT_EQ(q["date"], "2018-03-21");
  EXPECT_EQ(q["show"], "WNT");
}

TEST_F(CliTest, RobustSearchFindsGarbledCaptions) {
  ingest_seed();
  // The seed's captions say "raids the issue": the exact phrase misses it, robust: finds it and
  // says which word matched what.
  EXPECT_EQ(search_json({"\"did the president not raise the issue\""})["total"], 0);
  json r = search_json({"robust:\"did the president not raise the issue\""});
  ASSERT_EQ(r["total"], 1) << r;
  const json& hit = r["hits"][0];
  ASSERT_TRUE(hit.contains("approximate")) << hit;
  EXPECT_EQ(hit["approximate"][0]["text"], "raids");
  EXPECT_EQ(hit["approximate"][0]["matches"], "raise");
  // Text output shows the approximate match beside what it stands for.
  const auto o = newsdex(
      {"search", "--index", m_index.string(), "robust:\"did the president not raise the issue\""});
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("[raids\u2248raise]"), std::string::npos) << o.out;
  // Fuzzy, prefix and sounds clauses run from the command line too.
  EXPECT_GE(search_json({"congratulate~1"})["total"].get<int>(), 1);
  EXPECT_GE(search_json({"congrat*"})["total"].get<int>(), 1);
  // A prefix inside sounds: is a located query error (exit code 2).
  const auto bad = newsdex({"search", "--index", m_index.string(), "sounds:capit*"});
  EXPECT_EQ(bad.code, 2) << bad.err;
  EXPECT_NE(bad.err.find("takes a word or a quoted phrase"), std::string::npos) << bad.err;
}

TEST_F(CliTest, EvalFilesScoresOnlyTheMatchingTranscripts) {
  const fs::path dir = fs::path(NEWSDEX_SOURCE_DIR) / "tests/data/understand";
  size_t expected = 0;
  for (const auto& e : fs::directory_iterator(dir / "dev")) {
    const std::string name = e.path().filename().string();
    if (name.starts_with("abc-2019-") && !name.ends_with(".json")) ++expected;
  }
  ASSERT_GT(expected, 0u);
  const auto o = newsdex({"eval", "--set", "dev", "--json", "--files", "abc-2019-*", dir.string()});
  ASSERT_EQ(o.code, 0) << o.err;
  json r = json::parse(o.out, nullptr, false);
  ASSERT_TRUE(r.is_object()) << o.out;
  EXPECT_EQ(r["dev"]["documents"], expected);
  // Two globs add up; a glob that matches nothing is a usage error, not an empty table.
  const auto two = newsdex({"eval", "--set", "dev", "--json", "--files", "abc-2019-*", "--files",
                            "cnn-*", dir.string()});
  ASSERT_EQ(two.code, 0) << two.err;
  EXPECT_GT(json::parse(two.out)["dev"]["documents"].get<size_t>(), expected);
  const auto none = newsdex({"eval", "--set", "dev", "--files", "no-such-*", dir.string()});
  EXPECT_EQ(none.code, 2);
  EXPECT_NE(none.err.find("no annotated file matches --files"), std::string::npos) << none.err;
}

// The training-only part (train/) is scored with --set train or in a comma list; the held-out part
// never feeds the attribution model's examples, also not inside a list.
TEST_F(CliTest, EvalScoresTheTrainingOnlyPartAndKeepsTestOutOfTraining) {
  const fs::path dir = fs::path(NEWSDEX_SOURCE_DIR) / "tests/data/understand";
  const auto o = newsdex(
      {"eval", "--set", "dev,train", "--json", "--files", "abc-2018-0[36]-*", dir.string()});
  ASSERT_EQ(o.code, 0) << o.err;
  const auto j = nlohmann::json::parse(o.out);
  EXPECT_FALSE(j.contains("test"));
  ASSERT_TRUE(j.contains("train")) << o.out;
  EXPECT_GE(j["train"]["documents"].get<size_t>(), 2u);
  EXPECT_GT(j["train"]["quotes"]["gold"].get<size_t>(), 0u);
  const auto bad = newsdex({"eval", "--set", "dev,bogus", dir.string()});
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("'bogus'"), std::string::npos) << bad.err;
  const fs::path out = m_dir / "attribution.tsv";
  const auto refused = newsdex(
      {"eval", "--set", "train,test", "--attribution-features", out.string(), dir.string()});
  EXPECT_EQ(refused.code, 2);
  EXPECT_NE(refused.err.find("never the held-out"), std::string::npos) << refused.err;
}

// The attribution model's training examples never come from the held-out part; every line is one
// candidate of an annotated quote ("file<TAB>case<TAB>0|1<TAB>name<TAB>features"); --rules-only
// scores the rules.
TEST_F(CliTest, EvalWritesAttributionExamplesForDevOnly) {
  const fs::path dir = fs::path(NEWSDEX_SOURCE_DIR) / "tests/data/understand";
  const fs::path out = m_dir / "attribution.tsv";
  const auto refused =
      newsdex({"eval", "--set", "test", "--attribution-features", out.string(), dir.string()});
  EXPECT_EQ(refused.code, 2);
  EXPECT_NE(refused.err.find("needs --set dev"), std::string::npos) << refused.err;
  const auto o = newsdex({"eval", "--set", "dev", "--files", "abc-2019-*", "--attribution-features",
                          out.string(), dir.string()});
  ASSERT_EQ(o.code, 0) << o.err;
  std::ifstream in(out);
  std::string line;
  size_t lines = 0, positives = 0;
  while (std::getline(in, line)) {
    ++lines;
    size_t tabs = 0;
    for (char c : line) tabs += c == '\t' ? 1 : 0;
    EXPECT_EQ(tabs, 4u) << line;
    EXPECT_TRUE(line.starts_with("dev/abc-2019-")) << line;
    positives += line.find("\t1\t") != std::string::npos ? 1 : 0;
  }
  EXPECT_GT(lines, positives);
  EXPECT_GT(positives, 0u);
  const auto rules = newsdex(
      {"eval", "--set", "dev", "--rules-only", "--json", "--files", "abc-2019-*", dir.string()});
  ASSERT_EQ(rules.code, 0) << rules.err;
  EXPECT_TRUE(json::parse(rules.out)["dev"]["quotes"]["f1"].is_number());
}

}  // namespace
}  // namespace newsdex
