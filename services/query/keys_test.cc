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

TEST(KeysTest, PostingKeysOfOneTermSortByDocnum) {
  EXPECT_LT(PostingKey("地区", 1), PostingKey("地区", 2));
  EXPECT_LT(PostingKey("地区", 255), PostingKey("地区", 256));
  EXPECT_LT(PostingKey("地区", 0xFFFFFFFF), PrefixSuccessor(PostingPrefix("地区")));
  // A term that extends another is a different range: the length byte separates them.
  const std::string a = PostingPrefix("ab");
  EXPECT_NE(PostingKey("abc", 0).substr(0, a.size()), a);
  EXPECT_EQ(DocnumAfterPrefix(PostingKey("地区", 77), PostingPrefix("地区")), 77u);
  EXPECT_FALSE(DocnumAfterPrefix(PostingKey("地区", 77), PostingPrefix("区")).has_value());
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
