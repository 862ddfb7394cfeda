#include "services/query/region_index.h"
#include "services/query/absl_view.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/text/fold.h"
#include "common/text/utf8.h"

namespace govreport::query {
namespace {

class EmptyHierarchy : public RegionHierarchy {
 public:
  std::vector<v1::Region> Ancestors(std::string_view) const override { return {}; }
};

void AddUnique(std::string id, std::vector<std::string>* ids) {
  if (std::find(ids->begin(), ids->end(), id) == ids->end()) ids->push_back(std::move(id));
}

// Identifiers naming `region` itself.
void AddSelfIdentifiers(const v1::Region& region, std::vector<std::string>* ids) {
  AddUnique(absl::StrCat("k:", FoldName(RegionKeyOf(region))), ids);
  if (!region.code().empty()) AddUnique(absl::StrCat("c:", region.code()), ids);
  if (region.name().empty()) return;
  const std::string name = FoldName(region.name());
  AddUnique(absl::StrCat("n:", name), ids);
  if (!region.parent().empty()) {
    AddUnique(absl::StrCat("p:", FoldName(region.parent()), "/", name), ids);
  }
  if (!region.province().empty() && region.province() != region.name()) {
    AddUnique(absl::StrCat("p:", FoldName(region.province()), "/", name), ids);
  }
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::unique_ptr<RegionHierarchy> MakeEmptyRegionHierarchy() {
  return std::make_unique<EmptyHierarchy>();
}

std::string_view LevelName(v1::RegionLevel level) {
  switch (level) {
    case v1::LEVEL_NATIONAL: return "national";
    case v1::LEVEL_PROVINCE: return "province";
    case v1::LEVEL_PREFECTURE: return "prefecture";
    case v1::LEVEL_COUNTY: return "county";
    case v1::LEVEL_DISTRICT: return "district";
    case v1::LEVEL_TOWN: return "town";
    default: return "unspecified";
  }
}

std::string RegionKeyOf(const v1::Region& region) {
  if (!region.code().empty()) return region.code();
  const std::string& qualifier = !region.parent().empty() ? region.parent() : region.province();
  if (qualifier.empty() || qualifier == region.name()) {
    return absl::StrCat(AV(LevelName(region.level())), ":", region.name());
  }
  return absl::StrCat(AV(LevelName(region.level())), ":", qualifier, "/", region.name());
}

std::string FoldName(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  size_t pos = 0;
  while (pos < name.size()) text::AppendUtf8(text::FoldCodePoint(text::DecodeUtf8(name, &pos)), &out);
  return out;
}

RegionIdentity BuildRegionIdentity(const v1::Region& region, const RegionHierarchy& hierarchy) {
  RegionIdentity identity;
  identity.key = RegionKeyOf(region);
  AddSelfIdentifiers(region, &identity.self);
  identity.within = identity.self;
  if (!region.code().empty()) {
    for (const v1::Region& ancestor : hierarchy.Ancestors(region.code())) {
      AddSelfIdentifiers(ancestor, &identity.within);
    }
  }
  // Names the report states hold even without a code (and agree with the table when it has one).
  if (!region.parent().empty()) AddUnique(absl::StrCat("n:", FoldName(region.parent())), &identity.within);
  if (!region.province().empty()) {
    AddUnique(absl::StrCat("n:", FoldName(region.province())), &identity.within);
  }
  return identity;
}

std::string LookupIdentifier(std::string_view user_input) {
  const std::string_view s = SV(absl::StripAsciiWhitespace(AV(user_input)));
  if (AllDigits(s)) return absl::StrCat("c:", AV(s));
  if (s.find(':') != std::string_view::npos) return absl::StrCat("k:", FoldName(s));
  if (s.find('/') != std::string_view::npos) return absl::StrCat("p:", FoldName(s));
  return absl::StrCat("n:", FoldName(s));
}

RegionMatcher::RegionMatcher(const v1::RegionFilter& filter) : level_(filter.level()) {
  for (const std::string& r : filter.regions()) {
    if (!absl::StripAsciiWhitespace(r).empty()) regions_.push_back(LookupIdentifier(r));
  }
  if (!absl::StripAsciiWhitespace(filter.within()).empty()) {
    has_within_ = true;
    within_ = LookupIdentifier(filter.within());
  }
}

bool RegionMatcher::Matches(v1::RegionLevel level, const RegionIdentity& identity) const {
  if (level_ != v1::LEVEL_UNSPECIFIED && level != level_) return false;
  if (!regions_.empty()) {
    bool any = false;
    for (const std::string& id : regions_) {
      if (std::find(identity.self.begin(), identity.self.end(), id) != identity.self.end()) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  if (has_within_ &&
      std::find(identity.within.begin(), identity.within.end(), within_) == identity.within.end()) {
    return false;
  }
  return true;
}

}  // namespace govreport::query
