#ifndef GOVREPORT_SERVICES_INGEST_GRPC_CLIENTS_H_
#define GOVREPORT_SERVICES_INGEST_GRPC_CLIENTS_H_

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "govreport/v1/extraction.grpc.pb.h"
#include "govreport/v1/query.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "services/ingest/clients.h"

namespace govreport::ingest {

// A channel to `target` ("127.0.0.1:50052", "dns:///host:port") that accepts messages as large
// as reports get (the default 4 MiB receive limit is too small for a full report).
std::shared_ptr<grpc::Channel> MakeChannel(const std::string& target);

// Tracks the contexts of calls in flight so shutdown can cancel them.
class CallTracker {
 public:
  // False once CancelAll() was called: the call must not start.
  bool Begin(grpc::ClientContext* context);
  void End(grpc::ClientContext* context);
  void CancelAll();

 private:
  absl::Mutex mu_;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
  absl::flat_hash_set<grpc::ClientContext*> active_ ABSL_GUARDED_BY(mu_);
};

class GrpcExtractionClient final : public ExtractionClient {
 public:
  explicit GrpcExtractionClient(std::shared_ptr<grpc::Channel> channel);
  absl::StatusOr<govreport::v1::Report> Extract(const govreport::v1::Report& report,
                                                absl::Duration timeout) override;
  void CancelAll() override { calls_.CancelAll(); }

 private:
  std::unique_ptr<govreport::v1::ExtractionService::Stub> stub_;
  CallTracker calls_;
};

class GrpcIndexClient final : public IndexClient {
 public:
  explicit GrpcIndexClient(std::shared_ptr<grpc::Channel> channel);
  absl::Status IndexReport(const govreport::v1::Report& report, absl::Duration timeout) override;
  void CancelAll() override { calls_.CancelAll(); }

 private:
  std::unique_ptr<govreport::v1::QueryService::Stub> stub_;
  CallTracker calls_;
};

}  // namespace govreport::ingest

#endif  // GOVREPORT_SERVICES_INGEST_GRPC_CLIENTS_H_
