#include "services/ingest/grpc_clients.h"

#include <memory>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"

namespace govreport::ingest {
namespace {

using govreport::v1::Report;

class EchoExtraction final : public govreport::v1::ExtractionService::Service {
 public:
  grpc::Status Extract(grpc::ServerContext*, const govreport::v1::ExtractRequest* request,
                       govreport::v1::ExtractResponse* response) override {
    if (request->normalized_text() == "bad") {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "bad text");
    }
    response->mutable_report()->set_report_id(request->report_id());
    response->mutable_report()->set_extractor_version("echo-1");
    response->mutable_report()->mutable_source()->set_uri(request->source().uri());
    return grpc::Status::OK;
  }
};

// IndexReport blocks until the call is cancelled (or its deadline passes).
class StuckQuery final : public govreport::v1::QueryService::Service {
 public:
  grpc::Status IndexReport(grpc::ServerContext* context, const govreport::v1::IndexReportRequest*,
                           govreport::v1::IndexReportResponse*) override {
    entered.Notify();
    while (!context->IsCancelled()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return grpc::Status(grpc::StatusCode::CANCELLED, "cancelled");
  }
  absl::Notification entered;
};

class GrpcClientsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(&extraction_service_);
    builder.RegisterService(&query_service_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
  }
  void TearDown() override { server_->Shutdown(std::chrono::system_clock::now()); }
  std::string Target() const { return absl::StrCat("127.0.0.1:", port_); }

  EchoExtraction extraction_service_;
  StuckQuery query_service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

TEST_F(GrpcClientsTest, ExtractSendsTextAndReturnsReport) {
  GrpcExtractionClient client(MakeChannel(Target()));
  Report report;
  report.set_report_id("r1");
  report.set_normalized_text("云浮市政府工作报告");
  report.mutable_source()->set_uri("file:///x");
  auto result = client.Extract(report, absl::Seconds(30));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->report_id(), "r1");
  EXPECT_EQ(result->extractor_version(), "echo-1");
  EXPECT_EQ(result->source().uri(), "file:///x");
}

TEST_F(GrpcClientsTest, ServerErrorsKeepTheirCode) {
  GrpcExtractionClient client(MakeChannel(Target()));
  Report report;
  report.set_normalized_text("bad");
  auto result = client.Extract(report, absl::Seconds(30));
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(result.status().message(), "bad text");
}

TEST_F(GrpcClientsTest, DeadlineApplies) {
  GrpcIndexClient client(MakeChannel(Target()));
  absl::Status status = client.IndexReport(Report(), absl::Milliseconds(50));
  EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded) << status;
}

TEST_F(GrpcClientsTest, CancelAllEndsCallsInFlightAndLaterOnes) {
  GrpcIndexClient client(MakeChannel(Target()));
  absl::Status status;
  std::thread caller([&] { status = client.IndexReport(Report(), absl::Seconds(600)); });
  query_service_.entered.WaitForNotification();
  client.CancelAll();
  caller.join();
  EXPECT_EQ(status.code(), absl::StatusCode::kCancelled) << status;
  EXPECT_EQ(client.IndexReport(Report(), absl::Seconds(600)).code(),
            absl::StatusCode::kCancelled);
}

TEST(GrpcClientsRestartTest, CallMadeWhilePeerIsDownCompletesOnceItStarts) {
  EchoExtraction service;
  int port = 0;
  {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&service);
    std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
    ASSERT_NE(server, nullptr);
    server->Shutdown(std::chrono::system_clock::now());
  }
  GrpcExtractionClient client(MakeChannel(absl::StrCat("127.0.0.1:", port)));
  absl::StatusOr<Report> result;
  Report report;
  report.set_report_id("r1");
  report.set_normalized_text("text");
  std::thread caller([&] { result = client.Extract(report, absl::Seconds(120)); });
  // Let the call find the peer down first (the outcome does not depend on this pause).
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  grpc::ServerBuilder builder;
  int same_port = 0;
  builder.AddListeningPort(absl::StrCat("127.0.0.1:", port), grpc::InsecureServerCredentials(),
                           &same_port);
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  ASSERT_EQ(same_port, port);
  caller.join();
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->report_id(), "r1");
  server->Shutdown(std::chrono::system_clock::now());
}

}  // namespace
}  // namespace govreport::ingest
