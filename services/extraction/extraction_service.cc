#include "services/extraction/extraction_service.h"

#include <cstdio>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/server/grpc_status.h"
#include "common/storage/status.h"
#include "common/text/utf8.h"
#include "common/util/content_id.h"

namespace govreport::extraction {
namespace {

constexpr char kCacheFamily[] = "extraction_cache";

// Offset of the first byte that starts an ill-formed sequence (the text is known to be invalid).
size_t FirstInvalidUtf8Offset(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t start = pos;
    char32_t c = text::DecodeUtf8(text, &pos);
    if (c == 0xFFFD && !text::IsValidUtf8(text.substr(start, pos - start))) return start;
  }
  return text.size();
}

}  // namespace

std::vector<std::string> ExtractionServiceImpl::ColumnFamilies() { return {kCacheFamily}; }

ExtractionServiceImpl::ExtractionServiceImpl(const extract::Extractor* extractor,
                                             storage::Database* cache,
                                             ExtractionServiceOptions options)
    : extractor_(extractor), cache_(cache), options_(std::move(options)) {
  if (options_.extractor_version.empty()) {
    options_.extractor_version = std::string(extract::Extractor::Version());
  }
}

absl::StatusOr<int64_t> ExtractionServiceImpl::DropOtherVersions() {
  rocksdb::ColumnFamilyHandle* family = cache_->family(kCacheFamily);
  const std::string current = absl::StrCat(options_.extractor_version, "/");
  rocksdb::WriteBatch batch;
  int64_t dropped = 0;
  absl::Status scanned =
      cache_->Scan(family, "", "", [&](std::string_view key, std::string_view /*value*/) {
        if (key.substr(0, current.size()) != current) {
          batch.Delete(family, rocksdb::Slice(key.data(), key.size()));
          ++dropped;
        }
        return true;
      });
  if (!scanned.ok()) return scanned;
  if (dropped > 0) {
    // Not synced: entries that come back after a crash are dropped again on the next start.
    absl::Status written = storage::ToAbslStatus(cache_->db()->Write(rocksdb::WriteOptions(), &batch),
                                        "drop stale cache entries");
    if (!written.ok()) return written;
  }
  return dropped;
}

grpc::Status ExtractionServiceImpl::Extract(grpc::ServerContext* /*context*/,
                                            const govreport::v1::ExtractRequest* request,
                                            govreport::v1::ExtractResponse* response) {
  absl::StatusOr<govreport::v1::ExtractResponse> result = Extract(*request);
  if (!result.ok()) return server::ToGrpcStatus(result.status());
  *response = std::move(*result);
  return grpc::Status::OK;
}

absl::StatusOr<govreport::v1::ExtractResponse> ExtractionServiceImpl::Extract(
    const govreport::v1::ExtractRequest& request) const {
  const std::string& text = request.normalized_text();
  if (text.empty()) return absl::InvalidArgumentError("empty document");
  if (text.size() > options_.max_text_bytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("normalized_text is ", text.size(), " bytes; the limit is ",
                     options_.max_text_bytes, " bytes (--max_text_bytes)"));
  }
  if (!text::IsValidUtf8(text)) {
    return absl::InvalidArgumentError(
        absl::StrCat("normalized_text is not valid UTF-8 (first bad byte at offset ",
                     FirstInvalidUtf8Offset(text), ")"));
  }

  const std::string sha256 = Sha256Hex(text);
  const std::string cache_key = absl::StrCat(options_.extractor_version, "/", sha256);
  rocksdb::ColumnFamilyHandle* family = cache_->family(kCacheFamily);

  govreport::v1::ExtractResponse response;
  govreport::v1::Report* report = response.mutable_report();
  absl::StatusOr<std::optional<std::string>> cached = cache_->Get(family, cache_key);
  if (!cached.ok()) {
    std::fprintf(stderr, "extraction cache read failed: %s\n", cached.status().ToString().c_str());
  }
  if (cached.ok() && cached->has_value() && report->ParseFromString(**cached)) {
    response.set_cache_hit(true);
  } else {
    *report = extractor_->Extract(text, request.source());
    // The cached copy is independent of who asked: no id, no provenance, no text.
    govreport::v1::Report to_cache = *report;
    to_cache.clear_report_id();
    to_cache.clear_source();
    to_cache.clear_normalized_text();
    to_cache.set_text_sha256(sha256);
    to_cache.set_extractor_version(options_.extractor_version);
    absl::Status stored = cache_->Put(family, cache_key, to_cache.SerializeAsString());
    if (!stored.ok()) {
      std::fprintf(stderr, "extraction cache write failed: %s\n", stored.ToString().c_str());
    }
  }
  report->set_report_id(request.report_id().empty() ? ReportIdForText(text) : request.report_id());
  *report->mutable_source() = request.source();
  report->clear_normalized_text();
  report->set_text_sha256(sha256);
  report->set_extractor_version(options_.extractor_version);
  return response;
}

}  // namespace govreport::extraction
