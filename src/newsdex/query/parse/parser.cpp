#include "newsdex/query/parse/parser.hpp"

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "newsdex/core/date.hpp"
#include "newsdex/query/parse/lexer.hpp"

namespace newsdex::query {
namespace {

using NodePtr = std::unique_ptr<Node>;
using core::ErrorCode;

tl::unexpected<core::Error> query_error(ErrorCode code, size_t offset, std::string message) {
  core::Location where;
  where.column = static_cast<uint32_t>(offset + 1);
  return core::fail(code, std::move(message), std::move(where));
}

// A word or value written with trailing '*'s ("capit*", "CNN**"): the text before them, or
// nullopt when there is none ("*").
std::optional<std::string_view> before_stars(std::string_view text) {
  const size_t stem = text.find_last_not_of('*');
  if (stem == std::string_view::npos) return std::nullopt;
  return text.substr(0, stem + 1);
}

bool starts_unary(LexKind kind) {
  switch (kind) {
    case LexKind::kWord:
    case LexKind::kPhrase:
    case LexKind::kField:
    case LexKind::kLParen:
    case LexKind::kNot:
    case LexKind::kMinus:
    case LexKind::kError:  // parse_primary() reports it
      return true;
    default:
      return false;
  }
}

NodePtr make_node(Node::Kind kind, SourceSpan span) {
  auto node = std::make_unique<Node>();
  node->kind = kind;
  node->span = span;
  return node;
}

// A query date is YYYY, YYYY-MM or YYYY-MM-DD; `last` picks the end of a year or month.
std::optional<std::string> expand_date(std::string_view text, bool last) {
  auto number = [&](size_t pos, size_t len) -> int {
    int value = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  int year = -1;
  int month = 0;
  int day = 0;
  if (text.size() == 4) {
    year = number(0, 4);
    month = last ? 12 : 1;
    day = last ? 31 : 1;
  } else if (text.size() == 7 && text[4] == '-') {
    year = number(0, 4);
    month = number(5, 2);
    day = 1;
    if (last) {
      day = 31;
      while (day > 28 && !core::valid_ymd(year, month, day)) --day;
    }
  } else if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    year = number(0, 4);
    month = number(5, 2);
    day = number(8, 2);
  }
  if (year < 0 || month < 0 || day < 0 || !core::valid_ymd(year, month, day)) return std::nullopt;
  return core::format_iso_date(core::days_from_ymd(year, month, day));
}

// True when the node can match documents on its own (not a bare negation).
bool positive(const Node& node) {
  switch (node.kind) {
    case Node::Kind::kNot:
      return false;
    case Node::Kind::kAnd:
      for (const auto& child : node.children) {
        if (positive(*child)) return true;
      }
      return false;
    case Node::Kind::kOr:
      for (const auto& child : node.children) {
        if (!positive(*child)) return false;
      }
      return true;
    default:
      return true;
  }
}

// Every alternative of an OR must match on its own: "a OR -b" has no sensible meaning here.
core::Status check_alternatives(const Node& node) {
  for (const auto& child : node.children) {
    if (node.kind == Node::Kind::kOr && !positive(*child)) {
      return query_error(ErrorCode::kQuery, child->span.begin,
                         "OR needs a positive term on each side " + column_text(child->span.begin) +
                             " (a negation only narrows others)");
    }
    if (auto status = check_alternatives(*child); !status) return status;
  }
  return {};
}

class Parser {
 public:
  Parser(std::string_view text, const ParseLimits& limits) : m_lexer(text), m_limits(limits) {}

  core::Result<NodePtr> parse() {
    advance();
    if (m_token.kind == LexKind::kEnd)
      return query_error(ErrorCode::kQuery, 0, "empty query at column 1");
    auto root = parse_or();
    if (!root) return root;
    if (m_token.kind == LexKind::kRParen) {
      return query_error(ErrorCode::kQuery, m_token.span.begin,
                         "unmatched ')' " + column_text(m_token.span.begin));
    }
    if (m_token.kind != LexKind::kEnd) {  // unreachable by the grammar; kept as a guard
      return query_error(ErrorCode::kQuery, m_token.span.begin,
                         "unexpected input " + column_text(m_token.span.begin));
    }
    if (auto status = check_alternatives(**root); !status) return tl::unexpected(status.error());
    if (!positive(**root)) {
      return query_error(ErrorCode::kQuery, 0,
                         "a query needs at least one positive term at column 1 (it has only "
                         "negations)");
    }
    return root;
  }

 private:
  void advance() { m_token = m_lexer.next(); }

  static std::string_view operator_name(LexKind kind) {
    switch (kind) {
      case LexKind::kAnd:
        return "AND";
      case LexKind::kOr:
        return "OR";
      case LexKind::kNot:
        return "NOT";
      case LexKind::kNear:
        return "NEAR";
      default:
        return "'-'";
    }
  }

  // After an operator at `op`, the current token must start a term.
  core::Status expect_term_after(const LexToken& op) {
    if (starts_unary(m_token.kind)) return {};
    return query_error(ErrorCode::kQuery, op.span.begin,
                       "expected a term after " + std::string(operator_name(op.kind)) + " " +
                           column_text(op.span.begin));
  }

  core::Status enter(size_t offset) {
    if (++m_depth <= m_limits.max_depth) return {};
    return query_error(ErrorCode::kLimit, offset,
                       "query nests deeper than " + std::to_string(m_limits.max_depth) +
                           " levels " + column_text(offset));
  }

  core::Status count_clause(size_t offset) {
    if (++m_clauses <= m_limits.max_clauses) return {};
    return query_error(ErrorCode::kLimit, offset,
                       "query has more than " + std::to_string(m_limits.max_clauses) +
                           " terms, phrases and filters " + column_text(offset));
  }

  // Builds an AND/OR of `parts`, splicing in children of the same kind: (a b) c == a b c.
  static NodePtr combine(Node::Kind kind, std::vector<NodePtr> parts) {
    if (parts.size() == 1) return std::move(parts.front());
    auto node = make_node(kind, {parts.front()->span.begin, parts.back()->span.end});
    for (auto& part : parts) {
      if (part->kind == kind) {
        for (auto& child : part->children) node->children.push_back(std::move(child));
      } else {
        node->children.push_back(std::move(part));
      }
    }
    return node;
  }

  core::Result<NodePtr> parse_or() {
    std::vector<NodePtr> parts;
    auto first = parse_and();
    if (!first) return first;
    parts.push_back(std::move(*first));
    while (m_token.kind == LexKind::kOr) {
      const LexToken op = m_token;
      advance();
      if (auto status = expect_term_after(op); !status) return tl::unexpected(status.error());
      auto next = parse_and();
      if (!next) return next;
      parts.push_back(std::move(*next));
    }
    return combine(Node::Kind::kOr, std::move(parts));
  }

  core::Result<NodePtr> parse_and() {
    std::vector<NodePtr> parts;
    auto first = parse_near();
    if (!first) return first;
    parts.push_back(std::move(*first));
    for (;;) {
      if (m_token.kind == LexKind::kAnd) {
        const LexToken op = m_token;
        advance();
        if (auto status = expect_term_after(op); !status) return tl::unexpected(status.error());
      } else if (!starts_unary(m_token.kind)) {
        break;
      }
      auto next = parse_near();
      if (!next) return next;
      parts.push_back(std::move(*next));
    }
    return combine(Node::Kind::kAnd, std::move(parts));
  }

  // a NEAR/N b [NEAR/N c ...]: binds tighter than AND; every operand a plain word, one N.
  core::Result<NodePtr> parse_near() {
    auto first = parse_unary();
    if (!first || m_token.kind != LexKind::kNear) return first;
    auto node = make_node(Node::Kind::kNear, (*first)->span);
    node->slop = m_token.slop;
    const LexToken first_op = m_token;
    auto take = [&](NodePtr operand) -> core::Status {
      if (operand->kind != Node::Kind::kTerm || !operand->field.empty())
        return query_error(ErrorCode::kQuery, operand->span.begin,
                           "NEAR joins plain words " + column_text(operand->span.begin) +
                               "; expected a word without a field, quotes of several words, "
                               "'~', '*' or '-'");
      node->span.end = operand->span.end;
      node->children.push_back(std::move(operand));
      return {};
    };
    if (auto status = take(std::move(*first)); !status) return tl::unexpected(status.error());
    while (m_token.kind == LexKind::kNear) {
      const LexToken op = m_token;
      if (op.slop != first_op.slop)
        return query_error(ErrorCode::kQuery, op.span.begin,
                           "one NEAR group needs one distance " + column_text(op.span.begin) +
                               " (" + std::string(first_op.text) + " then " + std::string(op.text) +
                               "); group with parentheses and AND");
      advance();
      if (auto status = expect_term_after(op); !status) return tl::unexpected(status.error());
      auto next = parse_unary();
      if (!next) return next;
      if (auto status = take(std::move(*next)); !status) return tl::unexpected(status.error());
    }
    return node;
  }

  core::Result<NodePtr> parse_unary() {
    if (m_token.kind != LexKind::kNot && m_token.kind != LexKind::kMinus) return parse_primary();
    const LexToken op = m_token;
    advance();
    if (auto status = expect_term_after(op); !status) return tl::unexpected(status.error());
    // "-x" negates; "a - b" is more likely a typo than "a AND NOT b".
    if (op.kind == LexKind::kMinus && m_token.span.begin != op.span.end) {
      return query_error(ErrorCode::kQuery, op.span.begin,
                         "expected a term right after '-' " + column_text(op.span.begin));
    }
    if (auto status = enter(op.span.begin); !status) return tl::unexpected(status.error());
    auto child = parse_unary();
    --m_depth;
    if (!child) return child;
    if ((*child)->kind == Node::Kind::kNot) return std::move((*child)->children.front());
    auto node = make_node(Node::Kind::kNot, {op.span.begin, (*child)->span.end});
    node->children.push_back(std::move(*child));
    return node;
  }

  core::Result<NodePtr> parse_primary() {
    const LexToken token = m_token;
    switch (token.kind) {
      case LexKind::kError:
        return tl::unexpected(token.error);
      case LexKind::kLParen: {
        if (auto status = enter(token.span.begin); !status) return tl::unexpected(status.error());
        advance();
        if (m_token.kind == LexKind::kRParen) {
          return query_error(ErrorCode::kQuery, token.span.begin,
                             "empty parentheses " + column_text(token.span.begin));
        }
        if (m_token.kind == LexKind::kEnd) break;
        auto inner = parse_or();
        if (!inner) return inner;
        if (m_token.kind != LexKind::kRParen) break;
        advance();
        --m_depth;
        return inner;
      }
      case LexKind::kWord:
        advance();
        return word_node(token.text, "", token.span);
      case LexKind::kPhrase:
        advance();
        return phrase_node(token.text, "", token.span, token.slop);
      case LexKind::kField:
        advance();
        return field_node(token);
      case LexKind::kAnd:
      case LexKind::kOr:
      case LexKind::kNear:
        return query_error(ErrorCode::kQuery, token.span.begin,
                           "expected a term before " + std::string(operator_name(token.kind)) +
                               " " + column_text(token.span.begin));
      case LexKind::kRParen:
        return query_error(ErrorCode::kQuery, token.span.begin,
                           "unmatched ')' " + column_text(token.span.begin));
      default:
        return query_error(ErrorCode::kQuery, token.span.begin,
                           "expected a term " + column_text(token.span.begin));
    }
    // Only the '(' case breaks out of the switch: the group was never closed.
    return query_error(ErrorCode::kQuery, token.span.begin,
                       "unclosed parenthesis " + column_text(token.span.begin));
  }

  // A word, `word~N` (fuzzy) or `prefix*`.
  core::Result<NodePtr> word_node(std::string_view text, std::string_view field, SourceSpan span) {
    if (auto status = count_clause(span.begin); !status) return tl::unexpected(status.error());
    const size_t value_offset = span.end - text.size();
    if (text.back() == '*') {
      const auto stem = before_stars(text);
      if (!stem) {
        return query_error(ErrorCode::kQuery, value_offset,
                           "'*' needs the start of a word before it " + column_text(value_offset));
      }
      auto node = make_node(Node::Kind::kPrefix, span);
      node->field = field;
      node->text = *stem;
      return node;
    }
    if (const size_t tilde = text.rfind('~'); tilde != std::string_view::npos && tilde > 0) {
      const std::string_view digits = text.substr(tilde + 1);
      bool numeric = true;
      for (char c : digits) numeric = numeric && c >= '0' && c <= '9';
      if (numeric) {
        if (digits.size() > 1 || (digits.size() == 1 && digits[0] > '2')) {
          return query_error(
              ErrorCode::kQuery, value_offset + tilde,
              "fuzzy edit distance must be 0, 1 or 2 " + column_text(value_offset + tilde));
        }
        auto node = make_node(Node::Kind::kFuzzy, span);
        node->field = field;
        node->text = text.substr(0, tilde);
        node->max_edits = digits.empty() ? 2 : digits[0] - '0';
        return node;
      }
    }
    auto node = make_node(Node::Kind::kTerm, span);
    node->field = field;
    node->text = text;
    return node;
  }

  // A quoted string; a single quoted word is a plain term (quotes turn off operators and `*`).
  // "..."~N (slop > 0): the words in order with at most N others between the first and the last.
  core::Result<NodePtr> phrase_node(std::string_view inner, std::string_view field, SourceSpan span,
                                    uint32_t slop = 0) {
    std::vector<std::string> words = split_words(inner);
    if (words.empty()) {
      return query_error(ErrorCode::kQuery, span.begin, "empty phrase " + column_text(span.begin));
    }
    if (slop > 0 && words.size() == 1)
      return query_error(ErrorCode::kQuery, span.begin,
                         "\"...\"~N needs two or more words " + column_text(span.begin) +
                             " (for words within N edits of one word, write word~N)");
    if (slop > 0 && (field == "sounds" || field == "robust"))
      return query_error(ErrorCode::kQuery, span.begin,
                         "'" + std::string(field) + ":' phrases take no ~N " +
                             column_text(span.begin) + " (" + std::string(field) +
                             ":\"...\" already tolerates inserted and missing words)");
    if (auto status = count_clause(span.begin); !status) return tl::unexpected(status.error());
    auto node = make_node(words.size() == 1 ? Node::Kind::kTerm : Node::Kind::kPhrase, span);
    node->field = field;
    if (words.size() == 1) {
      node->text = std::move(words.front());
    } else {
      node->text = inner;
      node->words = std::move(words);
      node->slop = slop;
    }
    return node;
  }

  core::Result<NodePtr> field_node(const LexToken& token) {
    if (token.star && token.field != "show" && token.field != "source") {
      const size_t star = token.value_span.end - 1;
      return query_error(ErrorCode::kQuery, star,
                         "'*' after a quoted value " + column_text(star) +
                             " is for show: and source: (values that start with it); a word "
                             "prefix is written capit*");
    }
    // Text fields: a word or a phrase, analysed like the body.
    if (token.field == "title" || token.field == "speaker" || token.field == "quote" ||
        token.field == "entity" || token.field == "role") {
      if (token.quoted) return phrase_node(token.text, token.field, token.span, token.slop);
      return word_node(token.text, token.field, token.span);
    }
    // sounds:word, sounds:"a phrase", robust:word, robust:"a phrase": words matched by sound, and
    // (robust) by edit distance, with caption errors tolerated; the planner decides how.
    if (token.field == "sounds" || token.field == "robust") {
      if (token.quoted) return phrase_node(token.text, token.field, token.span, token.slop);
      auto node = word_node(token.text, token.field, token.span);
      if (node && (*node)->kind != Node::Kind::kTerm)
        return query_error(
            ErrorCode::kQuery, token.value_span.begin,
            "'" + token.field + ":' takes a word or a quoted phrase, not " +
                ((*node)->kind == Node::Kind::kPrefix ? "a prefix " : "a fuzzy word ") +
                column_text(token.value_span.begin));
      return node;
    }
    if (token.slop > 0)
      return query_error(ErrorCode::kQuery, token.value_span.begin,
                         "'" + token.field + ":' takes no ~N " +
                             column_text(token.value_span.begin) +
                             " (proximity is for phrases of words)");
    if (token.field == "date") return date_node(token);
    // show:CNN* and show:"cnn the"*: every value that starts with the text before the '*'.
    std::string_view value = token.text;
    bool prefix = token.star;
    if (!token.quoted && value.ends_with('*')) {
      const auto stem = before_stars(value);
      if (!stem) {
        return query_error(
            ErrorCode::kQuery, token.value_span.begin,
            "'*' needs the start of a value before it " + column_text(token.value_span.begin));
      }
      value = *stem;
      prefix = true;
    }
    if (split_words(value).empty()) {
      return query_error(
          ErrorCode::kQuery, token.value_span.begin,
          "empty value for '" + token.field + ":' " + column_text(token.value_span.begin));
    }
    if (auto status = count_clause(token.span.begin); !status) {
      return tl::unexpected(status.error());
    }
    auto node = make_node(Node::Kind::kFilter, token.span);
    node->field = token.field;
    node->text = value;
    node->prefix = prefix;
    return node;
  }

  // date:YYYY[-MM[-DD]] or FROM..TO with either end open.
  core::Result<NodePtr> date_node(const LexToken& token) {
    const size_t value_offset = token.value_span.begin + (token.quoted ? 1 : 0);
    const std::string_view value = token.text;
    auto bad = [&](size_t offset, std::string_view part) {
      return query_error(ErrorCode::kQuery, offset,
                         "bad date '" + std::string(part) + "' " + column_text(offset) +
                             "; expected YYYY-MM-DD, YYYY-MM or YYYY, or a range FROM..TO");
    };
    auto node = make_node(Node::Kind::kDateRange, token.span);
    const size_t dots = value.find("..");
    if (dots == std::string_view::npos) {
      auto from = expand_date(value, false);
      auto to = expand_date(value, true);
      if (!from || !to) return bad(value_offset, value);
      node->date_from = std::move(*from);
      node->date_to = std::move(*to);
    } else {
      const std::string_view from_text = value.substr(0, dots);
      const std::string_view to_text = value.substr(dots + 2);
      if (from_text.empty() && to_text.empty()) {
        return query_error(ErrorCode::kQuery, value_offset,
                           "a date range needs a start or an end " + column_text(value_offset));
      }
      if (!from_text.empty()) {
        auto from = expand_date(from_text, false);
        if (!from) return bad(value_offset, from_text);
        node->date_from = std::move(*from);
      }
      if (!to_text.empty()) {
        auto to = expand_date(to_text, true);
        if (!to) return bad(value_offset + dots + 2, to_text);
        node->date_to = std::move(*to);
      }
      if (!node->date_from.empty() && !node->date_to.empty() && node->date_from > node->date_to) {
        return query_error(ErrorCode::kQuery, value_offset,
                           "date range starts after it ends " + column_text(value_offset) + " (" +
                               node->date_from + " > " + node->date_to + ")");
      }
    }
    if (auto status = count_clause(token.span.begin); !status) {
      return tl::unexpected(status.error());
    }
    return node;
  }

  Lexer m_lexer;
  ParseLimits m_limits;
  LexToken m_token;
  size_t m_depth = 0;
  size_t m_clauses = 0;
};

}  // namespace

core::Result<std::unique_ptr<Node>> parse_query(std::string_view text, const ParseLimits& limits) {
  if (text.size() > limits.max_length) {
    return query_error(ErrorCode::kLimit, limits.max_length,
                       "query is longer than " + std::to_string(limits.max_length) + " bytes " +
                           column_text(limits.max_length));
  }
  return Parser(text, limits).parse();
}

}  // namespace newsdex::query
