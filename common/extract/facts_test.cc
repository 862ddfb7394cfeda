#include "common/extract/facts.h"

#include <string>
#include <vector>

#include "common/text/folded_text.h"
#include "gtest/gtest.h"

namespace govreport::extract {
namespace {

namespace v1 = ::govreport::v1;

// A report with a review part (2020) and a plan part (2021) around the given sentences.
std::string Report(const std::string& review, const std::string& plan = "") {
  return "某某区人民政府工作报告\n2021年1月10日在某某区第一届人民代表大会第一次会议上\n"
         "各位代表:现在,我代表区人民政府向大会报告工作,请予审议,并请各位政协委员和其他列席人员"
         "提出意见。\n一、2020年工作回顾\n2020年是极不平凡的一年。\n" +
         review + "\n二、2021年工作安排\n" + plan + "\n";
}

class FactsTest : public ::testing::Test {
 protected:
  std::vector<v1::Fact> Run(const std::string& text) {
    text_ = std::make_unique<text::FoldedText>(text);
    FactContext ctx;
    ctx.report_year = 2021;
    ctx.review_year = 2020;
    ctx.region_name = U"某某区";
    return grammar_.Extract(*text_, ctx);
  }
  static const v1::Fact* Find(const std::vector<v1::Fact>& facts, const std::string& indicator,
                              v1::Measure measure, v1::Kind kind = v1::KIND_UNSPECIFIED) {
    for (const auto& f : facts) {
      if (f.indicator() == indicator && f.measure() == measure &&
          (kind == v1::KIND_UNSPECIFIED || f.kind() == kind))
        return &f;
    }
    return nullptr;
  }
  static int Count(const std::vector<v1::Fact>& facts, const std::string& indicator) {
    int n = 0;
    for (const auto& f : facts) n += f.indicator() == indicator;
    return n;
  }

  FactGrammar grammar_{IndicatorCatalog::Default()};
  std::unique_ptr<text::FoldedText> text_;
};

TEST_F(FactsTest, SubjectCarriesAcrossClauses) {
  auto facts = Run(Report("全年实现地区生产总值1002.18亿元,增长4.1%,增速排全省第3位;"
                          "一般公共预算收入65.86亿元,下降5.6%。"));
  const auto* value = Find(facts, "gdp", v1::MEASURE_VALUE);
  ASSERT_NE(value, nullptr);
  EXPECT_DOUBLE_EQ(value->value(), 100218000000.0);
  EXPECT_EQ(value->unit(), "元");
  EXPECT_EQ(value->period(), "2020");
  EXPECT_EQ(value->kind(), v1::KIND_ACTUAL);
  EXPECT_EQ(value->qualifier(), v1::QUALIFIER_UNSPECIFIED);
  const auto* growth = Find(facts, "gdp", v1::MEASURE_GROWTH);
  ASSERT_NE(growth, nullptr);
  EXPECT_DOUBLE_EQ(growth->value(), 4.1);
  EXPECT_EQ(growth->unit(), "%");
  const auto* rank = Find(facts, "gdp", v1::MEASURE_RANK);
  ASSERT_NE(rank, nullptr);
  EXPECT_DOUBLE_EQ(rank->value(), 3.0);
  EXPECT_EQ(rank->scope(), "全省");
  const auto* revenue = Find(facts, "budget_revenue", v1::MEASURE_GROWTH);
  ASSERT_NE(revenue, nullptr);
  EXPECT_DOUBLE_EQ(revenue->value(), -5.6);
}

TEST_F(FactsTest, RanksWithChineseNumeralsAndScopes) {
  auto facts = Run(Report("规模以上工业增加值增长9%,增速居全市第一。"));
  const auto* rank = Find(facts, "industrial_value_added", v1::MEASURE_RANK);
  ASSERT_NE(rank, nullptr);
  EXPECT_DOUBLE_EQ(rank->value(), 1.0);
  EXPECT_EQ(rank->scope(), "全市");
  // 第一产业 is an industry, not a rank.
  auto other = Run(Report("地区生产总值增长3%,第一产业增加值增长2%。"));
  EXPECT_EQ(Find(other, "gdp", v1::MEASURE_RANK), nullptr);
}

TEST_F(FactsTest, RespectivelyListsExpandInOrder) {
  auto facts = Run(Report("金融机构本外币各项存款余额、贷款余额分别增长4.2%、19.4%。"
                          "城镇居民人均可支配收入35340元,农村居民人均可支配收入23049元,"
                          "分别增长3.4%和10.2%。"));
  ASSERT_NE(Find(facts, "deposits", v1::MEASURE_GROWTH), nullptr);
  EXPECT_DOUBLE_EQ(Find(facts, "deposits", v1::MEASURE_GROWTH)->value(), 4.2);
  ASSERT_NE(Find(facts, "loans", v1::MEASURE_GROWTH), nullptr);
  EXPECT_DOUBLE_EQ(Find(facts, "loans", v1::MEASURE_GROWTH)->value(), 19.4);
  EXPECT_DOUBLE_EQ(Find(facts, "urban_income", v1::MEASURE_GROWTH)->value(), 3.4);
  EXPECT_DOUBLE_EQ(Find(facts, "rural_income", v1::MEASURE_GROWTH)->value(), 10.2);
  EXPECT_DOUBLE_EQ(Find(facts, "rural_income", v1::MEASURE_VALUE)->value(), 23049.0);
}

TEST_F(FactsTest, RespectivelyWithTooFewSubjectsGivesNothing) {
  auto facts = Run(Report("固定资产投资增长5.5%,其中工业投资和新兴产业投资分别增长20.5%、20.3%。"));
  EXPECT_EQ(Count(facts, "fixed_asset_investment"), 1);
  EXPECT_EQ(Find(facts, "industrial_investment", v1::MEASURE_GROWTH), nullptr);
}

TEST_F(FactsTest, ListedWordsShareTheTailOfTheName) {
  auto facts = Run(Report("城镇、农村居民人均可支配收入分别为35340元、23049元。"
                          "金融机构存款、贷款余额分别增长4.2%和19.4%。"));
  EXPECT_DOUBLE_EQ(Find(facts, "urban_income", v1::MEASURE_VALUE)->value(), 35340.0);
  EXPECT_DOUBLE_EQ(Find(facts, "rural_income", v1::MEASURE_VALUE)->value(), 23049.0);
  EXPECT_DOUBLE_EQ(Find(facts, "deposits", v1::MEASURE_GROWTH)->value(), 4.2);
  EXPECT_DOUBLE_EQ(Find(facts, "loans", v1::MEASURE_GROWTH)->value(), 19.4);
}

TEST_F(FactsTest, RespectivelyDoesNotBorrowEarlierSubjects) {
  // Only one catalog name stands before 分别 here: no list can be formed.
  auto facts = Run(Report("地区生产总值120亿元,城乡居民收入和农村居民人均可支配收入分别增长8%、9%。"));
  EXPECT_EQ(Find(facts, "gdp", v1::MEASURE_GROWTH), nullptr);
  EXPECT_EQ(Find(facts, "rural_income", v1::MEASURE_GROWTH), nullptr);
}

TEST_F(FactsTest, BracketedAliasAndYearToDateGrowth) {
  auto facts = Run(Report("全区实现地区生产总值(GDP)235.6亿元。"
                          "金融机构本外币存款余额320亿元、贷款余额210亿元,分别比年初增长11.2%、13.5%。"));
  const auto* gdp = Find(facts, "gdp", v1::MEASURE_VALUE);
  ASSERT_NE(gdp, nullptr);
  EXPECT_EQ(gdp->evidence().text(), "地区生产总值(GDP)235.6亿元");
  ASSERT_NE(Find(facts, "loans", v1::MEASURE_GROWTH), nullptr);
  EXPECT_DOUBLE_EQ(Find(facts, "loans", v1::MEASURE_GROWTH)->value(), 13.5);
}

TEST_F(FactsTest, EachAppliesToEverySubject) {
  auto facts = Run(Report("实现辖区税收1709亿元、一般公共预算收入316.6亿元,均增长2.6%。"));
  ASSERT_NE(Find(facts, "tax_revenue", v1::MEASURE_GROWTH), nullptr);
  ASSERT_NE(Find(facts, "budget_revenue", v1::MEASURE_GROWTH), nullptr);
  EXPECT_DOUBLE_EQ(Find(facts, "budget_revenue", v1::MEASURE_GROWTH)->value(), 2.6);
  EXPECT_DOUBLE_EQ(Find(facts, "tax_revenue", v1::MEASURE_VALUE)->value(), 170900000000.0);
}

TEST_F(FactsTest, SubTotalsAreNotTheParent) {
  auto facts = Run(Report("固定资产投资增长5.5%,其中民间投资增长20.5%,基础设施投资下降3%。"));
  EXPECT_EQ(Count(facts, "fixed_asset_investment"), 1);
  EXPECT_DOUBLE_EQ(Find(facts, "fixed_asset_investment", v1::MEASURE_GROWTH)->value(), 5.5);
}

TEST_F(FactsTest, LookalikeNamesAreOtherIndicators) {
  auto facts = Run(Report("社会生产总值120亿元,增长3%。工业投资增长20%。财政总收入30亿元,增长5%。"
                          "全社会用电量增长4%。"));
  EXPECT_EQ(Count(facts, "gdp"), 0);
  EXPECT_EQ(Count(facts, "fixed_asset_investment"), 0);
  EXPECT_EQ(Count(facts, "budget_revenue"), 0);
  ASSERT_NE(Find(facts, "gross_social_output", v1::MEASURE_VALUE), nullptr);
  ASSERT_NE(Find(facts, "fiscal_revenue_total", v1::MEASURE_VALUE), nullptr);
}

TEST_F(FactsTest, PercentagePointsAreNeverGrowth) {
  auto facts = Run(Report("地区生产总值增速提高1.2个百分点。城镇登记失业率下降0.3个百分点。"));
  EXPECT_EQ(Find(facts, "gdp", v1::MEASURE_GROWTH), nullptr);
  const auto* points = Find(facts, "gdp", v1::MEASURE_POINT_CHANGE);
  ASSERT_NE(points, nullptr);
  EXPECT_DOUBLE_EQ(points->value(), 1.2);
  const auto* down = Find(facts, "unemployment_registered", v1::MEASURE_POINT_CHANGE);
  ASSERT_NE(down, nullptr);
  EXPECT_DOUBLE_EQ(down->value(), -0.3);
  EXPECT_EQ(Find(facts, "unemployment_registered", v1::MEASURE_VALUE), nullptr);
}

TEST_F(FactsTest, FiguresOfOthersAreLeftOut) {
  auto facts = Run(Report("汽车产业完成规上工业总产值1868亿元。全市园区规上工业增加值增长8%、税收增长8%。"
                          "贫困户人均可支配收入12000元。龙头企业进出口总额12亿元。"
                          "全市地区生产总值增长5%。市场采购贸易方式试点出口217.44亿美元。"));
  EXPECT_EQ(Count(facts, "industrial_output"), 0);
  EXPECT_EQ(Count(facts, "industrial_value_added"), 0);
  EXPECT_EQ(Count(facts, "tax_revenue"), 0);
  EXPECT_EQ(Count(facts, "resident_income"), 0);
  EXPECT_EQ(Count(facts, "foreign_trade"), 0);
  EXPECT_EQ(Count(facts, "gdp"), 0);  // 全市 in a district's report is the city
  EXPECT_EQ(Count(facts, "exports"), 0);
}

TEST_F(FactsTest, TargetQualifiers) {
  auto facts = Run(Report("地区生产总值增长4%。",
                          "2021年主要预期目标是:地区生产总值增长7%左右;规模以上工业增加值增长8%以上;"
                          "固定资产投资增长不低于10%;社会消费品零售总额增长6-7%;"
                          "一般公共预算收入增长6%－6.5%;外贸进出口增长3%;"
                          "居民消费价格涨幅控制在3%以内;城镇登记失业率不超过4.5%;"
                          "城镇新增就业1.8万人;单位地区生产总值能耗下降3.2%;"
                          "税收收入5%左右。"));
  auto target = [&](const std::string& id, v1::Measure m) {
    const auto* f = Find(facts, id, m, v1::KIND_TARGET);
    EXPECT_NE(f, nullptr) << id;
    if (f) EXPECT_EQ(f->period(), "2021") << id;
    return f ? *f : v1::Fact();
  };
  EXPECT_EQ(target("gdp", v1::MEASURE_GROWTH).qualifier(), v1::QUALIFIER_ABOUT);
  EXPECT_EQ(target("industrial_value_added", v1::MEASURE_GROWTH).qualifier(),
            v1::QUALIFIER_AT_LEAST);
  EXPECT_EQ(target("fixed_asset_investment", v1::MEASURE_GROWTH).qualifier(),
            v1::QUALIFIER_AT_LEAST);
  v1::Fact range = target("retail_sales", v1::MEASURE_GROWTH);
  EXPECT_EQ(range.qualifier(), v1::QUALIFIER_RANGE);
  EXPECT_DOUBLE_EQ(range.value(), 6.0);
  EXPECT_DOUBLE_EQ(range.value_high(), 7.0);
  v1::Fact range2 = target("budget_revenue", v1::MEASURE_GROWTH);
  EXPECT_EQ(range2.qualifier(), v1::QUALIFIER_RANGE);
  EXPECT_DOUBLE_EQ(range2.value_high(), 6.5);
  EXPECT_EQ(target("foreign_trade", v1::MEASURE_GROWTH).qualifier(), v1::QUALIFIER_EXACT);
  v1::Fact cpi = target("cpi", v1::MEASURE_GROWTH);
  EXPECT_EQ(cpi.qualifier(), v1::QUALIFIER_AT_MOST);
  EXPECT_DOUBLE_EQ(cpi.value(), 3.0);
  EXPECT_EQ(target("unemployment_registered", v1::MEASURE_VALUE).qualifier(),
            v1::QUALIFIER_AT_MOST);
  v1::Fact jobs = target("new_urban_jobs", v1::MEASURE_VALUE);
  EXPECT_DOUBLE_EQ(jobs.value(), 18000.0);
  EXPECT_EQ(jobs.unit(), "人");
  EXPECT_DOUBLE_EQ(target("energy_intensity", v1::MEASURE_GROWTH).value(), -3.2);
  EXPECT_DOUBLE_EQ(target("tax_revenue", v1::MEASURE_GROWTH).value(), 5.0);
  // The review's growth stays an actual of 2020.
  const auto* actual = Find(facts, "gdp", v1::MEASURE_GROWTH, v1::KIND_ACTUAL);
  ASSERT_NE(actual, nullptr);
  EXPECT_EQ(actual->period(), "2020");
}

TEST_F(FactsTest, FiveYearFiguresAreSpansOrGoals) {
  auto facts = Run(Report("五年来,经济实力显著增强。地区生产总值年均增长6%,城镇新增就业48896人。"
                          "2020年,全区固定资产投资147亿元,“十三五”期间年均增长7.59%。",
                          "到2025年,地区生产总值突破500亿元。"));
  for (const auto& f : facts) {
    if (f.indicator() == "fixed_asset_investment" && f.measure() == v1::MEASURE_VALUE) {
      EXPECT_EQ(f.period(), "2020");
    } else {
      EXPECT_NE(f.period(), "2020") << f.ShortDebugString();
      EXPECT_NE(f.period(), "2021") << f.ShortDebugString();
    }
  }
  const auto* goal = Find(facts, "gdp", v1::MEASURE_VALUE, v1::KIND_PLAN_GOAL);
  ASSERT_NE(goal, nullptr);
  EXPECT_EQ(goal->period(), "2021-2025");
  const auto* avg = Find(facts, "gdp", v1::MEASURE_GROWTH);
  ASSERT_NE(avg, nullptr);
  EXPECT_EQ(avg->period(), "2016-2020");
}

TEST_F(FactsTest, TwoYearAveragesAreSpans) {
  auto facts = Run(Report("地区生产总值增长8.1%,两年平均增长5.1%;固定资产投资比2019年增长9%。"));
  EXPECT_EQ(Count(facts, "gdp"), 2);
  for (const auto& f : facts) {
    if (f.indicator() == "gdp" && f.value() == 5.1) EXPECT_EQ(f.period(), "2019-2020");
    if (f.indicator() == "gdp" && f.value() == 8.1) EXPECT_EQ(f.period(), "2020");
    if (f.indicator() == "fixed_asset_investment") EXPECT_NE(f.period(), "2020");
  }
}

TEST_F(FactsTest, LastYearsTargetRestatedInTheReviewIsNoActual) {
  auto facts = Run(Report("全面完成年初确定的地区生产总值增长6%的目标,地区生产总值实际增长6.3%。"));
  EXPECT_EQ(Count(facts, "gdp"), 1);
  EXPECT_DOUBLE_EQ(Find(facts, "gdp", v1::MEASURE_GROWTH)->value(), 6.3);
}

TEST_F(FactsTest, QuartersAndPartialYears) {
  auto facts = Run(Report("一季度地区生产总值下降6.4%。上半年固定资产投资增长2.5%。"));
  const auto* q1 = Find(facts, "gdp", v1::MEASURE_GROWTH);
  ASSERT_NE(q1, nullptr);
  EXPECT_EQ(q1->period(), "2020Q1");
  EXPECT_DOUBLE_EQ(q1->value(), -6.4);
  EXPECT_EQ(Count(facts, "fixed_asset_investment"), 0);
}

TEST_F(FactsTest, NumbersInAnyScriptAndForm) {
  auto facts = Run(Report("地區生產總值1,520億元,增長百分之六點五。"
                          "社会消费品零售总额１２３４．５亿元。城镇新增就业一万二千人。"));
  const auto* gdp = Find(facts, "gdp", v1::MEASURE_VALUE);
  ASSERT_NE(gdp, nullptr);
  EXPECT_DOUBLE_EQ(gdp->value(), 152000000000.0);
  EXPECT_EQ(gdp->evidence().text(), "地區生產總值1,520億元");
  EXPECT_DOUBLE_EQ(Find(facts, "gdp", v1::MEASURE_GROWTH)->value(), 6.5);
  EXPECT_DOUBLE_EQ(Find(facts, "retail_sales", v1::MEASURE_VALUE)->value(), 123450000000.0);
  EXPECT_DOUBLE_EQ(Find(facts, "new_urban_jobs", v1::MEASURE_VALUE)->value(), 12000.0);
}

TEST_F(FactsTest, SharesLevelsAndIncrements) {
  auto facts = Run(Report("全社会研发经费投入增长4%,占地区生产总值2.68%。森林覆盖率提高到62.5%。"
                          "常住人口增加1.2万人。"));
  const auto* rd = Find(facts, "rd_intensity", v1::MEASURE_VALUE);
  ASSERT_NE(rd, nullptr);
  EXPECT_DOUBLE_EQ(rd->value(), 2.68);
  EXPECT_EQ(Count(facts, "gdp"), 0);
  const auto* forest = Find(facts, "forest_coverage", v1::MEASURE_VALUE);
  ASSERT_NE(forest, nullptr);
  EXPECT_DOUBLE_EQ(forest->value(), 62.5);
  EXPECT_EQ(Find(facts, "resident_population", v1::MEASURE_VALUE), nullptr);
}

TEST_F(FactsTest, HardWrappedLinesAreOneSentenceButHeadingsEndOne) {
  auto facts = Run(Report("全年实现地区生产总值1002.18亿元,增长4.1%,经济运行稳中向好,规模以上工业增加值\n"
                          "增长3.7%,社会消费品零售总额337.24亿元。\n(二)主要工作\n增长9%。"));
  const auto* iva = Find(facts, "industrial_value_added", v1::MEASURE_GROWTH);
  ASSERT_NE(iva, nullptr);
  EXPECT_DOUBLE_EQ(iva->value(), 3.7);
  EXPECT_EQ(Count(facts, "retail_sales"), 1);
  EXPECT_EQ(Count(facts, "industrial_value_added"), 1);
}

TEST_F(FactsTest, PlanYearInsideTheReviewIsATargetOnlyWhenSaidSo) {
  auto facts = Run(Report("2021年全区地区生产总值预期增长6%左右。"));
  const auto* f = Find(facts, "gdp", v1::MEASURE_GROWTH);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->kind(), v1::KIND_TARGET);
  EXPECT_EQ(f->period(), "2021");
}

TEST_F(FactsTest, PlanPartStartsAfterTheReviewHeading) {
  // The opening paragraph announces 今年工作 before the review: it does not open the plan part.
  auto facts = Run("政府工作报告\n各位代表:我代表政府报告过去五年工作,并对今年工作提出建议。\n"
                   "一、2020年工作回顾\n地区生产总值增长7.8%,居民消费价格涨幅回落到2.6%,"
                   "地区生产总值增速回落到7.8%。\n二、2021年工作建议\n地区生产总值增长7.5%左右。\n");
  const auto* actual = Find(facts, "gdp", v1::MEASURE_GROWTH, v1::KIND_ACTUAL);
  ASSERT_NE(actual, nullptr);
  EXPECT_EQ(actual->period(), "2020");
  EXPECT_EQ(Count(facts, "gdp"), 2);  // 增速回落到7.8% is the same growth
  const auto* cpi = Find(facts, "cpi", v1::MEASURE_GROWTH, v1::KIND_ACTUAL);
  ASSERT_NE(cpi, nullptr);
  EXPECT_DOUBLE_EQ(cpi->value(), 2.6);
  ASSERT_NE(Find(facts, "gdp", v1::MEASURE_GROWTH, v1::KIND_TARGET), nullptr);
}

TEST_F(FactsTest, RepeatedFigureIsOneFactWithEvidence) {
  std::string text = Report("地区生产总值308.02亿元,增长0.1%。回顾全年,地区生产总值308.02亿元。");
  auto facts = Run(text);
  EXPECT_EQ(Count(facts, "gdp"), 2);
  for (const auto& f : facts) {
    EXPECT_EQ(std::string(text_->Slice(f.evidence().begin(), f.evidence().end())),
              f.evidence().text());
    EXPECT_NE(f.evidence().sentence().find(f.evidence().text()), std::string::npos);
  }
}

TEST_F(FactsTest, MetTargetsInTheReviewDoNotOpenThePlan) {
  auto facts = Run(Report("过去一年,经济社会发展主要预期目标较好完成。地区生产总值增长6.6%。"));
  const auto* f = Find(facts, "gdp", v1::MEASURE_GROWTH);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->kind(), v1::KIND_ACTUAL);
  EXPECT_EQ(f->period(), "2020");
}

TEST_F(FactsTest, PlanOpensAtThisYearsMainGoalsWithoutAYearHeading) {
  auto facts = Run("政府工作报告\n各位代表:\n一、2020年和今年以来工作回顾\n地区生产总值增长6.1%。"
                   "粮食产量保持在1.3万亿斤以上。\n二、今年发展主要目标和下一阶段工作总体部署\n"
                   "城镇新增就业900万人以上。粮食产量保持在1.3万亿斤以上。\n");
  const auto* grain = Find(facts, "grain_output", v1::MEASURE_VALUE, v1::KIND_TARGET);
  ASSERT_NE(grain, nullptr);
  EXPECT_EQ(grain->period(), "2021");
  EXPECT_EQ(grain->qualifier(), v1::QUALIFIER_AT_LEAST);
  EXPECT_EQ(grain->unit(), "斤");
  ASSERT_NE(Find(facts, "new_urban_jobs", v1::MEASURE_VALUE, v1::KIND_TARGET), nullptr);
}

TEST_F(FactsTest, LevelHeldToInTheReviewIsTheActualButABoundIsNot) {
  auto facts = Run(Report("居民消费价格涨幅控制在2%。城镇登记失业率控制在4%以内。"));
  const auto* cpi = Find(facts, "cpi", v1::MEASURE_GROWTH, v1::KIND_ACTUAL);
  ASSERT_NE(cpi, nullptr);
  EXPECT_DOUBLE_EQ(cpi->value(), 2);
  EXPECT_EQ(Count(facts, "unemployment_registered"), 0);
}

TEST_F(FactsTest, UrbanAndRuralPairSplitsIntoTwoIndicators) {
  auto facts = Run(Report("城乡居民人均可支配收入分别达到68487元和35247元,增长9.2%和10.4%。"
                          "城乡居民人均可支配收入增长8%。"));
  const auto* urban = Find(facts, "urban_income", v1::MEASURE_VALUE);
  const auto* rural = Find(facts, "rural_income", v1::MEASURE_VALUE);
  ASSERT_NE(urban, nullptr);
  ASSERT_NE(rural, nullptr);
  EXPECT_DOUBLE_EQ(urban->value(), 68487);
  EXPECT_DOUBLE_EQ(rural->value(), 35247);
  EXPECT_DOUBLE_EQ(Find(facts, "urban_income", v1::MEASURE_GROWTH)->value(), 9.2);
  EXPECT_DOUBLE_EQ(Find(facts, "rural_income", v1::MEASURE_GROWTH)->value(), 10.4);
  // Without a pair of figures the name is the one resident figure.
  const auto* resident = Find(facts, "resident_income", v1::MEASURE_GROWTH);
  ASSERT_NE(resident, nullptr);
  EXPECT_DOUBLE_EQ(resident->value(), 8);
  EXPECT_EQ(Count(facts, "resident_income"), 1);
}

TEST_F(FactsTest, NumberListAfterANameListReadsInOrderWithoutRespectively) {
  auto facts = Run(Report("城镇居民人均可支配收入和农村居民人均纯收入实际增长8.4%和11.4%。"
                          "存款余额、贷款余额增长4.2%、19.4%。"));
  EXPECT_DOUBLE_EQ(Find(facts, "urban_income", v1::MEASURE_GROWTH)->value(), 8.4);
  EXPECT_DOUBLE_EQ(Find(facts, "rural_income", v1::MEASURE_GROWTH)->value(), 11.4);
  EXPECT_DOUBLE_EQ(Find(facts, "deposits", v1::MEASURE_GROWTH)->value(), 4.2);
  EXPECT_DOUBLE_EQ(Find(facts, "loans", v1::MEASURE_GROWTH)->value(), 19.4);
}

TEST_F(FactsTest, ApproximateLevelsAreTheStatedNumber) {
  auto facts = Run(Report("粮食产量首次超过1.4万亿斤。一般公共预算收入130多亿元,增长9.6%。"
                          "进出口贸易总额2.17万亿美元,增长23.5%。"));
  const auto* grain = Find(facts, "grain_output", v1::MEASURE_VALUE);
  ASSERT_NE(grain, nullptr);
  EXPECT_DOUBLE_EQ(grain->value(), 1.4e12);
  const auto* revenue = Find(facts, "budget_revenue", v1::MEASURE_VALUE);
  ASSERT_NE(revenue, nullptr);
  EXPECT_DOUBLE_EQ(revenue->value(), 1.3e10);
  EXPECT_DOUBLE_EQ(Find(facts, "budget_revenue", v1::MEASURE_GROWTH)->value(), 9.6);
  const auto* trade = Find(facts, "foreign_trade", v1::MEASURE_VALUE);
  ASSERT_NE(trade, nullptr);
  EXPECT_EQ(trade->unit(), "美元");
}

TEST_F(FactsTest, FiveYearPlanSentenceOpensASpanRun) {
  auto facts = Run(Report("“十三五”规划目标任务胜利完成。城镇新增就业超过6000万人。"));
  const auto* jobs = Find(facts, "new_urban_jobs", v1::MEASURE_VALUE);
  ASSERT_NE(jobs, nullptr);
  EXPECT_EQ(jobs->period(), "2016-2020");
}

TEST_F(FactsTest, LevelReachedOverFiveYearsIsTheReviewYearsButASumIsNot) {
  auto facts = Run(Report("过去五年,地区生产总值增加到121亿元,五年年均增长5.2%。"
                          "过去五年,城镇新增就业达到5.1万人。"));
  const auto* gdp = Find(facts, "gdp", v1::MEASURE_VALUE);
  ASSERT_NE(gdp, nullptr);
  EXPECT_EQ(gdp->period(), "2020");
  EXPECT_EQ(gdp->kind(), v1::KIND_ACTUAL);
  const auto* growth = Find(facts, "gdp", v1::MEASURE_GROWTH);
  ASSERT_NE(growth, nullptr);
  EXPECT_NE(growth->period(), "2020");
  const auto* jobs = Find(facts, "new_urban_jobs", v1::MEASURE_VALUE);
  ASSERT_NE(jobs, nullptr);
  EXPECT_NE(jobs->period(), "2020");
}

TEST_F(FactsTest, TargetToBreakThroughALevelIsAFloor) {
  auto facts = Run(Report("地区生产总值增长5%。", "力争进出口总额突破500亿元。"));
  const auto* f = Find(facts, "foreign_trade", v1::MEASURE_VALUE, v1::KIND_TARGET);
  ASSERT_NE(f, nullptr);
  EXPECT_DOUBLE_EQ(f->value(), 5e10);
  EXPECT_EQ(f->qualifier(), v1::QUALIFIER_AT_LEAST);
}

TEST_F(FactsTest, NextYearOfALatePlenaryIsThePlanYear) {
  // The caller passes the plan year (2021 here) for a plenary held late in 2020.
  auto facts = Run("在中共某某区委全体会议上的报告\n同志们:\n一、2020年工作回顾\n"
                   "预计地区生产总值增长8%左右。\n二、主要目标\n"
                   "明年全区经济社会发展的主要预期目标是:地区生产总值增长6.5%以上。\n");
  const auto* target = Find(facts, "gdp", v1::MEASURE_GROWTH, v1::KIND_TARGET);
  ASSERT_NE(target, nullptr);
  EXPECT_EQ(target->period(), "2021");
  EXPECT_DOUBLE_EQ(target->value(), 6.5);
  const auto* actual = Find(facts, "gdp", v1::MEASURE_GROWTH, v1::KIND_ACTUAL);
  ASSERT_NE(actual, nullptr);
  EXPECT_EQ(actual->period(), "2020");
}

}  // namespace
}  // namespace govreport::extract
