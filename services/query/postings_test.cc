#include "services/query/postings.h"

#include "gtest/gtest.h"

namespace govreport::query {
namespace {

// All positions of a posting, as a PositionCursor reads them.
std::vector<uint32_t> ReadAll(std::string_view posting) {
  std::vector<uint32_t> out;
  for (PositionCursor c(posting); c.Valid(); c.Next()) out.push_back(c.position());
  return out;
}

TEST(PostingsTest, RoundTrips) {
  const std::vector<uint32_t> positions = {0, 3, 4, 200, 70000};
  const std::string value = EncodePosting(positions);
  EXPECT_EQ(PostingTermFrequency(value), 5u);
  EXPECT_EQ(ReadAll(value), positions);
  EXPECT_TRUE(ReadAll(EncodePosting({})).empty());
  // Deltas keep small gaps to one byte each.
  EXPECT_LT(EncodePosting({100, 101, 102, 103}).size(), 6u);
  EXPECT_EQ(PostingTermFrequency(""), 0u);
}

TEST(PostingsTest, AppendAddsAnEncodedPosting) {
  std::string out = "prefix";
  AppendPosting({5, 9}, &out);
  EXPECT_EQ(out, "prefix" + EncodePosting({5, 9}));
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
