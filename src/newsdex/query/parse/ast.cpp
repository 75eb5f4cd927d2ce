#include "newsdex/query/parse/ast.hpp"

#include <string>
#include <string_view>

namespace newsdex::query {
namespace {

bool needs_quotes(std::string_view value) {
  if (value.empty()) return true;
  for (char c : value) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == ')' || c == '"' ||
        c == '\\') {
      return true;
    }
  }
  return false;
}

void append_quoted(std::string& out, std::string_view value) {
  out.push_back('"');
  for (char c : value) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
}

void append_value(std::string& out, std::string_view value) {
  if (needs_quotes(value)) {
    append_quoted(out, value);
  } else {
    out.append(value);
  }
}

void append_field(std::string& out, const Node& node) {
  if (node.field.empty()) return;
  out.append(node.field);
  out.push_back(':');
}

void render(const Node& node, std::string& out) {
  switch (node.kind) {
    case Node::Kind::kTerm:
      out.append("(TERM ");
      append_field(out, node);
      append_value(out, node.text);
      break;
    case Node::Kind::kPhrase: {
      out.append("(PHRASE ");
      append_field(out, node);
      std::string joined;
      for (const std::string& word : node.words) {
        if (!joined.empty()) joined.push_back(' ');
        joined.append(word);
      }
      append_quoted(out, joined);
      if (node.slop > 0) out.append("~" + std::to_string(node.slop));
      break;
    }
    case Node::Kind::kNear:
      out.append("(NEAR " + std::to_string(node.slop));
      for (const auto& child : node.children) {
        out.push_back(' ');
        render(*child, out);
      }
      break;
    case Node::Kind::kAnd:
    case Node::Kind::kOr:
      out.append(node.kind == Node::Kind::kAnd ? "(AND" : "(OR");
      for (const auto& child : node.children) {
        out.push_back(' ');
        render(*child, out);
      }
      break;
    case Node::Kind::kNot:
      out.append("(NOT");
      for (const auto& child : node.children) {
        out.push_back(' ');
        render(*child, out);
      }
      break;
    case Node::Kind::kFilter:
      out.append("(FILTER ");
      out.append(node.field);
      out.push_back(' ');
      // A value that itself ends in '*' is quoted, so that "CNN*" (the value) and CNN* (the
      // prefix) read differently.
      if (!node.text.empty() && node.text.back() == '*') {
        append_quoted(out, node.text);
      } else {
        append_value(out, node.text);
      }
      if (node.prefix) out.push_back('*');
      break;
    case Node::Kind::kDateRange:
      out.append("(DATE ");
      out.append(node.date_from.empty() ? "*" : node.date_from);
      out.push_back(' ');
      out.append(node.date_to.empty() ? "*" : node.date_to);
      break;
    case Node::Kind::kFuzzy:
      out.append("(FUZZY ");
      append_field(out, node);
      append_value(out, node.text);
      out.push_back(' ');
      out.append(std::to_string(node.max_edits));
      break;
    case Node::Kind::kPrefix:
      out.append("(PREFIX ");
      append_field(out, node);
      append_value(out, node.text);
      break;
  }
  out.push_back(')');
}

}  // namespace

std::string describe(const Node& node) {
  std::string out;
  render(node, out);
  return out;
}

}  // namespace newsdex::query
