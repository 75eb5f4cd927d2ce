// The data-driven search cases of tests/data/search/cases.txt (its header describes the format):
// each a query, its request options and the expected titles in rank groups. Read by
// search_test.cpp (against the fixture collection) and golden_index_test.cpp.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "newsdex/query/exec/searcher.hpp"

namespace newsdex::query::testing {

struct Case {
  size_t line = 0;
  std::string query;
  std::vector<std::set<std::string>> groups;  // ranked groups; order within a group is free
  SearchRequest request;
};

inline std::string trim(std::string s) {
  const auto b = s.find_first_not_of(' ');
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(' ') - b + 1);
}

inline std::vector<std::string> split(const std::string& s, const std::string& sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t p; (p = s.find(sep, start)) != std::string::npos; start = p + sep.size())
    out.push_back(s.substr(start, p - start));
  out.push_back(s.substr(start));
  return out;
}

// The format is described at the top of cases.txt.
inline std::vector<Case> load_cases() {
  const std::string path = std::string(NEWSDEX_SOURCE_DIR) + "/tests/data/search/cases.txt";
  std::ifstream in(path);
  EXPECT_TRUE(in) << path;
  std::vector<Case> cases;
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (trim(line).empty() || line[0] == '#') continue;
    const auto fields = split(line, "\t");
    if (fields.size() < 2 || fields.size() > 3) {
      ADD_FAILURE() << "cases.txt:" << number << ": expected 2 or 3 tab-separated fields";
      continue;
    }
    Case c;
    c.line = number;
    c.query = fields[0];
    c.request.query = fields[0];
    c.request.limit = 1000;
    if (trim(fields[1]) != "-") {
      for (const auto& group : split(fields[1], " > ")) {
        std::set<std::string> titles_in_group;
        for (const auto& t : split(group, " | ")) titles_in_group.insert(trim(t));
        c.groups.push_back(std::move(titles_in_group));
      }
    }
    if (fields.size() == 3) {
      std::istringstream options(fields[2]);
      for (std::string option; options >> option;) {
        const auto eq = option.find('=');
        const std::string key = option.substr(0, eq);
        const std::string value = eq == std::string::npos ? "" : option.substr(eq + 1);
        if (key == "from")
          c.request.from = value;
        else if (key == "to")
          c.request.to = value;
        else if (key == "sort" && value == "date")
          c.request.sort = SortOrder::kDateDesc;
        else if (key == "sort" && value == "date-asc")
          c.request.sort = SortOrder::kDateAsc;
        else
          ADD_FAILURE() << "cases.txt:" << number << ": unknown option " << option;
      }
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

}  // namespace newsdex::query::testing
