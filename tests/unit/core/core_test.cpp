#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "newsdex/core/date.hpp"
#include "newsdex/core/error.hpp"
#include "newsdex/core/file_io.hpp"
#include "newsdex/core/hash.hpp"
#include "newsdex/core/random.hpp"
#include "newsdex/core/varint.hpp"
#include "support/scratch_dir.hpp"

namespace newsdex::core {
namespace {

TEST(Date, RoundTripsAcrossCenturies) {
  for (int32_t d = days_from_ymd(1789, 1, 1); d < days_from_ymd(2100, 1, 1); d += 37) {
    auto text = format_iso_date(d);
    auto back = parse_iso_date(text);
    ASSERT_TRUE(back.has_value()) << text;
    EXPECT_EQ(*back, d);
  }
  EXPECT_EQ(format_iso_date(0), "1970-01-01");
}

// Dates are written as fmt's "{:04}-{:02}-{:02}" would write them: zero-padded years, months
// and days over the whole four-digit range, and days outside it (a corrupt column) as well.
TEST(Date, FormatsLikeZeroPaddedYearMonthDay) {
  auto reference = [](int32_t days) {
    int y = 0, m = 0, d = 0;
    ymd_from_days(days, &y, &m, &d);
    return fmt::format("{:04}-{:02}-{:02}", y, m, d);
  };
  for (int32_t d = days_from_ymd(1, 1, 1) - 800; d < days_from_ymd(9999, 12, 31) + 800; d += 13)
    ASSERT_EQ(format_iso_date(d), reference(d)) << d;
  EXPECT_EQ(format_iso_date(days_from_ymd(7, 3, 9)), "0007-03-09");
  EXPECT_EQ(format_iso_date(days_from_ymd(9999, 12, 31)), "9999-12-31");
  EXPECT_EQ(format_iso_date(days_from_ymd(9999, 12, 31) + 1), "10000-01-01");
  EXPECT_EQ(format_iso_date(kNoDate), "");
}

TEST(Date, RejectsImpossibleDates) {
  EXPECT_FALSE(parse_iso_date("2018-02-29").has_value());
  EXPECT_TRUE(parse_iso_date("2020-02-29").has_value());
  EXPECT_FALSE(parse_iso_date("2018-13-01").has_value());
  EXPECT_FALSE(parse_iso_date("2018-3-01").has_value());
  EXPECT_FALSE(parse_iso_date("").has_value());
}

TEST(Varint, RoundTripAndTruncation) {
  std::string buf;
  const uint64_t values[] = {0, 1, 127, 128, 300, 1ull << 32, UINT64_MAX};
  for (auto v : values) put_varint(buf, v);
  auto* p = reinterpret_cast<const uint8_t*>(buf.data());
  auto* end = p + buf.size();
  for (auto v : values) {
    uint64_t out = 0;
    ASSERT_TRUE(get_varint(&p, end, &out));
    EXPECT_EQ(out, v);
  }
  uint64_t out = 0;
  EXPECT_FALSE(get_varint(&p, end, &out));  // at the end
  std::string truncated = "\x80\x80";
  auto* q = reinterpret_cast<const uint8_t*>(truncated.data());
  EXPECT_FALSE(get_varint(&q, q + truncated.size(), &out));
}

TEST(Error, NamesThePlace) {
  Error e{ErrorCode::kParse, "expected a blank line", Location{"a.txt", 3, 7, 0}};
  EXPECT_EQ(e.to_string(), "a.txt:3:7: expected a blank line");
  Error q{ErrorCode::kQuery, "unclosed quote", Location{"", 0, 17, 0}};
  EXPECT_EQ(q.to_string(), "unclosed quote at column 17");
  Error named{ErrorCode::kQuery, "unclosed quote at column 17", Location{"", 0, 17, 0}};
  EXPECT_EQ(named.to_string(), "unclosed quote at column 17");  // said once
}

TEST(Hash, ChecksummerMatchesOneShot) {
  std::string a = "hello ", b = "world";
  Checksummer c;
  c.update(a);
  c.update(b);
  std::string all = a + b;
  EXPECT_EQ(c.digest(), checksum({reinterpret_cast<const uint8_t*>(all.data()), all.size()}));
  EXPECT_EQ(hex64(0xabc).size(), 16u);
}

// The benchmark corpus and the caption-noise model are reproducible from a seed only while this
// stream stays the published xoshiro256** seeded by SplitMix64: these are its first outputs for
// seed state 42 (computed with a separate Python transcription of the reference algorithm).
TEST(Random, IsXoshiro256StarStarSeededBySplitMix64) {
  Xoshiro256 random(42);
  EXPECT_EQ(random.next(), 0x15780b2e0c2ec716ULL);
  EXPECT_EQ(random.next(), 0x6104d9866d113a7eULL);
  EXPECT_EQ(random.next(), 0xae17533239e499a1ULL);
}

TEST(Random, BelowStaysInRangeAndUnitInTheUnitInterval) {
  Xoshiro256 random(7);
  for (int i = 0; i < 10000; ++i) {
    EXPECT_LT(random.below(13), 13u);
    const double u = random.unit();
    EXPECT_GE(u, 0.0);
    EXPECT_LT(u, 1.0);
  }
}

TEST(FileIo, AtomicWriteReplacesWholeFile) {
  auto dir = newsdex::testing::scratch_dir("core_test");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto path = dir / "f";
  ASSERT_TRUE(atomic_write(path, "first"));
  ASSERT_TRUE(atomic_write(path, "second version"));
  auto text = read_file(path);
  ASSERT_TRUE(text);
  EXPECT_EQ(*text, "second version");
  EXPECT_FALSE(std::filesystem::exists(dir / "f.tmp"));
  auto mapped = MappedFile::open(path);
  ASSERT_TRUE(mapped);
  EXPECT_EQ(mapped->view(), "second version");
  EXPECT_FALSE(write_new_file(path, "x"));  // segment files are never overwritten
  auto missing = read_file(dir / "nope");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kIo);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace newsdex::core
