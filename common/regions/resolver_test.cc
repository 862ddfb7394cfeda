#include "common/regions/resolver.h"

#include "gtest/gtest.h"

namespace govreport::regions {
namespace {

class ResolverTest : public ::testing::Test {
 protected:
  std::string CodeOf(std::string_view name, std::string_view cues,
                     v1::RegionLevel hint = v1::LEVEL_UNSPECIFIED) {
    const int i = resolver_.Resolve(name, cues, hint);
    return i < 0 ? "" : divisions_.all()[i].code;
  }
  const Divisions& divisions_ = Divisions::Default();
  RegionResolver resolver_{divisions_};
};

TEST_F(ResolverTest, UniqueNameNeedsNoCues) {
  EXPECT_EQ(CodeOf("榕城区", ""), "445202");
  EXPECT_EQ(CodeOf("云浮市", ""), "445300");
}

TEST_F(ResolverTest, ShortFormsResolveToTheFullName) {
  const v1::Region r = resolver_.ResolveRegion("云浮", "");
  EXPECT_EQ(r.name(), "云浮市");
  EXPECT_EQ(r.code(), "445300");
  EXPECT_EQ(resolver_.ResolveRegion("榕城", "揭阳市榕城区的发展").code(), "445202");
}

TEST_F(ResolverTest, SishuiTownFromItsCounty) {
  EXPECT_EQ(CodeOf("泗水镇", "【高州市招商】2020年泗水镇政府工作报告 泗水镇全年"), "440981105");
  EXPECT_EQ(CodeOf("泗水镇", "在平远县委、县政府的领导下，泗水镇坚持"), "441426110");
  EXPECT_EQ(CodeOf("泗水镇", "泗水镇地处古浪县东部，是武威重要的农业镇"), "620622101");
}

TEST_F(ResolverTest, HetangTownFromItsCountyOrPrefecture) {
  EXPECT_EQ(CodeOf("荷塘镇", "【高州市招商】2019年荷塘镇政府工作报告"), "440981126");
  EXPECT_EQ(CodeOf("荷塘镇", "江门市蓬江区荷塘镇人民政府，在蓬江区委的领导下"), "440703102");
  EXPECT_EQ(CodeOf("荷塘镇", "涟源市荷塘镇2020年工作总结"), "431382113");
}

TEST_F(ResolverTest, NanshanDistrictFromItsCity) {
  EXPECT_EQ(CodeOf("南山区", "在深圳市南山区第七届人民代表大会上 深圳经济特区建立40周年"),
            "440305");
  EXPECT_EQ(CodeOf("南山区", "鹤岗市南山区人民政府 黑龙江省 煤矿转型"), "230404");
}

TEST_F(ResolverTest, ChildrenNamedInTheTextSpeakForTheirParent) {
  EXPECT_EQ(CodeOf("南山区", "南山区蛇口街道、粤海街道的旧改项目"), "440305");
  EXPECT_EQ(CodeOf("南山区", "南山区铁西街道、麓林山街道棚户区改造"), "230404");
}

TEST_F(ResolverTest, JiangchengShortFormFromItsPrefecture) {
  EXPECT_EQ(CodeOf("江城", "阳江市委、市政府 江城发展", v1::LEVEL_DISTRICT), "441702");
  EXPECT_EQ(CodeOf("江城", "普洱市 江城发展 云南省"), "530826");
  EXPECT_EQ(CodeOf("江城区", "在阳江市江城区第八届人民代表大会"), "441702");
}

TEST_F(ResolverTest, StrongerAncestorEvidenceWins) {
  // One mention of the other county (a partner county) against three of the own one.
  EXPECT_EQ(CodeOf("泗水镇", "高州市泗水镇 高州 高州发展 与平远县结对"), "440981105");
}

TEST_F(ResolverTest, HeadlineOutweighsAPassingMention) {
  // One mention each, but 高州 is where the site files the report.
  const int i = resolver_.Resolve("荷塘镇", "荷塘镇干部赴江门学习", v1::LEVEL_UNSPECIFIED,
                                  "【高州市招商】2019年荷塘镇政府工作报告");
  ASSERT_GE(i, 0);
  EXPECT_EQ(divisions_.all()[i].code, "440981126");
  EXPECT_EQ(CodeOf("荷塘镇", "【高州市招商】荷塘镇干部赴江门学习"), "");
}

TEST_F(ResolverTest, UndecidedCuesLeaveTheCodeEmpty) {
  EXPECT_EQ(CodeOf("泗水镇", ""), "");
  EXPECT_EQ(CodeOf("泗水镇", "泗水镇全年实现生产总值10亿元"), "");
  // 广东 holds two of the three: the province alone does not decide between them.
  EXPECT_EQ(CodeOf("泗水镇", "广东省泗水镇"), "");
  // Equal evidence for two places.
  EXPECT_EQ(CodeOf("南山区", "深圳与鹤岗两地交流"), "");
  EXPECT_EQ(CodeOf("荷塘镇", "高州 蓬江"), "");

  const v1::Region r = resolver_.ResolveRegion("泗水镇", "广东省泗水镇");
  EXPECT_EQ(r.name(), "泗水镇");
  EXPECT_EQ(r.code(), "");
  EXPECT_EQ(r.level(), v1::LEVEL_TOWN);
  EXPECT_EQ(r.parent(), "");
  EXPECT_EQ(r.province(), "");  // 广东 and 甘肃 candidates
  const v1::Region n = resolver_.ResolveRegion("南山区", "");
  EXPECT_EQ(n.level(), v1::LEVEL_DISTRICT);
  EXPECT_EQ(n.code(), "");
}

TEST_F(ResolverTest, OwnNameIsNoEvidenceForAnAncestor) {
  // 高州 in 高州镇 must not vote for the 高州市 candidate (made-up town names in the cues).
  EXPECT_EQ(CodeOf("泗水镇", "泗水镇 泗水"), "");
}

TEST_F(ResolverTest, RenamedPlaceKeepsWrittenNameWithoutCode) {
  const v1::Region r = resolver_.ResolveRegion("增城市", "广州市增城市");
  EXPECT_EQ(r.name(), "增城市");
  EXPECT_EQ(r.code(), "");
  EXPECT_EQ(r.parent(), "广州市");
  EXPECT_EQ(r.province(), "广东省");
  EXPECT_EQ(r.level(), v1::LEVEL_COUNTY);  // a county-level city before it became a district
}

TEST_F(ResolverTest, InformalNameOfAutonomousCountyKeepsItsCode) {
  const v1::Region r = resolver_.ResolveRegion("江城县", "普洱市江城县");
  EXPECT_EQ(r.code(), "530826");
  EXPECT_EQ(r.level(), v1::LEVEL_COUNTY);
}

TEST_F(ResolverTest, UnknownNameGetsLevelFromSuffix) {
  const v1::Region r = resolver_.ResolveRegion("乌有镇", "");
  EXPECT_EQ(r.name(), "乌有镇");
  EXPECT_EQ(r.code(), "");
  EXPECT_EQ(r.level(), v1::LEVEL_TOWN);
  EXPECT_TRUE(resolver_.Candidates("乌有镇", v1::LEVEL_UNSPECIFIED).empty());
}

}  // namespace
}  // namespace govreport::regions
