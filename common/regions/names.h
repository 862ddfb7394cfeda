#ifndef GOVREPORT_COMMON_REGIONS_NAMES_H_
#define GOVREPORT_COMMON_REGIONS_NAMES_H_

#include <string>
#include <string_view>

#include "govreport/v1/report.pb.h"

namespace govreport::regions {

// The short form by which reports refer to a division: the generic suffix is dropped, and for
// autonomous units the ethnic qualifier as well ("榕城区" -> "榕城", "广东省" -> "广东",
// "江城哈尼族彝族自治县" -> "江城", "新疆维吾尔自治区" -> "新疆", "大兴安岭地区" -> "大兴安岭").
// Returns "" when the name has no known suffix or the rest would be a single character
// ("东区"), since one character is too common to identify a place.
std::string ShortName(std::string_view name);
// ShortName() as a view of the leading part of `name` (a short name is always a prefix).
std::string_view ShortNamePrefix(std::string_view name);

// The level a name's suffix implies: 镇/乡/街道/苏木 -> town, 县/旗 (and autonomous ones) ->
// county, 区 -> district (林区/特区 -> county), 省/自治区 -> province, 自治州/地区/盟 -> prefecture;
// LEVEL_UNSPECIFIED otherwise, notably for 市, which may be a prefecture or a county-level city.
govreport::v1::RegionLevel LevelFromSuffix(std::string_view name);

// True for the suffixes that end a division name (省 市 区 县 旗 州 盟 镇 乡 街道 ...), used
// to cut a name out of running text.
bool EndsWithDivisionSuffix(std::string_view name);

}  // namespace govreport::regions

#endif  // GOVREPORT_COMMON_REGIONS_NAMES_H_
