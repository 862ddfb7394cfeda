#include "common/regions/names.h"

#include "gtest/gtest.h"

namespace govreport::regions {
namespace {

TEST(ShortNameTest, DropsGenericSuffix) {
  EXPECT_EQ(ShortName("榕城区"), "榕城");
  EXPECT_EQ(ShortName("广东省"), "广东");
  EXPECT_EQ(ShortName("高州市"), "高州");
  EXPECT_EQ(ShortName("泗水镇"), "泗水");
  EXPECT_EQ(ShortName("紫金县"), "紫金");
  EXPECT_EQ(ShortName("东华门街道"), "东华门");
  EXPECT_EQ(ShortName("大兴安岭地区"), "大兴安岭");
  EXPECT_EQ(ShortName("兴安盟"), "兴安");
}

TEST(ShortNameTest, DropsEthnicQualifiersOfAutonomousUnits) {
  EXPECT_EQ(ShortName("江城哈尼族彝族自治县"), "江城");
  EXPECT_EQ(ShortName("新疆维吾尔自治区"), "新疆");
  EXPECT_EQ(ShortName("广西壮族自治区"), "广西");
  EXPECT_EQ(ShortName("内蒙古自治区"), "内蒙古");
  EXPECT_EQ(ShortName("西藏自治区"), "西藏");
  EXPECT_EQ(ShortName("海西蒙古族藏族自治州"), "海西");
  EXPECT_EQ(ShortName("三都水族自治县"), "三都");
  EXPECT_EQ(ShortName("隆林各族自治县"), "隆林");
}

TEST(ShortNameTest, EmptyWhenTooShortOrNoSuffix) {
  EXPECT_EQ(ShortName("东区"), "");
  EXPECT_EQ(ShortName("榕城"), "");
  EXPECT_EQ(ShortName("国务院"), "");
  EXPECT_EQ(ShortName(""), "");
}

TEST(LevelFromSuffixTest, MapsSuffixes) {
  EXPECT_EQ(LevelFromSuffix("泗水镇"), v1::LEVEL_TOWN);
  EXPECT_EQ(LevelFromSuffix("东华门街道"), v1::LEVEL_TOWN);
  EXPECT_EQ(LevelFromSuffix("紫金县"), v1::LEVEL_COUNTY);
  EXPECT_EQ(LevelFromSuffix("神农架林区"), v1::LEVEL_COUNTY);
  EXPECT_EQ(LevelFromSuffix("榕城区"), v1::LEVEL_DISTRICT);
  EXPECT_EQ(LevelFromSuffix("广东省"), v1::LEVEL_PROVINCE);
  EXPECT_EQ(LevelFromSuffix("延边朝鲜族自治州"), v1::LEVEL_PREFECTURE);
  EXPECT_EQ(LevelFromSuffix("云浮市"), v1::LEVEL_UNSPECIFIED);
  EXPECT_EQ(LevelFromSuffix("全国"), v1::LEVEL_UNSPECIFIED);
}

}  // namespace
}  // namespace govreport::regions
