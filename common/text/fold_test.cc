#include "common/text/fold.h"

#include <string>

#include "common/text/folded_text.h"
#include "common/text/utf8.h"
#include "gtest/gtest.h"

namespace govreport::text {
namespace {

std::string FoldAll(std::string_view utf8) { return ToUtf8(FoldedText(utf8).folded()); }

TEST(FoldTest, TraditionalToSimplified) {
  EXPECT_EQ(FoldAll("地區生產總值"), "地区生产总值");
  EXPECT_EQ(FoldAll("增長"), "增长");
  EXPECT_EQ(FoldAll("億"), "亿");
  EXPECT_EQ(FoldAll("萬"), "万");
  EXPECT_EQ(FoldAll("經濟發展"), "经济发展");
}

TEST(FoldTest, VariantCharacters) {
  EXPECT_EQ(FoldAll("産業"), "产业");
  // PDF text extraction yields Kangxi radicals in place of unified ideographs.
  EXPECT_EQ(FoldAll("⼯作"), "工作");
}

TEST(FoldTest, SimplifiedAndStandardCharactersStay) {
  for (std::string_view s : {"显著", "欠发达", "给予", "才能", "疏通", "一台"}) {
    EXPECT_EQ(FoldAll(s), s);
  }
}

TEST(FoldTest, FullWidthAndPunctuation) {
  EXPECT_EQ(FoldAll("１２３％－"), "123%-");
  EXPECT_EQ(FoldAll("ＧＤＰ　增长"), "GDP 增长");
  EXPECT_EQ(FoldAll("GDP"), "GDP");  // no case folding
  EXPECT_EQ(FoldCodePoint(U'—'), U'-');
}

TEST(FoldTest, OneCodePointPerCodePoint) {
  const FoldedText t("地區生產總值增長８．５％");
  EXPECT_EQ(t.size(), CountCodePoints(t.original()));
  EXPECT_EQ(t.Slice(0, 2), "地區");
  EXPECT_EQ(t.Slice(8, 100), "８．５％");
}

TEST(FoldTest, OutsideBmpUnchanged) { EXPECT_EQ(FoldCodePoint(0x20000), char32_t{0x20000}); }

}  // namespace
}  // namespace govreport::text
