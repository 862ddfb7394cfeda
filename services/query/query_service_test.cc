#include "services/query/query_service.h"

#include <filesystem>
#include <thread>

#include "grpcpp/grpcpp.h"
#include "common/testing/scratch_dir.h"
#include "gtest/gtest.h"
#include "services/query/test_reports.h"

namespace govreport::query {
namespace {

using testing::MakeFact;
using testing::MakeReport;

// Three regions over three years. Yunfu: GDP 2019 actual 900, 2020 target 6% about, 2020 actual
// 1002 (stated in the 2021 report and again, revised, in the 2022 report), growth 2020 actual 5.8.
class QueryServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test_support::FreshScratchDir("query_service");
    OpenStore();
    Index(MakeReport("y2020", testing::Yunfu(), 2020, "云浮市政府工作报告。地区生产总值900亿元。今年预期目标增长6%左右。",
                     {MakeFact("gdp", v1::MEASURE_VALUE, "2019", v1::KIND_ACTUAL, 900e8, "元"),
                      MakeFact("gdp", v1::MEASURE_GROWTH, "2020", v1::KIND_TARGET, 6, "%",
                               v1::QUALIFIER_ABOUT)}));
    Index(MakeReport("y2021", testing::Yunfu(), 2021, "雲浮市政府工作報告。地區生產總值1002億元，增長5.8%。",
                     {MakeFact("gdp", v1::MEASURE_VALUE, "2020", v1::KIND_ACTUAL, 1002e8, "元"),
                      MakeFact("gdp", v1::MEASURE_GROWTH, "2020", v1::KIND_ACTUAL, 5.8, "%")}));
    Index(MakeReport("y2022", testing::Yunfu(), 2022, "去年地区生产总值修订为1003亿元。",
                     {MakeFact("gdp", v1::MEASURE_VALUE, "2020", v1::KIND_ACTUAL, 1003e8, "元")}));
    Index(MakeReport("rc2021", testing::Rongcheng(), 2021, "榕城区地区生产总值1002亿元。财政收入增长。",
                     {MakeFact("gdp", v1::MEASURE_VALUE, "2020", v1::KIND_ACTUAL, 1002e8, "元")}));
    Index(MakeReport("fq2021", testing::Fengquan(), 2021, "凤泉区地区生产总值80亿元。",
                     {MakeFact("gdp", v1::MEASURE_VALUE, "2020", v1::KIND_ACTUAL, 80e8, "元")}));
  }
  void OpenStore() {
    service_.reset();
    store_.reset();
    ReportStoreOptions options;
    options.path = dir_;
    options.hierarchy = &hierarchy_;
    options.block_cache_bytes = 8 << 20;
    auto store = ReportStore::Open(options);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    service_ = std::make_unique<QueryServiceImpl>(store_.get(), testing::TestIndicators());
  }
  void Index(const v1::Report& report) {
    v1::IndexReportRequest request;
    *request.mutable_report() = report;
    v1::IndexReportResponse response;
    grpc::ServerContext context;
    ASSERT_TRUE(service_->IndexReport(&context, &request, &response).ok());
  }
  v1::QueryFactsResponse Facts(const v1::QueryFactsRequest& request, grpc::Status* status = nullptr) {
    v1::QueryFactsResponse response;
    grpc::ServerContext context;
    grpc::Status s = service_->QueryFacts(&context, &request, &response);
    if (status != nullptr) *status = s;
    else EXPECT_TRUE(s.ok()) << s.error_message();
    return response;
  }
  v1::SearchResponse Search(const v1::SearchRequest& request, grpc::Status* status = nullptr) {
    v1::SearchResponse response;
    grpc::ServerContext context;
    grpc::Status s = service_->Search(&context, &request, &response);
    if (status != nullptr) *status = s;
    else EXPECT_TRUE(s.ok()) << s.error_message();
    return response;
  }

  testing::TestHierarchy hierarchy_;
  std::string dir_;
  std::unique_ptr<ReportStore> store_;
  std::unique_ptr<QueryServiceImpl> service_;
};

TEST_F(QueryServiceTest, UnknownIndicatorIsInvalidArgumentNamingIt) {
  v1::QueryFactsRequest request;
  request.add_indicators("gdp");
  request.add_indicators("gpd");
  grpc::Status status;
  Facts(request, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("\"gpd\""), std::string::npos);
  EXPECT_NE(status.error_message().find("ListIndicators lists valid ids"), std::string::npos);
}

TEST_F(QueryServiceTest, MalformedPeriodIsInvalidArgument) {
  v1::QueryFactsRequest request;
  request.set_period_from("20x0");
  grpc::Status status;
  Facts(request, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("period_from"), std::string::npos);
}

TEST_F(QueryServiceTest, QueryFactsFiltersAndCarriesProvenance) {
  v1::QueryFactsRequest request;
  request.add_indicators("gdp");
  request.set_kind(v1::KIND_ACTUAL);
  request.set_measure(v1::MEASURE_VALUE);
  request.set_period_from("2020");
  request.mutable_region()->set_within("广东省");
  v1::QueryFactsResponse response = Facts(request);
  // Yunfu 2020 (two reports) and Rongcheng 2020; not Fengquan (Henan), not 2019.
  ASSERT_EQ(response.facts_size(), 3);
  // Default order: region key (445202 < 445300), then newer report first.
  EXPECT_EQ(response.facts(0).report_id(), "rc2021");
  EXPECT_EQ(response.facts(1).report_id(), "y2022");
  EXPECT_EQ(response.facts(1).report_year(), 2022);
  EXPECT_EQ(response.facts(1).extractor_version(), "v1");
  EXPECT_EQ(response.facts(1).region().code(), "445300");
  EXPECT_EQ(response.facts(1).fact().evidence().text(), "evidence");

  // Both bounds: candidates come from the per-year index; same answer as the scan.
  request.set_period_to("2020");
  EXPECT_EQ(Facts(request).facts_size(), 3);
  request.set_period_from("2019");
  request.set_period_to("2019");
  EXPECT_EQ(Facts(request).facts_size(), 1);  // the 2019 figure period_from 2020 left out
  request.set_period_from("2020");
  request.clear_period_to();

  request.mutable_region()->set_within("揭陽市");  // traditional name of the prefecture
  EXPECT_EQ(Facts(request).facts_size(), 1);
  request.mutable_region()->clear_within();
  request.mutable_region()->add_regions("雲浮市");
  EXPECT_EQ(Facts(request).facts_size(), 2);
  request.mutable_region()->set_level(v1::LEVEL_DISTRICT);
  EXPECT_EQ(Facts(request).facts_size(), 0);
}

TEST_F(QueryServiceTest, QueryFactsOrdersByValue) {
  v1::QueryFactsRequest request;
  request.add_indicators("gdp");
  request.set_measure(v1::MEASURE_VALUE);
  request.set_order(v1::FACT_ORDER_VALUE_DESC);
  v1::QueryFactsResponse response = Facts(request);
  ASSERT_EQ(response.facts_size(), 5);
  EXPECT_EQ(response.facts(0).fact().value(), 1003e8);
  EXPECT_EQ(response.facts(4).fact().value(), 80e8);
}

TEST_F(QueryServiceTest, PagesThroughFactsAndRejectsForeignOrBadTokens) {
  v1::QueryFactsRequest request;
  request.add_indicators("gdp");
  request.set_page_size(2);
  std::vector<std::string> seen;
  for (int page = 0; page < 10; ++page) {
    v1::QueryFactsResponse response = Facts(request);
    for (const auto& f : response.facts()) seen.push_back(f.report_id() + f.fact().period());
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  EXPECT_EQ(seen.size(), 7u);

  v1::QueryFactsRequest first;
  first.add_indicators("gdp");
  first.set_page_size(2);
  const std::string token = Facts(first).next_page_token();
  ASSERT_FALSE(token.empty());
  v1::QueryFactsRequest other = first;
  other.set_kind(v1::KIND_TARGET);
  other.set_page_token(token);
  grpc::Status status;
  Facts(other, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  other = first;
  other.set_page_token("not-a-token");
  Facts(other, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(QueryServiceTest, PageSizeIsClampedToOneThousand) {
  std::vector<v1::Fact> many;
  for (int i = 0; i < 1200; ++i) {
    many.push_back(MakeFact("retail_sales", v1::MEASURE_VALUE, std::to_string(1000 + i),
                            v1::KIND_ACTUAL, i, "元"));
  }
  Index(MakeReport("big", testing::Fengquan(), 2023, "社会消费品零售总额", many));
  v1::QueryFactsRequest request;
  request.add_indicators("retail_sales");
  request.set_page_size(5000);
  v1::QueryFactsResponse response = Facts(request);
  EXPECT_EQ(response.facts_size(), 1000);
  EXPECT_FALSE(response.next_page_token().empty());
  request.set_page_size(0);
  EXPECT_EQ(Facts(request).facts_size(), 50);
}

TEST_F(QueryServiceTest, GetReportAndDelete) {
  grpc::ServerContext context;
  v1::GetReportRequest get;
  get.set_report_id("y2021");
  v1::Report report;
  ASSERT_TRUE(service_->GetReport(&context, &get, &report).ok());
  EXPECT_EQ(report.facts_size(), 2);
  EXPECT_FALSE(report.normalized_text().empty());
  get.set_omit_text(true);
  ASSERT_TRUE(service_->GetReport(&context, &get, &report).ok());
  EXPECT_TRUE(report.normalized_text().empty());

  get.set_report_id("nope");
  EXPECT_EQ(service_->GetReport(&context, &get, &report).error_code(), grpc::StatusCode::NOT_FOUND);
  v1::DeleteReportRequest del;
  del.set_report_id("nope");
  v1::DeleteReportResponse deleted;
  EXPECT_EQ(service_->DeleteReport(&context, &del, &deleted).error_code(), grpc::StatusCode::NOT_FOUND);
  del.set_report_id("y2021");
  ASSERT_TRUE(service_->DeleteReport(&context, &del, &deleted).ok());
  get.set_report_id("y2021");
  EXPECT_EQ(service_->GetReport(&context, &get, &report).error_code(), grpc::StatusCode::NOT_FOUND);
  v1::SearchRequest search;
  search.set_query("雲浮市");
  EXPECT_EQ(Search(search).total_hits(), 1);  // only y2020 is left
}

TEST_F(QueryServiceTest, IndexReportReportsUnchanged) {
  grpc::ServerContext context;
  v1::IndexReportRequest request;
  *request.mutable_report() = MakeReport("fq2021", testing::Fengquan(), 2021, "凤泉区地区生产总值80亿元。",
                                         {MakeFact("gdp", v1::MEASURE_VALUE, "2020", v1::KIND_ACTUAL, 80e8, "元")});
  v1::IndexReportResponse response;
  ASSERT_TRUE(service_->IndexReport(&context, &request, &response).ok());
  EXPECT_TRUE(response.unchanged());
  EXPECT_EQ(response.facts_indexed(), 1);
  request.mutable_report()->clear_normalized_text();
  EXPECT_EQ(service_->IndexReport(&context, &request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(QueryServiceTest, ListReportsNewestFirstWithFilters) {
  grpc::ServerContext context;
  v1::ListReportsRequest request;
  request.mutable_region()->add_regions("445300");
  v1::ListReportsResponse response;
  ASSERT_TRUE(service_->ListReports(&context, &request, &response).ok());
  ASSERT_EQ(response.reports_size(), 3);
  EXPECT_EQ(response.reports(0).report_id(), "y2022");
  EXPECT_EQ(response.reports(2).report_id(), "y2020");
  EXPECT_EQ(response.reports(1).fact_count(), 2);
  request.set_year_from(2021);
  request.set_year_to(2021);
  ASSERT_TRUE(service_->ListReports(&context, &request, &response).ok());
  ASSERT_EQ(response.reports_size(), 1);
  request.set_doc_type(v1::DOC_TYPE_PARTY_COMMITTEE_REPORT);
  ASSERT_TRUE(service_->ListReports(&context, &request, &response).ok());
  EXPECT_EQ(response.reports_size(), 0);
}

TEST_F(QueryServiceTest, ListRegionsCountsReports) {
  grpc::ServerContext context;
  v1::ListRegionsRequest request;
  v1::ListRegionsResponse response;
  ASSERT_TRUE(service_->ListRegions(&context, &request, &response).ok());
  ASSERT_EQ(response.regions_size(), 3);
  const v1::RegionSummary* yunfu = nullptr;
  for (const auto& r : response.regions()) {
    if (r.region_key() == "445300") yunfu = &r;
  }
  ASSERT_NE(yunfu, nullptr);
  EXPECT_EQ(yunfu->report_count(), 3);
  EXPECT_EQ(yunfu->first_year(), 2020);
  EXPECT_EQ(yunfu->last_year(), 2022);
  request.mutable_region()->set_within("河南省");
  ASSERT_TRUE(service_->ListRegions(&context, &request, &response).ok());
  ASSERT_EQ(response.regions_size(), 1);
  EXPECT_EQ(response.regions(0).region().name(), "凤泉区");
}

TEST_F(QueryServiceTest, ListIndicatorsListsTheSet) {
  grpc::ServerContext context;
  v1::ListIndicatorsRequest request;
  v1::ListIndicatorsResponse response;
  ASSERT_TRUE(service_->ListIndicators(&context, &request, &response).ok());
  EXPECT_EQ(response.indicators_size(), 4);
}

TEST_F(QueryServiceTest, TimeSeriesMarksTheLatestActualAndFindsTargets) {
  grpc::ServerContext context;
  v1::TimeSeriesRequest request;
  request.set_region("云浮市");
  request.set_indicator("gdp");
  v1::TimeSeriesResponse response;
  ASSERT_TRUE(service_->TimeSeries(&context, &request, &response).ok());
  ASSERT_EQ(response.points_size(), 2);
  EXPECT_EQ(response.points(0).period(), "2019");
  const v1::TimeSeriesPoint& p2020 = response.points(1);
  ASSERT_EQ(p2020.actuals_size(), 2);
  EXPECT_EQ(p2020.actuals(0).report_id(), "y2022");
  EXPECT_TRUE(p2020.actuals(0).current());
  EXPECT_FALSE(p2020.actuals(1).current());
  EXPECT_FALSE(p2020.has_target());

  request.set_measure(v1::MEASURE_GROWTH);
  ASSERT_TRUE(service_->TimeSeries(&context, &request, &response).ok());
  ASSERT_EQ(response.points_size(), 1);
  EXPECT_EQ(response.points(0).target().value(), 6);
  EXPECT_EQ(response.points(0).target().qualifier(), v1::QUALIFIER_ABOUT);
  EXPECT_EQ(response.points(0).actuals(0).value(), 5.8);

  request.set_indicator("nope");
  EXPECT_EQ(service_->TimeSeries(&context, &request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  request.set_indicator("gdp");
  request.set_region("不存在市");
  EXPECT_EQ(service_->TimeSeries(&context, &request, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(QueryServiceTest, CompareRegionsRanksWithTies) {
  grpc::ServerContext context;
  v1::CompareRegionsRequest request;
  request.set_indicator("gdp");
  request.set_period("2020");
  v1::CompareRegionsResponse response;
  ASSERT_TRUE(service_->CompareRegions(&context, &request, &response).ok());
  ASSERT_EQ(response.rows_size(), 3);
  // Yunfu's latest figure (1003, from 2022) ranks first; nothing ties.
  EXPECT_EQ(response.rows(0).report_id(), "y2022");
  EXPECT_EQ(response.rows(0).rank(), 1);
  EXPECT_EQ(response.rows(1).rank(), 2);
  EXPECT_EQ(response.rows(2).rank(), 3);

  grpc::ServerContext delete_context;
  v1::DeleteReportRequest del;
  del.set_report_id("y2022");
  v1::DeleteReportResponse deleted;
  ASSERT_TRUE(service_->DeleteReport(&delete_context, &del, &deleted).ok());
  ASSERT_TRUE(service_->CompareRegions(&context, &request, &response).ok());
  ASSERT_EQ(response.rows_size(), 3);
  EXPECT_EQ(response.rows(0).rank(), 1);
  EXPECT_EQ(response.rows(1).rank(), 1);  // 1002 and 1002 share a rank
  EXPECT_EQ(response.rows(2).rank(), 3);

  request.set_ascending(true);
  request.set_limit(1);
  ASSERT_TRUE(service_->CompareRegions(&context, &request, &response).ok());
  ASSERT_EQ(response.rows_size(), 1);
  EXPECT_EQ(response.rows(0).region().name(), "凤泉区");
  request.clear_period();
  EXPECT_EQ(service_->CompareRegions(&context, &request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(QueryServiceTest, TargetAttainmentPairsTargetWithLaterActual) {
  grpc::ServerContext context;
  v1::TargetAttainmentRequest request;
  v1::TargetAttainmentResponse response;
  ASSERT_TRUE(service_->TargetAttainment(&context, &request, &response).ok());
  ASSERT_EQ(response.rows_size(), 1);
  const v1::AttainmentRow& row = response.rows(0);
  EXPECT_EQ(row.indicator(), "gdp");
  EXPECT_EQ(row.measure(), v1::MEASURE_GROWTH);
  EXPECT_EQ(row.year(), "2020");
  EXPECT_EQ(row.target_report_id(), "y2020");
  EXPECT_EQ(row.actual_report_id(), "y2021");
  EXPECT_EQ(row.qualifier(), v1::QUALIFIER_ABOUT);
  EXPECT_EQ(row.outcome(), v1::OUTCOME_MET);  // 5.8 is within 0.5 points of about 6
  EXPECT_NEAR(row.gap(), -0.2, 1e-9);
  request.set_measure(v1::MEASURE_VALUE);
  ASSERT_TRUE(service_->TargetAttainment(&context, &request, &response).ok());
  EXPECT_EQ(response.rows_size(), 0);
  request.add_indicators("bogus");
  EXPECT_EQ(service_->TargetAttainment(&context, &request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(QueryServiceTest, SearchFindsBothScriptsWithSnippetsAndFilters) {
  v1::SearchRequest request;
  request.set_query("地区生产总值");
  v1::SearchResponse response = Search(request);
  EXPECT_EQ(response.total_hits(), 5);
  request.set_query("地區生產總值");
  EXPECT_EQ(Search(request).total_hits(), 5);

  request.set_query("云浮市 报告");
  response = Search(request);
  ASSERT_EQ(response.total_hits(), 2);  // y2020 simplified, y2021 traditional
  ASSERT_GT(response.hits(0).snippets_size(), 0);
  const v1::Snippet& snippet = response.hits(0).snippets(0);
  ASSERT_GT(snippet.highlights_size(), 0);
  EXPECT_GT(response.hits(0).score(), 0);

  request.set_query("地区生产总值");
  request.set_year_from(2022);
  EXPECT_EQ(Search(request).total_hits(), 1);
  request.set_year_to(2021);  // an empty range
  EXPECT_EQ(Search(request).total_hits(), 0);
  request.clear_year_from();
  request.clear_year_to();
  request.set_doc_type(v1::DOC_TYPE_PARTY_COMMITTEE_REPORT);  // none of the fixtures
  EXPECT_EQ(Search(request).total_hits(), 0);
  request.clear_doc_type();
  request.mutable_region()->set_within("广东省");
  EXPECT_EQ(Search(request).total_hits(), 4);
  request.mutable_region()->set_within("445200");
  EXPECT_EQ(Search(request).total_hits(), 1);
}

TEST_F(QueryServiceTest, SearchPagesAndValidates) {
  v1::SearchRequest request;
  request.set_query("地区生产总值");
  request.set_page_size(2);
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    v1::SearchResponse response = Search(request);
    EXPECT_EQ(response.total_hits(), 5);
    for (const auto& hit : response.hits()) ids.push_back(hit.report_id());
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::unique(ids.begin(), ids.end()) - ids.begin(), 5);

  grpc::Status status;
  request.set_query("财政");  // token from another query
  Search(request, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  v1::SearchRequest empty;
  empty.set_query("   ");
  Search(empty, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  empty.set_query("，。");
  Search(empty, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(QueryServiceTest, SearchHonoursAnExpiredClientDeadline) {
  v1::SearchRequest request;
  request.set_query("地区");
  grpc::ServerContext context;
  // Nothing sets a server context's deadline outside a call; use the service's own limit.
  QueryServiceOptions options;
  options.max_query_time = std::chrono::milliseconds(-1);
  QueryServiceImpl strict(store_.get(), testing::TestIndicators(), options);
  v1::SearchResponse response;
  grpc::Status status = strict.Search(&context, &request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_FALSE(status.error_message().empty());
}

TEST_F(QueryServiceTest, ReopenedStoreAnswersTheSame) {
  OpenStore();
  v1::SearchRequest request;
  request.set_query("地区生产总值");
  EXPECT_EQ(Search(request).total_hits(), 5);
  v1::QueryFactsRequest facts;
  facts.add_indicators("gdp");
  EXPECT_EQ(Facts(facts).facts_size(), 7);
}

}  // namespace
}  // namespace govreport::query

namespace govreport::query {
namespace {

TEST_F(QueryServiceTest, ConcurrentWritersAndReadersAgree) {
  std::vector<std::thread> threads;
  for (int w = 0; w < 2; ++w) {
    threads.emplace_back([this, w] {
      for (int i = 0; i < 30; ++i) {
        Index(MakeReport("c" + std::to_string(w) + "_" + std::to_string(i), testing::Fengquan(), 2020,
                         "并发写入的地区生产总值" + std::to_string(i),
                         {MakeFact("cpi", v1::MEASURE_GROWTH, "2019", v1::KIND_ACTUAL, i, "%")}));
      }
    });
  }
  for (int r = 0; r < 2; ++r) {
    threads.emplace_back([this] {
      for (int i = 0; i < 30; ++i) {
        v1::SearchRequest search;
        search.set_query("地区生产总值");
        grpc::Status status;
        v1::SearchResponse response = Search(search, &status);
        EXPECT_TRUE(status.ok()) << status.error_message();
        EXPECT_GE(response.total_hits(), 5);
        v1::QueryFactsRequest facts;
        facts.add_indicators("cpi");
        Facts(facts);
      }
    });
  }
  for (auto& t : threads) t.join();
  // "地区" was counted and cached while the writers ran: the cache must have followed them.
  EXPECT_EQ(*store_->DocFrequencies({"地区", "并发"}), (std::vector<uint32_t>{65, 60}));
  v1::SearchRequest search;
  search.set_query("并发写入");
  EXPECT_EQ(Search(search).total_hits(), 60);
  v1::QueryFactsRequest facts;
  facts.add_indicators("cpi");
  facts.set_page_size(100);
  EXPECT_EQ(Facts(facts).facts_size(), 60);
}

}  // namespace
}  // namespace govreport::query
