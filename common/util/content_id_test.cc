#include "common/util/content_id.h"

#include <gtest/gtest.h>

namespace govreport {
namespace {

TEST(ContentIdTest, Sha256OfKnownVector) {
  EXPECT_EQ(Sha256Hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(ContentIdTest, SameTextSameIdDifferentTextDifferentId) {
  EXPECT_EQ(ReportIdForText("地区生产总值"), ReportIdForText("地区生产总值"));
  EXPECT_NE(ReportIdForText("地区生产总值"), ReportIdForText("地區生產總值"));
  EXPECT_EQ(ReportIdForText("x").size(), 25u);
  EXPECT_EQ(ReportIdForText("x")[0], 'r');
}

TEST(ContentIdTest, IdFromPrecomputedHashIsTheIdOfTheText) {
  const std::string text = "全年实现地区生产总值1002.18亿元";
  EXPECT_EQ(ReportIdFromSha256Hex(Sha256Hex(text)), ReportIdForText(text));
}

}  // namespace
}  // namespace govreport
