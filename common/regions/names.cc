#include "common/regions/names.h"

#include <array>

#include "common/text/utf8.h"

namespace govreport::regions {
namespace {

using govreport::v1::RegionLevel;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// The 55 recognized minority nationalities, as they appear inside autonomous-unit names.
constexpr std::array<std::string_view, 55> kEthnicGroups = {
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白",
    "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡",
    "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬",
    "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安",
    "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺"};

// Suffixes in the order they must be tried (longer before shorter when one ends the other).
struct Suffix {
  std::string_view text;
  RegionLevel level;
};
constexpr std::array<Suffix, 17> kSuffixes = {{
    {"自治区", v1::LEVEL_PROVINCE},
    {"自治州", v1::LEVEL_PREFECTURE},
    {"自治县", v1::LEVEL_COUNTY},
    {"自治旗", v1::LEVEL_COUNTY},
    {"街道", v1::LEVEL_TOWN},
    {"苏木", v1::LEVEL_TOWN},
    {"地区", v1::LEVEL_PREFECTURE},
    {"林区", v1::LEVEL_COUNTY},
    {"特区", v1::LEVEL_COUNTY},
    {"省", v1::LEVEL_PROVINCE},
    {"盟", v1::LEVEL_PREFECTURE},
    {"县", v1::LEVEL_COUNTY},
    {"旗", v1::LEVEL_COUNTY},
    {"区", v1::LEVEL_DISTRICT},
    {"镇", v1::LEVEL_TOWN},
    {"乡", v1::LEVEL_TOWN},
    {"市", v1::LEVEL_UNSPECIFIED},
}};

const Suffix* FindSuffix(std::string_view name) {
  for (const Suffix& s : kSuffixes) {
    if (name.size() > s.text.size() && EndsWith(name, s.text)) return &s;
  }
  return nullptr;
}

// Drops trailing "X族" / "X" ethnic qualifiers ("江城哈尼族彝族" -> "江城"), keeping at least
// two characters so that 西藏 stays 西藏.
std::string_view StripEthnic(std::string_view s) {
  for (bool changed = true; changed;) {
    changed = false;
    std::string_view t = s;
    if (EndsWith(t, "族")) t.remove_suffix(std::string_view("族").size());
    // "各族" as in 各族自治县 is not a nationality but is dropped the same way.
    for (std::string_view group : kEthnicGroups) {
      if (EndsWith(t, group) &&
          text::CountCodePoints(t.substr(0, t.size() - group.size())) >= 2) {
        s = t.substr(0, t.size() - group.size());
        changed = true;
        break;
      }
    }
    if (!changed && EndsWith(t, "各") && text::CountCodePoints(t) >= 3) {
      s = t.substr(0, t.size() - std::string_view("各").size());
      changed = true;
    }
  }
  return s;
}

}  // namespace

std::string ShortName(std::string_view name) { return std::string(ShortNamePrefix(name)); }

std::string_view ShortNamePrefix(std::string_view name) {
  const Suffix* suffix = FindSuffix(name);
  if (suffix == nullptr) return {};
  std::string_view rest = name.substr(0, name.size() - suffix->text.size());
  // 民族乡 / 民族镇: "鄂伦春族乡".
  if ((suffix->text == "乡" || suffix->text == "镇") && EndsWith(rest, "族")) {
    rest = StripEthnic(rest);
  }
  if (StartsWith(suffix->text, "自治")) rest = StripEthnic(rest);
  if (text::CountCodePoints(rest) < 2) return {};
  return rest;
}

RegionLevel LevelFromSuffix(std::string_view name) {
  const Suffix* suffix = FindSuffix(name);
  return suffix == nullptr ? v1::LEVEL_UNSPECIFIED : suffix->level;
}

bool EndsWithDivisionSuffix(std::string_view name) {
  return FindSuffix(name) != nullptr || (name.size() > 3 && EndsWith(name, "州"));
}

}  // namespace govreport::regions
