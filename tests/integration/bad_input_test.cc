// Bad input over gRPC gets a status code and a message naming the problem, never a crash or a
// silent success; input without a report is stored, not rejected.
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/cluster.h"

namespace govreport::testing {
namespace {

using ::testing::AnyOf;
using ::testing::Eq;
using ::testing::HasSubstr;

class BadInputTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ClusterOptions options;
    options.ingest_flags = {"--max_document_bytes=4096"};
    auto cluster = Cluster::Start(options);
    ASSERT_TRUE(cluster.ok()) << cluster.status();
    cluster_ = cluster->release();
  }
  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
  }
  void SetUp() override {
    if (cluster_ == nullptr) GTEST_SKIP() << "cluster did not start";
  }

  grpc::Status Ingest(const std::string& content, const std::string& charset = "",
                      v1::IngestResponse* response = nullptr) {
    v1::IngestRequest request;
    request.set_content(content);
    request.set_charset(charset);
    v1::IngestResponse ignored;
    return cluster_->IngestStub()->Ingest(ContextWithDeadline().get(), request,
                                          response != nullptr ? response : &ignored);
  }

  grpc::Status QueryFacts(const v1::QueryFactsRequest& request) {
    v1::QueryFactsResponse response;
    return cluster_->QueryStub()->QueryFacts(ContextWithDeadline().get(), request, &response);
  }

  static Cluster* cluster_;
};

Cluster* BadInputTest::cluster_ = nullptr;

TEST_F(BadInputTest, EmptyBodyIsInvalidArgument) {
  const grpc::Status status = Ingest("");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("empty document"));
}

TEST_F(BadInputTest, UndecodableBytesAreInvalidArgument) {
  // 0xFF starts no character in UTF-8, GB18030 or Big5, and the odd length rules out UTF-16.
  const grpc::Status status = Ingest(std::string(101, '\xFF'));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << Describe(status);
  EXPECT_FALSE(status.error_message().empty());
}

TEST_F(BadInputTest, UnknownCharsetHintIsInvalidArgument) {
  const grpc::Status status = Ingest("政府工作报告", "NO-SUCH-CHARSET");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << Describe(status);
}

TEST_F(BadInputTest, OversizedDocumentIsRejected) {
  const grpc::Status status = Ingest(std::string(8192, 'a'));
  EXPECT_THAT(status.error_code(), AnyOf(Eq(grpc::StatusCode::RESOURCE_EXHAUSTED),
                                         Eq(grpc::StatusCode::INVALID_ARGUMENT)))
      << Describe(status);
}

TEST_F(BadInputTest, StreamCarriesPerDocumentErrorsAndContinues) {
  auto stub = cluster_->IngestStub();
  auto context = ContextWithDeadline();
  auto stream = stub->IngestStream(context.get());
  for (const std::string& content : {std::string("第一份文件：普通文字。"), std::string(),
                                     std::string("第三份文件：另一段普通文字。")}) {
    v1::IngestRequest request;
    request.set_content(content);
    ASSERT_TRUE(stream->Write(request));
  }
  stream->WritesDone();
  std::vector<v1::IngestStreamResponse> responses;
  v1::IngestStreamResponse response;
  while (stream->Read(&response)) responses.push_back(response);
  const grpc::Status status = stream->Finish();
  ASSERT_TRUE(status.ok()) << Describe(status);
  ASSERT_EQ(responses.size(), 3u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(responses[i].index(), i);
  EXPECT_EQ(responses[0].error_code(), 0);
  EXPECT_EQ(responses[0].result().reports_size(), 1);
  EXPECT_EQ(responses[1].error_code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_THAT(responses[1].error_message(), HasSubstr("empty document"));
  EXPECT_EQ(responses[2].error_code(), 0);
  EXPECT_EQ(responses[2].result().reports_size(), 1);
}

TEST_F(BadInputTest, DocumentWithoutReportIsStoredAsOther) {
  v1::IngestResponse response;
  const grpc::Status status =
      Ingest("今天天气很好，我们去公园散步，看到很多人在放风筝。\n没有任何数字。\n", "", &response);
  ASSERT_TRUE(status.ok()) << Describe(status);
  ASSERT_EQ(response.reports_size(), 1);
  const std::string id = response.reports(0).report_id();
  auto settled = cluster_->WaitUntilSettled(1);
  ASSERT_TRUE(settled.ok()) << settled.status() << "\n" << cluster_->Logs();

  v1::GetReportRequest request;
  request.set_report_id(id);
  v1::Report report;
  const grpc::Status got =
      cluster_->QueryStub()->GetReport(ContextWithDeadline().get(), request, &report);
  ASSERT_TRUE(got.ok()) << Describe(got) << "\n" << cluster_->Logs();
  EXPECT_EQ(report.meta().doc_type(), v1::DOC_TYPE_OTHER);
  EXPECT_EQ(report.facts_size(), 0);
}

TEST_F(BadInputTest, UnknownReportIdIsNotFound) {
  v1::GetStatusRequest status_request;
  status_request.add_report_ids("r000000000000000000000000");
  v1::GetStatusResponse status_response;
  grpc::Status status = cluster_->IngestStub()->GetStatus(ContextWithDeadline().get(),
                                                          status_request, &status_response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << Describe(status);
  EXPECT_THAT(status.error_message(), HasSubstr("r000000000000000000000000"));

  v1::GetReportRequest get;
  get.set_report_id("r000000000000000000000000");
  v1::Report report;
  status = cluster_->QueryStub()->GetReport(ContextWithDeadline().get(), get, &report);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << Describe(status);

  v1::DeleteReportRequest remove;
  remove.set_report_id("r000000000000000000000000");
  v1::DeleteReportResponse removed;
  status = cluster_->QueryStub()->DeleteReport(ContextWithDeadline().get(), remove, &removed);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << Describe(status);
}

TEST_F(BadInputTest, UnknownIndicatorIsInvalidArgumentNamingIt) {
  v1::QueryFactsRequest request;
  request.add_indicators("no_such_indicator");
  const grpc::Status status = QueryFacts(request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << Describe(status);
  EXPECT_THAT(status.error_message(), HasSubstr("no_such_indicator"));
}

TEST_F(BadInputTest, MalformedPeriodIsInvalidArgument) {
  v1::QueryFactsRequest request;
  request.set_period_from("20x0");
  EXPECT_EQ(QueryFacts(request).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(BadInputTest, ForgedPageTokenIsInvalidArgument) {
  v1::QueryFactsRequest request;
  request.set_page_token("not-a-token");
  EXPECT_EQ(QueryFacts(request).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(BadInputTest, EmptySearchIsInvalidArgument) {
  v1::SearchRequest request;
  v1::SearchResponse response;
  const grpc::Status status =
      cluster_->QueryStub()->Search(ContextWithDeadline().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << Describe(status);
}

TEST_F(BadInputTest, IndexReportWithoutIdIsInvalidArgument) {
  v1::IndexReportRequest request;
  request.mutable_report()->set_normalized_text("text");
  v1::IndexReportResponse response;
  const grpc::Status status =
      cluster_->QueryStub()->IndexReport(ContextWithDeadline().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << Describe(status);
}

TEST_F(BadInputTest, ExtractionRejectsEmptyText) {
  v1::ExtractRequest request;
  v1::ExtractResponse response;
  const grpc::Status status =
      cluster_->ExtractionStub()->Extract(ContextWithDeadline().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << Describe(status);
}

}  // namespace
}  // namespace govreport::testing
