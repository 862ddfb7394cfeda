#include "common/extract/extractor.h"

#include <string>

#include "common/util/content_id.h"
#include "gtest/gtest.h"

namespace govreport::extract {
namespace {

const govreport::v1::Fact* FindFact(const govreport::v1::Report& r, const std::string& indicator,
                                    govreport::v1::Measure measure, govreport::v1::Kind kind) {
  for (const auto& f : r.facts())
    if (f.indicator() == indicator && f.measure() == measure && f.kind() == kind) return &f;
  return nullptr;
}

constexpr char kReport[] =
    "某某市政府工作报告\n2021年1月20日在某某市第六届人民代表大会第七次会议上\n"
    "一、2020年工作回顾\n"
    "全年实现地区生产总值1002.18亿元,增长4.1%,增速排全省第3位;地方一般公共预算收入65.86亿元,"
    "增长8.9%;固定资产投资下降5.5%;社会消费品零售总额337.24亿元。\n"
    "二、2021年工作安排\n"
    "2021年主要预期目标是:地区生产总值增长7%左右;城镇登记失业率控制在3.5%以内。\n";

TEST(Extractor, ExtractsCoreFactsWithPeriodsAndEvidence) {
  auto extractor = Extractor::Create();
  ASSERT_TRUE(extractor.ok()) << extractor.status();
  govreport::v1::Source source;
  source.set_uri("test.txt");
  govreport::v1::Report r = (*extractor)->Extract(kReport, source);
  EXPECT_EQ(r.source().uri(), "test.txt");
  EXPECT_EQ(r.report_id(), ReportIdForText(kReport));
  EXPECT_EQ(r.text_sha256(), Sha256Hex(kReport));
  EXPECT_EQ(r.extractor_version(), Extractor::Version());
  EXPECT_EQ(r.meta().report_year(), 2021);
  EXPECT_EQ(r.meta().review_year(), 2020);

  const auto* gdp = FindFact(r, "gdp", govreport::v1::MEASURE_VALUE, govreport::v1::KIND_ACTUAL);
  ASSERT_NE(gdp, nullptr);
  EXPECT_DOUBLE_EQ(gdp->value(), 100218000000.0);
  EXPECT_EQ(gdp->unit(), "元");
  EXPECT_EQ(gdp->period(), "2020");
  EXPECT_EQ(gdp->evidence().text(), "地区生产总值1002.18亿元");

  const auto* fai = FindFact(r, "fixed_asset_investment", govreport::v1::MEASURE_GROWTH,
                             govreport::v1::KIND_ACTUAL);
  ASSERT_NE(fai, nullptr);
  EXPECT_DOUBLE_EQ(fai->value(), -5.5);

  ASSERT_NE(FindFact(r, "budget_revenue", govreport::v1::MEASURE_VALUE, govreport::v1::KIND_ACTUAL),
            nullptr);
  ASSERT_NE(FindFact(r, "retail_sales", govreport::v1::MEASURE_VALUE, govreport::v1::KIND_ACTUAL),
            nullptr);
  const auto* rank = FindFact(r, "gdp", govreport::v1::MEASURE_RANK, govreport::v1::KIND_ACTUAL);
  ASSERT_NE(rank, nullptr);
  EXPECT_EQ(rank->scope(), "全省");
  EXPECT_DOUBLE_EQ(rank->value(), 3.0);

  const auto* target = FindFact(r, "gdp", govreport::v1::MEASURE_GROWTH, govreport::v1::KIND_TARGET);
  ASSERT_NE(target, nullptr);
  EXPECT_EQ(target->period(), "2021");
  EXPECT_EQ(target->qualifier(), govreport::v1::QUALIFIER_ABOUT);
  const auto* unemployment = FindFact(r, "unemployment_registered", govreport::v1::MEASURE_VALUE,
                                      govreport::v1::KIND_TARGET);
  ASSERT_NE(unemployment, nullptr);
  EXPECT_EQ(unemployment->qualifier(), govreport::v1::QUALIFIER_AT_MOST);
}

TEST(Extractor, EvidenceOffsetsAreCodePoints) {
  auto extractor = Extractor::Create();
  ASSERT_TRUE(extractor.ok());
  govreport::v1::Report r = (*extractor)->Extract(kReport, {});
  ASSERT_GT(r.facts_size(), 0);
  std::u32string all;
  // Re-slice the text by code points and compare with the evidence text.
  std::string text(kReport);
  for (const auto& f : r.facts()) {
    size_t cp = 0, byte = 0, b = 0, e = 0;
    while (byte <= text.size()) {
      if (cp == static_cast<size_t>(f.evidence().begin())) b = byte;
      if (cp == static_cast<size_t>(f.evidence().end())) { e = byte; break; }
      if (byte == text.size()) break;
      unsigned char c = text[byte];
      byte += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      ++cp;
    }
    EXPECT_EQ(text.substr(b, e - b), f.evidence().text());
  }
}

TEST(Extractor, JurisdictionWordsOfTheSpeakerCount) {
  // A national report: 全国 is the jurisdiction itself, so its figures are facts.
  constexpr char kNational[] =
      "政府工作报告\n——2019年3月5日在第十三届全国人民代表大会第二次会议上\n国务院总理 李克强\n"
      "一、2018年工作回顾\n国内生产总值增长6.6%。\n"
      "二、2019年经济社会发展总体要求和政策取向\n"
      "全国一般公共预算支出超过23万亿元,增长6.5%。\n";
  auto extractor = Extractor::Create();
  ASSERT_TRUE(extractor.ok());
  govreport::v1::Report r = (*extractor)->Extract(kNational, {});
  if (r.meta().region().name() != "全国") GTEST_SKIP() << "metadata does not resolve 全国 yet";
  const auto* spending = FindFact(r, "budget_expenditure", govreport::v1::MEASURE_VALUE,
                                  govreport::v1::KIND_TARGET);
  ASSERT_NE(spending, nullptr);
  EXPECT_EQ(spending->qualifier(), govreport::v1::QUALIFIER_AT_LEAST);
  EXPECT_EQ(spending->period(), "2019");
}

TEST(Extractor, TextWithoutReportHasNoFacts) {
  auto extractor = Extractor::Create();
  ASSERT_TRUE(extractor.ok());
  govreport::v1::Report r = (*extractor)->Extract("联系我们 企业入驻", {});
  EXPECT_EQ(r.facts_size(), 0);
  EXPECT_EQ(r.meta().doc_type(), govreport::v1::DOC_TYPE_OTHER);
}

TEST(Extractor, VersionNamesRulesAndData) {
  std::string_view v = Extractor::Version();
  EXPECT_EQ(v.substr(0, 8), "extract-");
  EXPECT_NE(v.find('+'), std::string_view::npos);
}

}  // namespace
}  // namespace govreport::extract
