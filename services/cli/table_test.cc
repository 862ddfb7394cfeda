#include "services/cli/table.h"

#include <sstream>

#include "gtest/gtest.h"

namespace govreport::cli {
namespace {

TEST(DisplayWidthTest, CountsCjkAsTwoColumns) {
  EXPECT_EQ(DisplayWidth("abc"), 3);
  EXPECT_EQ(DisplayWidth("云浮市"), 6);
  EXPECT_EQ(DisplayWidth("GDP增长"), 7);
  EXPECT_EQ(DisplayWidth("１２％"), 6);  // fullwidth digits and sign
  EXPECT_EQ(DisplayWidth("e\xCC\x81"), 1);  // e + combining acute
  EXPECT_EQ(DisplayWidth(""), 0);
}

TEST(DisplayWidthTest, MalformedBytesStillCount) {
  EXPECT_EQ(DisplayWidth("\xFF\xFE"), 2);
  EXPECT_EQ(DisplayWidth("\xE4\xBA"), 2);  // truncated sequence
}

TEST(TruncateToWidthTest, CutsWholeCharactersAndMarksTheCut) {
  EXPECT_EQ(TruncateToWidth("云浮市人民政府", 7), "云浮市…");
  EXPECT_EQ(TruncateToWidth("云浮市", 6), "云浮市");
  EXPECT_EQ(TruncateToWidth("abcdef", 4), "abc…");
}

TEST(TableTest, PadsByDisplayWidth) {
  Table table({{"region"}, {"gdp", Table::Align::kRight}});
  table.AddRow({"云浮市", "1002.18亿元"});
  table.AddRow({"Foo", "1"});
  std::ostringstream out;
  table.Print(out);
  EXPECT_EQ(out.str(),
            "region          gdp\n"
            "------  -----------\n"
            "云浮市  1002.18亿元\n"
            "Foo               1\n");
}

TEST(TableTest, MissingCellsAreEmptyAndNewlinesFlattened) {
  Table table({{"a"}, {"b"}});
  table.AddRow({"x\ny"});
  std::ostringstream out;
  table.Print(out);
  EXPECT_EQ(out.str(), "a    b\n---  -\nx y\n");
}

TEST(TruncateMarkedToWidthTest, NeverLeavesAHighlightOpen) {
  const std::string text = "全年«地区生产总值»增长";  // widths 4 + 1 + 12 + 1 + 4
  EXPECT_EQ(TruncateMarkedToWidth(text, 22, "«", "»"), text);
  // Cut inside the highlight: the close mark is kept and fits the width.
  EXPECT_EQ(TruncateMarkedToWidth(text, 13, "«", "»"), "全年«地区生»…");
  EXPECT_EQ(DisplayWidth(TruncateMarkedToWidth(text, 13, "«", "»")), 13);
  EXPECT_EQ(TruncateMarkedToWidth(text, 11, "«", "»"), "全年«地区»…");
  // No highlighted character fits: cut before the highlight rather than show "«»".
  EXPECT_EQ(TruncateMarkedToWidth(text, 7, "«", "»"), "全年…");
  // Cut after a closed highlight.
  EXPECT_EQ(TruncateMarkedToWidth(text, 21, "«", "»"), "全年«地区生产总值»增…");
  // A second highlight is treated like the first.
  EXPECT_EQ(TruncateMarkedToWidth("a«b»c«defgh»", 9, "«", "»"), "a«b»c«d»…");
  EXPECT_EQ(TruncateMarkedToWidth(text, 0, "«", "»"), "");
}

}  // namespace
}  // namespace govreport::cli
