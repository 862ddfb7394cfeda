#ifndef GOVREPORT_COMMON_EXTRACT_CATALOG_H_
#define GOVREPORT_COMMON_EXTRACT_CATALOG_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace govreport::extract {

// One indicator of the catalog (data/indicators.tsv). Adding an indicator or an alias is a
// change to that file, not to code.
struct IndicatorDef {
  std::string id;                    // "gdp"
  std::string name;                  // main simplified name, "地区生产总值"
  std::vector<std::string> aliases;  // other simplified names the reports use
  std::string unit_class;            // "money", "count", "percent", "weight", "index" ...
  std::string category;              // "economy", "fiscal", "trade", "people", "environment" ...
  bool core = false;                 // one of the 24 core indicators of GUIDE.md
};

class IndicatorCatalog {
 public:
  // Parses a catalog file. Errors name the line that is malformed.
  // Format: UTF-8, one indicator per line, 5 tab-separated columns; '#' lines and blank lines are
  // skipped:  id <TAB> names <TAB> unit_class <TAB> category <TAB> core(0|1)
  // `names` is '|'-separated simplified names, the first being the main name. An entry
  // "=num/den" declares the indicator as the share of indicator `num` in `den` (rd_intensity is
  // "=rd_expenditure/gdp"); it is kept in `aliases` and is not matched as text.
  static absl::StatusOr<std::unique_ptr<IndicatorCatalog>> Parse(std::string_view tsv);
  // The catalog shipped with the binary (embedded); aborts with a message if it is malformed.
  static const IndicatorCatalog& Default();

  const std::vector<IndicatorDef>& all() const { return indicators_; }
  // The indicator with this id, or nullptr.
  const IndicatorDef* Find(std::string_view id) const;

 private:
  std::vector<IndicatorDef> indicators_;
};

}  // namespace govreport::extract

#endif  // GOVREPORT_COMMON_EXTRACT_CATALOG_H_
