// HTTP tests of the analytics endpoints: /api/timeline (the JSON contract, several q, errors with
// the query column), /api/kwic, /api/comentions, /api/terms, /api/reairs and first_aired in
// /api/docs/{id}.
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "newsdex/index/writer/index_writer.hpp"
#include "newsdex/server/server.hpp"

namespace newsdex::server {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

doc::Transcript make(std::string show, std::string date, std::string body) {
  doc::Transcript t;
  t.source = "ABC";
  t.show = std::move(show);
  t.date = std::move(date);
  t.title = "Story of " + t.date;
  t.body = std::move(body);
  doc::assign_id(t);
  return t;
}

const std::string kStory =
    "The summit in Singapore ended with a handshake between the two leaders and a short statement "
    "on nuclear weapons that critics called vague, while supporters said it was a first step "
    "toward "
    "peace on the peninsula after decades of hostility and failed talks between the countries.";

class AnalyticsApi : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() / ("newsdex_analytics_api_" + std::to_string(::getpid()));
    fs::remove_all(m_dir);
    auto writer = index::IndexWriter::open(m_dir);
    ASSERT_TRUE(writer);
    m_original = make("WNT", "2018-06-12", kStory);
    m_reair = make("GMA", "2018-06-20", "Good morning. " + kStory);
    for (const auto& t :
         {m_original, m_reair, make("WNT", "2018-07-02", "The summit aftermath and the storm."),
          make("GMA", "2018-09-13", "The storm is still a category two.")})
      ASSERT_TRUE((*writer)->add(t));
    ASSERT_TRUE((*writer)->commit());
    ServerOptions options;
    options.index_dir = m_dir.string();
    options.port = 0;
    m_server = std::make_unique<Server>(options);
    ASSERT_TRUE(m_server->start());
    m_client = std::make_unique<httplib::Client>("127.0.0.1", m_server->port());
  }
  void TearDown() override {
    m_client.reset();
    m_server.reset();
    fs::remove_all(m_dir);
  }
  std::pair<int, json> get(const std::string& path) {
    auto res = m_client->Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return {0, {}};
    return {res->status, json::parse(res->body, nullptr, false)};
  }
  fs::path m_dir;
  doc::Transcript m_original, m_reair;
  std::unique_ptr<Server> m_server;
  std::unique_ptr<httplib::Client> m_client;
};

TEST_F(AnalyticsApi, TimelineContract) {
  auto [status, body] = get("/api/timeline?q=summit&q=storm&interval=month&smooth=2");
  ASSERT_EQ(status, 200) << body;
  EXPECT_EQ(body["interval"], "month");
  EXPECT_EQ(body["series"], json::array({"summit", "storm"}));
  ASSERT_EQ(body["buckets"].size(), 8u);  // June..September for each query
  EXPECT_EQ(body["buckets"][0]["start"], "2018-06-01");
  EXPECT_EQ(body["buckets"][0]["count"], 2);
  EXPECT_EQ(body["buckets"][0]["series"], "summit");
  auto [by_status, by_show] = get("/api/timeline?q=summit&by=show");
  ASSERT_EQ(by_status, 200);
  EXPECT_EQ(by_show["by"], "show");
  auto [bad_status, bad] = get("/api/timeline?q=summit%20AND%20(");
  EXPECT_EQ(bad_status, 400);
  EXPECT_EQ(bad["error"]["code"], "bad_query");
  EXPECT_GT(bad["error"]["column"].get<int>(), 0);
  EXPECT_EQ(get("/api/timeline?q=summit&interval=fortnight").first, 400);
  EXPECT_EQ(get("/api/timeline").first, 400);
}

TEST_F(AnalyticsApi, KwicComentionsTermsReairsAndFirstAired) {
  auto [ks, kwic] = get("/api/kwic?q=handshake&width=10");
  ASSERT_EQ(ks, 200) << kwic;
  EXPECT_EQ(kwic["lines"].size(), 2u);
  EXPECT_EQ(kwic["lines"][0]["match"], "handshake");
  auto [cs, co] = get("/api/comentions?q=summit&min_count=1");
  ASSERT_EQ(cs, 200) << co;
  EXPECT_TRUE(co["terms"].is_array());
  auto [ts, terms] = get("/api/terms?show=GMA&min_count=1");
  ASSERT_EQ(ts, 200) << terms;
  EXPECT_EQ(terms["foreground"], 2);
  auto [rs, reairs] = get("/api/reairs");
  ASSERT_EQ(rs, 200) << reairs;
  ASSERT_EQ(reairs["clusters"].size(), 1u);
  EXPECT_EQ(reairs["clusters"][0]["first"]["id"], m_original.id);
  EXPECT_EQ(reairs["clusters"][0]["airings"][0]["id"], m_reair.id);
  auto [ds, docj] = get("/api/docs/" + m_reair.id);
  ASSERT_EQ(ds, 200);
  EXPECT_EQ(docj["first_aired"]["id"], m_original.id);
  EXPECT_EQ(docj["first_aired"]["date"], "2018-06-12");
  EXPECT_TRUE(get("/api/docs/" + m_original.id).second["first_aired"].is_null());
  EXPECT_EQ(get("/api/reairs?threshold=abc").first, 400);
  // The airings of one document, asked from either airing: the same cluster.
  for (const auto* id : {&m_original.id, &m_reair.id}) {
    auto [os, of] = get("/api/reairs?id=" + *id);
    ASSERT_EQ(os, 200) << of;
    ASSERT_EQ(of["clusters"].size(), 1u) << of;
    EXPECT_EQ(of["clusters"][0]["first"]["id"], m_original.id);
    ASSERT_EQ(of["clusters"][0]["airings"].size(), 1u);
    EXPECT_EQ(of["clusters"][0]["airings"][0]["id"], m_reair.id);
  }
  EXPECT_EQ(get("/api/reairs?id=nope").first, 404);
  EXPECT_EQ(get("/api/reairs?id=" + m_original.id + "&q=handshake").first, 400);
}

TEST_F(AnalyticsApi, DocumentMatchesOfAQuery) {
  // Where the search matched the body, in byte offsets: a phrase as a whole, an approximate word
  // with what it matched; without q there is no "matches".
  const auto path = "/api/docs/" + m_original.id;
  EXPECT_FALSE(get(path).second.contains("matches"));
  auto [status, doc] = get(path + "?q=%22two%20leaders%22%20OR%20hanshake~1");
  ASSERT_EQ(status, 200) << doc;
  ASSERT_EQ(doc["matches"].size(), 2u) << doc["matches"];
  std::vector<std::string> texts;
  for (const auto& m : doc["matches"])
    texts.push_back(m_original.body.substr(m["start"].get<size_t>(),
                                           m["end"].get<size_t>() - m["start"].get<size_t>()));
  EXPECT_EQ(texts, (std::vector<std::string>{"handshake", "two leaders"}));
  EXPECT_EQ(doc["matches"][0]["approximate"][0]["text"], "handshake");
  EXPECT_EQ(doc["matches"][0]["approximate"][0]["matches"], "hanshake");
  EXPECT_EQ(doc["matches"][0]["approximate"][0]["how"], "fuzzy");
  EXPECT_TRUE(doc["matches"][1]["approximate"].empty());
  // A query that names only other fields marks nothing; a bad one is a 400 with its column.
  EXPECT_TRUE(get(path + "?q=show:WNT").second["matches"].empty());
  auto [bad_status, bad] = get(path + "?q=summit%20AND%20(");
  EXPECT_EQ(bad_status, 400);
  EXPECT_GT(bad["error"]["column"].get<int>(), 0);
}

}  // namespace
}  // namespace newsdex::server
