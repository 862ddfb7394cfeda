#include "services/query/postings.h"

#include "gtest/gtest.h"

namespace govreport::query {
namespace {

TEST(PostingsTest, RoundTrips) {
  const std::vector<uint32_t> positions = {0, 3, 4, 200, 70000};
  const std::string value = EncodePosting(positions);
  EXPECT_EQ(PostingTermFrequency(value), 5u);
  auto decoded = DecodePositions(value);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, positions);
  // Deltas keep small gaps to one byte each.
  EXPECT_LT(EncodePosting({100, 101, 102, 103}).size(), 6u);
}

TEST(PostingsTest, CorruptValuesAreDataLoss) {
  std::string value = EncodePosting({1, 2, 300});
  value.resize(value.size() - 1);
  EXPECT_EQ(DecodePositions(value).status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(DecodePositions("").status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(PostingTermFrequency(""), 0u);
}

TEST(PostingsTest, AppendAndDecodeIntoReuseBuffers) {
  std::string out = "prefix";
  AppendPosting({5, 9}, &out);
  EXPECT_EQ(out, "prefix" + EncodePosting({5, 9}));

  std::vector<uint32_t> positions = {7, 7, 7, 7, 7, 7};  // stale contents are replaced
  ASSERT_TRUE(DecodePositionsInto(EncodePosting({1, 300}), &positions).ok());
  EXPECT_EQ(positions, (std::vector<uint32_t>{1, 300}));
  ASSERT_TRUE(DecodePositionsInto(EncodePosting({}), &positions).ok());
  EXPECT_TRUE(positions.empty());
  positions = {4};
  EXPECT_EQ(DecodePositionsInto("", &positions).code(), absl::StatusCode::kDataLoss);
  EXPECT_TRUE(positions.empty());
}

}  // namespace
}  // namespace govreport::query

namespace govreport::query {
namespace {

TEST(PositionCursorTest, StreamsAndSeeks) {
  const std::string posting = EncodePosting({2, 5, 9, 300});
  PositionCursor c(posting);
  ASSERT_TRUE(c.Valid());
  EXPECT_EQ(c.remaining(), 4u);
  EXPECT_EQ(c.position(), 2u);
  c.SeekTo(6);
  ASSERT_TRUE(c.Valid());
  EXPECT_EQ(c.position(), 9u);
  c.SeekTo(9);  // already there
  EXPECT_EQ(c.position(), 9u);
  c.SeekTo(301);
  EXPECT_FALSE(c.Valid());
  EXPECT_FALSE(c.corrupt());
}

TEST(PositionCursorTest, TruncatedPostingIsCorruptNotEndless) {
  std::string posting = EncodePosting({1, 2, 300});
  posting.resize(posting.size() - 1);
  PositionCursor c(posting);
  c.SeekTo(1000);
  EXPECT_FALSE(c.Valid());
  EXPECT_TRUE(c.corrupt());
  EXPECT_TRUE(PositionCursor("").corrupt());
}

}  // namespace
}  // namespace govreport::query
