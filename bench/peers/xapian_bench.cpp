// Xapian peer (libxapian 1.4, Debian's libxapian-dev): glass database with positions, lower-case
// terms without a stemmer (STEM_NONE: the analysis of Newsdex's `--analysis plain` and of the
// other peers), BM25 with k1=1.2, b=0.75 (Lucene's and Newsdex's values).
//   xapian_bench build CORPUS_DIR INDEX_DIR | query INDEX_DIR QUERIES.tsv OUT.tsv [REPEAT]
//
// Layout: one text field (title, a position gap, body); boolean term "XS<show>" (lower-case);
// value slot 0 = ISO date (string ranges compare as dates); slot 1 = the external id; document
// data = the text (stored, like Newsdex's docstore).
#include <xapian.h>

#include <chrono>
#include <iostream>

#include "common/dates.hpp"
#include "common/harness.hpp"

namespace {

constexpr Xapian::valueno kDateSlot = 0;
constexpr Xapian::valueno kIdSlot = 1;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void build(const bench::Command& cmd) {
  const auto t0 = std::chrono::steady_clock::now();
  Xapian::WritableDatabase db(cmd.index.string(), Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator indexer;
  indexer.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
  const uint64_t docs = bench::for_each_doc(cmd.corpus, [&](const bench::CorpusDoc& d) {
    Xapian::Document doc;
    indexer.set_document(doc);
    indexer.index_text(d.title);
    indexer.increase_termpos(10);
    indexer.index_text(d.body);
    doc.add_boolean_term("XS" + lower(d.show));
    doc.add_boolean_term("Q" + d.id);
    doc.add_value(kDateSlot, d.date);
    doc.add_value(kIdSlot, d.id);
    doc.set_data(d.title + "\n" + d.body);
    db.add_document(doc);
  });
  db.commit();
  db.close();
  bench::print_build_summary(
      "xapian", docs, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
}

void query(const bench::Command& cmd) {
  Xapian::Database db(cmd.index.string());
  Xapian::Enquire ranked(db);
  ranked.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5));
  Xapian::Enquire counting(db);
  counting.set_weighting_scheme(Xapian::BoolWeight());
  const Xapian::doccount all = db.get_doccount();

  auto terms = [&](const bench::Query& q) {
    std::vector<Xapian::Query> out;
    for (const auto& w : q.words) out.emplace_back(lower(w));
    return out;
  };
  const auto queries = bench::load_queries(cmd.queries);
  bench::run_queries(
      "xapian", queries,
      [&](const bench::Query& q) {
        bench::Answer a;
        auto t = terms(q);
        if (q.op == "timeline") {
          for (const auto& [from, to] : bench::month_ranges(std::stoi(q.from.substr(0, 4)))) {
            counting.set_query(
                Xapian::Query(Xapian::Query::OP_FILTER, t[0],
                              Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kDateSlot, from, to)));
            const auto mset = counting.get_mset(0, 0, all);  // check_at_least = all: an exact count
            a.total += mset.get_matches_estimated();
            a.ids.push_back(std::to_string(mset.get_matches_estimated()));
          }
          return a;
        }
        Xapian::Query query;
        if (q.op == "term")
          query = t[0];
        else if (q.op == "and")
          query = Xapian::Query(Xapian::Query::OP_AND, t.begin(), t.end());
        else if (q.op == "or")
          query = Xapian::Query(Xapian::Query::OP_OR, t.begin(), t.end());
        else if (q.op == "phrase")
          query = Xapian::Query(Xapian::Query::OP_PHRASE, t.begin(), t.end(),
                                static_cast<Xapian::termcount>(t.size()));
        // OP_NEAR's window counts the positions the words span: N other words + the words.
        else if (q.op == "near")
          query = Xapian::Query(Xapian::Query::OP_NEAR, t.begin(), t.end(),
                                static_cast<Xapian::termcount>(q.slop + t.size()));
        else
          throw std::runtime_error("unknown op " + q.op);
        if (!q.show.empty() || !q.from.empty()) {
          std::vector<Xapian::Query> filters;
          if (!q.show.empty()) filters.emplace_back("XS" + lower(q.show));
          if (!q.from.empty())
            filters.emplace_back(Xapian::Query::OP_VALUE_RANGE, kDateSlot, q.from, q.to);
          query =
              Xapian::Query(Xapian::Query::OP_FILTER, query,
                            Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
        }
        ranked.set_query(query);
        const auto mset = ranked.get_mset(0, 10);
        a.total = mset.get_matches_estimated();
        for (auto it = mset.begin(); it != mset.end(); ++it)
          a.ids.push_back(it.get_document().get_value(kIdSlot));
        return a;
      },
      cmd.out, cmd.repeat);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const auto cmd = bench::parse_command(argc, argv);
    if (cmd.mode == "build")
      build(cmd);
    else
      query(cmd);
  } catch (const Xapian::Error& e) {
    std::cerr << "xapian_bench: " << e.get_description() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "xapian_bench: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
