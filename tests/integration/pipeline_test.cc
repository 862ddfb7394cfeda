// End to end: the three sample files go in over gRPC and come out of QueryService as facts,
// metadata and search hits, with every service a separate process.
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"

#include "gtest/gtest.h"
#include "tests/integration/cluster.h"

namespace govreport::testing {
namespace {

using v1::Kind;
using v1::Measure;

class PipelineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto cluster = Cluster::Start({});
    ASSERT_TRUE(cluster.ok()) << cluster.status();
    cluster_ = cluster->release();
    auto ingest = cluster_->IngestStub();
    for (const std::string& name : SampleNames()) {
      v1::IngestRequest request;
      request.set_content(ReadSample(name));
      request.set_source_uri("data/samples/" + name);
      v1::IngestResponse response;
      const grpc::Status status = ingest->Ingest(ContextWithDeadline().get(), request, &response);
      ASSERT_TRUE(status.ok()) << name << ": " << Describe(status) << "\n" << cluster_->Logs();
      for (const auto& report : response.reports()) ids_->insert(report.report_id());
    }
    auto settled = cluster_->WaitUntilSettled(ids_->size());
    ASSERT_TRUE(settled.ok()) << settled.status() << "\n" << cluster_->Logs();
  }

  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
  }

  void SetUp() override {
    if (cluster_ == nullptr) GTEST_SKIP() << "cluster did not start";
  }

  // Facts of one region, indicator and period.
  std::vector<v1::FactRecord> Facts(const std::string& region, const std::string& indicator,
                                    const std::string& period, Kind kind, Measure measure) {
    v1::QueryFactsRequest request;
    request.add_indicators(indicator);
    request.mutable_region()->add_regions(region);
    request.set_period_from(period);
    request.set_period_to(period);
    request.set_kind(kind);
    request.set_measure(measure);
    v1::QueryFactsResponse response;
    const grpc::Status status =
        cluster_->QueryStub()->QueryFacts(ContextWithDeadline().get(), request, &response);
    EXPECT_TRUE(status.ok()) << Describe(status);
    return {response.facts().begin(), response.facts().end()};
  }

  static Cluster* cluster_;
  static std::set<std::string>* ids_;
};

Cluster* PipelineTest::cluster_ = nullptr;
std::set<std::string>* PipelineTest::ids_ = new std::set<std::string>();

TEST_F(PipelineTest, EveryIngestedReportIsIndexed) {
  // The bundle holds ten reports, the other two files one each.
  EXPECT_EQ(ids_->size(), 12u);
  v1::GetStatusRequest request;
  for (const std::string& id : *ids_) request.add_report_ids(id);
  v1::GetStatusResponse response;
  const grpc::Status status =
      cluster_->IngestStub()->GetStatus(ContextWithDeadline().get(), request, &response);
  ASSERT_TRUE(status.ok()) << Describe(status);
  ASSERT_EQ(response.statuses_size(), static_cast<int>(ids_->size()));
  for (const auto& s : response.statuses()) {
    EXPECT_EQ(s.state(), v1::REPORT_STATE_INDEXED) << s.report_id() << ": " << s.error();
    EXPECT_FALSE(s.extractor_version().empty()) << s.report_id();
  }
}

TEST_F(PipelineTest, IngestingAgainFindsTheSameReportsAlreadyKnown) {
  v1::IngestRequest request;
  request.set_content(ReadSample(SampleNames().back()));
  v1::IngestResponse response;
  const grpc::Status status =
      cluster_->IngestStub()->Ingest(ContextWithDeadline().get(), request, &response);
  ASSERT_TRUE(status.ok()) << Describe(status);
  ASSERT_EQ(response.reports_size(), 1);
  EXPECT_TRUE(response.reports(0).already_known());
  EXPECT_EQ(ids_->count(response.reports(0).report_id()), 1u);
}

TEST_F(PipelineTest, PrefectureGdpIsQueryableWithItsValue) {
  const auto facts = Facts("云浮市", "gdp", "2020", v1::KIND_ACTUAL, v1::MEASURE_VALUE);
  ASSERT_FALSE(facts.empty()) << cluster_->Logs();
  EXPECT_DOUBLE_EQ(facts[0].fact().value(), 100218000000.0);
  EXPECT_EQ(facts[0].fact().unit(), "元");
  EXPECT_EQ(facts[0].region().name(), "云浮市");
  EXPECT_EQ(facts[0].report_year(), 2021);
  EXPECT_NE(facts[0].fact().evidence().text().find("1002.18"), std::string::npos);
}

TEST_F(PipelineTest, RegionFilterAcceptsTraditionalNamesAndCodes) {
  const auto by_code = Facts("445300", "gdp", "2020", v1::KIND_ACTUAL, v1::MEASURE_VALUE);
  const auto by_traditional = Facts("雲浮市", "gdp", "2020", v1::KIND_ACTUAL, v1::MEASURE_VALUE);
  ASSERT_FALSE(by_code.empty());
  ASSERT_EQ(by_code.size(), by_traditional.size());
  EXPECT_EQ(by_code[0].report_id(), by_traditional[0].report_id());
}

TEST_F(PipelineTest, TargetKeepsItsQualifier) {
  const auto facts = Facts("云浮市", "gdp", "2021", v1::KIND_TARGET, v1::MEASURE_GROWTH);
  ASSERT_FALSE(facts.empty());
  EXPECT_DOUBLE_EQ(facts[0].fact().value(), 7.0);
  EXPECT_EQ(facts[0].fact().qualifier(), v1::QUALIFIER_ABOUT);
  const auto at_least = Facts("榕城区", "gdp", "2021", v1::KIND_TARGET, v1::MEASURE_GROWTH);
  ASSERT_FALSE(at_least.empty());
  EXPECT_EQ(at_least[0].fact().qualifier(), v1::QUALIFIER_AT_LEAST);
}

TEST_F(PipelineTest, DistrictMetadataNamesItsPrefecture) {
  v1::ListReportsRequest request;
  request.mutable_region()->add_regions("榕城区");
  v1::ListReportsResponse response;
  const grpc::Status status =
      cluster_->QueryStub()->ListReports(ContextWithDeadline().get(), request, &response);
  ASSERT_TRUE(status.ok()) << Describe(status);
  ASSERT_EQ(response.reports_size(), 1);
  const v1::ReportMetadata& meta = response.reports(0).meta();
  EXPECT_EQ(meta.region().parent(), "揭阳市");
  EXPECT_EQ(meta.region().code(), "445202");
  EXPECT_EQ(meta.region().level(), v1::LEVEL_DISTRICT);
  EXPECT_EQ(meta.report_year(), 2021);
  EXPECT_EQ(meta.doc_type(), v1::DOC_TYPE_GOVERNMENT_WORK_REPORT);
}

TEST_F(PipelineTest, WithinProvinceListsOnlyItsReports) {
  v1::ListReportsRequest request;
  request.mutable_region()->set_within("河南省");
  v1::ListReportsResponse response;
  const grpc::Status status =
      cluster_->QueryStub()->ListReports(ContextWithDeadline().get(), request, &response);
  ASSERT_TRUE(status.ok()) << Describe(status);
  ASSERT_EQ(response.reports_size(), 1);
  EXPECT_EQ(response.reports(0).meta().region().name(), "凤泉区");
}

TEST_F(PipelineTest, GetReportReturnsTextWhoseOffsetsMatchEvidence) {
  const auto facts = Facts("云浮市", "gdp", "2020", v1::KIND_ACTUAL, v1::MEASURE_VALUE);
  ASSERT_FALSE(facts.empty());
  v1::GetReportRequest request;
  request.set_report_id(facts[0].report_id());
  v1::Report report;
  const grpc::Status status =
      cluster_->QueryStub()->GetReport(ContextWithDeadline().get(), request, &report);
  ASSERT_TRUE(status.ok()) << Describe(status);
  EXPECT_FALSE(report.normalized_text().empty());
  EXPECT_GT(report.facts_size(), 5);
  // Evidence offsets count code points: decode to UTF-32 and compare the span.
  std::u32string text;
  for (size_t i = 0; i < report.normalized_text().size();) {
    const unsigned char c = report.normalized_text()[i];
    const int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (report.normalized_text()[i + k] & 0x3F);
    text.push_back(cp);
    i += n;
  }
  const v1::Evidence& evidence = facts[0].fact().evidence();
  ASSERT_LE(evidence.end(), static_cast<int>(text.size()));
  ASSERT_LT(evidence.begin(), evidence.end());
  std::string span;
  for (int i = evidence.begin(); i < evidence.end(); ++i) {
    const char32_t cp = text[i];
    if (cp < 0x80) {
      span += static_cast<char>(cp);
    } else if (cp < 0x800) {
      span += static_cast<char>(0xC0 | (cp >> 6));
      span += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      span += static_cast<char>(0xE0 | (cp >> 12));
      span += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      span += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      span += static_cast<char>(0xF0 | (cp >> 18));
      span += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      span += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      span += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  EXPECT_EQ(span, evidence.text());
}

TEST_F(PipelineTest, SimplifiedQueryFindsTraditionalReport) {
  v1::SearchRequest request;
  request.set_query("\"广州北站\"");  // written 廣州北站 in the 花都区 report
  v1::SearchResponse response;
  const grpc::Status status =
      cluster_->QueryStub()->Search(ContextWithDeadline().get(), request, &response);
  ASSERT_TRUE(status.ok()) << Describe(status);
  ASSERT_GE(response.hits_size(), 1);
  EXPECT_EQ(response.hits(0).meta().region().name(), "花都区");
  ASSERT_GE(response.hits(0).snippets_size(), 1);
  EXPECT_NE(response.hits(0).snippets(0).text().find("廣州北站"), std::string::npos);
}

TEST_F(PipelineTest, RegionsListCountsReports) {
  v1::ListRegionsRequest request;
  request.mutable_region()->set_within("广东省");
  v1::ListRegionsResponse response;
  const grpc::Status status =
      cluster_->QueryStub()->ListRegions(ContextWithDeadline().get(), request, &response);
  ASSERT_TRUE(status.ok()) << Describe(status);
  std::set<std::string> names;
  for (const auto& r : response.regions()) {
    names.insert(r.region().name());
    EXPECT_GE(r.report_count(), 1);
  }
  EXPECT_TRUE(names.count("云浮市")) << response.DebugString();
  EXPECT_TRUE(names.count("花都区"));
  EXPECT_FALSE(names.count("凤泉区"));  // in 河南省
}

TEST_F(PipelineTest, ExtractionServiceAnswersDirectly) {
  v1::ExtractRequest request;
  request.set_normalized_text(
      "2021年云浮市政府工作报告\n全年实现地区生产总值1002.18亿元,增长4.1%。");
  v1::ExtractResponse response;
  const grpc::Status status =
      cluster_->ExtractionStub()->Extract(ContextWithDeadline().get(), request, &response);
  ASSERT_TRUE(status.ok()) << Describe(status);
  EXPECT_FALSE(response.report().report_id().empty());
  EXPECT_FALSE(response.report().extractor_version().empty());
  v1::ExtractResponse again;
  ASSERT_TRUE(
      cluster_->ExtractionStub()->Extract(ContextWithDeadline().get(), request, &again).ok());
  EXPECT_TRUE(again.cache_hit());
  EXPECT_EQ(again.report().report_id(), response.report().report_id());
}

// Runs the govreport CLI against the cluster; returns its exit code, stdout in *out.
int RunCli(const std::string& args, std::string* out, std::string* err) {
  const std::string dir = MakeTempDir("cli-");
  const std::string command = absl::StrCat(
      std::getenv("GOVREPORT_BIN_DIR"), "/govreport ", args, " >", dir, "/out 2>", dir, "/err");
  const int status = std::system(command.c_str());
  std::ifstream out_file(dir + "/out"), err_file(dir + "/err");
  std::ostringstream out_text, err_text;
  out_text << out_file.rdbuf();
  err_text << err_file.rdbuf();
  *out = out_text.str();
  *err = err_text.str();
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST_F(PipelineTest, CliQueriesTheServices) {
  const std::string targets = absl::StrCat("--ingest=", cluster_->ingest().address(),
                                           " --query=", cluster_->query().address());
  std::string out, err;
  ASSERT_EQ(RunCli("wait --timeout=60 " + targets, &out, &err), 0) << err;
  EXPECT_NE(out.find("12 report(s) done"), std::string::npos) << out;

  ASSERT_EQ(RunCli("facts --indicator=gdp --region=云浮市 --period=2020 --kind=actual "
                   "--measure=value --json " + targets, &out, &err), 0) << err;
  EXPECT_NE(out.find("100218000000"), std::string::npos) << out;
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1) << out;

  ASSERT_EQ(RunCli("reports --within=广东省 " + targets, &out, &err), 0) << err;
  EXPECT_NE(out.find("榕城区 (揭阳市)"), std::string::npos) << out;
  EXPECT_NE(out.find("11 report(s)"), std::string::npos) << out;

  EXPECT_EQ(RunCli("get rnosuchreport " + targets, &out, &err), 1);
  EXPECT_NE(err.find("NOT_FOUND"), std::string::npos) << err;

  EXPECT_EQ(RunCli("facts --indicator=no_such_indicator " + targets, &out, &err), 1);
  EXPECT_NE(err.find("INVALID_ARGUMENT"), std::string::npos) << err;

  EXPECT_EQ(RunCli("facts --kind=sometimes " + targets, &out, &err), 2);
}

}  // namespace
}  // namespace govreport::testing
