#ifndef GOVREPORT_SERVICES_INGEST_CLIENTS_H_
#define GOVREPORT_SERVICES_INGEST_CLIENTS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "govreport/v1/report.pb.h"

namespace govreport::ingest {

// The pipeline's view of ExtractionService, so it can be tested without a server.
// Implementations are thread-safe.
class ExtractionClient {
 public:
  virtual ~ExtractionClient() = default;
  // Extracts `report` (report_id, normalized_text and source set) within `timeout`. Errors carry
  // the RPC's status code (UNAVAILABLE, DEADLINE_EXCEEDED, INVALID_ARGUMENT, ...).
  virtual absl::StatusOr<govreport::v1::Report> Extract(const govreport::v1::Report& report,
                                                        absl::Duration timeout) = 0;
  // Makes calls in flight, and any later call, fail with CANCELLED (shutdown).
  virtual void CancelAll() {}
};

// The pipeline's view of QueryService.IndexReport. Implementations are thread-safe.
class IndexClient {
 public:
  virtual ~IndexClient() = default;
  // Indexes `report` (extracted, with normalized_text) within `timeout`.
  virtual absl::Status IndexReport(const govreport::v1::Report& report,
                                   absl::Duration timeout) = 0;
  // Makes calls in flight, and any later call, fail with CANCELLED (shutdown).
  virtual void CancelAll() {}
};

}  // namespace govreport::ingest

#endif  // GOVREPORT_SERVICES_INGEST_CLIENTS_H_
