// The timeline as a hand-written SVG line chart: share per bucket, one line per series.
#include <fmt/format.h>

#include <algorithm>

#include "newsdex/analytics/timeline.hpp"
#include "newsdex/core/date.hpp"
#include "newsdex/query/exec/snippets.hpp"

namespace newsdex::analytics {

std::string to_svg(const Timeline& t) {
  static const char* kColors[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
                                  "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
  const double width = 800, height = 400, left = 70, right = 200, top = 30, bottom = 50;
  const double plot_w = width - left - right, plot_h = height - top - bottom;
  const size_t n = t.starts.size();
  double max_share = 0;
  for (const auto& b : t.buckets) max_share = std::max(max_share, b.share);
  if (max_share <= 0) max_share = 1;
  auto x = [&](size_t b) {
    return left +
           (n <= 1 ? plot_w / 2 : plot_w * static_cast<double>(b) / static_cast<double>(n - 1));
  };
  auto y = [&](double share) { return top + plot_h * (1.0 - share / max_share); };
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" "
      "font-family=\"sans-serif\" font-size=\"11\">\n<rect width=\"100%\" height=\"100%\" "
      "fill=\"white\"/>\n",
      width, height, width, height);
  out += fmt::format("<text x=\"{}\" y=\"18\" font-size=\"13\">Share of {} per {}</text>\n", left,
                     t.normalize == Normalize::kWords ? "body words" : "documents",
                     interval_name(t.interval));
  out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"black\"/>\n", left,
                     top, top + plot_h);
  out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"black\"/>\n", left,
                     top + plot_h, left + plot_w);
  for (int i = 0; i <= 4; ++i) {
    const double v = max_share * i / 4.0;
    out += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{:.3g}%</text>\n", left - 6,
                       y(v) + 4, v * 100.0);
    out += fmt::format("<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#ddd\"/>\n",
                       left, y(v), left + plot_w, y(v));
  }
  const size_t step = std::max<size_t>(1, n / 8);
  for (size_t b = 0; b < n; b += step)
    out += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", x(b),
                       top + plot_h + 18, core::format_iso_date(t.starts[b]));
  for (size_t s = 0; s < t.series.size(); ++s) {
    const char* color = kColors[s % std::size(kColors)];
    std::string points;
    for (size_t b = 0; b < n; ++b)
      points += fmt::format("{}{:.1f},{:.1f}", b ? " " : "", x(b), y(t.buckets[s * n + b].share));
    out += fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2\" points=\"{}\"/>\n",
                       color, points);
    const double ly = top + 14.0 * static_cast<double>(s) + 10;
    out += fmt::format("<rect x=\"{}\" y=\"{:.1f}\" width=\"10\" height=\"10\" fill=\"{}\"/>\n",
                       left + plot_w + 12, ly - 9, color);
    out += fmt::format("<text x=\"{}\" y=\"{:.1f}\">{}</text>\n", left + plot_w + 26, ly,
                       query::html_escape(t.series[s]));
  }
  out += "</svg>\n";
  return out;
}

}  // namespace newsdex::analytics
