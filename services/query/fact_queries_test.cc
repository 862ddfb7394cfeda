#include "services/query/fact_queries.h"

#include "gtest/gtest.h"
#include "services/query/test_reports.h"

namespace govreport::query {
namespace {

using testing::MakeFact;

v1::Fact Target(v1::Measure measure, double value, const char* unit, v1::Qualifier q) {
  return MakeFact("gdp", measure, "2021", v1::KIND_TARGET, value, unit, q);
}

TEST(JudgeAttainmentTest, AboutGrowthAllowsHalfAPoint) {
  const v1::Fact t = Target(v1::MEASURE_GROWTH, 6, "%", v1::QUALIFIER_ABOUT);
  EXPECT_EQ(JudgeAttainment(t, 5.6).outcome, v1::OUTCOME_MET);
  EXPECT_EQ(JudgeAttainment(t, 6.5).outcome, v1::OUTCOME_MET);
  EXPECT_EQ(JudgeAttainment(t, 5.4).outcome, v1::OUTCOME_MISSED);
  EXPECT_DOUBLE_EQ(JudgeAttainment(t, 5.4).gap, -0.6);
}

TEST(JudgeAttainmentTest, AboutValueAllowsTwoPerCent) {
  const v1::Fact t = Target(v1::MEASURE_VALUE, 1000, "元", v1::QUALIFIER_ABOUT);
  EXPECT_EQ(JudgeAttainment(t, 981).outcome, v1::OUTCOME_MET);
  EXPECT_EQ(JudgeAttainment(t, 979).outcome, v1::OUTCOME_MISSED);
}

TEST(JudgeAttainmentTest, DirectionalQualifiers) {
  EXPECT_EQ(JudgeAttainment(Target(v1::MEASURE_GROWTH, 6, "%", v1::QUALIFIER_AT_LEAST), 6).outcome,
            v1::OUTCOME_MET);
  EXPECT_EQ(JudgeAttainment(Target(v1::MEASURE_GROWTH, 6, "%", v1::QUALIFIER_AT_LEAST), 5.9).outcome,
            v1::OUTCOME_MISSED);
  const v1::Fact cap = Target(v1::MEASURE_GROWTH, 3, "%", v1::QUALIFIER_AT_MOST);
  EXPECT_EQ(JudgeAttainment(cap, 2.5).outcome, v1::OUTCOME_MET);
  EXPECT_DOUBLE_EQ(JudgeAttainment(cap, 2.5).gap, 0.5);  // under a cap is better
  EXPECT_EQ(JudgeAttainment(cap, 3.1).outcome, v1::OUTCOME_MISSED);
  v1::Fact range = Target(v1::MEASURE_GROWTH, 6, "%", v1::QUALIFIER_RANGE);
  range.set_value_high(6.5);
  EXPECT_EQ(JudgeAttainment(range, 6.1).outcome, v1::OUTCOME_MET);
  EXPECT_EQ(JudgeAttainment(range, 5.9).outcome, v1::OUTCOME_MISSED);
  EXPECT_EQ(JudgeAttainment(Target(v1::MEASURE_GROWTH, 6, "%", v1::QUALIFIER_EXACT), 6).outcome,
            v1::OUTCOME_MET);
}

}  // namespace
}  // namespace govreport::query
