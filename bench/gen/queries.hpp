// Draws the benchmark's query set from a generated corpus, so every query has hits. Queries come
// from the first corpus file only, which is the same for every --size with one seed: the query
// set is then the same at 100M, 1G and 10G.
//
// Output: a TSV with a header; columns id, class, op, words (space-separated, lower-case ASCII),
// show, from, to (ISO dates, inclusive). Classes and ops:
//   term_rare, term_common  op=term      one word (rare: in 3..20 docs of the sample file;
//                                        common: among the 500 words in most docs)
//   and                     op=and       2-4 words from one document, all required
//   or                      op=or        2-4 words from one document, any, top 10
//   phrase2, phrase3        op=phrase    2 or 3 adjacent words of one document
//   filtered                op=and       1-2 words + show + a 30-365 day date range, from one doc
//   timeline                op=timeline  one word; count matches in each month of year `from`
//   near                    op=near/5    2 distinct words of one document with 0-4 words between
//                                        them, either order allowed at most 5 words apart
// Classes are drawn in this order from one random stream, so a class added at the end leaves the
// earlier classes' queries unchanged.
#pragma once

#include <cstdint>
#include <filesystem>

namespace bench::gen {

struct QueryOptions {
  std::filesystem::path corpus;  // a directory written by write_corpus
  std::filesystem::path out;     // the TSV to write
  uint64_t seed = 42;
  size_t per_class = 200;
};

// Returns the number of queries written; throws std::runtime_error on unreadable input.
size_t write_queries(const QueryOptions& options);

}  // namespace bench::gen
