#include "common/extract/indicator_matcher.h"

#include <vector>

#include "gtest/gtest.h"

namespace govreport::extract {
namespace {

TEST(IndicatorMatcher, LeftmostLongestWithoutOverlap) {
  IndicatorMatcher m;
  m.Add(U"生产总值", 1);
  m.Add(U"地区生产总值", 1);
  m.Add(U"社会生产总值", 2);
  m.Add(U"人均地区生产总值", 3);
  std::vector<IndicatorMatcher::Match> out;
  m.FindAll(U"社会生产总值和地区生产总值,人均地区生产总值", &out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].id, 2);
  EXPECT_EQ(out[0].begin, 0u);
  EXPECT_EQ(out[0].end, 6u);
  EXPECT_EQ(out[1].id, 1);
  EXPECT_EQ(out[1].begin, 7u);
  EXPECT_EQ(out[2].id, 3);
  EXPECT_EQ(out[2].end, 22u);
}

TEST(IndicatorMatcher, FirstIdWinsAndPrefixesNeedAWholeName) {
  IndicatorMatcher m;
  m.Add(U"GDP", 1);
  m.Add(U"GDP", 7);
  m.Add(U"进出口总额", 4);
  int id = -1;
  EXPECT_EQ(m.LongestAt(U"GDP增长", 0, &id), 3u);
  EXPECT_EQ(id, 1);
  EXPECT_EQ(m.LongestAt(U"进出口增长", 0, &id), 0u);
  std::vector<IndicatorMatcher::Match> out;
  m.FindAll(U"", &out);
  EXPECT_TRUE(out.empty());
}

}  // namespace
}  // namespace govreport::extract
