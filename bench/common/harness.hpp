// What every C++ harness shares: reading the corpus and the query TSV, the timing protocol (one
// untimed warm-up pass, then timed passes, one query at a time on one thread) and the outputs
// bench/run reads (per-query TSV; one JSON summary line on stdout).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace bench {

// One line of the query TSV (see gen/queries.hpp for the classes).
struct Query {
  int id = 0;
  std::string cls, op;  // op: term | and | or | phrase | near | timeline
  std::vector<std::string> words;
  // near (written "near/N" in the TSV): the words in any order with at most `slop` other words
  // between the first and the last (Newsdex a NEAR/N b, FTS5 NEAR(a b, N), Xapian OP_NEAR with a
  // window of N + words, Lucene's unordered SpanNearQuery with slop N).
  int slop = 0;
  std::string show, from, to;  // filters; empty when absent. timeline: from..to is one year
};

std::vector<Query> load_queries(const std::filesystem::path& path);

struct CorpusDoc {
  std::string id, source, show, date, title, body;
};

// Calls `fn` for each document of the corpus-*.jsonl files under `dir`, in file order.
// Returns the number of documents.
uint64_t for_each_doc(const std::filesystem::path& dir,
                      const std::function<void(const CorpusDoc&)>& fn);

// What an engine answered: the exact or estimated number of matches as the engine reports it for
// top-10 queries (exact for timeline), and the external ids of the top hits in rank order
// (timeline: the 12 monthly counts).
struct Answer {
  uint64_t total = 0;
  std::vector<std::string> ids;
};

using Runner = std::function<Answer(const Query&)>;

// Runs every query once untimed, then `repeat` timed passes; writes `out` (TSV: id, class,
// wall_us, cpu_us (thread CPU time; medians over passes), total, ids comma-separated) and prints
// the summary JSON (wall-clock latencies).
void run_queries(const std::string& engine, const std::vector<Query>& queries, const Runner& runner,
                 const std::filesystem::path& out, int repeat);

// Prints {"engine", "phase":"build", "docs", "seconds", "peak_rss_kb"} on stdout.
void print_build_summary(const std::string& engine, uint64_t docs, double seconds);

// Peak resident set size of this process in KiB (getrusage).
long peak_rss_kb();

// "a b c" as lower-case words; the common entry for the harnesses' command lines:
//   NAME build CORPUS_DIR INDEX_DIR | NAME query INDEX_DIR QUERIES.tsv OUT.tsv [REPEAT]
struct Command {
  std::string mode;
  std::filesystem::path corpus, index, queries, out;
  int repeat = 1;
};
Command parse_command(int argc, char** argv);

}  // namespace bench
