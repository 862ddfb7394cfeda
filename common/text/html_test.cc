#include "common/text/html.h"

#include "gtest/gtest.h"

namespace govreport::text {
namespace {

TEST(HtmlToTextTest, DropsScriptStyleHeadAndComments) {
  const std::string html =
      "<!DOCTYPE html><html><head><title>站点</title><style>p{color:red}</style></head>"
      "<body><script>var x = '<p>不要</p>';</script><!-- 注释 <p>也不要</p> -->"
      "<p>各位代表：</p><noscript>请启用脚本</noscript><p>现在，我代表市人民政府作报告。</p>"
      "</body></html>";
  EXPECT_EQ(HtmlToText(html), "各位代表：\n现在，我代表市人民政府作报告。");
}

TEST(HtmlToTextTest, BlockElementsBecomeLineBreaks) {
  EXPECT_EQ(HtmlToText("<div>一、回顾</div><div>二、目标<br>三、任务</div><h2>附件</h2><ul><li>甲</li>"
                       "<li>乙</li></ul>"),
            "一、回顾\n二、目标\n三、任务\n附件\n甲\n乙");
  EXPECT_EQ(HtmlToText("<table><tr><td>GDP</td><td>增长</td></tr><tr><td>8.5%</td></tr></table>"),
            "GDP 增长\n8.5%");
}

TEST(HtmlToTextTest, InlineTagsDoNotBreakText) {
  EXPECT_EQ(HtmlToText("<p>地区生产总值<span class=\"num\">增长<b>8.5%</b></span>。</p>"),
            "地区生产总值增长8.5%。");
}

TEST(HtmlToTextTest, DecodesEntities) {
  EXPECT_EQ(HtmlToText("<p>A&amp;B &lt;1&gt; &quot;q&quot; &#x589E;&#38271; &ldquo;十四五&rdquo;"
                       "&nbsp;&mdash;&unknown; &#0; &amp</p>"),
            "A&B <1> \"q\" 增长 \u201C十四五\u201D\u00A0\u2014&unknown; \uFFFD &");
}

TEST(HtmlToTextTest, SourceLineWrapsInsideChineseVanish) {
  EXPECT_EQ(HtmlToText("<p>全市地区生产总值\n    增长8.5%, up\n  from 2020</p>"),
            "全市地区生产总值增长8.5%, up from 2020");
}

TEST(HtmlToTextTest, ToleratesMalformedMarkup) {
  EXPECT_EQ(HtmlToText("a < b and 3<4 <p>x"), "a < b and 3<4\nx");
  EXPECT_EQ(HtmlToText("<p title='it\"s'>ok</p><script>never closed"), "ok");
  EXPECT_EQ(HtmlToText("<head><p>no end of head"), "no end of head");
  EXPECT_EQ(HtmlToText("<div"), "");
  EXPECT_EQ(HtmlToText("&#x110000;&#xD800;&#99999999999;"), "\uFFFD\uFFFD\uFFFD");
}

TEST(LooksLikeHtmlTest, SniffsMarkup) {
  EXPECT_TRUE(LooksLikeHtml("<!doctype html><html>"));
  EXPECT_TRUE(LooksLikeHtml("\n  <DIV class=x>政府工作报告</DIV>"));
  EXPECT_TRUE(LooksLikeHtml("<p>各位代表</p>"));
  EXPECT_FALSE(LooksLikeHtml("政府工作报告\n各位代表：3<4 且 a>b"));
}

TEST(SniffHtmlCharsetTest, FindsMetaDeclarations) {
  EXPECT_EQ(SniffHtmlCharset("<html><head><meta charset=\"GBK\"></head>"), "GBK");
  EXPECT_EQ(SniffHtmlCharset("<meta http-equiv=\"Content-Type\" content=\"text/html; "
                             "charset=gb2312\" />"),
            "gb2312");
  EXPECT_EQ(SniffHtmlCharset("<p>charset=big5 in text</p>"), "");
  EXPECT_EQ(SniffHtmlCharset("no html"), "");
}

}  // namespace
}  // namespace govreport::text
