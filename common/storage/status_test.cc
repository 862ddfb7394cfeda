#include "common/storage/status.h"

#include "gtest/gtest.h"

namespace govreport::storage {
namespace {

TEST(ToAbslStatusTest, OkStaysOk) {
  EXPECT_TRUE(ToAbslStatus(rocksdb::Status::OK(), "anything").ok());
}

TEST(ToAbslStatusTest, MapsCodesAndKeepsContext) {
  absl::Status status = ToAbslStatus(rocksdb::Status::Corruption("bad block"), "read r1");
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(status.message().find("read r1"), std::string_view::npos);
  EXPECT_NE(status.message().find("bad block"), std::string_view::npos);

  EXPECT_EQ(ToAbslStatus(rocksdb::Status::NotFound(), "x").code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ToAbslStatus(rocksdb::Status::IOError("lock held"), "x").code(),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(ToAbslStatus(rocksdb::Status::NoSpace(), "x").code(),
            absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(ToAbslStatus(rocksdb::Status::InvalidArgument("bad"), "x").code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ToAbslStatus(rocksdb::Status::Incomplete(), "x").code(),
            absl::StatusCode::kInternal);
}

}  // namespace
}  // namespace govreport::storage
