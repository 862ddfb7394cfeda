#include "services/query/query_service.h"

#include <algorithm>
#include <utility>

#include "services/query/fact_queries.h"
#include "services/query/report_queries.h"

namespace govreport::query {
namespace {

grpc::Status ToGrpc(const absl::Status& s) {
  if (s.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(s.code()), std::string(s.message()));
}

template <typename Response>
grpc::Status Reply(absl::StatusOr<Response> result, Response* response) {
  if (!result.ok()) return ToGrpc(result.status());
  *response = *std::move(result);
  return grpc::Status::OK;
}

}  // namespace

QueryServiceImpl::QueryServiceImpl(ReportStore* store, IndicatorSet indicators,
                                   QueryServiceOptions options)
    : store_(store), indicators_(std::move(indicators)), options_(options) {}

grpc::Status QueryServiceImpl::IndexReport(grpc::ServerContext*, const v1::IndexReportRequest* request,
                                           v1::IndexReportResponse* response) {
  absl::StatusOr<IndexOutcome> outcome = store_->Index(request->report());
  if (!outcome.ok()) return ToGrpc(outcome.status());
  response->set_unchanged(outcome->unchanged);
  response->set_facts_indexed(outcome->facts_indexed);
  return grpc::Status::OK;
}

grpc::Status QueryServiceImpl::DeleteReport(grpc::ServerContext*, const v1::DeleteReportRequest* request,
                                            v1::DeleteReportResponse*) {
  if (request->report_id().empty()) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "report_id is required");
  }
  return ToGrpc(store_->Delete(request->report_id()));
}

grpc::Status QueryServiceImpl::GetReport(grpc::ServerContext*, const v1::GetReportRequest* request,
                                         v1::Report* response) {
  return Reply(query::GetReport(*store_, *request), response);
}

grpc::Status QueryServiceImpl::ListReports(grpc::ServerContext*, const v1::ListReportsRequest* request,
                                           v1::ListReportsResponse* response) {
  return Reply(query::ListReports(*store_, *request), response);
}

grpc::Status QueryServiceImpl::ListRegions(grpc::ServerContext*, const v1::ListRegionsRequest* request,
                                           v1::ListRegionsResponse* response) {
  return Reply(query::ListRegions(*store_, *request), response);
}

grpc::Status QueryServiceImpl::ListIndicators(grpc::ServerContext*, const v1::ListIndicatorsRequest*,
                                              v1::ListIndicatorsResponse* response) {
  for (const v1::Indicator& indicator : indicators_.all()) *response->add_indicators() = indicator;
  return grpc::Status::OK;
}

grpc::Status QueryServiceImpl::QueryFacts(grpc::ServerContext*, const v1::QueryFactsRequest* request,
                                          v1::QueryFactsResponse* response) {
  ReportStore::Reader reader(*store_);
  return Reply(query::QueryFacts(reader, indicators_, *request), response);
}

grpc::Status QueryServiceImpl::TimeSeries(grpc::ServerContext*, const v1::TimeSeriesRequest* request,
                                          v1::TimeSeriesResponse* response) {
  ReportStore::Reader reader(*store_);
  return Reply(query::TimeSeries(reader, indicators_, *request), response);
}

grpc::Status QueryServiceImpl::CompareRegions(grpc::ServerContext*,
                                              const v1::CompareRegionsRequest* request,
                                              v1::CompareRegionsResponse* response) {
  ReportStore::Reader reader(*store_);
  return Reply(query::CompareRegions(reader, indicators_, *request), response);
}

grpc::Status QueryServiceImpl::TargetAttainment(grpc::ServerContext*,
                                                const v1::TargetAttainmentRequest* request,
                                                v1::TargetAttainmentResponse* response) {
  ReportStore::Reader reader(*store_);
  return Reply(query::TargetAttainment(reader, indicators_, *request), response);
}

grpc::Status QueryServiceImpl::Search(grpc::ServerContext* context, const v1::SearchRequest* request,
                                      v1::SearchResponse* response) {
  const auto now_steady = std::chrono::steady_clock::now();
  auto deadline = now_steady + options_.max_query_time;
  if (context != nullptr) {
    // The client's deadline (system clock; "infinite" when none was set), moved to steady time.
    const auto client = context->deadline();
    const auto now_system = std::chrono::system_clock::now();
    if (client < now_system + options_.max_query_time) {
      deadline = now_steady + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                  client - now_system);
    }
  }
  return Reply(query::Search(*store_, *request, deadline), response);
}

}  // namespace govreport::query
