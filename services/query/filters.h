#ifndef GOVREPORT_SERVICES_QUERY_FILTERS_H_
#define GOVREPORT_SERVICES_QUERY_FILTERS_H_

// Request filters shared by the RPCs: which reports a request covers, and fact periods.

#include <optional>
#include <string_view>
#include <vector>

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
  // Matches from a document's packed summary alone: valid when !needs_document().
  bool MatchesSummary(const DocSummary& summary) const {
    return (year_from_ == 0 || summary.report_year >= year_from_) &&
           (year_to_ == 0 || summary.report_year <= year_to_) &&
           (doc_type_ == v1::DOC_TYPE_UNSPECIFIED || summary.doc_type == doc_type_);
  }
  // True when every document matches.
  bool empty() const {
    return year_from_ == 0 && year_to_ == 0 && doc_type_ == v1::DOC_TYPE_UNSPECIFIED && region_.empty();
  }
  // True when matching needs the document (a region filter), not just its summary.
  bool needs_document() const { return !region_.empty(); }
  const RegionMatcher& region() const { return region_; }

 private:
  RegionMatcher region_;
  int year_from_;
  int year_to_;
  v1::DocType doc_type_;
};

// A request's region filter applied to catalog documents. Same answers as RegionMatcher, but a
// document's metadata (two pointers away from it) is read only when the filter names a level,
// and Keep overlaps the cache misses of consecutive documents: fact queries test thousands of
// documents per request.
class DocRegionFilter {
 public:
  explicit DocRegionFilter(const v1::RegionFilter& filter);
  // True when every document matches.
  bool empty() const { return matcher_.empty(); }
  bool Matches(const IndexedDoc& doc) const;
  // Removes from *docs (kept in order) the documents that do not match.
  void Keep(std::vector<const IndexedDoc*>* docs) const;

 private:
  RegionMatcher matcher_;
  bool by_level_;    // the filter names a level
  bool by_self_;     // ... a region: RegionIdentity::self is compared
  bool by_within_;   // ... a region to be within: RegionIdentity::within is compared
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
