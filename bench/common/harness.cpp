#include "common/harness.hpp"

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

namespace bench {
namespace fs = std::filesystem;

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(s);
  while (std::getline(in, part, sep)) parts.push_back(part);
  if (!s.empty() && s.back() == sep) parts.emplace_back();
  return parts;
}

// CPU time of the calling thread: unlike wall time it does not count the time this process waits
// for a core, which on a shared machine is most of the noise.
double thread_cpu_us() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const double rank = p * static_cast<double>(v.size() - 1);
  const size_t lo = static_cast<size_t>(rank);
  const size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (v[hi] - v[lo]) * (rank - static_cast<double>(lo));
}

}  // namespace

std::vector<Query> load_queries(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::vector<Query> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto f = split(line, '\t');
    if (f.size() < 7) throw std::runtime_error("bad query line: " + line);
    Query q;
    q.id = std::stoi(f[0]);
    q.cls = f[1];
    q.op = f[2];
    if (q.op.starts_with("near/")) {
      q.slop = std::stoi(q.op.substr(5));
      q.op = "near";
    }
    for (auto& w : split(f[3], ' '))
      if (!w.empty()) q.words.push_back(w);
    q.show = f[4];
    q.from = f[5];
    q.to = f[6];
    out.push_back(std::move(q));
  }
  return out;
}

uint64_t for_each_doc(const fs::path& dir, const std::function<void(const CorpusDoc&)>& fn) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".jsonl") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  uint64_t docs = 0;
  CorpusDoc doc;
  std::string line;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      const auto j = nlohmann::json::parse(line);
      auto get = [&](const char* key) {
        return j.contains(key) ? j[key].get<std::string>() : std::string();
      };
      doc.id = get("id");
      doc.source = get("source");
      doc.show = get("show");
      doc.date = get("date");
      doc.title = get("title");
      doc.body = get("body");
      fn(doc);
      ++docs;
    }
  }
  return docs;
}

void run_queries(const std::string& engine, const std::vector<Query>& queries, const Runner& runner,
                 const fs::path& out, int repeat) {
  using clock = std::chrono::steady_clock;
  std::vector<Answer> answers(queries.size());
  for (size_t i = 0; i < queries.size(); ++i) answers[i] = runner(queries[i]);  // warm-up
  std::vector<std::vector<double>> micros(queries.size()), cpu_micros(queries.size());
  for (int pass = 0; pass < std::max(1, repeat); ++pass) {
    for (size_t i = 0; i < queries.size(); ++i) {
      const double c0 = thread_cpu_us();
      const auto t0 = clock::now();
      Answer a = runner(queries[i]);
      micros[i].push_back(std::chrono::duration<double, std::micro>(clock::now() - t0).count());
      cpu_micros[i].push_back(thread_cpu_us() - c0);
      if (pass == 0) answers[i] = std::move(a);
    }
  }
  std::ofstream tsv(out);
  std::map<std::string, std::vector<double>> by_class;
  for (size_t i = 0; i < queries.size(); ++i) {
    const double us = percentile(micros[i], 0.5);
    by_class[queries[i].cls].push_back(us);
    std::string ids;
    for (const auto& id : answers[i].ids) ids += (ids.empty() ? "" : ",") + id;
    tsv << queries[i].id << '\t' << queries[i].cls << '\t' << us << '\t'
        << percentile(cpu_micros[i], 0.5) << '\t' << answers[i].total << '\t' << ids << '\n';
  }
  nlohmann::json classes = nlohmann::json::object();
  for (const auto& [cls, v] : by_class) {
    double sum = 0;
    for (double x : v) sum += x;
    classes[cls] = {{"n", v.size()},
                    {"p50_ms", percentile(v, 0.5) / 1000},
                    {"p99_ms", percentile(v, 0.99) / 1000},
                    {"qps", sum > 0 ? 1e6 * static_cast<double>(v.size()) / sum : 0}};
  }
  std::cout << nlohmann::json{{"engine", engine},
                              {"phase", "query"},
                              {"queries", queries.size()},
                              {"classes", classes},
                              {"peak_rss_kb", peak_rss_kb()}}
                   .dump()
            << std::endl;
}

void print_build_summary(const std::string& engine, uint64_t docs, double seconds) {
  std::cout << nlohmann::json{{"engine", engine},
                              {"phase", "build"},
                              {"docs", docs},
                              {"seconds", seconds},
                              {"peak_rss_kb", peak_rss_kb()}}
                   .dump()
            << std::endl;
}

long peak_rss_kb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

Command parse_command(int argc, char** argv) {
  const std::string usage =
      std::string("usage: ") + argv[0] +
      " build CORPUS_DIR INDEX_DIR | query INDEX_DIR QUERIES.tsv OUT.tsv [REPEAT]";
  Command c;
  if (argc >= 4 && std::string(argv[1]) == "build") {
    c.mode = "build";
    c.corpus = argv[2];
    c.index = argv[3];
  } else if (argc >= 5 && std::string(argv[1]) == "query") {
    c.mode = "query";
    c.index = argv[2];
    c.queries = argv[3];
    c.out = argv[4];
    if (argc >= 6) c.repeat = std::stoi(argv[5]);
  } else {
    throw std::runtime_error(usage);
  }
  return c;
}

}  // namespace bench
