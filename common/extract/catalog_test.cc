#include "common/extract/catalog.h"

#include <set>
#include <string>

#include "gtest/gtest.h"

namespace govreport::extract {
namespace {

TEST(IndicatorCatalog, ParsesNamesAliasesAndFlags) {
  auto c = IndicatorCatalog::Parse(
      "# comment\n"
      "gdp\t地区生产总值|生产总值|GDP\tmoney\teconomy\t1\n"
      "\n"
      "forest\t森林覆盖率\tpercent\tenvironment\t0\n");
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_EQ((*c)->all().size(), 2u);
  const IndicatorDef* gdp = (*c)->Find("gdp");
  ASSERT_NE(gdp, nullptr);
  EXPECT_EQ(gdp->name, "地区生产总值");
  EXPECT_EQ(gdp->aliases, (std::vector<std::string>{"生产总值", "GDP"}));
  EXPECT_TRUE(gdp->core);
  EXPECT_FALSE((*c)->Find("forest")->core);
  EXPECT_EQ((*c)->Find("nothing"), nullptr);
}

TEST(IndicatorCatalog, ErrorsNameTheLine) {
  auto bad = IndicatorCatalog::Parse("gdp\t地区生产总值\tmoney\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(std::string(bad.status().message()).find("line 1"), std::string::npos);
  auto dup = IndicatorCatalog::Parse("a\tx\tmoney\te\t1\na\ty\tmoney\te\t0\n");
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(std::string(dup.status().message()).find("line 2"), std::string::npos);
  EXPECT_FALSE(IndicatorCatalog::Parse("a\tx\tmoney\te\tyes\n").ok());
  EXPECT_FALSE(IndicatorCatalog::Parse("").ok());
}

TEST(IndicatorCatalog, DefaultHoldsTheCoreIndicatorsOfTheGuide) {
  const std::set<std::string> core = {
      "gdp", "gdp_per_capita", "industrial_value_added", "industrial_output",
      "fixed_asset_investment", "retail_sales", "foreign_trade", "exports",
      "utilized_foreign_capital", "budget_revenue", "budget_expenditure", "tax_revenue",
      "resident_income", "urban_income", "rural_income", "cpi", "new_urban_jobs",
      "unemployment_registered", "unemployment_surveyed", "grain_output", "energy_intensity",
      "deposits", "loans", "rd_intensity"};
  const IndicatorCatalog& c = IndicatorCatalog::Default();
  std::set<std::string> found;
  for (const auto& def : c.all())
    if (def.core) found.insert(def.id);
  EXPECT_EQ(found, core);
  // Negative cases live in the data as their own indicators.
  EXPECT_NE(c.Find("gross_social_output"), nullptr);
  EXPECT_NE(c.Find("fiscal_revenue_total"), nullptr);
  EXPECT_NE(c.Find("industrial_investment"), nullptr);
}

}  // namespace
}  // namespace govreport::extract
