// Lucene peer (Debian's liblucene8-java, Lucene 8.7): one stored text field analysed by
// StandardTokenizer + LowerCaseFilter — lower-case, no stemming, no stop words, the analysis of
// Newsdex's `--analysis plain` and of the other peers — with positions, BM25Similarity
// (k1=1.2, b=0.75), show as a keyword field, date as an IntPoint (yyyymmdd). The build uses one
// thread, a 256 MB RAM buffer (Newsdex flushes at 256 MB) and ends with forceMerge(1).
//   java -cp ... LuceneBench build CORPUS_DIR INDEX_DIR | query INDEX_DIR QUERIES.tsv OUT.tsv [REPEAT]
// Output: per-query TSV and one JSON summary line, like the C++ harnesses (common/harness.hpp).
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.spans.SpanNearQuery;
import org.apache.lucene.search.spans.SpanQuery;
import org.apache.lucene.search.spans.SpanTermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

public final class LuceneBench {
  static final class LowerCaseAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String field) {
      Tokenizer source = new StandardTokenizer();
      TokenStream result = new LowerCaseFilter(source);
      return new TokenStreamComponents(source, result);
    }
  }

  record Q(int id, String cls, String op, List<String> words, String show, String from, String to) {}

  // The flat JSON objects the generator writes: string values only, standard escapes.
  static Map<String, String> parseFlatJson(String line) {
    Map<String, String> out = new HashMap<>();
    int i = line.indexOf('{') + 1;
    StringBuilder sb = new StringBuilder();
    String key = null;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '"') {
        sb.setLength(0);
        i++;
        while (line.charAt(i) != '"') {
          char ch = line.charAt(i);
          if (ch == '\\') {
            char e = line.charAt(++i);
            switch (e) {
              case 'n' -> sb.append('\n');
              case 't' -> sb.append('\t');
              case 'r' -> sb.append('\r');
              case 'b' -> sb.append('\b');
              case 'f' -> sb.append('\f');
              case 'u' -> { sb.append((char) Integer.parseInt(line.substring(i + 1, i + 5), 16)); i += 4; }
              default -> sb.append(e);
            }
          } else {
            sb.append(ch);
          }
          i++;
        }
        if (key == null) key = sb.toString();
        else { out.put(key, sb.toString()); key = null; }
      } else if (c == ',') {
        key = null;
      }
      i++;
    }
    return out;
  }

  static List<Path> corpusFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".jsonl")).sorted().collect(Collectors.toList());
    }
  }

  static long peakRssKb() {
    try {
      for (String line : Files.readAllLines(Paths.get("/proc/self/status")))
        if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
    } catch (IOException e) {
      // fall through: unknown
    }
    return 0;
  }

  static int yyyymmdd(String iso) { return Integer.parseInt(iso.replace("-", "")); }

  static void build(Path corpus, Path index) throws IOException {
    long t0 = System.nanoTime();
    IndexWriterConfig config = new IndexWriterConfig(new LowerCaseAnalyzer())
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
        .setRAMBufferSizeMB(256)
        .setSimilarity(new BM25Similarity());
    long docs = 0;
    try (Directory dir = FSDirectory.open(index); IndexWriter writer = new IndexWriter(dir, config)) {
      for (Path file : corpusFiles(corpus)) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          String line;
          while ((line = in.readLine()) != null) {
            if (line.isEmpty()) continue;
            Map<String, String> d = parseFlatJson(line);
            Document doc = new Document();
            doc.add(new StringField("id", d.getOrDefault("id", ""), Field.Store.YES));
            doc.add(new StringField("show", d.getOrDefault("show", "").toLowerCase(), Field.Store.NO));
            doc.add(new IntPoint("date", yyyymmdd(d.getOrDefault("date", "1970-01-01"))));
            doc.add(new TextField("text", d.getOrDefault("title", "") + "\n" + d.getOrDefault("body", ""), Field.Store.YES));
            writer.addDocument(doc);
            docs++;
          }
        }
      }
      writer.forceMerge(1);
      writer.commit();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("{\"engine\":\"lucene\",\"phase\":\"build\",\"docs\":%d,\"seconds\":%.3f,\"peak_rss_kb\":%d}%n",
        docs, seconds, peakRssKb());
  }

  static List<Q> loadQueries(Path path) throws IOException {
    List<Q> out = new ArrayList<>();
    for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
      if (line.isEmpty() || line.startsWith("#")) continue;
      String[] f = line.split("\t", -1);
      List<String> words = Arrays.stream(f[3].split(" ")).filter(w -> !w.isEmpty()).collect(Collectors.toList());
      out.add(new Q(Integer.parseInt(f[0]), f[1], f[2], words, f[4], f[5], f[6]));
    }
    return out;
  }

  static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) return 0;
    List<Double> v = new ArrayList<>(values);
    Collections.sort(v);
    double rank = p * (v.size() - 1);
    int lo = (int) rank, hi = Math.min(lo + 1, v.size() - 1);
    return v.get(lo) + (v.get(hi) - v.get(lo)) * (rank - lo);
  }

  static final class Runner {
    final IndexSearcher searcher;
    final Analyzer analyzer = new LowerCaseAnalyzer();

    Runner(IndexSearcher searcher) { this.searcher = searcher; }

    String term(String word) throws IOException {
      try (TokenStream ts = analyzer.tokenStream("text", word)) {
        CharTermAttribute attr = ts.addAttribute(CharTermAttribute.class);
        ts.reset();
        String t = ts.incrementToken() ? attr.toString() : word;
        ts.end();
        return t;
      }
    }

    // Returns {total, ids...} (timeline: {sum, 12 counts}).
    List<String> run(Q q) throws IOException {
      List<String> out = new ArrayList<>();
      List<String> terms = new ArrayList<>();
      for (String w : q.words()) terms.add(term(w));
      if (q.op().equals("timeline")) {
        int year = Integer.parseInt(q.from().substring(0, 4));
        long sum = 0;
        List<String> counts = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
          Query query = new BooleanQuery.Builder()
              .add(new TermQuery(new Term("text", terms.get(0))), Occur.MUST)
              .add(IntPoint.newRangeQuery("date", year * 10000 + m * 100 + 1, year * 10000 + m * 100 + 31), Occur.FILTER)
              .build();
          int n = searcher.count(query);
          sum += n;
          counts.add(Integer.toString(n));
        }
        out.add(Long.toString(sum));
        out.addAll(counts);
        return out;
      }
      Query query;
      switch (q.op()) {
        case "term" -> query = new TermQuery(new Term("text", terms.get(0)));
        case "phrase" -> query = new PhraseQuery("text", terms.toArray(new String[0]));
        case "and", "or" -> {
          BooleanQuery.Builder b = new BooleanQuery.Builder();
          for (String t : terms) b.add(new TermQuery(new Term("text", t)), q.op().equals("and") ? Occur.MUST : Occur.SHOULD);
          query = b.build();
        }
        default -> {
          if (!q.op().startsWith("near/")) throw new IllegalArgumentException("unknown op " + q.op());
          // near/N: the words in any order, at most N other words between (unordered span slop).
          SpanQuery[] spans = terms.stream().map(t -> new SpanTermQuery(new Term("text", t))).toArray(SpanQuery[]::new);
          query = new SpanNearQuery(spans, Integer.parseInt(q.op().substring(5)), false);
        }
      }
      if (!q.show().isEmpty() || !q.from().isEmpty()) {
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(query, Occur.MUST);
        if (!q.show().isEmpty()) b.add(new TermQuery(new Term("show", q.show().toLowerCase())), Occur.FILTER);
        if (!q.from().isEmpty()) b.add(IntPoint.newRangeQuery("date", yyyymmdd(q.from()), yyyymmdd(q.to())), Occur.FILTER);
        query = b.build();
      }
      TopDocs top = searcher.search(query, 10);
      out.add(Long.toString(top.totalHits.value));
      for (ScoreDoc sd : top.scoreDocs) out.add(searcher.doc(sd.doc, Set.of("id")).get("id"));
      return out;
    }
  }

  static void query(Path index, Path queriesPath, Path outPath, int repeat) throws IOException {
    List<Q> queries = loadQueries(queriesPath);
    try (Directory dir = FSDirectory.open(index); DirectoryReader reader = DirectoryReader.open(dir)) {
      IndexSearcher searcher = new IndexSearcher(reader);  // no executor: one thread
      searcher.setSimilarity(new BM25Similarity());
      Runner runner = new Runner(searcher);
      List<List<String>> answers = new ArrayList<>();
      for (Q q : queries) answers.add(runner.run(q));  // warm-up (also JIT compilation)
      List<List<Double>> micros = new ArrayList<>(), cpuMicros = new ArrayList<>();
      for (int i = 0; i < queries.size(); i++) { micros.add(new ArrayList<>()); cpuMicros.add(new ArrayList<>()); }
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      for (int pass = 0; pass < Math.max(1, repeat); pass++) {
        for (int i = 0; i < queries.size(); i++) {
          long c0 = threads.getCurrentThreadCpuTime();
          long t0 = System.nanoTime();
          List<String> a = runner.run(queries.get(i));
          micros.get(i).add((System.nanoTime() - t0) / 1e3);
          cpuMicros.get(i).add((threads.getCurrentThreadCpuTime() - c0) / 1e3);
          if (pass == 0) answers.set(i, a);
        }
      }
      Map<String, List<Double>> byClass = new TreeMap<>();
      try (PrintWriter tsv = new PrintWriter(Files.newBufferedWriter(outPath, StandardCharsets.UTF_8))) {
        for (int i = 0; i < queries.size(); i++) {
          Q q = queries.get(i);
          double us = percentile(micros.get(i), 0.5);
          byClass.computeIfAbsent(q.cls(), k -> new ArrayList<>()).add(us);
          List<String> a = answers.get(i);
          tsv.printf("%d\t%s\t%.3f\t%.3f\t%s\t%s%n", q.id(), q.cls(), us, percentile(cpuMicros.get(i), 0.5), a.get(0),
              String.join(",", a.subList(1, a.size())));
        }
      }
      StringBuilder classes = new StringBuilder();
      for (Map.Entry<String, List<Double>> e : byClass.entrySet()) {
        double sum = e.getValue().stream().mapToDouble(Double::doubleValue).sum();
        if (classes.length() > 0) classes.append(',');
        classes.append(String.format("\"%s\":{\"n\":%d,\"p50_ms\":%.4f,\"p99_ms\":%.4f,\"qps\":%.1f}", e.getKey(),
            e.getValue().size(), percentile(e.getValue(), 0.5) / 1000, percentile(e.getValue(), 0.99) / 1000,
            sum > 0 ? 1e6 * e.getValue().size() / sum : 0));
      }
      System.out.printf("{\"engine\":\"lucene\",\"phase\":\"query\",\"queries\":%d,\"classes\":{%s},\"peak_rss_kb\":%d}%n",
          queries.size(), classes, peakRssKb());
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length >= 3 && args[0].equals("build")) {
      build(Paths.get(args[1]), Paths.get(args[2]));
    } else if (args.length >= 4 && args[0].equals("query")) {
      query(Paths.get(args[1]), Paths.get(args[2]), Paths.get(args[3]), args.length >= 5 ? Integer.parseInt(args[4]) : 1);
    } else {
      System.err.println("usage: LuceneBench build CORPUS_DIR INDEX_DIR | query INDEX_DIR QUERIES.tsv OUT.tsv [REPEAT]");
      System.exit(2);
    }
  }
}
