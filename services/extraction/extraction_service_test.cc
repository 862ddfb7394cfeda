#include "services/extraction/extraction_service.h"


#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "common/util/content_id.h"
#include "common/testing/scratch_dir.h"
#include "gtest/gtest.h"

namespace govreport::extraction {
namespace {

// Counts calls and answers with a recognizable fact, so cache hits are observable.
class FakeExtractor : public extract::Extractor {
 public:
  govreport::v1::Report Extract(std::string_view normalized_text,
                                const govreport::v1::Source& source) const override {
    ++calls;
    govreport::v1::Report report;
    report.set_report_id(ReportIdForText(normalized_text));
    *report.mutable_source() = source;
    report.mutable_meta()->set_report_year(2021);
    report.mutable_meta()->set_doc_type(govreport::v1::DOC_TYPE_GOVERNMENT_WORK_REPORT);
    auto* fact = report.add_facts();
    fact->set_indicator("gdp");
    fact->set_value(static_cast<double>(normalized_text.size()));
    return report;
  }
  mutable std::atomic<int> calls{0};
};

class ExtractionServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test_support::FreshScratchDir("extraction_service_test");
    OpenCache();
  }
  void TearDown() override {
    cache_.reset();
    std::filesystem::remove_all(dir_);
  }
  void OpenCache() {
    cache_.reset();
    auto db = storage::Database::Open(dir_, ExtractionServiceImpl::ColumnFamilies());
    ASSERT_TRUE(db.ok()) << db.status();
    cache_ = std::move(*db);
  }
  ExtractionServiceImpl Service(size_t max_text_bytes = 1024, std::string version = "v1") {
    ExtractionServiceOptions options;
    options.max_text_bytes = max_text_bytes;
    options.extractor_version = std::move(version);
    return ExtractionServiceImpl(&extractor_, cache_.get(), options);
  }
  static govreport::v1::ExtractRequest Request(std::string text, std::string id = "") {
    govreport::v1::ExtractRequest request;
    request.set_normalized_text(std::move(text));
    request.set_report_id(std::move(id));
    request.mutable_source()->set_uri("file:///a.txt");
    return request;
  }

  std::string dir_;
  std::unique_ptr<storage::Database> cache_;
  FakeExtractor extractor_;
};

TEST_F(ExtractionServiceTest, EmptyTextIsInvalid) {
  auto result = Service().Extract(Request(""));
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(result.status().message(), "empty document");
  EXPECT_EQ(extractor_.calls, 0);
}

TEST_F(ExtractionServiceTest, OversizedTextNamesBothSizes) {
  auto result = Service(/*max_text_bytes=*/10).Extract(Request(std::string(11, 'a')));
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(result.status().message().find("11 bytes"), absl::string_view::npos)
      << result.status();
  EXPECT_NE(result.status().message().find("10 bytes"), absl::string_view::npos);
}

TEST_F(ExtractionServiceTest, TextAtTheLimitIsAccepted) {
  EXPECT_TRUE(Service(/*max_text_bytes=*/10).Extract(Request(std::string(10, 'a'))).ok());
}

TEST_F(ExtractionServiceTest, InvalidUtf8IsRejectedWithOffset) {
  // "政府" in GBK (D5FE B8AE) after two ASCII bytes: not UTF-8.
  auto result = Service().Extract(Request("ab\xD5\xFE\xB8\xAE"));
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(result.status().message().find("UTF-8"), absl::string_view::npos);
  EXPECT_NE(result.status().message().find("offset 2"), absl::string_view::npos)
      << result.status();
  EXPECT_EQ(extractor_.calls, 0);
}

TEST_F(ExtractionServiceTest, FillsIdentityAndProvenance) {
  const std::string text = "云浮市政府工作报告";
  auto result = Service().Extract(Request(text));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_FALSE(result->cache_hit());
  const auto& report = result->report();
  EXPECT_EQ(report.report_id(), ReportIdForText(text));
  EXPECT_EQ(report.text_sha256(), Sha256Hex(text));
  EXPECT_EQ(report.extractor_version(), "v1");
  EXPECT_EQ(report.source().uri(), "file:///a.txt");
  EXPECT_TRUE(report.normalized_text().empty());
  EXPECT_EQ(report.facts_size(), 1);

  auto with_id = Service().Extract(Request(text, "caller-id"));
  ASSERT_TRUE(with_id.ok());
  EXPECT_EQ(with_id->report().report_id(), "caller-id");
}

TEST_F(ExtractionServiceTest, SecondRequestIsServedFromCacheAcrossRestart) {
  const std::string text = "2021年政府工作报告";
  ASSERT_TRUE(Service().Extract(Request(text)).ok());
  OpenCache();  // the cache is durable enough to survive a clean restart
  govreport::v1::ExtractRequest again = Request(text, "other-id");
  again.mutable_source()->set_uri("https://example.org/b.html");
  auto result = Service().Extract(again);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->cache_hit());
  EXPECT_EQ(extractor_.calls, 1);
  // A hit still answers for this caller: its id and provenance, not the first caller's.
  EXPECT_EQ(result->report().report_id(), "other-id");
  EXPECT_EQ(result->report().source().uri(), "https://example.org/b.html");
  EXPECT_EQ(result->report().facts_size(), 1);
  EXPECT_EQ(result->report().meta().report_year(), 2021);
}

TEST_F(ExtractionServiceTest, NewExtractorVersionMissesTheCache) {
  const std::string text = "2022年政府工作报告";
  ASSERT_TRUE(Service(1024, "v1").Extract(Request(text)).ok());
  auto result = Service(1024, "v2").Extract(Request(text));
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(result->cache_hit());
  EXPECT_EQ(result->report().extractor_version(), "v2");
  EXPECT_EQ(extractor_.calls, 2);
}

TEST_F(ExtractionServiceTest, DropOtherVersionsKeepsOnlyTheCurrentOnes) {
  ASSERT_TRUE(Service(1024, "v1").Extract(Request("一")).ok());
  ASSERT_TRUE(Service(1024, "v1").Extract(Request("二")).ok());
  ASSERT_TRUE(Service(1024, "v2").Extract(Request("一")).ok());
  ExtractionServiceImpl v2 = Service(1024, "v2");
  auto dropped = v2.DropOtherVersions();
  ASSERT_TRUE(dropped.ok()) << dropped.status();
  EXPECT_EQ(*dropped, 2);
  EXPECT_EQ(*v2.DropOtherVersions(), 0);
  auto hit = v2.Extract(Request("一"));
  ASSERT_TRUE(hit.ok());
  EXPECT_TRUE(hit->cache_hit());
  auto gone = Service(1024, "v1").Extract(Request("二"));
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(gone->cache_hit());
}

TEST_F(ExtractionServiceTest, GrpcMethodMapsErrors) {
  ExtractionServiceImpl service = Service();
  govreport::v1::ExtractRequest request = Request("");
  govreport::v1::ExtractResponse response;
  grpc::Status status = service.Extract(nullptr, &request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "empty document");
}

}  // namespace
}  // namespace govreport::extraction
