#ifndef GOVREPORT_SERVICES_QUERY_QUERY_SERVICE_H_
#define GOVREPORT_SERVICES_QUERY_QUERY_SERVICE_H_

// The gRPC layer of govreport.v1.QueryService: maps each RPC to the function that implements it
// and the absl::Status to a grpc::Status with the same code and message.
//  - IndexReport / DeleteReport: ReportStore (report_store.h): one WriteBatch per report.
//  - GetReport, ListReports, ListRegions, Search: report_queries.h. Search: every word or "quoted
//    phrase" must occur (AND), simplified and traditional fold together, BM25 ranking, snippets;
//    bounded by the client's deadline and QueryServiceOptions::max_query_time
//    (DEADLINE_EXCEEDED saying so).
//  - QueryFacts, TimeSeries, CompareRegions, TargetAttainment: fact_queries.h, which also states
//    which figure each picks and the MET/MISSED rule (about: within 0.5 percentage points for
//    growth and % figures, within 2% of the target for values; at_least/exact: actual >= target;
//    at_most: actual <= target; range: actual >= low end).
// Page sizes default to 50 and are clamped to 1000; page tokens are bound to the RPC and filters
// (page_token.h).

#include <chrono>
#include <memory>

#include "govreport/v1/query.grpc.pb.h"
#include "services/query/indicator_set.h"
#include "services/query/report_store.h"

namespace govreport::query {

struct QueryServiceOptions {
  // Upper bound on the evaluation time of one Search (besides the client's deadline).
  std::chrono::milliseconds max_query_time{2000};
};

class QueryServiceImpl final : public v1::QueryService::Service {
 public:
  // `store` must outlive the service.
  QueryServiceImpl(ReportStore* store, IndicatorSet indicators, QueryServiceOptions options = {});

  grpc::Status IndexReport(grpc::ServerContext* context, const v1::IndexReportRequest* request,
                           v1::IndexReportResponse* response) override;
  grpc::Status DeleteReport(grpc::ServerContext* context, const v1::DeleteReportRequest* request,
                            v1::DeleteReportResponse* response) override;
  grpc::Status GetReport(grpc::ServerContext* context, const v1::GetReportRequest* request,
                         v1::Report* response) override;
  grpc::Status ListReports(grpc::ServerContext* context, const v1::ListReportsRequest* request,
                           v1::ListReportsResponse* response) override;
  grpc::Status ListRegions(grpc::ServerContext* context, const v1::ListRegionsRequest* request,
                           v1::ListRegionsResponse* response) override;
  grpc::Status ListIndicators(grpc::ServerContext* context, const v1::ListIndicatorsRequest* request,
                              v1::ListIndicatorsResponse* response) override;
  grpc::Status QueryFacts(grpc::ServerContext* context, const v1::QueryFactsRequest* request,
                          v1::QueryFactsResponse* response) override;
  grpc::Status TimeSeries(grpc::ServerContext* context, const v1::TimeSeriesRequest* request,
                          v1::TimeSeriesResponse* response) override;
  grpc::Status CompareRegions(grpc::ServerContext* context, const v1::CompareRegionsRequest* request,
                              v1::CompareRegionsResponse* response) override;
  grpc::Status TargetAttainment(grpc::ServerContext* context,
                                const v1::TargetAttainmentRequest* request,
                                v1::TargetAttainmentResponse* response) override;
  grpc::Status Search(grpc::ServerContext* context, const v1::SearchRequest* request,
                      v1::SearchResponse* response) override;

 private:
  ReportStore* store_;
  IndicatorSet indicators_;
  QueryServiceOptions options_;
};

}  // namespace govreport::query

#endif  // GOVREPORT_SERVICES_QUERY_QUERY_SERVICE_H_
