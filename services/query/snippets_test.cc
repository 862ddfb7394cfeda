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
