#include "services/ingest/ingest_service.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/server/grpc_status.h"
#include "common/text/normalize.h"
#include "common/text/split.h"
#include "common/util/content_id.h"

namespace govreport::ingest {
namespace {

using govreport::v1::ReportState;
using govreport::v1::ReportStatus;

constexpr int kDefaultPageSize = 100;
constexpr int kMaxPageSize = 1000;
// Page tokens are "after:<last id of the previous page>": ids are stable and ordered, so a page
// never repeats or skips a report, whatever is ingested meanwhile.
constexpr char kPageTokenPrefix[] = "after:";

bool HasMetadataFilter(const govreport::v1::ReextractRequest& request) {
  return !request.region().empty() || request.year_from() != 0 || request.year_to() != 0;
}

bool HasAnyFilter(const govreport::v1::ReextractRequest& request) {
  return HasMetadataFilter(request) || !request.source_uri_prefix().empty();
}

// The metadata filters of `request` against a stored report. A report never extracted has no
// metadata to test, so it fails every metadata filter (ingest.proto documents this).
bool MatchesMetadataFilters(const govreport::v1::Report& report,
                            const govreport::v1::ReextractRequest& request) {
  if (!report.has_meta()) return false;
  const govreport::v1::ReportMetadata& meta = report.meta();
  if (!request.region().empty() && meta.region().name() != request.region() &&
      meta.region().code() != request.region()) {
    return false;
  }
  if (request.year_from() != 0 || request.year_to() != 0) {
    const int year = meta.report_year();
    if (year == 0) return false;
    if (request.year_from() != 0 && year < request.year_from()) return false;
    if (request.year_to() != 0 && year > request.year_to()) return false;
  }
  return true;
}

}  // namespace

IngestServiceImpl::IngestServiceImpl(ReportStore* store, Pipeline* pipeline,
                                     IngestServiceOptions options)
    : store_(store), pipeline_(pipeline), options_(options) {}

absl::StatusOr<govreport::v1::IngestResponse> IngestServiceImpl::IngestDocument(
    const govreport::v1::IngestRequest& request) {
  const std::string& content = request.content();
  if (content.empty()) return absl::InvalidArgumentError("empty document");
  if (content.size() > options_.max_document_bytes) {
    return absl::ResourceExhaustedError(
        absl::StrCat("document is ", content.size(), " bytes; the limit is ",
                     options_.max_document_bytes, " bytes (--max_document_bytes)"));
  }
  text::NormalizeOptions normalize_options;
  normalize_options.content_type = request.content_type();
  normalize_options.charset_hint = request.charset();
  normalize_options.max_bytes = options_.max_document_bytes;
  absl::StatusOr<text::NormalizedDocument> document =
      text::NormalizeDocument(content, normalize_options);
  if (!document.ok()) return document.status();

  std::vector<text::ReportSlice> slices = text::SplitReports(document->text);
  slices.erase(std::remove_if(slices.begin(), slices.end(),
                              [](const text::ReportSlice& slice) { return slice.text.empty(); }),
               slices.end());
  if (slices.empty()) return absl::InvalidArgumentError("empty document");

  std::vector<ReportStore::NewReport> reports;
  reports.reserve(slices.size());
  for (size_t i = 0; i < slices.size(); ++i) {
    ReportStore::NewReport& entry = reports.emplace_back();
    govreport::v1::Report& report = entry.report;
    report.set_report_id(ReportIdForText(slices[i].text));
    report.set_text_sha256(Sha256Hex(slices[i].text));
    report.set_normalized_text(std::move(slices[i].text));
    govreport::v1::Source* source = report.mutable_source();
    source->set_uri(request.source_uri());
    source->set_content_type(document->content_type);
    source->set_charset(document->charset);
    source->set_index_in_bundle(static_cast<int32_t>(i + 1));
    source->set_bundle_size(static_cast<int32_t>(slices.size()));
    entry.title = slices[i].title;
  }
  // Durable before anything is acknowledged or scheduled.
  absl::StatusOr<std::vector<ReportStore::AddOutcome>> outcomes = store_->Add(reports);
  if (!outcomes.ok()) return outcomes.status();

  govreport::v1::IngestResponse response;
  response.set_detected_charset(document->charset);
  for (size_t i = 0; i < reports.size(); ++i) {
    govreport::v1::IngestedReport* ingested = response.add_reports();
    ingested->set_report_id(reports[i].report.report_id());
    ingested->set_already_known((*outcomes)[i].already_known);
    ingested->set_title(reports[i].title);
    ingested->set_index_in_bundle(static_cast<int32_t>(i + 1));
    if ((*outcomes)[i].needs_processing) pipeline_->Schedule(reports[i].report.report_id());
  }
  return response;
}

absl::StatusOr<govreport::v1::GetStatusResponse> IngestServiceImpl::Status(
    const govreport::v1::GetStatusRequest& request) const {
  govreport::v1::GetStatusResponse response;
  if (request.report_ids_size() > 0) {
    for (const std::string& id : request.report_ids()) {
      absl::StatusOr<std::optional<ReportStatus>> status = store_->GetStatus(id);
      if (!status.ok()) return status.status();
      if (!status->has_value()) return absl::NotFoundError(absl::StrCat("unknown report id: ", id));
      *response.add_statuses() = std::move(**status);
    }
    return response;
  }

  int page_size = request.page_size() <= 0 ? kDefaultPageSize
                                           : std::min(request.page_size(), kMaxPageSize);
  std::string start_after;
  if (!request.page_token().empty()) {
    if (!absl::StartsWith(request.page_token(), kPageTokenPrefix) ||
        request.page_token().size() == sizeof(kPageTokenPrefix) - 1) {
      return absl::InvalidArgumentError(
          absl::StrCat("malformed page_token \"", request.page_token(), "\""));
    }
    start_after = request.page_token().substr(sizeof(kPageTokenPrefix) - 1);
  }
  // Totals cover every report, so count them in a full pass and collect the page on the way.
  absl::flat_hash_map<int, int64_t> counts;
  bool more = false;
  absl::Status scanned = store_->ForEachStatus("", [&](const ReportStatus& status) {
    ++counts[status.state()];
    if (status.report_id() > start_after || start_after.empty()) {
      if (response.statuses_size() < page_size) {
        *response.add_statuses() = status;
      } else {
        more = true;
      }
    }
    return true;
  });
  if (!scanned.ok()) return scanned;
  if (more) {
    response.set_next_page_token(
        absl::StrCat(kPageTokenPrefix, response.statuses(response.statuses_size() - 1).report_id()));
  }
  for (ReportState state :
       {govreport::v1::REPORT_STATE_STORED, govreport::v1::REPORT_STATE_EXTRACTED,
        govreport::v1::REPORT_STATE_INDEXED, govreport::v1::REPORT_STATE_FAILED}) {
    (*response.mutable_totals())[govreport::v1::ReportState_Name(state)] = counts[state];
  }
  return response;
}

absl::StatusOr<govreport::v1::ReextractResponse> IngestServiceImpl::ScheduleReextract(
    const govreport::v1::ReextractRequest& request) {
  if (request.year_from() < 0 || request.year_to() < 0 ||
      (request.year_from() != 0 && request.year_to() != 0 &&
       request.year_from() > request.year_to())) {
    return absl::InvalidArgumentError(absl::StrCat("bad year range: year_from ",
                                                   request.year_from(), ", year_to ",
                                                   request.year_to()));
  }
  std::vector<std::string> ids(request.report_ids().begin(), request.report_ids().end());
  const bool scan_all = ids.empty();
  if (scan_all) {
    if (!request.all() && !HasAnyFilter(request)) {
      return absl::InvalidArgumentError(
          "give report_ids, a filter, or set all to re-extract every report");
    }
    absl::Status scanned = store_->ForEachStatus("", [&](const ReportStatus& status) {
      ids.push_back(status.report_id());
      return true;
    });
    if (!scanned.ok()) return scanned;
  } else {
    // Check every id first, so an unknown one schedules nothing.
    for (const std::string& id : ids) {
      absl::StatusOr<std::optional<ReportStatus>> status = store_->GetStatus(id);
      if (!status.ok()) return status.status();
      if (!status->has_value()) return absl::NotFoundError(absl::StrCat("unknown report id: ", id));
    }
  }
  const bool only_outdated = scan_all && request.only_outdated();
  const std::string current_version = only_outdated ? pipeline_->CurrentExtractorVersion() : "";
  const bool metadata_filter = HasMetadataFilter(request);
  govreport::v1::ReextractResponse response;
  for (const std::string& id : ids) {
    if (metadata_filter) {
      // Read outside Reset: the report body is large and its metadata changes only when a
      // worker finishes, which a Reset meanwhile would discard anyway.
      absl::StatusOr<govreport::v1::Report> report = store_->GetReport(id);
      if (!report.ok()) return report.status();
      if (!MatchesMetadataFilters(*report, request)) continue;
    }
    absl::StatusOr<bool> reset = store_->Reset(id, [&](const ReportStatus& status) {
      if (only_outdated && status.extractor_version() == current_version) return false;
      return absl::StartsWith(status.source_uri(), request.source_uri_prefix());
    });
    if (!reset.ok()) return reset.status();
    if (*reset) {
      pipeline_->Schedule(id);
      response.set_scheduled(response.scheduled() + 1);
    }
  }
  return response;
}

grpc::Status IngestServiceImpl::Ingest(grpc::ServerContext* /*context*/,
                                       const govreport::v1::IngestRequest* request,
                                       govreport::v1::IngestResponse* response) {
  absl::StatusOr<govreport::v1::IngestResponse> result = IngestDocument(*request);
  if (!result.ok()) return server::ToGrpcStatus(result.status());
  *response = std::move(*result);
  return grpc::Status::OK;
}

grpc::Status IngestServiceImpl::IngestStream(
    grpc::ServerContext* context,
    grpc::ServerReaderWriter<govreport::v1::IngestStreamResponse, govreport::v1::IngestRequest>*
        stream) {
  govreport::v1::IngestRequest request;
  int64_t index = 0;
  while (stream->Read(&request)) {
    govreport::v1::IngestStreamResponse response;
    response.set_index(index++);
    absl::StatusOr<govreport::v1::IngestResponse> result = IngestDocument(request);
    if (result.ok()) {
      *response.mutable_result() = std::move(*result);
    } else {
      response.set_error_code(static_cast<int32_t>(result.status().code()));
      response.set_error_message(std::string(result.status().message()));
    }
    if (!stream->Write(response)) {
      // The client went away; what was stored stays stored.
      return grpc::Status(grpc::StatusCode::CANCELLED, "client stopped reading");
    }
    if (context != nullptr && context->IsCancelled()) {
      return grpc::Status(grpc::StatusCode::CANCELLED, "cancelled");
    }
  }
  return grpc::Status::OK;
}

grpc::Status IngestServiceImpl::GetStatus(grpc::ServerContext* /*context*/,
                                          const govreport::v1::GetStatusRequest* request,
                                          govreport::v1::GetStatusResponse* response) {
  absl::StatusOr<govreport::v1::GetStatusResponse> result = Status(*request);
  if (!result.ok()) return server::ToGrpcStatus(result.status());
  *response = std::move(*result);
  return grpc::Status::OK;
}

grpc::Status IngestServiceImpl::Reextract(grpc::ServerContext* /*context*/,
                                          const govreport::v1::ReextractRequest* request,
                                          govreport::v1::ReextractResponse* response) {
  absl::StatusOr<govreport::v1::ReextractResponse> result = ScheduleReextract(*request);
  if (!result.ok()) return server::ToGrpcStatus(result.status());
  *response = std::move(*result);
  return grpc::Status::OK;
}

}  // namespace govreport::ingest
