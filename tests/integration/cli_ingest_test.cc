// The govreport CLI's bulk ingest (one IngestStream) and filtered reextract against the real
// services: per-file results and errors, and a filter that picks exactly the matching report.
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/cluster.h"

namespace govreport::testing {
namespace {

using ::testing::HasSubstr;

struct CliRun {
  int code;
  std::string out;
  std::string err;
};

CliRun RunCli(const std::string& args) {
  const std::string dir = MakeTempDir("cli-ingest-");
  const std::string command = absl::StrCat(std::getenv("GOVREPORT_BIN_DIR"), "/govreport ", args,
                                           " >", dir, "/out 2>", dir, "/err");
  const int status = std::system(command.c_str());
  std::ifstream out_file(dir + "/out"), err_file(dir + "/err");
  std::ostringstream out_text, err_text;
  out_text << out_file.rdbuf();
  err_text << err_file.rdbuf();
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out_text.str(), err_text.str()};
}

std::string Sample(const std::string& name) {
  return absl::StrCat(std::getenv("GOVREPORT_SOURCE_DIR"), "/data/samples/", name);
}

TEST(CliIngestTest, BulkIngestThenReextractByFilter) {
  auto started = Cluster::Start(ClusterOptions());
  ASSERT_TRUE(started.ok()) << started.status();
  Cluster& cluster = **started;
  const std::string target = absl::StrCat("--ingest=", cluster.ingest().address());
  const std::string first = Sample("001_58fcb929861e5ebb.txt");
  const std::string second = Sample("002_7d54046d113e74f1.txt");

  CliRun run = RunCli(absl::StrCat("ingest ", first, " ", second, " ", target));
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr(first + ": "));
  EXPECT_THAT(run.out, HasSubstr(second + ": "));
  EXPECT_THAT(run.out, HasSubstr("ingested: files 2,"));
  EXPECT_THAT(run.out, HasSubstr("already known 0, errors 0"));

  // Again, with an empty file between: the stream goes on past it and names it.
  const std::string empty = MakeTempDir("cli-ingest-empty-") + "/empty.txt";
  { std::ofstream(empty).flush(); }
  run = RunCli(absl::StrCat("ingest ", first, " ", empty, " ", second, " ", target));
  EXPECT_EQ(run.code, 1);
  EXPECT_THAT(run.err, HasSubstr(empty + ": IngestService.IngestStream"));
  EXPECT_THAT(run.err, HasSubstr("empty document"));
  EXPECT_THAT(run.out, HasSubstr("ingested: files 3,"));
  EXPECT_THAT(run.out, HasSubstr(", new 0,"));
  EXPECT_THAT(run.out, HasSubstr("errors 1"));

  auto settled = cluster.WaitUntilSettled(2);
  ASSERT_TRUE(settled.ok()) << settled.status() << cluster.Logs();
  std::string second_id;
  for (const v1::ReportStatus& status : *settled) {
    EXPECT_EQ(status.state(), v1::REPORT_STATE_INDEXED) << status.error();
    if (status.source_uri() == second) second_id = status.report_id();
  }
  ASSERT_FALSE(second_id.empty());

  // Filter by what the extractor stored for the second file, not by names written here.
  v1::GetReportRequest get;
  get.set_report_id(second_id);
  get.set_omit_text(true);
  v1::Report report;
  const grpc::Status got = cluster.QueryStub()->GetReport(ContextWithDeadline().get(), get, &report);
  ASSERT_TRUE(got.ok()) << got.error_message();
  ASSERT_FALSE(report.meta().region().name().empty());
  ASSERT_NE(report.meta().report_year(), 0);
  const int year = report.meta().report_year();
  size_t same_region_and_year = 0;
  for (const v1::ReportStatus& status : *settled) {
    v1::GetReportRequest other;
    other.set_report_id(status.report_id());
    other.set_omit_text(true);
    v1::Report other_report;
    ASSERT_TRUE(cluster.QueryStub()
                    ->GetReport(ContextWithDeadline().get(), other, &other_report)
                    .ok());
    if (other_report.meta().region().name() == report.meta().region().name() &&
        other_report.meta().report_year() == year) {
      ++same_region_and_year;
    }
  }

  run = RunCli(absl::StrCat("reextract --region=", report.meta().region().name(),
                            " --year_from=", year, " --year_to=", year, " ", target));
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_EQ(run.out, absl::StrCat("scheduled ", same_region_and_year,
                                  " report(s) for re-extraction\n"));

  run = RunCli(absl::StrCat("reextract --region=", report.meta().region().name(),
                            " --year_from=", year + 1, " ", target));
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_EQ(run.out, "scheduled 0 report(s) for re-extraction\n");

  settled = cluster.WaitUntilSettled(2);
  ASSERT_TRUE(settled.ok()) << settled.status() << cluster.Logs();
  for (const v1::ReportStatus& status : *settled) {
    EXPECT_EQ(status.state(), v1::REPORT_STATE_INDEXED) << status.error();
  }
}

}  // namespace
}  // namespace govreport::testing
