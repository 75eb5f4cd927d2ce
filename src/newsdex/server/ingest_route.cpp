#include "newsdex/server/ingest_route.hpp"

#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "newsdex/doc/reader.hpp"
#include "newsdex/index/writer/index_writer.hpp"
#include "newsdex/server/guard.hpp"
#include "newsdex/server/server.hpp"

namespace newsdex::server {
namespace {

using nlohmann::json;

constexpr size_t kMaxReportedErrors = 20;

class CollectSink final : public doc::DocumentSink {
 public:
  void document(doc::Transcript&& t) override { docs.push_back(std::move(t)); }
  void diagnostic(doc::Diagnostic&& d) override {
    if (d.severity != doc::Diagnostic::Severity::kError) return;
    ++error_count;
    if (errors.size() < kMaxReportedErrors) {
      json e = {{"line", d.error.where.line}, {"message", d.error.message}};
      if (d.error.where.column > 0) e["column"] = d.error.where.column;
      errors.push_back(std::move(e));
    }
  }
  std::vector<doc::Transcript> docs;
  json errors = json::array();
  size_t error_count = 0;
};

void reply(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json");
}

void reply_error(httplib::Response& res, int status, core::ErrorCode code, std::string message) {
  reply(res, status, error_body({code, std::move(message), {}}));
}

}  // namespace

void IngestRoute::handle(const httplib::Request& req, httplib::Response& res) {
  const std::string auth = req.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  const bool has_bearer = auth.compare(0, kBearer.size(), kBearer) == 0;
  if (!has_bearer || !constant_time_equal(std::string_view(auth).substr(kBearer.size()), token)) {
    res.set_header("WWW-Authenticate", "Bearer");
    return reply_error(res, 401, core::ErrorCode::kUsage,
                       "a valid 'Authorization: Bearer' token is required");
  }
  CollectSink sink;
  std::istringstream in(req.body);
  doc::make_reader(doc::Format::kJsonl)->read(in, doc::ReadContext{"request body", {}, {}}, sink);
  if (sink.docs.empty()) {
    reply(res, 400,
          json_text(
              json{{"error",
                    {{"code", "parse_error"}, {"message", "the body holds no valid JSONL record"}}},
                   {"errors", sink.errors}}));
    return;
  }
  std::lock_guard lock(writer_mutex);
  auto writer = index::IndexWriter::open(index_dir);
  if (!writer)
    return reply_error(res, 409, writer.error().code,
                       "cannot open the index for writing: " + writer.error().message);
  size_t added = 0, duplicates = 0, replaced = 0;
  for (auto& t : sink.docs) {
    auto outcome = (*writer)->add(std::move(t));
    if (!outcome) return reply(res, http_status(outcome.error()), error_body(outcome.error()));
    (*outcome == index::AddOutcome::kAdded       ? added
     : *outcome == index::AddOutcome::kDuplicate ? duplicates
                                                 : replaced)++;
  }
  auto commit = (*writer)->commit();
  if (!commit) return reply(res, http_status(commit.error()), error_body(commit.error()));
  reply(res, 200,
        json_text(json{{"added", added},
                       {"duplicates", duplicates},
                       {"replaced", replaced},
                       {"errors", sink.errors},
                       {"error_count", sink.error_count},
                       {"generation", commit->generation},
                       {"documents", commit->documents}}));
}

}  // namespace newsdex::server
