#include "newsdex/analytics/field_values.hpp"

#include <algorithm>
#include <utility>

namespace newsdex::analytics {

std::vector<std::vector<std::string>> field_values(const index::Segment& segment,
                                                   index::Field field,
                                                   const std::vector<uint32_t>& docs) {
  std::vector<std::vector<std::string>> out(docs.size());
  if (docs.empty()) return out;
  std::vector<std::string> terms;
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> hits(docs.size());  // (position, term)
  std::vector<std::string> names;
  segment.for_each_term_with_prefix(field, "", [&](std::string_view term, uint32_t df) {
    names.emplace_back(term);
    (void)df;
    return true;
  });
  for (uint32_t t = 0; t < names.size(); ++t) {
    auto info = segment.lookup(field, names[t]);
    if (!info) continue;
    auto cursor = segment.cursor(*info);
    if (info->df <= docs.size()) {
      // Walk the list and find each doc among `docs`.
      size_t i = 0;
      for (; cursor.doc() != index::kEndDoc && i < docs.size(); cursor.next()) {
        while (i < docs.size() && docs[i] < cursor.doc()) ++i;
        if (i == docs.size()) break;
        if (docs[i] != cursor.doc()) continue;
        for (uint32_t p : cursor.positions()) hits[i].emplace_back(p, t);
      }
    } else {
      for (size_t i = 0; i < docs.size() && cursor.doc() != index::kEndDoc; ++i) {
        cursor.seek(docs[i]);
        if (cursor.doc() != docs[i]) continue;
        for (uint32_t p : cursor.positions()) hits[i].emplace_back(p, t);
      }
    }
  }
  for (size_t i = 0; i < docs.size(); ++i) {
    auto& h = hits[i];
    std::sort(h.begin(), h.end());
    std::string value;
    uint32_t last = 0;
    auto finish = [&] {
      if (!value.empty() && std::find(out[i].begin(), out[i].end(), value) == out[i].end())
        out[i].push_back(value);
      value.clear();
    };
    for (const auto& [pos, term] : h) {
      if (!value.empty() && pos != last + 1) finish();
      if (!value.empty()) value.push_back(' ');
      value += names[term];
      last = pos;
    }
    finish();
  }
  return out;
}

}  // namespace newsdex::analytics
