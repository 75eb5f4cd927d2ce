// `newsdex serve`: the HTTP JSON API (and the web page when its assets are present).
#include <fmt/format.h>

#include "newsdex/cli/common.hpp"
#include "newsdex/server/server.hpp"

namespace newsdex::cli {
namespace {

int run(const server::ServerOptions& options) {
  server::Server srv(options);
  auto st = srv.start();
  if (!st) return report(st.error());
  fmt::print("newsdex: serving {} on http://{}:{}/\n", options.index_dir, options.host, srv.port());
  fmt::print("  try: curl 'http://{}:{}/api/search?q=%22phone+call%22+putin'\n", options.host,
             srv.port());
  std::fflush(stdout);
  srv.wait();
  return kExitOk;
}

}  // namespace

Command add_serve(CLI::App& app) {
  auto options = std::make_shared<server::ServerOptions>();
  auto* sub = app.add_subcommand("serve", "Serve the HTTP JSON API on 127.0.0.1");
  sub->add_option("--index,-i", options->index_dir, "Index directory")->capture_default_str();
  sub->add_option("--port,-p", options->port, "Port (0: any free port)")->capture_default_str();
  sub->add_option("--host", options->host, "Address to bind")->capture_default_str();
  sub->add_option("--static", options->static_dir, "Directory of web page assets to serve at /");
  sub->add_option("--threads", options->threads, "Worker threads")->capture_default_str();
  sub->add_option("--max-queued", options->max_queued,
                  "Connections waiting for a worker before new ones get 429")
      ->capture_default_str();
  sub->add_option("--max-body-bytes", options->max_body_bytes, "Largest request body (413 beyond)")
      ->capture_default_str();
  sub->add_option("--max-query-bytes", options->max_query_bytes, "Longest query text (413 beyond)")
      ->capture_default_str();
  sub->add_option("--query-timeout-ms", options->query_timeout_ms,
                  "Time budget of one search (422 budget_exceeded beyond)")
      ->capture_default_str();
  sub->add_option("--max-expansions", options->max_expansions,
                  "Index terms a query's fuzzy, prefix, sounds: and robust: clauses may expand to "
                  "(413 beyond)")
      ->capture_default_str();
  sub->add_option("--ingest-token-file", options->ingest_token_file,
                  "Enable POST /api/ingest; requests need 'Authorization: Bearer <token in FILE>'");
  return {sub, [options] { return run(*options); }};
}

}  // namespace newsdex::cli
