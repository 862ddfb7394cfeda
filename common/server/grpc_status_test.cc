#include "common/server/grpc_status.h"

#include "gtest/gtest.h"

namespace govreport::server {
namespace {

TEST(GrpcStatusTest, RoundTripKeepsCodeAndMessage) {
  absl::Status original = absl::ResourceExhaustedError("document is 20 bytes; the limit is 10");
  grpc::Status converted = ToGrpcStatus(original);
  EXPECT_EQ(converted.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(converted.error_message(), "document is 20 bytes; the limit is 10");
  EXPECT_EQ(ToAbslStatus(converted), original);
}

TEST(GrpcStatusTest, OkMapsToOk) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
  EXPECT_TRUE(ToAbslStatus(grpc::Status::OK).ok());
}

TEST(GrpcStatusTest, EveryCanonicalCodeKeepsItsNumber) {
  for (int code = 1; code <= 16; ++code) {
    absl::Status status(static_cast<absl::StatusCode>(code), "x");
    EXPECT_EQ(static_cast<int>(ToGrpcStatus(status).error_code()), code);
  }
}

}  // namespace
}  // namespace govreport::server
