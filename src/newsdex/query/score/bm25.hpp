// Okapi BM25 (Robertson & Zaragoza 2009) with Lucene's non-negative idf.
#pragma once

#include <cmath>
#include <cstdint>

namespace newsdex::query {

struct Bm25 {
  double k1 = 1.2;
  double b = 0.75;

  static double idf(uint64_t docs, uint64_t df) {
    return std::log(1.0 + (static_cast<double>(docs) - static_cast<double>(df) + 0.5) /
                              (static_cast<double>(df) + 0.5));
  }
  double tf_norm(double tf, double length, double avg_length) const {
    const double norm = k1 * (1.0 - b + b * (avg_length > 0 ? length / avg_length : 1.0));
    return tf * (k1 + 1.0) / (tf + norm);
  }
};

}  // namespace newsdex::query
