// The server's limits and defences, black-box over a socket: request body and URL size (413/414),
// query length (413), the per-query time budget (422), bounded concurrency (429), JSON errors for
// every 4xx, loopback by default, POST /api/ingest (off by default; bearer token from a file) and
// static files that cannot leave their directory. Plus unit tests of the helpers in guard.hpp.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "newsdex/index/writer/index_writer.hpp"
#include "newsdex/server/guard.hpp"
#include "newsdex/server/server.hpp"

namespace newsdex::server {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kToken = "s3cret-token-for-tests-0123456789";

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

class LimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() /
            ("newsdex_limits_test_" +
             std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "_" +
             std::to_string(::getpid()));
    fs::remove_all(m_dir);
    fs::create_directories(m_dir / "idx");
    auto writer = index::IndexWriter::open(m_dir / "idx");
    ASSERT_TRUE(writer) << writer.error().to_string();
    doc::Transcript t;
    t.source = "ABC";
    t.show = "WNT";
    t.date = "2018-03-21";
    t.title = "Putin call draws backlash";
    t.body = "President trump under fire for his phone call with Vladimir Putin.";
    ASSERT_TRUE((*writer)->add(t));
    ASSERT_TRUE((*writer)->commit());
  }
  void TearDown() override {
    m_client.reset();
    if (m_server) m_server->stop();
    m_server.reset();
    fs::remove_all(m_dir);
  }

  void start(ServerOptions options) {
    options.index_dir = (m_dir / "idx").string();
    options.port = 0;
    m_server = std::make_unique<Server>(options);
    auto started = m_server->start();
    ASSERT_TRUE(started) << started.error().to_string();
    m_client = std::make_unique<httplib::Client>("127.0.0.1", m_server->port());
    m_client->set_read_timeout(10);
  }

  // Checks the JSON error contract of a response and returns its error code.
  static std::string error_code(const httplib::Result& res, int status) {
    EXPECT_TRUE(res);
    if (!res) return {};
    EXPECT_EQ(res->status, status) << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
    auto body = json::parse(res->body, nullptr, false);
    if (body.is_discarded() || !body.contains("error")) {
      ADD_FAILURE() << "not a JSON error: " << res->body;
      return {};
    }
    EXPECT_FALSE(body["error"].value("message", "").empty());
    return body["error"].value("code", "");
  }

  fs::path m_dir;
  std::unique_ptr<Server> m_server;
  std::unique_ptr<httplib::Client> m_client;
};

TEST_F(LimitsTest, LoopbackByDefault) {
  EXPECT_EQ(ServerOptions{}.host, "127.0.0.1");
  start({});
  auto res = m_client->Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

TEST_F(LimitsTest, LargeBodyIs413Json) {
  write_file(m_dir / "token", kToken);
  ServerOptions o;
  o.max_body_bytes = 1024;
  o.ingest_token_file = (m_dir / "token").string();
  start(o);
  httplib::Headers auth{{"Authorization", std::string("Bearer ") + kToken}};
  EXPECT_EQ(
      error_code(
          m_client->Post("/api/ingest", auth, std::string(4096, ' '), "application/x-ndjson"), 413),
      "limit_exceeded");
}

TEST_F(LimitsTest, LongUrlIs414AndLongQueryIs413) {
  ServerOptions o;
  o.max_query_bytes = 100;
  start(o);
  EXPECT_EQ(error_code(m_client->Get(("/api/search?q=" + std::string(10000, 'a')).c_str()), 414),
            "limit_exceeded");
  EXPECT_EQ(error_code(m_client->Get(("/api/search?q=" + std::string(101, 'a')).c_str()), 413),
            "limit_exceeded");
  auto ok = m_client->Get(("/api/search?q=" + std::string(100, 'a')).c_str());
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

TEST_F(LimitsTest, SearchPastItsTimeBudgetIs422) {
  // A zero budget is spent before the first segment is scanned: the search is cut off with a
  // clear error instead of running on.
  ServerOptions o;
  o.query_timeout_ms = 0;
  start(o);
  EXPECT_EQ(error_code(m_client->Get("/api/search?q=putin"), 422), "budget_exceeded");
}

TEST_F(LimitsTest, ErrorsAreJson) {
  start({});
  EXPECT_EQ(error_code(m_client->Get("/nowhere"), 404), "not_found");
  EXPECT_EQ(error_code(m_client->Get("/api/search"), 400), "usage");
  EXPECT_EQ(error_code(m_client->Get("/api/search?q=%22open"), 400), "bad_query");
  EXPECT_EQ(error_code(m_client->Get("/api/docs/nope"), 404), "not_found");
}

// Opens a connection and sends half a request, so a worker waits on it.
int hold_a_worker(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return -1;
  const std::string partial = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
  if (::send(fd, partial.data(), partial.size(), 0) < 0) return -1;
  return fd;
}

TEST_F(LimitsTest, TooManyConnectionsIs429Json) {
  ServerOptions o;
  o.threads = 1;
  o.max_queued = 0;
  start(o);
  const int held = hold_a_worker(m_server->port());
  ASSERT_GE(held, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the worker takes it
  auto res = m_client->Get("/api/search?q=putin");
  EXPECT_EQ(error_code(res, 429), "limit_exceeded");
  if (res) {
    EXPECT_EQ(res->get_header_value("Retry-After"), "1");
  }
  ::close(held);
  // Once the worker is free again, requests are served.
  bool served = false;
  for (int i = 0; i < 50 && !served; ++i) {
    httplib::Client client("127.0.0.1", m_server->port());
    auto again = client.Get("/healthz");
    served = again && again->status == 200;
    if (!served) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(served);
}

TEST_F(LimitsTest, IngestIsOffByDefault) {
  start({});
  httplib::Headers auth{{"Authorization", std::string("Bearer ") + kToken}};
  EXPECT_EQ(
      error_code(m_client->Post("/api/ingest", auth, R"({"body":"x"})", "application/x-ndjson"),
                 404),
      "not_found");
}

TEST_F(LimitsTest, IngestNeedsTheToken) {
  write_file(m_dir / "token", std::string(kToken) + "\n");
  ServerOptions o;
  o.ingest_token_file = (m_dir / "token").string();
  start(o);
  const std::string body =
      R"({"id":"http-1","source":"NBC","date":"2018-03-22","title":"Tariff talk","body":"Steel tariffs announced in the evening."})"
      "\n{broken\n";
  EXPECT_EQ(error_code(m_client->Post("/api/ingest", body, "application/x-ndjson"), 401), "usage");
  httplib::Headers wrong{{"Authorization", std::string("Bearer ") + kToken + "x"}};
  EXPECT_EQ(error_code(m_client->Post("/api/ingest", wrong, body, "application/x-ndjson"), 401),
            "usage");
  httplib::Headers shorter{
      {"Authorization", std::string("Bearer ") + std::string(kToken).substr(1)}};
  EXPECT_EQ(error_code(m_client->Post("/api/ingest", shorter, body, "application/x-ndjson"), 401),
            "usage");
  EXPECT_EQ(json::parse(m_client->Get("/api/search?q=tariffs")->body)["total"], 0);

  httplib::Headers auth{{"Authorization", std::string("Bearer ") + kToken}};
  auto res = m_client->Post("/api/ingest", auth, body, "application/x-ndjson");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  auto reply = json::parse(res->body);
  EXPECT_EQ(reply["added"], 1);
  EXPECT_EQ(reply["error_count"], 1);
  EXPECT_EQ(reply["errors"][0]["line"], 2);
  EXPECT_EQ(json::parse(m_client->Get("/api/search?q=tariffs")->body)["total"], 1);
  // The same record again changes nothing.
  auto again = json::parse(m_client->Post("/api/ingest", auth, body, "application/x-ndjson")->body);
  EXPECT_EQ(again["duplicates"], 1);
  EXPECT_EQ(
      error_code(m_client->Post("/api/ingest", auth, "{broken\n", "application/x-ndjson"), 400),
      "parse_error");
}

TEST_F(LimitsTest, ShortTokenFileIsRefused) {
  write_file(m_dir / "token", "short\n");
  ServerOptions o;
  o.index_dir = (m_dir / "idx").string();
  o.port = 0;
  o.ingest_token_file = (m_dir / "token").string();
  Server server(o);
  auto started = server.start();
  ASSERT_FALSE(started);
  EXPECT_NE(started.error().message.find("16"), std::string::npos);
}

TEST_F(LimitsTest, StaticFilesStayInTheirDirectory) {
  const fs::path web = m_dir / "web";
  fs::create_directories(web / "sub");
  write_file(web / "index.html", "<h1>newsdex</h1>");
  write_file(web / "sub" / "app.js", "console.log(1)");
  write_file(m_dir / "secret.txt", "do not serve");
  fs::create_directories(m_dir / "outside");
  write_file(m_dir / "outside" / "other.txt", "do not serve either");
  fs::create_symlink(m_dir / "secret.txt", web / "leak.txt");
  fs::create_directory_symlink(m_dir / "outside", web / "linkdir");
  fs::create_symlink(web / "index.html", web / "inside.html");  // a link inside is fine
  ServerOptions o;
  o.static_dir = web.string();
  start(o);

  for (const char* ok : {"/index.html", "/sub/app.js", "/inside.html"}) {
    auto res = m_client->Get(ok);
    ASSERT_TRUE(res) << ok;
    EXPECT_EQ(res->status, 200) << ok;
  }
  for (const char* bad :
       {"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/sub/../../secret.txt",
        "/sub/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/leak.txt", "/linkdir/other.txt"}) {
    auto res = m_client->Get(bad);
    ASSERT_TRUE(res) << bad;
    EXPECT_GE(res->status, 400) << bad;
    EXPECT_LT(res->status, 500) << bad;
    EXPECT_EQ(res->body.find("do not serve"), std::string::npos) << bad;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json") << bad;
  }
}

TEST(Guard, ConstantTimeEqual) {
  EXPECT_TRUE(constant_time_equal("abcdef", "abcdef"));
  EXPECT_FALSE(constant_time_equal("abcdef", "abcdeg"));
  EXPECT_FALSE(constant_time_equal("abcdef", "abcde"));
  EXPECT_FALSE(constant_time_equal("", "a"));
  EXPECT_TRUE(constant_time_equal("", ""));
}

TEST(Guard, ResolveStatic) {
  const fs::path root = fs::temp_directory_path() / ("newsdex_guard_" + std::to_string(::getpid()));
  fs::create_directories(root / "a");
  const fs::path canonical = fs::canonical(root);
  EXPECT_EQ(resolve_static(root, "/a/x.js"), canonical / "a" / "x.js");
  EXPECT_EQ(resolve_static(root, "/"), canonical);
  EXPECT_FALSE(resolve_static(root, "/../x"));
  EXPECT_FALSE(resolve_static(root, "/a/../../x"));
  fs::create_directory_symlink("/", root / "up");
  EXPECT_FALSE(resolve_static(root, "/up/etc/passwd"));
  fs::remove_all(root);
}

}  // namespace
}  // namespace newsdex::server
