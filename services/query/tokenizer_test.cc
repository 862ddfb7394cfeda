#include "services/query/tokenizer.h"

#include "gtest/gtest.h"

namespace govreport::query {
namespace {

TEST(TokenizerTest, UnigramsBigramsAndWords) {
  DocTerms terms = TokenizeDocument("GDP增长6%，地区");
  EXPECT_EQ(terms.positions["gdp"], std::vector<uint32_t>{0});
  EXPECT_EQ(terms.positions["增长"], std::vector<uint32_t>{3});
  EXPECT_EQ(terms.positions["增"], std::vector<uint32_t>{3});
  EXPECT_EQ(terms.positions["长"], std::vector<uint32_t>{4});
  EXPECT_EQ(terms.positions["6"], std::vector<uint32_t>{5});
  EXPECT_EQ(terms.positions["地区"], std::vector<uint32_t>{8});
  EXPECT_FALSE(terms.positions.contains("长6"));
  EXPECT_FALSE(terms.positions.contains("，地"));
  // gdp, 增, 增长, 长, 6, 地, 地区, 区
  EXPECT_EQ(terms.length, 8u);
}

TEST(TokenizerTest, FoldsTraditionalAndFullWidth) {
  DocTerms simplified = TokenizeDocument("地区生产总值ＧＤＰ　１２");
  DocTerms traditional = TokenizeDocument("地區生產總值GDP 12");
  EXPECT_EQ(simplified.positions, traditional.positions);
  EXPECT_TRUE(simplified.positions.contains("gdp"));
  EXPECT_TRUE(simplified.positions.contains("12"));
}

TEST(TokenizerTest, QueryPhrasesAndQuotes) {
  auto phrases = ParseQuery("地区生产总值  \"一般 公共\" 省");
  ASSERT_EQ(phrases.size(), 3u);
  // A word of ideographs is its bigrams at their offsets (covered unigrams dropped).
  ASSERT_EQ(phrases[0].terms.size(), 5u);
  EXPECT_EQ(phrases[0].terms[0].term, "地区");
  EXPECT_EQ(phrases[0].terms[4].term, "总值");
  EXPECT_EQ(phrases[0].terms[4].offset, 4u);
  // The quoted phrase keeps the space between its words as an offset gap.
  ASSERT_EQ(phrases[1].terms.size(), 2u);
  EXPECT_EQ(phrases[1].terms[1].term, "公共");
  EXPECT_EQ(phrases[1].terms[1].offset, 3u);
  // One character: a unigram.
  ASSERT_EQ(phrases[2].terms.size(), 1u);
  EXPECT_EQ(phrases[2].terms[0].term, "省");
}

TEST(TokenizerTest, PunctuationOnlyQueryHasNoPhrases) {
  EXPECT_TRUE(ParseQuery("，。！ \"\"").empty());
  EXPECT_TRUE(ParseQuery("").empty());
}

}  // namespace
}  // namespace govreport::query
