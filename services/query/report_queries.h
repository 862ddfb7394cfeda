#ifndef GOVREPORT_SERVICES_QUERY_REPORT_QUERIES_H_
#define GOVREPORT_SERVICES_QUERY_REPORT_QUERIES_H_

// Report-level RPCs (GetReport, ListReports, ListRegions) and Search, over a ReportStore.

#include <chrono>

#include "absl/status/statusor.h"
#include "govreport/v1/query.pb.h"
#include "services/query/report_store.h"

namespace govreport::query {

// NOT_FOUND for an unknown id.
absl::StatusOr<v1::Report> GetReport(const ReportStore& store, const v1::GetReportRequest& request);

// Newest report_year first, then report_id.
absl::StatusOr<v1::ListReportsResponse> ListReports(const ReportStore& store,
                                                    const v1::ListReportsRequest& request);

// Regions with at least one matching report, ordered by level then key; `region` is the region
// as stated by the region's latest report.
absl::StatusOr<v1::ListRegionsResponse> ListRegions(const ReportStore& store,
                                                    const v1::ListRegionsRequest& request);

// BM25-ranked hits (score desc, then newer report first) with snippets for the page.
// INVALID_ARGUMENT for an empty query or one without searchable characters; DEADLINE_EXCEEDED
// when evaluation passes `deadline`.
absl::StatusOr<v1::SearchResponse> Search(const ReportStore& store, const v1::SearchRequest& request,
                                          std::chrono::steady_clock::time_point deadline);

}  // namespace govreport::query

#endif  // GOVREPORT_SERVICES_QUERY_REPORT_QUERIES_H_
