#include "services/ingest/pipeline.h"


#include <deque>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "common/testing/scratch_dir.h"
#include "gtest/gtest.h"

namespace govreport::ingest {
namespace {

using govreport::v1::Report;
using govreport::v1::ReportStatus;

// Answers with the scripted errors first, then succeeds. Thread-safe.
class FakeExtraction : public ExtractionClient {
 public:
  absl::StatusOr<Report> Extract(const Report& report, absl::Duration timeout) override {
    absl::MutexLock lock(&mu_);
    calls_.push_back(report.report_id());
    if (block_) {
      entered_ = true;
      mu_.Await(absl::Condition(&cancelled_));
    }
    if (cancelled_) return absl::CancelledError("cancelled");
    if (!errors_.empty()) {
      absl::Status error = errors_.front();
      errors_.pop_front();
      return error;
    }
    Report result;
    result.set_report_id(report.report_id());
    result.set_extractor_version("fake-1");
    result.mutable_meta()->set_report_year(2021);
    result.add_facts()->set_indicator("gdp");
    EXPECT_GT(timeout, absl::ZeroDuration());
    return result;
  }
  void CancelAll() override {
    absl::MutexLock lock(&mu_);
    cancelled_ = true;
  }
  void FailWith(std::vector<absl::Status> errors) {
    absl::MutexLock lock(&mu_);
    errors_.assign(errors.begin(), errors.end());
  }
  void BlockUntilCancelled() {
    absl::MutexLock lock(&mu_);
    block_ = true;
  }
  void WaitUntilEntered() {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(&entered_));
  }
  std::vector<std::string> calls() {
    absl::MutexLock lock(&mu_);
    return calls_;
  }

 private:
  absl::Mutex mu_;
  std::deque<absl::Status> errors_;
  std::vector<std::string> calls_;
  bool block_ = false;
  bool entered_ = false;
  bool cancelled_ = false;
};

class FakeIndex : public IndexClient {
 public:
  absl::Status IndexReport(const Report& report, absl::Duration /*timeout*/) override {
    absl::MutexLock lock(&mu_);
    if (!errors_.empty()) {
      absl::Status error = errors_.front();
      if (errors_.size() > 1 || !repeat_last_) errors_.pop_front();
      return error;
    }
    indexed_.push_back(report);
    return absl::OkStatus();
  }
  // With repeat_last, the last error is returned forever.
  void FailWith(std::vector<absl::Status> errors, bool repeat_last = false) {
    absl::MutexLock lock(&mu_);
    errors_.assign(errors.begin(), errors.end());
    repeat_last_ = repeat_last;
  }
  std::vector<Report> indexed() {
    absl::MutexLock lock(&mu_);
    return indexed_;
  }

 private:
  absl::Mutex mu_;
  std::deque<absl::Status> errors_;
  bool repeat_last_ = false;
  std::vector<Report> indexed_;
};

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test_support::FreshScratchDir("pipeline_test");
    auto db = storage::Database::Open(dir_, ReportStore::ColumnFamilies());
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    store_ = std::make_unique<ReportStore>(db_.get());
  }
  void TearDown() override {
    pipeline_.reset();
    store_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  // Backoffs are tiny so retries happen at once; tests wait for idleness, never for time.
  Pipeline& StartPipeline(int max_attempts = 8) {
    PipelineOptions options;
    options.workers = 2;
    options.max_attempts = max_attempts;
    options.initial_backoff = absl::Microseconds(100);
    options.max_backoff = absl::Milliseconds(1);
    options.rpc_timeout = absl::Seconds(5);
    options.extractor_version = "configured";
    pipeline_ = std::make_unique<Pipeline>(store_.get(), &extraction_, &index_, options);
    absl::StatusOr<int64_t> started = pipeline_->Start();
    EXPECT_TRUE(started.ok()) << started.status();
    return *pipeline_;
  }
  void AddReports(const std::vector<std::string>& ids) {
    std::vector<ReportStore::NewReport> reports;
    for (const std::string& id : ids) {
      ReportStore::NewReport& report = reports.emplace_back();
      report.report.set_report_id(id);
      report.report.set_normalized_text("text of " + id);
      report.report.mutable_source()->set_uri("uri-" + id);
    }
    ASSERT_TRUE(store_->Add(reports).ok());
  }
  ReportStatus StatusOf(const std::string& id) {
    auto status = store_->GetStatus(id);
    EXPECT_TRUE(status.ok() && status->has_value());
    return status.ok() && status->has_value() ? **status : ReportStatus();
  }

  std::string dir_;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<ReportStore> store_;
  FakeExtraction extraction_;
  FakeIndex index_;
  std::unique_ptr<Pipeline> pipeline_;
};

TEST_F(PipelineTest, ScheduledReportsEndIndexed) {
  Pipeline& pipeline = StartPipeline();
  EXPECT_EQ(pipeline.CurrentExtractorVersion(), "configured");
  AddReports({"r1", "r2", "r3"});
  for (const char* id : {"r1", "r2", "r3"}) pipeline.Schedule(id);
  pipeline.WaitUntilIdle();

  for (const char* id : {"r1", "r2", "r3"}) {
    ReportStatus status = StatusOf(id);
    EXPECT_EQ(status.state(), govreport::v1::REPORT_STATE_INDEXED) << id;
    EXPECT_EQ(status.attempts(), 2);
    EXPECT_EQ(status.extractor_version(), "fake-1");
    EXPECT_TRUE(status.error().empty());
    // The stored report has the extraction result and keeps its text and provenance.
    Report stored = *store_->GetReport(id);
    EXPECT_EQ(stored.facts_size(), 1);
    EXPECT_EQ(stored.normalized_text(), std::string("text of ") + id);
    EXPECT_EQ(stored.source().uri(), std::string("uri-") + id);
  }
  std::vector<Report> indexed = index_.indexed();
  ASSERT_EQ(indexed.size(), 3u);
  for (const Report& report : indexed) {
    EXPECT_EQ(report.normalized_text(), "text of " + report.report_id());
    EXPECT_EQ(report.facts_size(), 1);
  }
  EXPECT_EQ(pipeline.CurrentExtractorVersion(), "fake-1");
}

TEST_F(PipelineTest, TransientErrorsAreRetried) {
  extraction_.FailWith({absl::UnavailableError("connection refused"),
                        absl::DeadlineExceededError("slow")});
  index_.FailWith({absl::UnavailableError("query restarting")});
  AddReports({"r1"});
  Pipeline& pipeline = StartPipeline();
  pipeline.WaitUntilIdle();
  ReportStatus status = StatusOf("r1");
  EXPECT_EQ(status.state(), govreport::v1::REPORT_STATE_INDEXED);
  EXPECT_EQ(status.attempts(), 5);  // 2 failed + 1 good extraction, 1 failed + 1 good index
  EXPECT_TRUE(status.error().empty());
  EXPECT_EQ(extraction_.calls().size(), 3u);
}

TEST_F(PipelineTest, InvalidArgumentFailsWithoutRetry) {
  extraction_.FailWith({absl::InvalidArgumentError("normalized_text is not valid UTF-8")});
  AddReports({"r1"});
  Pipeline& pipeline = StartPipeline();
  pipeline.WaitUntilIdle();
  ReportStatus status = StatusOf("r1");
  EXPECT_EQ(status.state(), govreport::v1::REPORT_STATE_FAILED);
  EXPECT_EQ(status.attempts(), 1);
  EXPECT_NE(status.error().find("extract"), std::string::npos) << status.error();
  EXPECT_NE(status.error().find("not valid UTF-8"), std::string::npos) << status.error();
  EXPECT_TRUE(index_.indexed().empty());
}

TEST_F(PipelineTest, GivesUpAfterMaxAttemptsWithTheLastError) {
  index_.FailWith({absl::UnavailableError("first"), absl::UnavailableError("still down")},
                  /*repeat_last=*/true);
  AddReports({"r1"});
  Pipeline& pipeline = StartPipeline(/*max_attempts=*/3);
  pipeline.WaitUntilIdle();
  ReportStatus status = StatusOf("r1");
  EXPECT_EQ(status.state(), govreport::v1::REPORT_STATE_FAILED);
  EXPECT_EQ(status.attempts(), 4);  // 1 extraction + 3 index attempts
  EXPECT_NE(status.error().find("index"), std::string::npos);
  EXPECT_NE(status.error().find("still down"), std::string::npos) << status.error();
  // The extraction result is kept: a later Reextract or re-ingest starts from scratch anyway.
  EXPECT_EQ(status.extractor_version(), "fake-1");
}

TEST_F(PipelineTest, StartResumesStoredAndExtractedReports) {
  AddReports({"stored", "extracted", "indexed"});
  // As a crashed predecessor left them: one extracted but not indexed, one finished.
  for (const auto& [id, state] :
       std::vector<std::pair<std::string, govreport::v1::ReportState>>{
           {"extracted", govreport::v1::REPORT_STATE_EXTRACTED},
           {"indexed", govreport::v1::REPORT_STATE_INDEXED}}) {
    ReportStatus status = StatusOf(id);
    status.set_state(state);
    status.set_attempts(state == govreport::v1::REPORT_STATE_EXTRACTED ? 1 : 2);
    Report report = *store_->GetReport(id);
    report.add_facts()->set_indicator("gdp");
    ASSERT_TRUE(*store_->Update(store_->Generation(id), status, &report));
  }
  PipelineOptions options;
  options.initial_backoff = absl::Microseconds(100);
  pipeline_ = std::make_unique<Pipeline>(store_.get(), &extraction_, &index_, options);
  absl::StatusOr<int64_t> resumed = pipeline_->Start();
  ASSERT_TRUE(resumed.ok());
  EXPECT_EQ(*resumed, 2);
  pipeline_->WaitUntilIdle();

  EXPECT_EQ(StatusOf("stored").state(), govreport::v1::REPORT_STATE_INDEXED);
  EXPECT_EQ(StatusOf("extracted").state(), govreport::v1::REPORT_STATE_INDEXED);
  EXPECT_EQ(StatusOf("extracted").attempts(), 2);
  // Only the report that was never extracted went to the extraction service.
  EXPECT_EQ(extraction_.calls(), std::vector<std::string>{"stored"});
  EXPECT_EQ(index_.indexed().size(), 2u);
}

TEST_F(PipelineTest, StopCancelsInFlightWorkWithoutSpendingItsBudget) {
  extraction_.BlockUntilCancelled();
  AddReports({"r1"});
  Pipeline& pipeline = StartPipeline();
  extraction_.WaitUntilEntered();
  pipeline.Stop(absl::ZeroDuration());
  ReportStatus status = StatusOf("r1");
  EXPECT_EQ(status.state(), govreport::v1::REPORT_STATE_STORED);
  EXPECT_EQ(status.attempts(), 0);
  EXPECT_TRUE(status.error().empty());
}

TEST_F(PipelineTest, ReextractWhileRunningRunsAgain) {
  AddReports({"r1"});
  Pipeline& pipeline = StartPipeline();
  pipeline.WaitUntilIdle();
  ASSERT_EQ(StatusOf("r1").state(), govreport::v1::REPORT_STATE_INDEXED);
  ASSERT_TRUE(*store_->Reset("r1", [](const ReportStatus&) { return true; }));
  pipeline.Schedule("r1");
  pipeline.WaitUntilIdle();
  EXPECT_EQ(StatusOf("r1").state(), govreport::v1::REPORT_STATE_INDEXED);
  EXPECT_EQ(extraction_.calls().size(), 2u);
  EXPECT_EQ(index_.indexed().size(), 2u);
}

TEST(IsTransientTest, ClassifiesCodes) {
  EXPECT_TRUE(IsTransient(absl::StatusCode::kUnavailable));
  EXPECT_TRUE(IsTransient(absl::StatusCode::kDeadlineExceeded));
  EXPECT_TRUE(IsTransient(absl::StatusCode::kResourceExhausted));
  EXPECT_FALSE(IsTransient(absl::StatusCode::kInvalidArgument));
  EXPECT_FALSE(IsTransient(absl::StatusCode::kNotFound));
  EXPECT_FALSE(IsTransient(absl::StatusCode::kUnimplemented));
}

}  // namespace
}  // namespace govreport::ingest
