// What the web page needs from the API beyond search: GET /api/facets (the show and source
// filters: distinct values with document counts over every segment, most documents first, empty
// values left out, refreshed after a commit) and the caption repairs of GET /api/docs/{id} (the
// cleaned reading beside the original).
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "newsdex/index/snapshot.hpp"
#include "newsdex/index/writer/index_writer.hpp"
#include "newsdex/server/facets.hpp"
#include "newsdex/server/server.hpp"
#include "newsdex/understand/analysis_json.hpp"

namespace newsdex::server {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

doc::Transcript make(std::string source, std::string show, std::string title) {
  doc::Transcript t;
  t.source = std::move(source);
  t.show = std::move(show);
  t.date = "2018-03-21";
  t.title = title;
  t.body = "A short transcript called " + title + ".";
  doc::assign_id(t);
  return t;
}

class FacetsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() /
            ("newsdex_facets_test_" +
             std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "_" +
             std::to_string(::getpid()));
    fs::remove_all(m_dir);
  }
  void TearDown() override { fs::remove_all(m_dir); }

  void add(const std::vector<doc::Transcript>& docs) {
    auto writer = index::IndexWriter::open(m_dir);
    ASSERT_TRUE(writer) << writer.error().to_string();
    for (const auto& d : docs) ASSERT_TRUE((*writer)->add(d));
    auto info = (*writer)->commit();
    ASSERT_TRUE(info) << info.error().to_string();
  }

  fs::path m_dir;
};

TEST_F(FacetsTest, CountsDocumentsPerValueAcrossSegments) {
  add({make("ABC", "WNT", "one"), make("ABC", "GMA", "two"), make("ABC", "WNT", "three")});
  add({make("CNN", "The Lead", "four"), make("ABC", "WNT", "five"), make("", "", "six")});
  auto snap = index::Snapshot::open(m_dir);
  ASSERT_TRUE(snap) << snap.error().to_string();
  const Facets f = compute_facets(**snap);

  ASSERT_EQ(f.shows.size(), 3u);
  EXPECT_EQ(f.shows[0].value, "WNT");
  EXPECT_EQ(f.shows[0].count, 3u);
  // Ties keep the values' sorted order.
  EXPECT_EQ(f.shows[1].value, "GMA");
  EXPECT_EQ(f.shows[1].count, 1u);
  EXPECT_EQ(f.shows[2].value, "The Lead");
  ASSERT_EQ(f.sources.size(), 2u);
  EXPECT_EQ(f.sources[0].value, "ABC");
  EXPECT_EQ(f.sources[0].count, 4u);
  EXPECT_EQ(f.sources[1].value, "CNN");
  EXPECT_EQ(f.sources[1].count, 1u);

  const json j = json::parse(facets_json(f));
  EXPECT_EQ(j["shows"][0], json({{"value", "WNT"}, {"count", 3}}));
  EXPECT_EQ(j["sources"].size(), 2u);
}

TEST_F(FacetsTest, RouteAnswersJsonAndSeesNewCommits) {
  add({make("ABC", "WNT", "one")});
  ServerOptions options;
  options.index_dir = m_dir.string();
  options.port = 0;
  Server server(options);
  auto started = server.start();
  ASSERT_TRUE(started) << started.error().to_string();
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(10);

  auto res = client.Get("/api/facets");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(json::parse(res->body)["shows"], json::parse(R"([{"value":"WNT","count":1}])"));

  add({make("PBS", "NewsHour", "two")});
  res = client.Get("/api/facets");
  ASSERT_TRUE(res);
  const json j = json::parse(res->body);
  EXPECT_EQ(j["shows"].size(), 2u);
  EXPECT_EQ(j["sources"].size(), 2u);
  server.stop();
}

TEST_F(FacetsTest, DocumentCarriesItsCaptionRepairs) {
  auto captioned = make("ABC", "WNT", "call");
  captioned.body =
      "I had a call with president Putin and uh, congratulated him on the victory, his electoral "
      "victo victory. We we will talk.";
  doc::assign_id(captioned);
  add({captioned});
  ServerOptions options;
  options.index_dir = m_dir.string();
  options.port = 0;
  Server server(options);
  ASSERT_TRUE(server.start());
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(10);
  auto res = client.Get(("/api/docs/" + captioned.id).c_str());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const json doc = json::parse(res->body);
  ASSERT_TRUE(doc.contains("repairs"));
  EXPECT_EQ(doc["repairs"], understand::repairs_to_json(captioned.body));
  ASSERT_FALSE(doc["repairs"].empty());
  for (const auto& r : doc["repairs"]) {
    const auto start = r["start"].get<size_t>();
    const auto end = r["end"].get<size_t>();
    EXPECT_LT(start, end);
    EXPECT_LE(end, captioned.body.size());
  }
  server.stop();
}

}  // namespace
}  // namespace newsdex::server
