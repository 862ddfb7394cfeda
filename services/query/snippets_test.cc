#include "services/query/snippets.h"

#include "common/text/utf8.h"
#include "gtest/gtest.h"

namespace govreport::query {
namespace {

TEST(SnippetsTest, HighlightsInCodePointsOfTheOriginalText) {
  const std::string text = "去年全市地區生產總值增長5%，今年預期地區生產總值增長6%左右。";
  SnippetOptions options;
  options.window = 12;
  options.lead = 2;
  auto snippets = MakeSnippets(text, ParseQuery("地区生产总值"), options);
  ASSERT_EQ(snippets.size(), 2u);
  EXPECT_EQ(snippets[0].offset(), 2);
  EXPECT_EQ(snippets[0].text(), "全市地區生產總值增長5%");
  ASSERT_EQ(snippets[0].highlights_size(), 1);
  EXPECT_EQ(snippets[0].highlights(0).begin(), 2);
  EXPECT_EQ(snippets[0].highlights(0).end(), 8);
  EXPECT_EQ(snippets[1].offset(), 17);
}

TEST(SnippetsTest, NoOccurrenceNoSnippet) {
  EXPECT_TRUE(MakeSnippets("没有相关内容", ParseQuery("财政"), {}).empty());
}

}  // namespace
}  // namespace govreport::query

namespace govreport::query {
namespace {

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST(SnippetsTest, FindsMatchesAcrossFoldingChunksAndLateInLongTexts) {
  // The first match straddles the 2048-code-point chunk boundary; the second phrase comes late.
  const std::string text = Repeat("。", 2046) + "地區生產總值" + Repeat("，", 6000) + "财政收入" + "。";
  auto snippets = MakeSnippets(text, ParseQuery("地区生产总值 财政收入"), {});
  ASSERT_EQ(snippets.size(), 2u);
  ASSERT_EQ(snippets[0].highlights_size(), 1);
  EXPECT_EQ(snippets[0].offset() + snippets[0].highlights(0).begin(), 2046);
  EXPECT_EQ(snippets[0].highlights(0).end() - snippets[0].highlights(0).begin(), 6);
  ASSERT_EQ(snippets[1].highlights_size(), 1);
  EXPECT_EQ(snippets[1].offset() + snippets[1].highlights(0).begin(), 2046 + 6 + 6000);
}

}  // namespace
}  // namespace govreport::query
