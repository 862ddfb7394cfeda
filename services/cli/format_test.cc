#include "services/cli/format.h"

#include "gtest/gtest.h"

namespace govreport::cli {
namespace {

using govreport::v1::Kind;
using govreport::v1::Kind_descriptor;
using govreport::v1::Qualifier;
using govreport::v1::RegionLevel_descriptor;

TEST(FormatValueTest, UsesChineseMagnitudesForMoney) {
  EXPECT_EQ(FormatValue(100218000000, "元"), "1002.18亿元");
  EXPECT_EQ(FormatValue(65000, "元"), "6.5万元");
  EXPECT_EQ(FormatValue(4.1, "%"), "4.1%");
  EXPECT_EQ(FormatValue(-2.5, "%"), "-2.5%");
  EXPECT_EQ(FormatValue(12, "个"), "12个");
  EXPECT_EQ(FormatValue(0, "%"), "0%");
}

TEST(FormatTargetTest, ShowsQualifier) {
  const double high = 6.5;
  EXPECT_EQ(FormatTarget(6, high, "%", Qualifier::QUALIFIER_RANGE), "6-6.5%");
  EXPECT_EQ(FormatTarget(6, std::nullopt, "%", Qualifier::QUALIFIER_ABOUT), "6%左右");
  EXPECT_EQ(FormatTarget(6, std::nullopt, "%", Qualifier::QUALIFIER_AT_LEAST), "≥6%");
  EXPECT_EQ(FormatTarget(3, std::nullopt, "%", Qualifier::QUALIFIER_AT_MOST), "≤3%");
  EXPECT_EQ(FormatTarget(3, std::nullopt, "%", Qualifier::QUALIFIER_EXACT), "3%");
}

TEST(EnumTest, ShortNamesDropThePrefix) {
  EXPECT_EQ(ShortEnumName(Kind_descriptor(), Kind::KIND_ACTUAL), "actual");
  EXPECT_EQ(ShortEnumName(RegionLevel_descriptor(), 3), "prefecture");
  EXPECT_EQ(ShortEnumName(Kind_descriptor(), 0), "");
}

TEST(EnumTest, ParsesShortFullAndNumericForms) {
  EXPECT_EQ(*ParseEnum(Kind_descriptor(), "target"), Kind::KIND_TARGET);
  EXPECT_EQ(*ParseEnum(Kind_descriptor(), "KIND_TARGET"), Kind::KIND_TARGET);
  EXPECT_EQ(*ParseEnum(Kind_descriptor(), "Plan_Goal"), Kind::KIND_PLAN_GOAL);
  EXPECT_EQ(*ParseEnum(Kind_descriptor(), "2"), Kind::KIND_TARGET);
}

TEST(EnumTest, RejectsUnknownWordListingChoices) {
  auto parsed = ParseEnum(Kind_descriptor(), "guess");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.status().message().find("actual, target, plan_goal"), std::string::npos)
      << parsed.status();
}

TEST(MarkHighlightsTest, WrapsCodePointRanges) {
  govreport::v1::Snippet snippet;
  snippet.set_text("全年地区生产总值增长");
  auto* h = snippet.add_highlights();
  h->set_begin(2);
  h->set_end(8);
  EXPECT_EQ(MarkHighlights(snippet, "«", "»"), "全年«地区生产总值»增长");
  h->set_end(99);  // clamped
  EXPECT_EQ(MarkHighlights(snippet, "[", "]"), "全年[地区生产总值增长]");
}

TEST(ToJsonLineTest, OneLineCamelCase) {
  govreport::v1::Fact fact;
  fact.set_indicator("gdp");
  fact.set_kind(Kind::KIND_ACTUAL);
  fact.set_value(100218000000);
  fact.mutable_evidence()->set_text("1002.18亿元");
  const std::string json = ToJsonLine(fact);
  EXPECT_EQ(json.find('\n'), std::string::npos);
  EXPECT_NE(json.find("\"kind\":\"KIND_ACTUAL\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"value\":100218000000"), std::string::npos) << json;
  EXPECT_NE(json.find("1002.18亿元"), std::string::npos) << json;
}

}  // namespace
}  // namespace govreport::cli
