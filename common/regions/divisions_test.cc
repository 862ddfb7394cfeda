#include "common/regions/divisions.h"

#include <algorithm>

#include "gtest/gtest.h"

namespace govreport::regions {
namespace {

class DivisionsTest : public ::testing::Test {
 protected:
  const Divisions& d_ = Divisions::Default();
  int Code(std::string_view code) { return d_.FindByCode(code); }
};

TEST_F(DivisionsTest, LoadsEveryLevel) {
  absl::StatusOr<std::unique_ptr<Divisions>> loaded = Divisions::Load();
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  int per_level[7] = {};
  for (const Division& div : (*loaded)->all()) ++per_level[div.level];
  EXPECT_EQ(per_level[v1::LEVEL_PROVINCE], 31);
  EXPECT_GT(per_level[v1::LEVEL_PREFECTURE], 300);
  EXPECT_GT(per_level[v1::LEVEL_COUNTY], 1000);
  EXPECT_GT(per_level[v1::LEVEL_DISTRICT], 900);
  EXPECT_GT(per_level[v1::LEVEL_TOWN], 30000);
}

TEST_F(DivisionsTest, TownRegionNamesCountyAsParent) {
  const int i = Code("440981105");
  ASSERT_GE(i, 0);
  EXPECT_EQ(d_.all()[i].name, "泗水镇");
  const v1::Region r = d_.ToRegion(i);
  EXPECT_EQ(r.name(), "泗水镇");
  EXPECT_EQ(r.code(), "440981105");
  EXPECT_EQ(r.level(), v1::LEVEL_TOWN);
  EXPECT_EQ(r.parent(), "高州市");
  EXPECT_EQ(r.province(), "广东省");
}

TEST_F(DivisionsTest, DistrictAndPrefectureRegions) {
  const v1::Region district = d_.ToRegion(Code("445202"));
  EXPECT_EQ(district.name(), "榕城区");
  EXPECT_EQ(district.level(), v1::LEVEL_DISTRICT);
  EXPECT_EQ(district.parent(), "揭阳市");
  const v1::Region prefecture = d_.ToRegion(Code("445300"));
  EXPECT_EQ(prefecture.name(), "云浮市");
  EXPECT_EQ(prefecture.level(), v1::LEVEL_PREFECTURE);
  EXPECT_EQ(prefecture.parent(), "");
  EXPECT_EQ(prefecture.province(), "广东省");
  const v1::Region province = d_.ToRegion(Code("440000"));
  EXPECT_EQ(province.level(), v1::LEVEL_PROVINCE);
  EXPECT_EQ(province.parent(), "");
  EXPECT_EQ(province.province(), "广东省");
}

TEST_F(DivisionsTest, MunicipalityDistrictsHangUnderTheMunicipality) {
  const int haidian = d_.FindByName("海淀区").at(0);
  EXPECT_EQ(d_.all()[d_.all()[haidian].parent].name, "北京市");
  EXPECT_EQ(d_.all()[haidian].level, v1::LEVEL_DISTRICT);
  const v1::Region r = d_.ToRegion(haidian);
  EXPECT_EQ(r.parent(), "");  // the municipality is a province-level unit
  EXPECT_EQ(r.province(), "北京市");
}

TEST_F(DivisionsTest, PrefectureLessCountiesAndCountylessPrefectures) {
  const int jiyuan = Code("419001");
  ASSERT_GE(jiyuan, 0);
  EXPECT_EQ(d_.all()[jiyuan].level, v1::LEVEL_COUNTY);
  EXPECT_EQ(d_.all()[d_.all()[jiyuan].parent].name, "河南省");
  EXPECT_EQ(d_.all()[Code("429021")].level, v1::LEVEL_COUNTY);  // 神农架林区
  // 东莞市 has towns but no counties: its towns hang under the prefecture.
  const int dongguan = Code("441900");
  ASSERT_GE(dongguan, 0);
  EXPECT_EQ(d_.all()[dongguan].level, v1::LEVEL_PREFECTURE);
  EXPECT_EQ(d_.FindByName("东莞市").size(), 1u);
  const int town = Code("441900003");
  ASSERT_GE(town, 0);
  EXPECT_EQ(d_.all()[town].parent, dongguan);
}

TEST_F(DivisionsTest, SharedNamesListEveryPlace) {
  EXPECT_EQ(d_.FindByName("泗水镇").size(), 3u);
  EXPECT_EQ(d_.FindByName("南山区").size(), 2u);
  EXPECT_TRUE(d_.FindByName("没有这个地方").empty());
  EXPECT_EQ(d_.FindByCode("999999"), -1);
  // 江城区 (阳江), 江城哈尼族彝族自治县 (普洱) and towns such as 江城镇.
  const std::vector<int>& jiangcheng = d_.FindByShortName("江城");
  EXPECT_NE(std::find(jiangcheng.begin(), jiangcheng.end(), Code("441702")), jiangcheng.end());
  EXPECT_NE(std::find(jiangcheng.begin(), jiangcheng.end(), Code("530826")), jiangcheng.end());
}

TEST_F(DivisionsTest, AncestryQueries) {
  const int town = Code("440981105"), gaozhou = Code("440981"), guangdong = Code("440000");
  EXPECT_TRUE(d_.IsWithin(town, gaozhou));
  EXPECT_TRUE(d_.IsWithin(town, guangdong));
  EXPECT_TRUE(d_.IsWithin(town, town));
  EXPECT_FALSE(d_.IsWithin(gaozhou, town));
  EXPECT_FALSE(d_.IsWithin(town, -1));
  EXPECT_EQ(d_.ProvinceOf(town), guangdong);
  EXPECT_EQ(d_.ProvinceOf(guangdong), guangdong);
  EXPECT_EQ(d_.ProvinceOf(-1), -1);
  EXPECT_EQ(d_.ToRegion(-1).name(), "");
}

TEST_F(DivisionsTest, ParentsPrecedeChildren) {
  const auto& all = d_.all();
  for (size_t i = 0; i < all.size(); ++i) {
    ASSERT_LT(all[i].parent, static_cast<int>(i)) << all[i].code;
    if (all[i].level != v1::LEVEL_PROVINCE) {
      ASSERT_GE(all[i].parent, 0) << all[i].code;
    }
  }
}

}  // namespace
}  // namespace govreport::regions
