#ifndef GOVREPORT_SERVICES_INGEST_INGEST_SERVICE_H_
#define GOVREPORT_SERVICES_INGEST_INGEST_SERVICE_H_

#include <cstddef>

#include "absl/status/statusor.h"
#include "govreport/v1/ingest.grpc.pb.h"
#include "services/ingest/pipeline.h"
#include "services/ingest/report_store.h"

namespace govreport::ingest {

struct IngestServiceOptions {
  // Largest document accepted, in bytes (--max_document_bytes).
  size_t max_document_bytes = 16 << 20;
};

// IngestService (see ingest.proto): stores the reports of each document durably before
// answering, and hands them to the Pipeline for extraction and indexing.
class IngestServiceImpl final : public govreport::v1::IngestService::Service {
 public:
  // `store` and `pipeline` must outlive the service.
  IngestServiceImpl(ReportStore* store, Pipeline* pipeline, IngestServiceOptions options);

  grpc::Status Ingest(grpc::ServerContext* context, const govreport::v1::IngestRequest* request,
                      govreport::v1::IngestResponse* response) override;
  grpc::Status IngestStream(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<govreport::v1::IngestStreamResponse, govreport::v1::IngestRequest>*
          stream) override;
  grpc::Status GetStatus(grpc::ServerContext* context,
                         const govreport::v1::GetStatusRequest* request,
                         govreport::v1::GetStatusResponse* response) override;
  grpc::Status Reextract(grpc::ServerContext* context,
                         const govreport::v1::ReextractRequest* request,
                         govreport::v1::ReextractResponse* response) override;

  // The RPCs without gRPC, with the errors ingest.proto documents. Besides those: GetStatus
  // answers INVALID_ARGUMENT for a page_token it did not issue; Reextract answers NOT_FOUND
  // naming the first unknown id, INVALID_ARGUMENT when neither ids, `all` nor a filter are
  // given, and INVALID_ARGUMENT for a negative or inverted year range.
  absl::StatusOr<govreport::v1::IngestResponse> IngestDocument(
      const govreport::v1::IngestRequest& request);
  absl::StatusOr<govreport::v1::GetStatusResponse> Status(
      const govreport::v1::GetStatusRequest& request) const;
  absl::StatusOr<govreport::v1::ReextractResponse> ScheduleReextract(
      const govreport::v1::ReextractRequest& request);

 private:
  ReportStore* store_;
  Pipeline* pipeline_;
  IngestServiceOptions options_;
};

}  // namespace govreport::ingest

#endif  // GOVREPORT_SERVICES_INGEST_INGEST_SERVICE_H_
