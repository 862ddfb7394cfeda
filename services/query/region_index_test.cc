#include "services/query/region_index.h"

#include "gtest/gtest.h"
#include "services/query/test_reports.h"

namespace govreport::query {
namespace {

using testing::MakeRegion;

class FakeHierarchy : public RegionHierarchy {
 public:
  std::vector<v1::Region> Ancestors(std::string_view code) const override {
    if (code == "445202") {
      return {MakeRegion("揭阳市", v1::LEVEL_PREFECTURE, "445200"),
              MakeRegion("广东省", v1::LEVEL_PROVINCE, "440000")};
    }
    return {};
  }
};

bool Matches(const v1::RegionFilter& f, const v1::Region& r, const RegionHierarchy& h) {
  return RegionMatcher(f).Matches(r.level(), BuildRegionIdentity(r, h));
}

TEST(RegionIndexTest, KeysAreCodesOrLevelQualifiedNames) {
  EXPECT_EQ(RegionKeyOf(MakeRegion("榕城区", v1::LEVEL_DISTRICT, "445202")), "445202");
  EXPECT_EQ(RegionKeyOf(MakeRegion("泗水镇", v1::LEVEL_TOWN, "", "高州市")), "town:高州市/泗水镇");
  EXPECT_EQ(RegionKeyOf(MakeRegion("全国", v1::LEVEL_NATIONAL, "")), "national:全国");
}

TEST(RegionIndexTest, LookupByCodeNameTraditionalAndPath) {
  FakeHierarchy h;
  const v1::Region r = MakeRegion("榕城区", v1::LEVEL_DISTRICT, "445202", "揭阳市", "广东省");
  for (const char* name : {"445202", "榕城区", "榕城區", "揭阳市/榕城区", "揭陽市/榕城區"}) {
    v1::RegionFilter f;
    f.add_regions(name);
    EXPECT_TRUE(Matches(f, r, h)) << name;
  }
  v1::RegionFilter other;
  other.add_regions("云浮市");
  EXPECT_FALSE(Matches(other, r, h));
}

TEST(RegionIndexTest, WithinUsesTheHierarchyAndTheStatedNames) {
  FakeHierarchy h;
  const v1::Region coded = MakeRegion("榕城区", v1::LEVEL_DISTRICT, "445202");
  for (const char* within : {"440000", "广东省", "廣東省", "445200", "揭阳市", "445202"}) {
    v1::RegionFilter f;
    f.set_within(within);
    EXPECT_TRUE(Matches(f, coded, h)) << within;
  }
  v1::RegionFilter elsewhere;
  elsewhere.set_within("河南省");
  EXPECT_FALSE(Matches(elsewhere, coded, h));

  // No code: the names the report gives still place it.
  const v1::Region town = MakeRegion("泗水镇", v1::LEVEL_TOWN, "", "高州市", "广东省");
  v1::RegionFilter f;
  f.set_within("广东省");
  EXPECT_TRUE(Matches(f, town, h));
  f.set_within("高州市");
  EXPECT_TRUE(Matches(f, town, h));
  f.set_level(v1::LEVEL_COUNTY);
  EXPECT_FALSE(Matches(f, town, h));
  v1::RegionFilter by_key;
  by_key.add_regions("town:高州市/泗水镇");
  EXPECT_TRUE(Matches(by_key, town, h));
}

}  // namespace
}  // namespace govreport::query
