#include "services/ingest/report_store.h"


#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/testing/scratch_dir.h"
#include "gtest/gtest.h"

namespace govreport::ingest {
namespace {

using govreport::v1::ReportStatus;

class ReportStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test_support::FreshScratchDir("report_store_test");
    Reopen();
  }
  void TearDown() override {
    store_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Reopen() {
    store_.reset();
    db_.reset();
    auto db = storage::Database::Open(dir_, ReportStore::ColumnFamilies());
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    store_ = std::make_unique<ReportStore>(db_.get());
  }
  static ReportStore::NewReport New(const std::string& id, const std::string& text = "text") {
    ReportStore::NewReport report;
    report.report.set_report_id(id);
    report.report.set_normalized_text(text);
    report.report.mutable_source()->set_uri("uri-" + id);
    report.title = "title-" + id;
    return report;
  }

  std::string dir_;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<ReportStore> store_;
};

TEST_F(ReportStoreTest, AddStoresOnceAndSurvivesReopen) {
  auto first = store_->Add({New("r1"), New("r2"), New("r1")});
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_EQ(first->size(), 3u);
  EXPECT_FALSE((*first)[0].already_known);
  EXPECT_TRUE((*first)[0].needs_processing);
  EXPECT_FALSE((*first)[1].already_known);
  EXPECT_TRUE((*first)[2].already_known);  // repeated within the document
  EXPECT_FALSE((*first)[2].needs_processing);

  Reopen();
  auto second = store_->Add({New("r2")});
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE((*second)[0].already_known);
  EXPECT_FALSE((*second)[0].needs_processing);

  auto status = store_->GetStatus("r1");
  ASSERT_TRUE(status.ok() && status->has_value());
  EXPECT_EQ((*status)->state(), govreport::v1::REPORT_STATE_STORED);
  EXPECT_EQ((*status)->attempts(), 0);
  EXPECT_EQ((*status)->title(), "title-r1");
  EXPECT_EQ((*status)->source_uri(), "uri-r1");
  EXPECT_GT((*status)->updated_unix_ms(), 0);
  auto report = store_->GetReport("r1");
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->normalized_text(), "text");
}

TEST_F(ReportStoreTest, UnknownIds) {
  auto status = store_->GetStatus("nope");
  ASSERT_TRUE(status.ok());
  EXPECT_FALSE(status->has_value());
  EXPECT_EQ(store_->GetReport("nope").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store_->Reset("nope", [](const ReportStatus&) { return true; }).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(ReportStoreTest, UpdateIsRefusedAfterAReset) {
  ASSERT_TRUE(store_->Add({New("r1")}).ok());
  const uint64_t generation = store_->Generation("r1");
  ReportStatus status = **store_->GetStatus("r1");
  status.set_state(govreport::v1::REPORT_STATE_EXTRACTED);
  ASSERT_TRUE(*store_->Update(generation, status, nullptr));

  ASSERT_TRUE(*store_->Reset("r1", [](const ReportStatus&) { return true; }));
  EXPECT_EQ((**store_->GetStatus("r1")).state(), govreport::v1::REPORT_STATE_STORED);
  status.set_state(govreport::v1::REPORT_STATE_INDEXED);
  auto stale = store_->Update(generation, status, nullptr);
  ASSERT_TRUE(stale.ok());
  EXPECT_FALSE(*stale);
  EXPECT_EQ((**store_->GetStatus("r1")).state(), govreport::v1::REPORT_STATE_STORED);
}

TEST_F(ReportStoreTest, ResetHonoursPredicate) {
  ASSERT_TRUE(store_->Add({New("r1")}).ok());
  auto reset = store_->Reset("r1", [](const ReportStatus&) { return false; });
  ASSERT_TRUE(reset.ok());
  EXPECT_FALSE(*reset);
  EXPECT_EQ(store_->Generation("r1"), 0u);
}

TEST_F(ReportStoreTest, ReingestingAFailedReportGivesItANewChance) {
  ASSERT_TRUE(store_->Add({New("r1")}).ok());
  ReportStatus status = **store_->GetStatus("r1");
  status.set_state(govreport::v1::REPORT_STATE_FAILED);
  status.set_error("index: UNAVAILABLE");
  ASSERT_TRUE(*store_->Update(store_->Generation("r1"), status, nullptr));
  auto again = store_->Add({New("r1")});
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE((*again)[0].already_known);
  EXPECT_TRUE((*again)[0].needs_processing);
  ReportStatus after = **store_->GetStatus("r1");
  EXPECT_EQ(after.state(), govreport::v1::REPORT_STATE_STORED);
  EXPECT_TRUE(after.error().empty());
}

TEST_F(ReportStoreTest, ForEachStatusIsOrderedAndResumable) {
  ASSERT_TRUE(store_->Add({New("rc"), New("ra"), New("rb")}).ok());
  std::vector<std::string> ids;
  ASSERT_TRUE(store_->ForEachStatus("ra", [&](const ReportStatus& status) {
                      ids.push_back(status.report_id());
                      return true;
                    }).ok());
  EXPECT_EQ(ids, (std::vector<std::string>{"rb", "rc"}));
}

}  // namespace
}  // namespace govreport::ingest
