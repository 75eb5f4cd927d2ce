// End-to-end tests of the analytics commands through the real `newsdex` binary on the sample
// corpus: timeline (JSON contract, csv, --plot, errors), kwic, comentions, terms, reairs and
// first_aired in `show --json`.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support/run_binary.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kSource = NEWSDEX_SOURCE_DIR;
const fs::path kBinary = fs::path(NEWSDEX_BINARY_DIR) / "newsdex";

using newsdex::testing::Outcome;

class AnalyticsCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = new fs::path(fs::temp_directory_path() /
                         ("newsdex_analytics_cli_" + std::to_string(::getpid())));
    fs::remove_all(*s_dir);
    fs::create_directories(*s_dir);
    const auto o = run({"ingest", "--quiet", "--index", (*s_dir / "idx").string(),
                        (kSource / "data/sample").string()});
    ASSERT_EQ(o.code, 0) << o.err;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*s_dir);
    delete s_dir;
  }
  static Outcome run(const std::vector<std::string>& args) {
    return newsdex::testing::run_binary(kBinary, args, *s_dir);
  }
  static Outcome idx(std::vector<std::string> args) {
    args.insert(args.begin() + 1, {"--index", (*s_dir / "idx").string()});
    return run(args);
  }
  static fs::path* s_dir;
};
fs::path* AnalyticsCli::s_dir = nullptr;

TEST_F(AnalyticsCli, TimelineJsonContract) {
  const auto o = idx({"timeline", "--json", "--interval", "year", "putin", "trump"});
  ASSERT_EQ(o.code, 0) << o.err;
  const auto j = json::parse(o.out);
  EXPECT_EQ(j["interval"], "year");
  EXPECT_EQ(j["series"], json::array({"putin", "trump"}));
  ASSERT_FALSE(j["buckets"].empty());
  uint64_t putin = 0;
  for (const auto& b : j["buckets"]) {
    for (const char* key : {"start", "count", "mentions", "share", "series"})
      EXPECT_TRUE(b.contains(key)) << key;
    EXPECT_EQ(b["start"].get<std::string>().substr(4), "-01-01");
    if (b["series"] == "putin") putin += b["count"].get<uint64_t>();
  }
  // The same documents as search counts (all dated).
  const auto s = idx({"search", "--json", "--limit", "0", "putin"});
  ASSERT_EQ(s.code, 0) << s.err;
  EXPECT_EQ(putin, json::parse(s.out)["total"].get<uint64_t>());
}

TEST_F(AnalyticsCli, TimelineCsvPlotAndErrors) {
  const auto svg = *s_dir / "chart.svg";
  const auto o = idx({"timeline", "--format", "csv", "--by", "show", "--smooth", "3", "--plot",
                      svg.string(), "putin"});
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(o.out.rfind("series,start,count,mentions,share\n", 0), 0u);
  EXPECT_EQ(newsdex::testing::read_file(svg).rfind("<svg", 0), 0u);
  const auto bad = idx({"timeline", "putin AND ("});
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("column"), std::string::npos) << bad.err;
  EXPECT_EQ(idx({"timeline", "--interval", "fortnight", "putin"}).code, 2);
}

TEST_F(AnalyticsCli, KwicComentionsTermsReairs) {
  const auto k = idx({"kwic", "--json", "--limit", "3", "putin"});
  ASSERT_EQ(k.code, 0) << k.err;
  const auto kj = json::parse(k.out);
  ASSERT_EQ(kj["lines"].size(), 3u);
  EXPECT_EQ(kj["lines"][0]["match"], "Putin");
  // The five analytics commands share --format: an unknown one is a usage error naming it.
  for (const char* command : {"kwic", "comentions", "terms", "reairs", "timeline"}) {
    const auto bad = idx({command, "--format", "xml", "putin"});
    EXPECT_EQ(bad.code, 2) << command;
    EXPECT_NE(bad.err.find("format"), std::string::npos) << command << ": " << bad.err;
  }
  const auto c = idx({"comentions", "--json", "putin"});
  ASSERT_EQ(c.code, 0) << c.err;
  const auto cj = json::parse(c.out);
  ASSERT_FALSE(cj["entities"].empty());
  EXPECT_EQ(cj["entities"][0]["name"], "Vladimir Putin");
  const auto t = idx({"terms", "--format", "csv", "--show", "GMA"});
  ASSERT_EQ(t.code, 0) << t.err;
  EXPECT_EQ(t.out.rfind("kind,name,type,count,df,g2,pmi\n", 0), 0u);
  const auto r = idx({"reairs", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto rj = json::parse(r.out);
  ASSERT_TRUE(rj["clusters"].is_array());
  ASSERT_FALSE(rj["clusters"].empty()) << "the fixture holds a re-air";
  for (const auto& cluster : rj["clusters"]) {
    ASSERT_FALSE(cluster["airings"].empty());
    // A re-air names its first airing in `show --json`.
    const auto reair = cluster["airings"][0]["id"].get<std::string>();
    const auto shown = idx({"show", "--json", reair});
    ASSERT_EQ(shown.code, 0) << shown.err;
    EXPECT_EQ(json::parse(shown.out)["first_aired"]["id"], cluster["first"]["id"]);
    const auto first = idx({"show", "--json", cluster["first"]["id"].get<std::string>()});
    EXPECT_TRUE(json::parse(first.out)["first_aired"].is_null());
    // --id: the airings of that document — the same first airing.
    const auto of = idx({"reairs", "--json", "--id", reair});
    ASSERT_EQ(of.code, 0) << of.err;
    EXPECT_EQ(json::parse(of.out)["clusters"][0]["first"]["id"], cluster["first"]["id"]);
  }
  EXPECT_EQ(idx({"reairs", "--id", "no-such-document"}).code, 3);
  EXPECT_EQ(idx({"reairs", "--id", "x", "putin"}).code, 2);
}

}  // namespace
