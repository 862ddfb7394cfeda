// Durability: every report the ingest service acknowledged survives a SIGKILL of that service
// in the middle of its pipeline work, and ends up indexed exactly once after a restart.
#include <set>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/integration/cluster.h"

namespace govreport::testing {
namespace {

TEST(CrashRecoveryTest, AcknowledgedReportsAreIndexedExactlyOnceAfterKill) {
  // The query service is not up yet, so the pipeline cannot finish anything: at the kill every
  // acknowledged report is still in flight (stored or extracted, waiting to be indexed).
  ClusterOptions options;
  options.start_query = false;
  // Retries keep coming quickly and never run out while the query service is away, so the test
  // waits on recovery rather than on backoff.
  options.ingest_flags = {"--max_attempts=1000", "--retry_max_backoff=1s"};
  auto started = Cluster::Start(options);
  ASSERT_TRUE(started.ok()) << started.status();
  Cluster& cluster = **started;

  std::set<std::string> acknowledged;
  auto ingest = cluster.IngestStub();
  for (const std::string& name : SampleNames()) {
    // Each sample twice, the second time with a distinct trailer: two different reports per
    // document, so the set is larger than the samples alone.
    for (const std::string& trailer : {std::string(), absl::StrCat("\n\n附：", name, "（副本）\n")}) {
      v1::IngestRequest request;
      request.set_content(ReadSample(name) + trailer);
      request.set_source_uri(name);
      v1::IngestResponse response;
      const grpc::Status status = ingest->Ingest(ContextWithDeadline().get(), request, &response);
      ASSERT_TRUE(status.ok()) << name << ": " << Describe(status) << "\n" << cluster.Logs();
      for (const auto& report : response.reports()) acknowledged.insert(report.report_id());
    }
  }
  ASSERT_GE(acknowledged.size(), 12u);

  cluster.ingest().Kill();
  ASSERT_TRUE(cluster.StartIngest().ok()) << cluster.Logs();
  ASSERT_TRUE(cluster.StartQuery().ok()) << cluster.Logs();

  auto settled = cluster.WaitUntilSettled(acknowledged.size());
  ASSERT_TRUE(settled.ok()) << settled.status() << "\n" << cluster.Logs();
  std::set<std::string> stored;
  for (const auto& s : *settled) {
    EXPECT_TRUE(stored.insert(s.report_id()).second) << "listed twice: " << s.report_id();
    EXPECT_EQ(s.state(), v1::REPORT_STATE_INDEXED) << s.report_id() << ": " << s.error();
  }
  EXPECT_EQ(stored, acknowledged);

  // The query side holds each report once.
  std::multiset<std::string> indexed;
  std::string token;
  do {
    v1::ListReportsRequest request;
    request.set_page_size(5);  // small pages also exercise the page tokens
    request.set_page_token(token);
    v1::ListReportsResponse response;
    const grpc::Status status =
        cluster.QueryStub()->ListReports(ContextWithDeadline().get(), request, &response);
    ASSERT_TRUE(status.ok()) << Describe(status);
    for (const auto& r : response.reports()) indexed.insert(r.report_id());
    token = response.next_page_token();
  } while (!token.empty());
  EXPECT_EQ(indexed.size(), acknowledged.size());
  EXPECT_EQ(std::set<std::string>(indexed.begin(), indexed.end()), acknowledged);
}

TEST(CrashRecoveryTest, QueryServiceKeepsItsIndexAcrossRestart) {
  auto started = Cluster::Start({});
  ASSERT_TRUE(started.ok()) << started.status();
  Cluster& cluster = **started;
  v1::IngestRequest request;
  request.set_content(ReadSample(SampleNames().front()));
  v1::IngestResponse response;
  ASSERT_TRUE(cluster.IngestStub()->Ingest(ContextWithDeadline().get(), request, &response).ok());
  auto settled = cluster.WaitUntilSettled(response.reports_size());
  ASSERT_TRUE(settled.ok()) << settled.status() << "\n" << cluster.Logs();

  cluster.query().Kill();
  ASSERT_TRUE(cluster.StartQuery().ok()) << cluster.Logs();
  v1::ListReportsRequest list;
  list.set_page_size(1000);
  v1::ListReportsResponse reports;
  const grpc::Status status =
      cluster.QueryStub()->ListReports(ContextWithDeadline().get(), list, &reports);
  ASSERT_TRUE(status.ok()) << Describe(status);
  EXPECT_EQ(reports.reports_size(), response.reports_size());
}

}  // namespace
}  // namespace govreport::testing
