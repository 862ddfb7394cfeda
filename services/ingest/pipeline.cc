#include "services/ingest/pipeline.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace govreport::ingest {
namespace {

using govreport::v1::Report;
using govreport::v1::ReportStatus;

void LogError(const std::string& message) {
  std::fprintf(stderr, "govreport-ingest: %s\n", message.c_str());
}

}  // namespace

bool IsTransient(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
    case absl::StatusCode::kResourceExhausted:
    case absl::StatusCode::kAborted:
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kUnknown:
    case absl::StatusCode::kCancelled:
      return true;
    default:
      return false;
  }
}

Pipeline::Pipeline(ReportStore* store, ExtractionClient* extraction, IndexClient* index,
                   PipelineOptions options)
    : store_(store), extraction_(extraction), index_(index), options_(std::move(options)) {}

Pipeline::~Pipeline() { Stop(absl::ZeroDuration()); }

absl::StatusOr<int64_t> Pipeline::Start() {
  int64_t pending = 0;
  absl::Status scanned = store_->ForEachStatus("", [&](const ReportStatus& status) {
    if (status.state() == govreport::v1::REPORT_STATE_STORED ||
        status.state() == govreport::v1::REPORT_STATE_EXTRACTED) {
      queue_.Add(status.report_id());
      ++pending;
    }
    return true;
  });
  if (!scanned.ok()) return scanned;
  const int workers = std::max(1, options_.workers);
  for (int i = 0; i < workers; ++i) workers_.emplace_back([this] { WorkerLoop(); });
  return pending;
}

void Pipeline::Schedule(const std::string& report_id) {
  {
    // Scheduled anew (ingested again after FAILED, or re-extracted): a fresh failure budget.
    absl::MutexLock lock(&mu_);
    failures_.erase(report_id);
  }
  queue_.Add(report_id);
}

void Pipeline::Stop(absl::Duration grace) {
  {
    absl::MutexLock lock(&mu_);
    if (stopping_ && workers_.empty()) return;
    stopping_ = true;
  }
  queue_.Close();
  // Calls in flight get the grace period; what is still running after it is cancelled and its
  // report resumes after the restart.
  {
    absl::MutexLock lock(&mu_);
    mu_.AwaitWithTimeout(
        absl::Condition(+[](int* busy_workers) { return *busy_workers == 0; }, &busy_workers_),
        grace);
  }
  extraction_->CancelAll();
  index_->CancelAll();
  for (std::thread& worker : workers_) worker.join();
  workers_.clear();
}

std::string Pipeline::CurrentExtractorVersion() const {
  absl::MutexLock lock(&mu_);
  return latest_extractor_version_.empty() ? options_.extractor_version
                                           : latest_extractor_version_;
}

void Pipeline::WorkerLoop() {
  while (std::optional<std::string> id = queue_.Take()) {
    {
      absl::MutexLock lock(&mu_);
      ++busy_workers_;
    }
    std::optional<absl::Time> retry_at = Process(*id);
    queue_.Done(*id, retry_at);
    {
      absl::MutexLock lock(&mu_);
      --busy_workers_;
    }
  }
}

absl::Duration Pipeline::Backoff(int failures) {
  absl::Duration delay = options_.initial_backoff;
  for (int i = 1; i < failures && delay < options_.max_backoff; ++i) delay *= 2;
  delay = std::min(delay, options_.max_backoff);
  absl::MutexLock lock(&mu_);
  return delay * absl::Uniform(random_, 0.5, 1.0);
}

std::optional<absl::Time> Pipeline::Process(const std::string& id) {
  // Storage trouble (disk full, I/O errors) is not the report's fault: retry without spending
  // its budget.
  auto storage_error = [&](const absl::Status& status) -> std::optional<absl::Time> {
    LogError(absl::StrCat("report ", id, ": ", status.ToString()));
    return absl::Now() + options_.max_backoff;
  };

  const uint64_t generation = store_->Generation(id);
  absl::StatusOr<std::optional<ReportStatus>> found = store_->GetStatus(id);
  if (!found.ok()) return storage_error(found.status());
  if (!found->has_value()) return std::nullopt;
  ReportStatus status = std::move(**found);
  if (status.state() != govreport::v1::REPORT_STATE_STORED &&
      status.state() != govreport::v1::REPORT_STATE_EXTRACTED) {
    return std::nullopt;
  }
  absl::StatusOr<Report> report = store_->GetReport(id);
  if (!report.ok()) return storage_error(report.status());

  if (status.state() == govreport::v1::REPORT_STATE_STORED) {
    absl::StatusOr<Report> extracted = extraction_->Extract(*report, options_.rpc_timeout);
    if (!extracted.ok()) return OnFailure(generation, std::move(status), "extract",
                                          extracted.status());
    // The stored report keeps what extraction does not echo: identity, text, provenance.
    extracted->set_report_id(id);
    extracted->set_normalized_text(report->normalized_text());
    *extracted->mutable_source() = report->source();
    if (extracted->text_sha256().empty()) extracted->set_text_sha256(report->text_sha256());
    status.set_state(govreport::v1::REPORT_STATE_EXTRACTED);
    status.set_attempts(status.attempts() + 1);
    status.clear_error();
    status.set_extractor_version(extracted->extractor_version());
    absl::StatusOr<bool> written = store_->Update(generation, status, &*extracted);
    if (!written.ok()) return storage_error(written.status());
    if (!*written) return std::nullopt;  // reset meanwhile; the queue runs it again
    {
      absl::MutexLock lock(&mu_);
      failures_.erase(id);
      if (!extracted->extractor_version().empty()) {
        latest_extractor_version_ = extracted->extractor_version();
      }
    }
    *report = std::move(*extracted);
  }

  absl::Status indexed = index_->IndexReport(*report, options_.rpc_timeout);
  if (!indexed.ok()) return OnFailure(generation, std::move(status), "index", indexed);
  status.set_state(govreport::v1::REPORT_STATE_INDEXED);
  status.set_attempts(status.attempts() + 1);
  status.clear_error();
  absl::StatusOr<bool> written = store_->Update(generation, status, nullptr);
  if (!written.ok()) return storage_error(written.status());
  absl::MutexLock lock(&mu_);
  failures_.erase(id);
  return std::nullopt;
}

std::optional<absl::Time> Pipeline::OnFailure(uint64_t generation, ReportStatus status,
                                              std::string_view step, const absl::Status& error) {
  const std::string id = status.report_id();
  int failures;
  {
    absl::MutexLock lock(&mu_);
    // Our own shutdown cancelled the call: not the report's failure; it resumes after restart.
    if (stopping_ && error.code() == absl::StatusCode::kCancelled) return std::nullopt;
    failures = ++failures_[id];
  }
  const bool give_up = !IsTransient(error.code()) || failures >= options_.max_attempts;
  status.set_attempts(status.attempts() + 1);
  status.set_error(absl::StrCat(std::string(step), ": ", error.ToString()));
  if (give_up) {
    status.set_state(govreport::v1::REPORT_STATE_FAILED);
    absl::MutexLock lock(&mu_);
    failures_.erase(id);
  }
  LogError(give_up ? absl::StrCat("report ", id, " FAILED: ", status.error(), " (after ", failures,
                                  " failed attempt(s) in a row)")
                   : absl::StrCat("report ", id, ": ", status.error(), " (failure ", failures,
                                  " of ", options_.max_attempts, "; will retry)"));
  absl::StatusOr<bool> written = store_->Update(generation, status, nullptr);
  if (!written.ok()) {
    LogError(absl::StrCat("report ", id, ": ", written.status().ToString()));
    return absl::Now() + options_.max_backoff;
  }
  if (!*written || give_up) return std::nullopt;
  return absl::Now() + Backoff(failures);
}

}  // namespace govreport::ingest
