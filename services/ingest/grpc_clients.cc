#include "services/ingest/grpc_clients.h"

#include <chrono>
#include <utility>

#include "common/server/grpc_status.h"

namespace govreport::ingest {
namespace {

void SetTimeout(grpc::ClientContext* context, absl::Duration timeout) {
  context->set_deadline(std::chrono::system_clock::now() + absl::ToChronoMilliseconds(timeout));
}

absl::Status Cancelled() { return absl::CancelledError("shutting down"); }

}  // namespace

std::shared_ptr<grpc::Channel> MakeChannel(const std::string& target) {
  grpc::ChannelArguments arguments;
  arguments.SetMaxReceiveMessageSize(256 << 20);
  arguments.SetMaxSendMessageSize(256 << 20);
  // gRPC's default reconnect backoff grows to 120 s; calls waiting for a restarted peer would sit
  // that long after it is back. A peer on the cluster network is cheap to probe every few seconds.
  arguments.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 250);
  arguments.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 250);
  arguments.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 3000);
  // Extraction scales out as many replicas behind one headless Service (deploy/base): with
  // "dns:///name:port" every replica's address is resolved and calls are spread over all of them.
  // The default pick_first would send everything over one long-lived HTTP/2 connection to one pod.
  arguments.SetLoadBalancingPolicyName("round_robin");
  return grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), arguments);
}

bool CallTracker::Begin(grpc::ClientContext* context) {
  absl::MutexLock lock(&mu_);
  if (cancelled_) return false;
  active_.insert(context);
  return true;
}

void CallTracker::End(grpc::ClientContext* context) {
  absl::MutexLock lock(&mu_);
  active_.erase(context);
}

void CallTracker::CancelAll() {
  absl::MutexLock lock(&mu_);
  cancelled_ = true;
  for (grpc::ClientContext* context : active_) context->TryCancel();
}

GrpcExtractionClient::GrpcExtractionClient(std::shared_ptr<grpc::Channel> channel)
    : stub_(govreport::v1::ExtractionService::NewStub(std::move(channel))) {}

absl::StatusOr<govreport::v1::Report> GrpcExtractionClient::Extract(
    const govreport::v1::Report& report, absl::Duration timeout) {
  govreport::v1::ExtractRequest request;
  request.set_report_id(report.report_id());
  request.set_normalized_text(report.normalized_text());
  *request.mutable_source() = report.source();
  govreport::v1::ExtractResponse response;
  grpc::ClientContext context;
  SetTimeout(&context, timeout);
  // A peer that is still starting (or restarting) is waited for until the deadline instead of
  // failing at once, so an outage shorter than the deadline costs no attempt.
  context.set_wait_for_ready(true);
  if (!calls_.Begin(&context)) return Cancelled();
  grpc::Status status = stub_->Extract(&context, request, &response);
  calls_.End(&context);
  if (!status.ok()) return server::ToAbslStatus(status);
  return std::move(*response.mutable_report());
}

GrpcIndexClient::GrpcIndexClient(std::shared_ptr<grpc::Channel> channel)
    : stub_(govreport::v1::QueryService::NewStub(std::move(channel))) {}

absl::Status GrpcIndexClient::IndexReport(const govreport::v1::Report& report,
                                          absl::Duration timeout) {
  govreport::v1::IndexReportRequest request;
  *request.mutable_report() = report;
  govreport::v1::IndexReportResponse response;
  grpc::ClientContext context;
  SetTimeout(&context, timeout);
  // A peer that is still starting (or restarting) is waited for until the deadline instead of
  // failing at once, so an outage shorter than the deadline costs no attempt.
  context.set_wait_for_ready(true);
  if (!calls_.Begin(&context)) return Cancelled();
  grpc::Status status = stub_->IndexReport(&context, request, &response);
  calls_.End(&context);
  return server::ToAbslStatus(status);
}

}  // namespace govreport::ingest
