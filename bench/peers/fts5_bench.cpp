// SQLite FTS5 peer (Debian's libsqlite3): tokenize='unicode61' (lower-case, diacritics removed,
// no stemming: the analysis of Newsdex's `--analysis plain` and of the other peers), ranking by
// FTS5's built-in bm25() (k1=1.2, b=0.75), text stored in the FTS table (like Newsdex's docstore).
//   fts5_bench build CORPUS_DIR INDEX_DIR | query INDEX_DIR QUERIES.tsv OUT.tsv [REPEAT]
//
// Layout: fts(text) holds title + body; docs(rowid, id, date, show) holds the columns the filters
// read (show lower-cased), joined on rowid. The build ends with FTS5's 'optimize' (one b-tree).
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <stdexcept>

#include "common/dates.hpp"
#include "common/harness.hpp"

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

class Db {
 public:
  explicit Db(const std::string& path) {
    if (sqlite3_open(path.c_str(), &m_db) != SQLITE_OK)
      throw std::runtime_error(sqlite3_errmsg(m_db));
  }
  ~Db() { sqlite3_close(m_db); }
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  void exec(const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = error ? error : "?";
      sqlite3_free(error);
      throw std::runtime_error(std::string(sql) + ": " + message);
    }
  }
  sqlite3* get() const { return m_db; }

 private:
  sqlite3* m_db = nullptr;
};

class Statement {
 public:
  Statement(const Db& db, const char* sql) : m_db(db.get()) {
    if (sqlite3_prepare_v2(m_db, sql, -1, &m_stmt, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string(sql) + ": " + sqlite3_errmsg(m_db));
  }
  ~Statement() { sqlite3_finalize(m_stmt); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& bind(int i, const std::string& text) {
    sqlite3_bind_text(m_stmt, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(int i, int64_t v) {
    sqlite3_bind_int64(m_stmt, i, v);
    return *this;
  }
  // True while there is a row; throws on errors.
  bool step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(m_db));
    return false;
  }
  void reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
  }
  int64_t integer(int col) const { return sqlite3_column_int64(m_stmt, col); }
  std::string text(int col) const {
    const auto* p = sqlite3_column_text(m_stmt, col);
    return p ? reinterpret_cast<const char*>(p) : "";
  }

 private:
  sqlite3* m_db;
  sqlite3_stmt* m_stmt = nullptr;
};

void build(const bench::Command& cmd) {
  const auto t0 = std::chrono::steady_clock::now();
  std::filesystem::remove_all(cmd.index);
  std::filesystem::create_directories(cmd.index);
  Db db((cmd.index / "fts.db").string());
  db.exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;");
  db.exec(
      "CREATE TABLE docs(rowid INTEGER PRIMARY KEY, id TEXT, date TEXT, show TEXT);"
      "CREATE VIRTUAL TABLE fts USING fts5(text, tokenize='unicode61');");
  db.exec("BEGIN");
  Statement doc(db, "INSERT INTO docs(rowid, id, date, show) VALUES(?1, ?2, ?3, ?4)");
  Statement text(db, "INSERT INTO fts(rowid, text) VALUES(?1, ?2)");
  int64_t rowid = 0;
  const uint64_t docs = bench::for_each_doc(cmd.corpus, [&](const bench::CorpusDoc& d) {
    ++rowid;
    doc.bind(1, rowid).bind(2, d.id).bind(3, d.date).bind(4, lower(d.show));
    doc.step();
    doc.reset();
    text.bind(1, rowid).bind(2, d.title + "\n" + d.body);
    text.step();
    text.reset();
  });
  db.exec("COMMIT");
  db.exec("INSERT INTO fts(fts) VALUES('optimize')");
  bench::print_build_summary(
      "fts5", docs, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
}

// The query in FTS5's syntax; every word quoted so none is read as an operator.
std::string match_expression(const bench::Query& q) {
  std::string s;
  if (q.op == "phrase") {
    for (const auto& w : q.words) s += (s.empty() ? "" : " ") + w;
    return "\"" + s + "\"";
  }
  if (q.op == "near") {
    for (const auto& w : q.words) s += (s.empty() ? "" : " ") + ("\"" + w + "\"");
    return "NEAR(" + s + ", " + std::to_string(q.slop) + ")";
  }
  const char* join = q.op == "or" ? " OR " : " AND ";
  for (const auto& w : q.words) s += (s.empty() ? "" : join) + ("\"" + w + "\"");
  return s;
}

void query(const bench::Command& cmd) {
  Db db((cmd.index / "fts.db").string());
  db.exec("PRAGMA cache_size=-262144; PRAGMA query_only=1;");
  Statement top(db, "SELECT rowid FROM fts WHERE fts MATCH ?1 ORDER BY rank LIMIT 10");
  Statement top_filtered(
      db,
      "SELECT fts.rowid FROM fts JOIN docs d ON d.rowid = fts.rowid WHERE fts MATCH ?1 "
      "AND d.show = ?2 AND d.date BETWEEN ?3 AND ?4 ORDER BY fts.rank LIMIT 10");
  Statement count_month(
      db,
      "SELECT count(*) FROM fts JOIN docs d ON d.rowid = fts.rowid WHERE fts MATCH ?1 "
      "AND d.date BETWEEN ?2 AND ?3");
  Statement id_of(db, "SELECT id FROM docs WHERE rowid = ?1");
  const auto queries = bench::load_queries(cmd.queries);
  bench::run_queries(
      "fts5", queries,
      [&](const bench::Query& q) {
        bench::Answer a;
        const std::string match = match_expression(q);
        if (q.op == "timeline") {
          for (const auto& [from, to] : bench::month_ranges(std::stoi(q.from.substr(0, 4)))) {
            count_month.bind(1, match).bind(2, from).bind(3, to);
            count_month.step();
            const auto n = static_cast<uint64_t>(count_month.integer(0));
            count_month.reset();
            a.total += n;
            a.ids.push_back(std::to_string(n));
          }
          return a;
        }
        // FTS5 has no cheap match-count estimate; the top 10 come from one ranked query, and
        // `total` is left 0 (not timed separately) except in the timeline class, which counts
        // exactly.
        const bool filtered = !q.show.empty();
        Statement& st = filtered ? top_filtered : top;
        st.bind(1, match);
        if (filtered) st.bind(2, lower(q.show)).bind(3, q.from).bind(4, q.to);
        std::vector<int64_t> rows;
        while (st.step()) rows.push_back(st.integer(0));
        st.reset();
        for (int64_t r : rows) {
          id_of.bind(1, r);
          if (id_of.step()) a.ids.push_back(id_of.text(0));
          id_of.reset();
        }
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
  } catch (const std::exception& e) {
    std::cerr << "fts5_bench: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
