#ifndef GOVREPORT_SERVICES_QUERY_QUERY_SERVICE_H_
#define GOVREPORT_SERVICES_QUERY_QUERY_SERVICE_H_

// The gRPC layer of govreport.v1.QueryService: validates nothing itself, maps each RPC to the
// query function that implements it (fact_queries.h, report_queries.h, report_store.h) and the
// absl::Status to a grpc::Status with the same code and message.

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
