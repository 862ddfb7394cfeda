#ifndef GOVREPORT_SERVICES_QUERY_FILTERS_H_
#define GOVREPORT_SERVICES_QUERY_FILTERS_H_

// Request filters shared by the RPCs: which reports a request covers, and fact periods.

#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "govreport/v1/query.pb.h"
#include "services/query/region_index.h"
#include "services/query/report_store.h"

namespace govreport::query {

// Report-level filter: region filter, report_year range (0 = open), doc type (unspecified = any).
class ReportFilter {
 public:
  ReportFilter(const v1::RegionFilter& region, int year_from, int year_to, v1::DocType doc_type);
  bool Matches(const IndexedDoc& doc) const;
  const RegionMatcher& region() const { return region_; }

 private:
  RegionMatcher region_;
  int year_from_;
  int year_to_;
  v1::DocType doc_type_;
};

// Years a fact's period covers: "2020" -> [2020, 2020], "2020Q3" -> [2020, 2020],
// "2016-2020" -> [2016, 2020]; nullopt for anything else.
struct YearSpan {
  int first = 0;
  int last = 0;
};
std::optional<YearSpan> ParsePeriod(std::string_view period);

// A period bound from a request ("" -> nullopt). INVALID_ARGUMENT naming `field` when malformed
// (accepted: "2020", "2020Q1").
absl::StatusOr<std::optional<int>> ParsePeriodBound(std::string_view field, std::string_view value);

}  // namespace govreport::query

#endif  // GOVREPORT_SERVICES_QUERY_FILTERS_H_
