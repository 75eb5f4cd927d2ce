#include "newsdex/query/plan/plan.hpp"

#include <tuple>

#include "newsdex/core/date.hpp"
#include "newsdex/doc/transcript.hpp"

namespace newsdex::query {
namespace {

core::Error plan_error(const Node& node, std::string message) {
  return core::Error{core::ErrorCode::kQuery,
                     message + " at column " + std::to_string(node.span.begin + 1),
                     core::Location{"", 0, node.span.begin + 1, 0}};
}

std::vector<index::Field> fields_for(const std::string& field) {
  if (field == "title") return {index::Field::kTitle};
  if (field == "speaker") return {index::Field::kSpeaker};
  if (field == "quote") return {index::Field::kQuote};
  if (field == "entity") return {index::Field::kEntity};
  if (field == "role") return {index::Field::kRole};
  return {index::Field::kBody, index::Field::kTitle};
}

// Fields that only a kFull index holds.
bool needs_full_profile(const std::string& field) {
  return field == "speaker" || field == "quote" || field == "entity" || field == "role" ||
         field == "sounds" || field == "robust";
}

// sounds:word, sounds:"phrase", robust:word, robust:"phrase": slots of surface words, expanded
// later against the snapshot.
PlanNode tolerant_node(const Node& node, const std::vector<std::string>& words,
                       analysis::Analyzer& analyzer) {
  PlanNode out;
  out.span = node.span;
  out.fields = {index::Field::kBody};
  for (const auto& w : words)
    for (const auto& tok : analyzer.tokens(w)) {
      out.words.push_back(
          analysis::Analyzer::fold(std::string_view(w).substr(tok.start, tok.end - tok.start)));
      out.terms.push_back(tok.term);
    }
  if (out.words.empty())
    out.kind = PlanNode::Kind::kNone;
  else if (node.field == "sounds" && out.words.size() == 1)
    out.kind = PlanNode::Kind::kSounds;
  else
    out.kind = PlanNode::Kind::kRobust;
  out.tolerant = node.field == "robust";
  return out;
}

PlanNode words_node(const Node& node, const std::vector<std::string>& words,
                    analysis::Analyzer& analyzer) {
  if (node.field == "sounds" || node.field == "robust") return tolerant_node(node, words, analyzer);
  PlanNode out;
  out.span = node.span;
  out.fields = fields_for(node.field);
  for (const auto& w : words)
    for (const auto& tok : analyzer.tokens(w)) out.terms.push_back(tok.term);
  if (out.terms.empty())
    out.kind = PlanNode::Kind::kNone;
  else if (out.terms.size() == 1)
    out.kind = PlanNode::Kind::kTerm;
  else
    out.kind = PlanNode::Kind::kPhrase;
  return out;
}

}  // namespace

const char* how_name(Alternative::How how) {
  switch (how) {
    case Alternative::How::kExact:
      return "exact";
    case Alternative::How::kFuzzy:
      return "fuzzy";
    case Alternative::How::kSound:
      return "sound";
    case Alternative::How::kPrefix:
      return "prefix";
  }
  return "exact";
}

core::Result<PlanNode> plan_query(const Node& node, analysis::Analyzer& analyzer) {
  // A plain index has no understanding fields and no sound dictionary: say so rather than match
  // nothing.
  if (analyzer.profile() == analysis::Profile::kPlain && needs_full_profile(node.field))
    return tl::unexpected(plan_error(
        node, "'" + node.field +
                  ":' needs an index built with --analysis full; this index was built with "
                  "--analysis plain (body and title words only: no speaker, quote, entity or "
                  "role fields, no sound keys)"));
  switch (node.kind) {
    case Node::Kind::kTerm:
      if (node.field == "role" &&
          doc::role_from_name(analysis::Analyzer::fold(node.text)) == doc::Role::kUnknown &&
          analysis::Analyzer::fold(node.text) != "unknown")
        return tl::unexpected(plan_error(
            node,
            "unknown role '" + node.text +
                "'; expected anchor, reporter, soundbite, host, guest, moderator or unknown"));
      return words_node(node, {node.text}, analyzer);
    case Node::Kind::kPhrase: {
      PlanNode out = words_node(
          node, node.words.empty() ? std::vector<std::string>{node.text} : node.words, analyzer);
      if (out.kind == PlanNode::Kind::kPhrase) out.slop = node.slop;
      return out;
    }
    case Node::Kind::kNear: {
      // Each operand one analysed word: a window is counted in words, and a word that analyses
      // to several ("e-mail") would be a phrase inside the group.
      PlanNode out;
      out.kind = PlanNode::Kind::kPhrase;
      out.span = node.span;
      out.fields = fields_for("");
      out.slop = node.slop;
      out.ordered = false;
      for (const auto& child : node.children) {
        auto toks = analyzer.tokens(child->text);
        if (toks.empty()) out.kind = PlanNode::Kind::kNone;  // "--" matches nothing
        if (toks.size() > 1)
          return tl::unexpected(plan_error(*child, "NEAR joins single words; '" + child->text +
                                                       "' is " + std::to_string(toks.size()) +
                                                       " words here (quote it as a phrase and "
                                                       "use AND, or write the words apart)"));
        for (const auto& t : toks) out.terms.push_back(t.term);
      }
      if (out.kind == PlanNode::Kind::kNone) out.terms.clear();
      return out;
    }
    case Node::Kind::kFuzzy:
    case Node::Kind::kPrefix: {
      PlanNode out;
      out.span = node.span;
      out.fields = fields_for(node.field);
      out.max_edits = node.max_edits;
      if (node.kind == Node::Kind::kPrefix) {
        // A prefix is folded, not stemmed: `capit*` must reach "capitol" and "capital".
        out.kind = PlanNode::Kind::kPrefix;
        out.words.push_back(analysis::Analyzer::fold(node.text));
        out.terms.push_back(out.words[0] + "*");  // as shown to users
      } else {
        out.kind = PlanNode::Kind::kFuzzy;
        auto toks = analyzer.tokens(node.text);
        if (toks.size() != 1)
          return tl::unexpected(plan_error(node, "a fuzzy word must be one word"));
        out.words.push_back(toks[0].term);
        out.terms.push_back(analysis::Analyzer::fold(node.text));  // as shown to users
      }
      if (out.words[0].empty()) out.kind = PlanNode::Kind::kNone;
      return out;
    }
    case Node::Kind::kAnd:
    case Node::Kind::kOr:
    case Node::Kind::kNot: {
      PlanNode out;
      out.kind = node.kind == Node::Kind::kAnd  ? PlanNode::Kind::kAnd
                 : node.kind == Node::Kind::kOr ? PlanNode::Kind::kOr
                                                : PlanNode::Kind::kNot;
      out.span = node.span;
      for (const auto& child : node.children) {
        auto planned = plan_query(*child, analyzer);
        if (!planned) return planned;
        out.children.push_back(std::move(*planned));
      }
      return out;
    }
    case Node::Kind::kFilter: {
      PlanNode out;
      out.kind = PlanNode::Kind::kFilter;
      out.span = node.span;
      out.filter_field = node.field;
      out.filter_value = analysis::Analyzer::fold(node.text);
      out.filter_prefix = node.prefix;
      return out;
    }
    case Node::Kind::kDateRange: {
      PlanNode out;
      out.kind = PlanNode::Kind::kDateRange;
      out.span = node.span;
      if (!node.date_from.empty()) {
        auto d = core::parse_iso_date(node.date_from);
        if (!d) return tl::unexpected(plan_error(node, "bad date '" + node.date_from + "'"));
        out.from = *d;
      }
      if (!node.date_to.empty()) {
        auto d = core::parse_iso_date(node.date_to);
        if (!d) return tl::unexpected(plan_error(node, "bad date '" + node.date_to + "'"));
        out.to = *d;
      }
      return out;
    }
    default:
      break;
  }
  return tl::unexpected(plan_error(node, "this operator is not supported by the executor yet"));
}

core::Result<DayRange> request_date_range(const std::string& from, const std::string& to) {
  DayRange range;
  for (auto [text, name, out] : {std::tuple{&from, "from", &range.from}, {&to, "to", &range.to}}) {
    if (text->empty()) continue;
    auto d = core::parse_iso_date(*text);
    if (!d)
      return core::fail(
          core::ErrorCode::kUsage,
          std::string("parameter '") + name + "': expected a date YYYY-MM-DD, got '" + *text + "'");
    *out = *d;
  }
  return range;
}

bool PlanNode::accepts_value(std::string_view value) const {
  const std::string folded = analysis::Analyzer::fold(value);
  return filter_prefix ? folded.starts_with(filter_value) : folded == filter_value;
}

PlanNode with_date_range(PlanNode plan, int32_t from, int32_t to) {
  PlanNode range;
  range.kind = PlanNode::Kind::kDateRange;
  range.from = from;
  range.to = to;
  if (plan.kind == PlanNode::Kind::kAnd) {
    plan.children.push_back(std::move(range));
    return plan;
  }
  PlanNode both;
  both.kind = PlanNode::Kind::kAnd;
  both.span = plan.span;
  both.children.push_back(std::move(plan));
  both.children.push_back(std::move(range));
  return both;
}

void for_each_scoring_leaf(const PlanNode& node, const std::function<void(const PlanNode&)>& fn) {
  switch (node.kind) {
    case PlanNode::Kind::kTerm:
    case PlanNode::Kind::kPhrase:
    case PlanNode::Kind::kFuzzy:
    case PlanNode::Kind::kPrefix:
    case PlanNode::Kind::kSounds:
    case PlanNode::Kind::kRobust:
      fn(node);
      return;
    case PlanNode::Kind::kAnd:
    case PlanNode::Kind::kOr:
      for (const auto& c : node.children) for_each_scoring_leaf(c, fn);
      return;
    default:
      return;
  }
}

}  // namespace newsdex::query
