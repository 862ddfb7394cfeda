#ifndef GOVREPORT_SERVICES_QUERY_FACT_QUERIES_H_
#define GOVREPORT_SERVICES_QUERY_FACT_QUERIES_H_

// The fact RPCs, answered from the in-memory catalog of a ReportStore (facts are few per report,
// so a request touches the documents that have the requested indicators and nothing on disk).
//
// Choice rules:
//  - TimeSeries: actuals of a period come from every report stating them, latest report_year
//    first (the first is `current`); the target is the one from the report delivered in that
//    year, else from the latest report that sets one.
//  - CompareRegions: per region, the figure from its latest report for that period and kind.
//    Ties share a rank (1, 2, 2, 4).
//  - TargetAttainment: for region/indicator/measure/year Y, the target (KIND_TARGET, period Y,
//    from the report delivered in Y, else the latest one) against the actual (KIND_ACTUAL, period
//    Y, from the latest report delivered after the target's report, same unit). Outcome:
//      about    : MET when |actual - target| <= tolerance, where tolerance is 0.5 (percentage
//                 points) for growth or any % figure, else 2% of |target|;
//      at_least : MET when actual >= target;     at_most: MET when actual <= target;
//      range    : MET when actual >= low end;    exact (or none): MET when actual >= target.
//    gap = actual - target (target - actual for at_most): positive is better than the target.

#include "absl/status/statusor.h"
#include "govreport/v1/query.pb.h"
#include "services/query/indicator_set.h"
#include "services/query/report_store.h"

namespace govreport::query {

absl::StatusOr<v1::QueryFactsResponse> QueryFacts(const ReportStore::Reader& reader,
                                                  const IndicatorSet& indicators,
                                                  const v1::QueryFactsRequest& request);

absl::StatusOr<v1::TimeSeriesResponse> TimeSeries(const ReportStore::Reader& reader,
                                                  const IndicatorSet& indicators,
                                                  const v1::TimeSeriesRequest& request);

absl::StatusOr<v1::CompareRegionsResponse> CompareRegions(const ReportStore::Reader& reader,
                                                          const IndicatorSet& indicators,
                                                          const v1::CompareRegionsRequest& request);

absl::StatusOr<v1::TargetAttainmentResponse> TargetAttainment(
    const ReportStore::Reader& reader, const IndicatorSet& indicators,
    const v1::TargetAttainmentRequest& request);

// Outcome and gap of `actual` against a target (rules above). Exposed for tests.
struct Attainment {
  v1::Outcome outcome = v1::OUTCOME_UNSPECIFIED;
  double gap = 0;
};
Attainment JudgeAttainment(const v1::Fact& target, double actual);

}  // namespace govreport::query

#endif  // GOVREPORT_SERVICES_QUERY_FACT_QUERIES_H_
