#include "services/query/keys.h"

#include "gtest/gtest.h"

namespace govreport::query {
namespace {

TEST(KeysTest, VarintRoundTripsAndRejectsTruncation) {
  for (uint32_t v : {0u, 1u, 127u, 128u, 300u, 65535u, 0xFFFFFFFFu}) {
    std::string s;
    AppendVarint32(v, &s);
    std::string_view in = s;
    uint32_t out = 0;
    ASSERT_TRUE(GetVarint32(&in, &out));
    EXPECT_EQ(out, v);
    EXPECT_TRUE(in.empty());
    std::string_view truncated(s.data(), s.size() - 1);
    if (!truncated.empty()) EXPECT_FALSE(GetVarint32(&truncated, &out));
  }
}

TEST(KeysTest, BlocksOfOneSegmentAreOneRange) {
  EXPECT_EQ(BlockKey(7, "地区").substr(0, 5), BlockPrefix(7));
  EXPECT_LT(BlockKey(7, "\xff\xff"), PrefixSuccessor(BlockPrefix(7)));
  EXPECT_LE(PrefixSuccessor(BlockPrefix(7)), BlockPrefix(8));
  // Segment numbers sort numerically (big-endian).
  EXPECT_LT(BlockKey(255, "z"), BlockKey(256, "a"));
  EXPECT_EQ(TermOfBlockKey(BlockKey(9, "生产")), "生产");
  EXPECT_FALSE(TermOfBlockKey(SegmentKey(9)).has_value());
  EXPECT_EQ(DocnumAfterPrefix(SegmentKey(300), std::string(1, kSegmentTag)), 300u);
  std::string reused = "old contents";
  AssignBlockKey(3, "gdp", &reused);
  EXPECT_EQ(reused, BlockKey(3, "gdp"));
  EXPECT_EQ(BlockKey(1, std::string(300, 'x')).size(), 5u + 255u);
}

TEST(KeysTest, FactKeyRoundTrips) {
  auto parsed = ParseFactKey(FactKey("gdp", 12345, 7));
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->indicator, "gdp");
  EXPECT_EQ(parsed->docnum, 12345u);
  EXPECT_EQ(parsed->index, 7);
  EXPECT_FALSE(ParseFactKey("Fgdp").has_value());
  EXPECT_FALSE(ParseFactKey(DocKey(1)).has_value());
}

TEST(KeysTest, PrefixSuccessorCarries) {
  EXPECT_EQ(PrefixSuccessor("ab"), "ac");
  EXPECT_EQ(PrefixSuccessor(std::string("a\xff", 2)), "b");
  EXPECT_EQ(PrefixSuccessor(std::string("\xff", 1)), "");
}

}  // namespace
}  // namespace govreport::query
