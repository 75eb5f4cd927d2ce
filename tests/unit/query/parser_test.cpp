// Query parser tests: the data-driven cases in tests/data/query/parser_cases.txt, plus limits and
// spans, which are awkward to express one per line.
#include "newsdex/query/parse/parser.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

namespace newsdex::query {
namespace {

struct Case {
  size_t line = 0;
  std::string query;
  std::string expected;
};

// Lines are `query<TAB>expected`; `#` starts a comment line. An expected value of
// `ERROR column N` (optionally followed by `: text` that the message must contain) expects an
// error.
std::vector<Case> load_cases() {
  std::ifstream in(std::string(NEWSDEX_SOURCE_DIR) + "/tests/data/query/parser_cases.txt");
  std::vector<Case> cases;
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) {
      ADD_FAILURE() << "parser_cases.txt:" << number << ": no tab";
      continue;
    }
    cases.push_back({number, line.substr(0, tab), line.substr(tab + 1)});
  }
  return cases;
}

TEST(Parser, DataDrivenCases) {
  const std::vector<Case> cases = load_cases();
  ASSERT_GE(cases.size(), 40u);
  const std::string error_prefix = "ERROR column ";
  for (const Case& c : cases) {
    SCOPED_TRACE("parser_cases.txt:" + std::to_string(c.line) + ": [" + c.query + "]");
    auto result = parse_query(c.query);
    if (c.expected.rfind(error_prefix, 0) == 0) {
      std::string rest = c.expected.substr(error_prefix.size());
      std::string text;
      if (const size_t colon = rest.find(':'); colon != std::string::npos) {
        text = rest.substr(colon + 1);
        text.erase(0, text.find_first_not_of(' '));
        rest = rest.substr(0, colon);
      }
      const auto column = static_cast<uint32_t>(std::stoul(rest));
      ASSERT_FALSE(result.has_value()) << "parsed as " << describe(**result);
      EXPECT_EQ(result.error().code, core::ErrorCode::kQuery);
      EXPECT_EQ(result.error().where.column, column) << result.error().message;
      EXPECT_NE(result.error().message.find("at column " + std::to_string(column)),
                std::string::npos)
          << result.error().message;
      if (!text.empty()) {
        EXPECT_NE(result.error().message.find(text), std::string::npos) << result.error().message;
      }
    } else {
      ASSERT_TRUE(result.has_value()) << result.error().message;
      EXPECT_EQ(describe(**result), c.expected);
    }
  }
}

TEST(Parser, SpansPointAtTheSource) {
  const std::string query = "congratulate \"phone call\" show:WNT -putin";
  auto result = parse_query(query);
  ASSERT_TRUE(result.has_value());
  const Node& root = **result;
  ASSERT_EQ(root.kind, Node::Kind::kAnd);
  ASSERT_EQ(root.children.size(), 4u);
  auto text_of = [&](const Node& n) {
    return query.substr(n.span.begin, n.span.end - n.span.begin);
  };
  EXPECT_EQ(text_of(*root.children[0]), "congratulate");
  EXPECT_EQ(text_of(*root.children[1]), "\"phone call\"");
  EXPECT_EQ(text_of(*root.children[2]), "show:WNT");
  EXPECT_EQ(text_of(*root.children[3]), "-putin");
  EXPECT_EQ(text_of(*root.children[3]->children[0]), "putin");
  EXPECT_EQ(text_of(root), query);
  EXPECT_EQ(root.children[1]->words, (std::vector<std::string>{"phone", "call"}));
}

TEST(Parser, FuzzyAndPrefixNodes) {
  auto fuzzy = parse_query("putin~1");
  ASSERT_TRUE(fuzzy.has_value());
  EXPECT_EQ((*fuzzy)->kind, Node::Kind::kFuzzy);
  EXPECT_EQ((*fuzzy)->text, "putin");
  EXPECT_EQ((*fuzzy)->max_edits, 1);
  auto prefix = parse_query("title:capit*");
  ASSERT_TRUE(prefix.has_value());
  EXPECT_EQ((*prefix)->kind, Node::Kind::kPrefix);
  EXPECT_EQ((*prefix)->field, "title");
  EXPECT_EQ((*prefix)->text, "capit");
}

TEST(Parser, LengthLimit) {
  const std::string long_query(5000, 'a');
  auto result = parse_query(long_query);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, core::ErrorCode::kLimit);
  EXPECT_TRUE(parse_query(long_query, {.max_length = 5000}).has_value());
}

TEST(Parser, DepthLimit) {
  const ParseLimits limits{.max_depth = 2};
  EXPECT_TRUE(parse_query("((a))", limits).has_value());
  auto deep = parse_query("(((a)))", limits);
  ASSERT_FALSE(deep.has_value());
  EXPECT_EQ(deep.error().code, core::ErrorCode::kLimit);
  EXPECT_EQ(deep.error().where.column, 3u);
  auto negations = parse_query("a ---b", limits);
  ASSERT_FALSE(negations.has_value());
  EXPECT_EQ(negations.error().code, core::ErrorCode::kLimit);
  // The default limits stop runaway nesting long before the stack would.
  auto runaway = parse_query(std::string(2000, '(') + "a" + std::string(2000, ')'));
  ASSERT_FALSE(runaway.has_value());
  EXPECT_EQ(runaway.error().code, core::ErrorCode::kLimit);
}

TEST(Parser, ClauseLimit) {
  const ParseLimits limits{.max_clauses = 3};
  EXPECT_TRUE(parse_query("a b c", limits).has_value());
  auto result = parse_query("a b c \"d e\"", limits);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, core::ErrorCode::kLimit);
  EXPECT_EQ(result.error().where.column, 7u);
}

TEST(Parser, ArbitraryBytesNeverCrash) {
  std::string noise;
  for (int i = 0; i < 3000; ++i) noise.push_back(static_cast<char>((i * 37 + 11) & 0xff));
  for (size_t len = 0; len < noise.size(); len += 97) {
    auto result = parse_query(std::string_view(noise).substr(len, 200));
    if (!result) {
      EXPECT_GT(result.error().where.column, 0u);
    }
  }
  const char* snippets[] = {"\"",      "“",  "(", ")", "-",  "NOT",      "OR",     "AND", "date:",
                            "show:\"", "a~", "*", ":", "..", "\xe2\x80", "title:", "x:"};
  std::string query;
  for (int i = 0; i < 500; ++i) {
    query += snippets[(i * 7) % std::size(snippets)];
    if (i % 3 == 0) query += ' ';
    (void)parse_query(query);
  }
}

}  // namespace
}  // namespace newsdex::query
