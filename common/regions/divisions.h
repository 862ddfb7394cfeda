#ifndef GOVREPORT_COMMON_REGIONS_DIVISIONS_H_
#define GOVREPORT_COMMON_REGIONS_DIVISIONS_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "govreport/v1/report.pb.h"

namespace govreport::regions {

// One official administrative division (GB/T 2260).
struct Division {
  std::string code;         // 6 digits (province..district) or 9 digits (town)
  std::string name;         // simplified, full official name ("榕城区", "泗水镇")
  govreport::v1::RegionLevel level;
  int parent = -1;          // index of the parent division in Divisions::all(), -1 for provinces
};

// The table of divisions, loaded once from data/divisions.tsv (embedded).
class Divisions {
 public:
  // Parses the embedded table. Fails only if the shipped file is malformed.
  static absl::StatusOr<std::unique_ptr<Divisions>> Load();
  // The process-wide instance (loaded on first use; aborts with a message if the data is bad).
  static const Divisions& Default();

  const std::vector<Division>& all() const;
  // Indices of divisions with exactly this simplified name (several places share names).
  const std::vector<int>& FindByName(std::string_view name) const;
  // Indices of divisions whose short form (regions::ShortName: "榕城" for 榕城区) is `short_name`.
  const std::vector<int>& FindByShortName(std::string_view short_name) const;
  // Index of the division with this code, or -1.
  int FindByCode(std::string_view code) const;
  // Province index of division i (i itself for a province), -1 for none.
  int ProvinceOf(int i) const;
  // Builds a Region message for division i: name, code, level, parent (per GUIDE: prefecture of
  // a district/county, county of a town; empty for provinces and prefectures), province.
  govreport::v1::Region ToRegion(int i) const;
  // True when division `i` lies within division `ancestor` (or is it).
  bool IsWithin(int i, int ancestor) const;

  ~Divisions();

 private:
  Divisions();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace govreport::regions

#endif  // GOVREPORT_COMMON_REGIONS_DIVISIONS_H_
