#include "common/extract/numbers.h"

#include <string>

#include "gtest/gtest.h"

namespace govreport::extract {
namespace {

Quantity Parse(std::u32string_view text, size_t pos = 0) {
  Quantity q;
  EXPECT_TRUE(ParseQuantity(text, pos, &q)) << "no number in text";
  return q;
}

TEST(ParseQuantity, ArabicWithMagnitudeAndUnit) {
  Quantity q = Parse(U"1002.18亿元,增长");
  EXPECT_DOUBLE_EQ(q.value, 100218000000.0);
  EXPECT_EQ(q.unit, U"元");
  EXPECT_EQ(q.end, 9u);
}

TEST(ParseQuantity, ApproximateFiguresReadAsStated) {
  EXPECT_DOUBLE_EQ(Parse(U"130多亿元").value, 13000000000.0);
  EXPECT_EQ(Parse(U"130多亿元").unit, U"元");
  EXPECT_DOUBLE_EQ(Parse(U"1万余人").value, 10000.0);
  EXPECT_EQ(Parse(U"1万余人").unit, U"人");
  EXPECT_DOUBLE_EQ(Parse(U"300多家").value, 300.0);
  // 多 not before a unit is prose: the number stands alone.
  EXPECT_TRUE(Parse(U"3多方").unit.empty());
}

TEST(ParseQuantity, SeparatorsAndStrayCharacters) {
  EXPECT_DOUBLE_EQ(Parse(U"1,234.5万元").value, 12345000.0);
  EXPECT_DOUBLE_EQ(Parse(U"65\u200b.86亿元").value, 6586000000.0);
  EXPECT_DOUBLE_EQ(Parse(U"1 002亿元").value, 100200000000.0);
}

TEST(ParseQuantity, PercentPointsAndPeople) {
  Quantity pct = Parse(U"4.1%");
  EXPECT_TRUE(pct.percent);
  EXPECT_DOUBLE_EQ(pct.value, 4.1);
  Quantity pts = Parse(U"0.5个百分点");
  EXPECT_TRUE(pts.points);
  EXPECT_FALSE(pts.percent);
  Quantity people = Parse(U"1.8万人");
  EXPECT_DOUBLE_EQ(people.value, 18000.0);
  EXPECT_EQ(people.unit, U"人");
  EXPECT_DOUBLE_EQ(Parse(U"3.5万亿元").value, 3.5e12);
  EXPECT_EQ(Parse(U"46.66亿美元").unit, U"美元");
}

TEST(ParseQuantity, ChineseNumerals) {
  EXPECT_DOUBLE_EQ(Parse(U"一千二百万元").value, 12000000.0);
  EXPECT_DOUBLE_EQ(Parse(U"两亿元").value, 2e8);
  Quantity q = Parse(U"百分之五");
  EXPECT_TRUE(q.percent);
  EXPECT_DOUBLE_EQ(q.value, 5.0);
  EXPECT_DOUBLE_EQ(Parse(U"三点五个百分点").value, 3.5);
  EXPECT_DOUBLE_EQ(Parse(U"三成").value, 30.0);
}

TEST(ParseQuantity, ChineseNumeralsInProseAreNotNumbers) {
  Quantity q;
  EXPECT_FALSE(ParseQuantity(U"一是加快", 0, &q));
  EXPECT_FALSE(ParseQuantity(U"三大攻坚", 0, &q));
  EXPECT_FALSE(ParseQuantity(U"十三五时期", 0, &q));
  EXPECT_FALSE(ParseQuantity(U"千方百计", 0, &q));
}

TEST(ParseQuantity, Ranges) {
  Quantity a = Parse(U"6-7%");
  EXPECT_TRUE(a.is_range);
  EXPECT_DOUBLE_EQ(a.value, 6.0);
  EXPECT_DOUBLE_EQ(a.value_high, 7.0);
  EXPECT_TRUE(a.percent);
  Quantity b = Parse(U"6%-6.5%");
  EXPECT_TRUE(b.is_range);
  EXPECT_DOUBLE_EQ(b.value_high, 6.5);
  Quantity c = Parse(U"100-120亿元");
  EXPECT_DOUBLE_EQ(c.value, 1e10);
  EXPECT_DOUBLE_EQ(c.value_high, 1.2e10);
}

TEST(ParseQuantity, YearIsAYear) {
  Quantity q = Parse(U"2020年");
  EXPECT_EQ(q.unit, U"年");
  EXPECT_FALSE(Parse(U"2016-2020年").is_range);
}

TEST(ParseBareNumber, RankNumbers) {
  double v;
  size_t end;
  ASSERT_TRUE(ParseBareNumber(U"三位", 0, &v, &end));
  EXPECT_DOUBLE_EQ(v, 3.0);
  EXPECT_EQ(end, 1u);
  ASSERT_TRUE(ParseBareNumber(U"12位", 0, &v, &end));
  EXPECT_DOUBLE_EQ(v, 12.0);
}

}  // namespace
}  // namespace govreport::extract
