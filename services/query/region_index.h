#ifndef GOVREPORT_SERVICES_QUERY_REGION_INDEX_H_
#define GOVREPORT_SERVICES_QUERY_REGION_INDEX_H_

// Regions as entities, and how filters name them.
//
// A region's key is its official division code, or "level:qualifier/name" when the report gives
// no code (qualifier = Region.parent, else Region.province; "level:name" when neither is known),
// e.g. "town:高州市/泗水镇". Users may name a region by code ("445300"), by key, by simplified or
// traditional name ("云浮市", "雲浮市"), or as "parent/name" ("阳江市/江城区"). To match all of
// these cheaply each indexed report carries a small set of identifier strings:
//   "k:<key>", "c:<code>", "n:<folded name>", "p:<folded parent>/<folded name>"
// for its own region (self) and, for `within`, for every ancestor: from the division table when
// the region has a code, otherwise from the names in Region.parent and Region.province.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "govreport/v1/query.pb.h"
#include "govreport/v1/report.pb.h"

namespace govreport::query {

// Where a coded region sits in the administrative hierarchy (abstracts the division table so the
// index can be tested with a hand-made hierarchy).
class RegionHierarchy {
 public:
  virtual ~RegionHierarchy() = default;
  // The divisions containing the division `code`, nearest first (county -> prefecture ->
  // province), each with name, code and level; empty when the code is unknown.
  virtual std::vector<v1::Region> Ancestors(std::string_view code) const = 0;
};

// A hierarchy that knows no codes (names in Region.parent/province still work).
std::unique_ptr<RegionHierarchy> MakeEmptyRegionHierarchy();

// "national", "province", "prefecture", "county", "district", "town", "unspecified".
std::string_view LevelName(v1::RegionLevel level);

// The entity key of `region` (see above).
std::string RegionKeyOf(const v1::Region& region);

// Folded UTF-8 (traditional -> simplified, full-width -> ASCII) used to compare names.
std::string FoldName(std::string_view name);

struct RegionIdentity {
  std::string key;
  std::vector<std::string> self;    // identifiers of the region itself
  std::vector<std::string> within;  // self plus every ancestor's identifiers
};
RegionIdentity BuildRegionIdentity(const v1::Region& region, const RegionHierarchy& hierarchy);

// The identifier a user's region string stands for ("c:...", "k:...", "p:...", "n:...").
std::string LookupIdentifier(std::string_view user_input);

// A RegionFilter resolved once per request. An empty filter matches everything.
class RegionMatcher {
 public:
  explicit RegionMatcher(const v1::RegionFilter& filter);
  bool Matches(v1::RegionLevel level, const RegionIdentity& identity) const;
  bool empty() const { return regions_.empty() && level_ == v1::LEVEL_UNSPECIFIED && !has_within_; }

 private:
  std::vector<std::string> regions_;
  v1::RegionLevel level_;
  bool has_within_ = false;
  std::string within_;
};

}  // namespace govreport::query

#endif  // GOVREPORT_SERVICES_QUERY_REGION_INDEX_H_
