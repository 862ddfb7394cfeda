#include "services/query/fact_queries.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "services/query/fact_scan.h"
#include "services/query/filters.h"
#include "services/query/test_reports.h"

namespace govreport::query {
namespace {

using testing::MakeFact;

// A catalog entry with facts of `indicators` (one fact each, in order), as ReportStore builds it.
std::unique_ptr<IndexedDoc> MakeDoc(uint32_t docnum, const std::vector<std::string>& indicators,
                                    v1::Region region = testing::Yunfu()) {
  auto doc = std::make_unique<IndexedDoc>();
  doc->docnum = docnum;
  for (const std::string& id : indicators) {
    doc->facts_by_indicator[id].push_back(static_cast<int>(doc->facts.size()));
    doc->facts.push_back(MakeFact(id, v1::MEASURE_VALUE, "2020", v1::KIND_ACTUAL, docnum, "元"));
    doc->fact_summaries.push_back({v1::KIND_ACTUAL, v1::MEASURE_VALUE, 2020, 2020});
  }
  static const testing::TestHierarchy* hierarchy = new testing::TestHierarchy;
  doc->region = BuildRegionIdentity(region, *hierarchy);
  *doc->report.mutable_meta()->mutable_region() = std::move(region);
  return doc;
}

std::vector<const IndexedDoc*> Pointers(const std::vector<std::unique_ptr<IndexedDoc>>& docs) {
  std::vector<const IndexedDoc*> out;
  for (const auto& doc : docs) out.push_back(doc.get());
  return out;
}

TEST(IndicatorLookupTest, KeepsDistinctIdsInRequestOrder) {
  const IndicatorLookup lookup(std::vector<std::string>{"cpi", "gdp", "cpi"});
  EXPECT_EQ(lookup.ids(), (std::vector<std::string>{"cpi", "gdp"}));
  const auto doc = MakeDoc(0, {"gdp", "cpi", "gdp"});
  ASSERT_NE(lookup.Find(*doc, 0), nullptr);
  EXPECT_EQ(*lookup.Find(*doc, 0), std::vector<int>{1});
  EXPECT_EQ(*lookup.Find(*doc, 1), (std::vector<int>{0, 2}));
  EXPECT_EQ(lookup.Find(*MakeDoc(1, {"gdp"}), 0), nullptr);
}

// Every document count around the pipeline's look-ahead distances, documents with none, some or
// all of the ids: the visits must be exactly those of a plain loop.
TEST(ForEachIndicatorFactsTest, VisitsWhatAPlainLoopVisits) {
  const std::vector<std::vector<std::string>> shapes = {
      {"gdp"}, {}, {"cpi", "gdp", "cpi"}, {"retail_sales"}, {"cpi"}, {"gdp", "gdp"}, {}};
  const IndicatorLookup lookup(std::vector<std::string>{"gdp", "cpi"});
  for (size_t n = 0; n <= 25; ++n) {
    std::vector<std::unique_ptr<IndexedDoc>> docs;
    for (size_t d = 0; d < n; ++d) docs.push_back(MakeDoc(d, shapes[(d * 5) % shapes.size()]));
    std::vector<std::pair<uint32_t, std::vector<int>>> expected, visited;
    for (const auto& doc : docs) {
      for (size_t k = 0; k < lookup.size(); ++k) {
        auto it = doc->facts_by_indicator.find(lookup.ids()[k]);
        if (it != doc->facts_by_indicator.end()) expected.emplace_back(doc->docnum, it->second);
      }
    }
    ForEachIndicatorFacts(Pointers(docs), lookup, [&](const IndexedDoc& doc, const std::vector<int>& indices) {
      visited.emplace_back(doc.docnum, indices);
    });
    EXPECT_EQ(visited, expected) << n << " documents";
  }
}

TEST(DocRegionFilterTest, KeepsWhatRegionMatcherAcceptsInOrder) {
  std::vector<std::unique_ptr<IndexedDoc>> docs;
  const v1::Region regions[] = {testing::Yunfu(), testing::Rongcheng(), testing::Fengquan(),
                                testing::Sishui()};
  for (uint32_t d = 0; d < 23; ++d) docs.push_back(MakeDoc(d, {"gdp"}, regions[(d * 3) % 4]));
  std::vector<v1::RegionFilter> filters(6);
  filters[1].add_regions("雲浮市");
  filters[2].set_within("广东省");
  filters[3].set_level(v1::LEVEL_DISTRICT);
  filters[4].set_within("440000");
  filters[4].set_level(v1::LEVEL_TOWN);
  filters[5].add_regions("  ");  // blank: no constraint
  filters[5].add_regions("445202");
  for (const v1::RegionFilter& filter : filters) {
    const RegionMatcher matcher(filter);
    std::vector<const IndexedDoc*> expected;
    for (const auto& doc : docs) {
      if (matcher.Matches(doc->report.meta().region().level(), doc->region)) expected.push_back(doc.get());
    }
    const DocRegionFilter doc_filter(filter);
    std::vector<const IndexedDoc*> kept = Pointers(docs);
    doc_filter.Keep(&kept);
    EXPECT_EQ(kept, expected) << filter.ShortDebugString();
    for (const auto& doc : docs) {
      EXPECT_EQ(doc_filter.Matches(*doc), matcher.Matches(doc->report.meta().region().level(), doc->region));
    }
    EXPECT_EQ(doc_filter.empty(), kept.size() == docs.size() && filter.ByteSizeLong() == 0);
  }
}

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
