#ifndef GOVREPORT_TESTS_INTEGRATION_CLUSTER_H_
#define GOVREPORT_TESTS_INTEGRATION_CLUSTER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "govreport/v1/extraction.grpc.pb.h"
#include "govreport/v1/ingest.grpc.pb.h"
#include "govreport/v1/query.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "tests/integration/server_process.h"

namespace govreport::testing {

struct ClusterOptions {
  // When false, the query service is not started by Start(): ingest is pointed at a reserved
  // port where nothing listens yet, so reports pile up in the pipeline until StartQuery().
  bool start_query = true;
  // Extra flags for govreport-ingest (e.g. "--max_document_bytes=4096").
  std::vector<std::string> ingest_flags;
};

// The three services as separate processes on loopback, each with its own data directory under
// one temporary root, wired together as in production.
class Cluster {
 public:
  // Errors: whatever ServerProcess::Start reports for the first service that fails to start.
  static absl::StatusOr<std::unique_ptr<Cluster>> Start(const ClusterOptions& options);

  // Starts the query service at the address ingest was given. FAILED_PRECONDITION if running.
  absl::Status StartQuery();
  // Starts ingest again on the same data directory after it stopped or was killed.
  absl::Status StartIngest();

  ServerProcess& extraction() { return *extraction_; }
  ServerProcess& query() { return *query_; }
  ServerProcess& ingest() { return *ingest_; }

  // Stubs for the processes' current addresses (ingest's changes on each restart).
  std::unique_ptr<v1::IngestService::Stub> IngestStub() const;
  std::unique_ptr<v1::QueryService::Stub> QueryStub() const;
  std::unique_ptr<v1::ExtractionService::Stub> ExtractionStub() const;
  std::shared_ptr<grpc::Channel> Channel(const std::string& address) const;

  // Polls IngestService.GetStatus until no report is STORED or EXTRACTED and at least
  // `min_reports` are listed. Errors: DEADLINE_EXCEEDED naming what is still pending.
  absl::StatusOr<std::vector<v1::ReportStatus>> WaitUntilSettled(
      size_t min_reports, absl::Duration timeout = absl::Seconds(240));

  // The tails of all three logs, for failure messages.
  std::string Logs() const;

  const std::string& root() const { return root_; }

 private:
  Cluster() = default;
  absl::Status StartProcess(const std::string& name, std::vector<std::string> flags,
                            std::unique_ptr<ServerProcess>* out);

  ClusterOptions options_;
  std::string root_;
  std::string bin_dir_;
  std::string query_address_;  // reserved when the query service starts late
  std::unique_ptr<ServerProcess> extraction_;
  std::unique_ptr<ServerProcess> query_;
  std::unique_ptr<ServerProcess> ingest_;
};

// A client context with a deadline, so a hung server fails the test instead of hanging it.
std::unique_ptr<grpc::ClientContext> ContextWithDeadline(absl::Duration timeout = absl::Seconds(60));

// Bytes of data/samples/<name> in the source tree (GOVREPORT_SOURCE_DIR).
std::string ReadSample(const std::string& name);

// The sample file names, sorted.
std::vector<std::string> SampleNames();

// "INVALID_ARGUMENT: message" for test failure output.
std::string Describe(const grpc::Status& status);

}  // namespace govreport::testing

#endif  // GOVREPORT_TESTS_INTEGRATION_CLUSTER_H_
