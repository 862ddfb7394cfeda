#ifndef GOVREPORT_SERVICES_EXTRACTION_EXTRACTION_SERVICE_H_
#define GOVREPORT_SERVICES_EXTRACTION_EXTRACTION_SERVICE_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/extract/extractor.h"
#include "common/storage/database.h"
#include "govreport/v1/extraction.grpc.pb.h"

namespace govreport::extraction {

struct ExtractionServiceOptions {
  // Largest normalized_text accepted, in bytes (--max_text_bytes).
  size_t max_text_bytes = 16 << 20;
  // Version the cache is keyed on; empty means extract::Extractor::Version(). Tests set it to
  // simulate an upgrade.
  std::string extractor_version;
};

// ExtractionService over an Extractor, with results cached in RocksDB under
// (sha256(text), extractor version): the same text is extracted once per extractor version,
// across restarts and replicas sharing nothing but their own cache.
class ExtractionServiceImpl final : public govreport::v1::ExtractionService::Service {
 public:
  // Column families the cache database must be opened with.
  static std::vector<std::string> ColumnFamilies();

  // `extractor` and `cache` must outlive the service; `cache` was opened with ColumnFamilies().
  ExtractionServiceImpl(const extract::Extractor* extractor, storage::Database* cache,
                        ExtractionServiceOptions options);

  // Deletes cached results of other extractor versions (they can never be hit again). Returns
  // how many were deleted. Call at startup, before serving.
  absl::StatusOr<int64_t> DropOtherVersions();

  grpc::Status Extract(grpc::ServerContext* context, const govreport::v1::ExtractRequest* request,
                       govreport::v1::ExtractResponse* response) override;

  // The RPC without gRPC. Errors: INVALID_ARGUMENT "empty document" for an empty text,
  // INVALID_ARGUMENT naming the first bad byte offset for text that is not UTF-8, and
  // INVALID_ARGUMENT naming both sizes for text over max_text_bytes. A failing cache never fails
  // the call (the result is computed and the cache error logged).
  absl::StatusOr<govreport::v1::ExtractResponse> Extract(
      const govreport::v1::ExtractRequest& request) const;

 private:
  const extract::Extractor* extractor_;
  storage::Database* cache_;
  ExtractionServiceOptions options_;
};

}  // namespace govreport::extraction

#endif  // GOVREPORT_SERVICES_EXTRACTION_EXTRACTION_SERVICE_H_
