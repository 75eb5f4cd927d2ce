// Black-box tests of the HTTP JSON API: a Server on an ephemeral port over a real index, queried
// with httplib::Client over a socket on 127.0.0.1. Covers the routes, the search parameters, the
// error contract ({"error": {"code", "message", "column"}} with a 4xx status) and snapshot reload
// after a commit made while the server runs.
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "newsdex/index/snapshot.hpp"
#include "newsdex/index/writer/index_writer.hpp"
#include "newsdex/server/server.hpp"
#include "support/scratch_dir.hpp"

namespace newsdex::server {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

doc::Transcript make(std::string title, std::string show, std::string date, std::string body) {
  doc::Transcript t;
  t.source = "ABC";
  t.show = std::move(show);
  t.date = std::move(date);
  t.title = std::move(title);
  t.body = std::move(body);
  doc::assign_id(t);
  return t;
}

std::vector<doc::Transcript> collection() {
  return {
      make("Putin call draws backlash", "WNT", "2018-03-21",
           "Next this evening, president trump under fire for his phone call with Vladimir Putin. "
           "His advisers wrote do not congratulate on his briefing cards. He congratulated him "
           "anyway. Reporter: The White House says the phone call was cordial."),
      make("Singapore summit handshake", "WNT", "2018-06-12",
           "The handshake in Singapore. President trump and Kim Jong Un met today for the first "
           "time. Reporter: Critics say the statement is vague on nuclear weapons."),
      make("Hanoi summit ends early", "GMA", "2019-02-28",
           "Good morning. The summit in Hanoi ended early without a deal. The president said "
           "sometimes you have to walk."),
      make("Florence nears the Carolinas", "GMA", "2018-09-13",
           "The storm is still a category two & the surge could reach <nine> feet in New Bern."),
  };
}

std::string url_encode(const std::string& text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

struct Reply {
  int status = 0;
  std::string content_type;
  json body;
};

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = newsdex::testing::scratch_dir("api_test");
    fs::remove_all(m_dir);
    add(collection());
    ServerOptions options;
    options.index_dir = m_dir.string();
    options.port = 0;  // any free port
    m_server = std::make_unique<Server>(options);
    auto started = m_server->start();
    ASSERT_TRUE(started) << started.error().to_string();
    ASSERT_GT(m_server->port(), 0);
    m_client = std::make_unique<httplib::Client>("127.0.0.1", m_server->port());
    m_client->set_connection_timeout(5);
    m_client->set_read_timeout(10);
  }
  void TearDown() override {
    m_client.reset();
    if (m_server) m_server->stop();
    m_server.reset();
    fs::remove_all(m_dir);
  }

  void add(const std::vector<doc::Transcript>& docs) {
    auto writer = index::IndexWriter::open(m_dir);
    ASSERT_TRUE(writer) << writer.error().to_string();
    for (const auto& d : docs) ASSERT_TRUE((*writer)->add(d));
    auto info = (*writer)->commit();
    ASSERT_TRUE(info) << info.error().to_string();
  }

  Reply get(const std::string& path) {
    auto res = m_client->Get(path.c_str());
    Reply r;
    EXPECT_TRUE(res) << path << ": " << httplib::to_string(res.error());
    if (!res) return r;
    r.status = res->status;
    r.content_type = res->get_header_value("Content-Type");
    r.body = json::parse(res->body, nullptr, /*allow_exceptions=*/false);
    EXPECT_FALSE(r.body.is_discarded()) << path << ": not JSON: " << res->body;
    return r;
  }

  Reply search(const std::string& query, const std::string& extra = "") {
    return get("/api/search?q=" + url_encode(query) + extra);
  }

  // Checks the error contract and returns the error object.
  json expect_error(const Reply& r, int status, const std::string& code) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.content_type, "application/json");
    if (!r.body.is_object() || !r.body.contains("error")) {
      ADD_FAILURE() << "no error object: " << r.body;
      return {};
    }
    const json& e = r.body["error"];
    EXPECT_EQ(e.value("code", ""), code) << r.body;
    EXPECT_FALSE(e.value("message", "").empty()) << r.body;
    return e;
  }

  fs::path m_dir;
  std::unique_ptr<Server> m_server;
  std::unique_ptr<httplib::Client> m_client;
};

std::set<std::string> hit_titles(const json& result) {
  std::set<std::string> out;
  for (const auto& h : result["hits"]) out.insert(h["title"].get<std::string>());
  return out;
}

TEST_F(ApiTest, Healthz) {
  const auto r = get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, json({{"status", "ok"}}));
}

TEST_F(ApiTest, Stats) {
  const auto r = get("/api/stats");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(r.body["documents"], 4);
  EXPECT_GT(r.body["terms"].get<int>(), 40);
  EXPECT_GT(r.body["bytes"].get<int>(), 0);
  EXPECT_EQ(r.body["generation"], 1);
  EXPECT_EQ(r.body["first_date"], "2018-03-21");
  EXPECT_EQ(r.body["last_date"], "2019-02-28");
}

TEST_F(ApiTest, SearchReturnsTheCliJsonShape) {
  const auto r = search("\"phone call\" putin");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "application/json");
  // The CLI's `search --json` object (query/exec/result_json.hpp); later fields may be added.
  for (const char* key : {"query", "total", "took_ms", "hits"})
    EXPECT_TRUE(r.body.contains(key)) << key << " missing from " << r.body;
  EXPECT_EQ(r.body["query"], "\"phone call\" putin");
  EXPECT_EQ(r.body["total"], 1);
  EXPECT_TRUE(r.body["took_ms"].is_number());
  ASSERT_EQ(r.body["hits"].size(), 1u);
  const json& hit = r.body["hits"][0];
  for (const char* key : {"id", "title", "date", "show", "source", "score", "snippets"})
    EXPECT_TRUE(hit.contains(key)) << key << " missing from " << hit;
  EXPECT_EQ(hit["title"], "Putin call draws backlash");
  EXPECT_EQ(hit["date"], "2018-03-21");
  EXPECT_EQ(hit["show"], "WNT");
  EXPECT_EQ(hit["source"], "ABC");
  EXPECT_GT(hit["score"].get<double>(), 0);
  ASSERT_FALSE(hit["snippets"].empty());
  EXPECT_NE(hit["snippets"][0].get<std::string>().find("<mark>phone call</mark>"),
            std::string::npos)
      << hit["snippets"];
}

TEST_F(ApiTest, SnippetsAreEscapedInJson) {
  const auto r = search("surge");
  ASSERT_EQ(r.status, 200);
  ASSERT_EQ(r.body["hits"].size(), 1u);
  const std::string snippet = r.body["hits"][0]["snippets"][0];
  EXPECT_NE(snippet.find("two &amp; the <mark>surge</mark> could reach &lt;nine&gt; feet"),
            std::string::npos)
      << snippet;
}

TEST_F(ApiTest, LimitOffsetAndPaging) {
  const auto all = search("summit OR putin OR storm");
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(all.body["total"], 4);
  ASSERT_EQ(all.body["hits"].size(), 4u);

  std::vector<std::string> paged;
  for (int offset = 0; offset < 4; offset += 3) {
    const auto page =
        search("summit OR putin OR storm", "&limit=3&offset=" + std::to_string(offset));
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_EQ(page.body["total"], 4);
    for (const auto& h : page.body["hits"]) paged.push_back(h["id"]);
  }
  std::vector<std::string> ids;
  for (const auto& h : all.body["hits"]) ids.push_back(h["id"]);
  EXPECT_EQ(paged, ids);

  const auto none = search("summit", "&limit=0");
  EXPECT_EQ(none.status, 200);
  EXPECT_EQ(none.body["total"], 2);
  EXPECT_TRUE(none.body["hits"].empty());
  const auto past = search("summit", "&offset=10");
  EXPECT_EQ(past.status, 200);
  EXPECT_EQ(past.body["total"], 2);
  EXPECT_TRUE(past.body["hits"].empty());
}

TEST_F(ApiTest, DateParametersAndSort) {
  const auto ranged = search("summit OR putin", "&from=2018-03-22&to=2018-12-31");
  ASSERT_EQ(ranged.status, 200) << ranged.body;
  EXPECT_EQ(hit_titles(ranged.body), (std::set<std::string>{"Singapore summit handshake"}));
  const auto open_start = search("summit OR putin", "&to=2018-06-12");
  EXPECT_EQ(hit_titles(open_start.body),
            (std::set<std::string>{"Putin call draws backlash", "Singapore summit handshake"}));
  const auto open_end = search("summit OR putin", "&from=2018-06-13");
  EXPECT_EQ(hit_titles(open_end.body), (std::set<std::string>{"Hanoi summit ends early"}));

  const auto by_date = search("summit OR putin", "&sort=date");
  ASSERT_EQ(by_date.status, 200);
  ASSERT_EQ(by_date.body["hits"].size(), 3u);
  EXPECT_EQ(by_date.body["hits"][0]["date"], "2019-02-28");
  EXPECT_EQ(by_date.body["hits"][2]["date"], "2018-03-21");
  const auto ascending = search("summit OR putin", "&sort=date-asc");
  EXPECT_EQ(ascending.body["hits"][0]["date"], "2018-03-21");

  expect_error(search("summit", "&from=yesterday"), 400, "usage");
  expect_error(search("summit", "&sort=loudness"), 400, "usage");
}

TEST_F(ApiTest, BadQueryIs400WithColumn) {
  const auto r = search("congratulate \"phone call");
  const json e = expect_error(r, 400, "bad_query");
  EXPECT_EQ(e.value("column", 0), 14) << r.body;
  EXPECT_NE(e.value("message", "").find("unclosed quote"), std::string::npos) << r.body;

  const json field = expect_error(search("putin nope:x"), 400, "bad_query");
  EXPECT_EQ(field.value("column", 0), 7);
  const json negative = expect_error(search("-putin"), 400, "bad_query");
  EXPECT_EQ(negative.value("column", 0), 1);

  expect_error(get("/api/search"), 400, "usage");  // no q
  expect_error(search(std::string(5000, 'a')), 413, "limit_exceeded");
}

TEST_F(ApiTest, BadLimitIs400) {
  for (const std::string bad : {"abc", "-1", "10x", "", "100000"}) {
    const json e = expect_error(search("summit", "&limit=" + bad), 400, "usage");
    EXPECT_NE(e.value("message", "").find("limit"), std::string::npos) << bad;
    EXPECT_FALSE(e.contains("column")) << bad;
  }
  expect_error(search("summit", "&offset=minus"), 400, "usage");
}

TEST_F(ApiTest, Documents) {
  const auto found = search("handshake");
  ASSERT_EQ(found.body["hits"].size(), 1u);
  const std::string id = found.body["hits"][0]["id"];
  const auto doc = get("/api/docs/" + id);
  ASSERT_EQ(doc.status, 200) << doc.body;
  EXPECT_EQ(doc.content_type, "application/json");
  EXPECT_EQ(doc.body["id"], id);
  EXPECT_EQ(doc.body["title"], "Singapore summit handshake");
  EXPECT_EQ(doc.body["date"], "2018-06-12");
  EXPECT_EQ(doc.body["show"], "WNT");
  EXPECT_EQ(doc.body["body"], collection()[1].body);

  const auto missing = get("/api/docs/0123456789abcdef");
  const json e = expect_error(missing, 404, "not_found");
  EXPECT_NE(e.value("message", "").find("0123456789abcdef"), std::string::npos);
}

TEST_F(ApiTest, UnknownRouteIs404Json) {
  expect_error(get("/api/nothing-here"), 404, "not_found");
  expect_error(get("/api/docs/"), 404, "not_found");
  auto post = m_client->Post("/api/search", "{}", "application/json");
  ASSERT_TRUE(post);
  EXPECT_GE(post->status, 400);
  EXPECT_LT(post->status, 500);
}

TEST_F(ApiTest, NewCommitIsVisibleToTheNextRequest) {
  EXPECT_EQ(search("tariffs").body["total"], 0);
  add({make("Steel tariffs announced", "WNT", "2018-03-12",
            "The president announced tariffs on steel and aluminum imports today.")});
  const auto after = search("tariffs");
  EXPECT_EQ(after.body["total"], 1) << after.body;
  EXPECT_EQ(get("/api/stats").body["documents"], 5);
  EXPECT_EQ(get("/api/stats").body["generation"], 2);

  // A second commit whose manifest ends up with the same modification time as the first (as
  // happens when two commits fall within the file system's timestamp granularity) must still be
  // noticed.
  const fs::path manifest = m_dir / index::kManifestName;
  const auto stamp = fs::last_write_time(manifest);
  add({make("Tariff retaliation", "WNT", "2018-03-13",
            "Trading partners promised retaliation against the tariffs on steel.")});
  fs::last_write_time(manifest, stamp);
  const auto second = search("tariffs");
  EXPECT_EQ(second.body["total"], 2) << second.body;
  EXPECT_EQ(get("/api/stats").body["generation"], 3);
}

TEST_F(ApiTest, QuotesOfMatchingDocumentsWithTheirSpeakers) {
  add({make("Warren on the bill", "WNT", "2019-05-02",
            "Reporter: Senator Elizabeth Warren spoke to reporters on Tuesday. \"We will not back "
            "down on this bill,\" Warren said. Reporter: The vote is next week.")});
  const auto r = get("/api/quotes?q=" + url_encode("quote:\"back down\""));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body["query"], "quote:\"back down\"");
  EXPECT_EQ(r.body["documents"], 1);
  ASSERT_EQ(r.body["quotes"].size(), 1u) << r.body;
  const auto& q = r.body["quotes"][0];
  EXPECT_EQ(q["speaker"], "Elizabeth Warren");
  EXPECT_EQ(q["kind"], "quoted");
  EXPECT_EQ(q["title"], "Warren on the bill");
  EXPECT_EQ(q["date"], "2019-05-02");
  EXPECT_TRUE(q["first_aired"].is_null());
  // The same JSON as `newsdex quotes --json`: text at its offsets in the body.
  const auto doc = get("/api/docs/" + q["id"].get<std::string>()).body;
  const auto body = doc["body"].get<std::string>();
  EXPECT_EQ(
      body.substr(q["start"].get<size_t>(), q["end"].get<size_t>() - q["start"].get<size_t>()),
      q["text"].get<std::string>());
  // A speaker: clause lists what that person said; errors as everywhere in the API.
  EXPECT_EQ(get("/api/quotes?q=" + url_encode("speaker:warren")).body["quotes"].size(), 1u);
  EXPECT_EQ(get("/api/quotes").status, 400);
  const auto bad = get("/api/quotes?q=" + url_encode("quote:\"back"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_GT(bad.body["error"]["column"].get<int>(), 0);
  EXPECT_EQ(get("/api/quotes?q=warren&documents=abc").status, 400);
}

TEST_F(ApiTest, ServesManyRequestsConcurrently) {
  // Several clients at once over the worker pool; every answer is whole and the same.
  std::vector<std::thread> threads;
  std::vector<int> totals(8, -1);
  for (size_t i = 0; i < totals.size(); ++i) {
    threads.emplace_back([this, i, &totals] {
      httplib::Client client("127.0.0.1", m_server->port());
      for (int k = 0; k < 5; ++k) {
        auto res = client.Get(("/api/search?q=" + url_encode("summit OR putin")).c_str());
        if (!res || res->status != 200) return;
        totals[i] = json::parse(res->body)["total"].get<int>();
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int t : totals) EXPECT_EQ(t, 3);
}

}  // namespace
}  // namespace newsdex::server
