#include "services/ingest/report_store.h"

#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace govreport::ingest {
namespace {

using govreport::v1::Report;
using govreport::v1::ReportStatus;

constexpr char kStatusFamily[] = "report_status";
constexpr char kReportFamily[] = "report";

absl::Status Corrupt(std::string_view what, std::string_view id) {
  return absl::DataLossError(
      absl::StrCat("stored ", std::string(what), " of ", std::string(id), " does not parse"));
}

}  // namespace

std::vector<std::string> ReportStore::ColumnFamilies() { return {kStatusFamily, kReportFamily}; }

ReportStore::ReportStore(storage::Database* db)
    : db_(db),
      status_family_(db->family(kStatusFamily)),
      report_family_(db->family(kReportFamily)) {}

absl::StatusOr<std::vector<ReportStore::AddOutcome>> ReportStore::Add(
    const std::vector<NewReport>& reports) {
  const int64_t now_ms = absl::ToUnixMillis(absl::Now());
  std::vector<AddOutcome> outcomes(reports.size());
  rocksdb::WriteBatch batch;
  absl::flat_hash_set<std::string> in_batch;
  absl::MutexLock lock(&mu_);
  for (size_t i = 0; i < reports.size(); ++i) {
    const Report& report = reports[i].report;
    const std::string& id = report.report_id();
    if (in_batch.contains(id)) {
      outcomes[i].already_known = true;
      continue;
    }
    absl::StatusOr<std::optional<ReportStatus>> existing = GetStatus(id);
    if (!existing.ok()) return existing.status();
    if (existing->has_value()) {
      outcomes[i].already_known = true;
      ReportStatus status = **existing;
      if (status.state() == govreport::v1::REPORT_STATE_FAILED) {
        status.set_state(govreport::v1::REPORT_STATE_STORED);
        status.clear_error();
        status.set_updated_unix_ms(now_ms);
        batch.Put(status_family_, id, status.SerializeAsString());
        ++generations_[id];
        outcomes[i].needs_processing = true;
        in_batch.insert(id);
      }
      continue;
    }
    ReportStatus status;
    status.set_report_id(id);
    status.set_state(govreport::v1::REPORT_STATE_STORED);
    status.set_source_uri(report.source().uri());
    status.set_title(reports[i].title);
    status.set_updated_unix_ms(now_ms);
    batch.Put(report_family_, id, report.SerializeAsString());
    batch.Put(status_family_, id, status.SerializeAsString());
    outcomes[i].needs_processing = true;
    in_batch.insert(id);
  }
  if (batch.Count() > 0) {
    absl::Status written = db_->WriteSynced(&batch);
    if (!written.ok()) return written;
  }
  return outcomes;
}

absl::StatusOr<std::optional<ReportStatus>> ReportStore::GetStatus(std::string_view id) const {
  absl::StatusOr<std::optional<std::string>> value = db_->Get(status_family_, id);
  if (!value.ok()) return value.status();
  if (!value->has_value()) return std::nullopt;
  ReportStatus status;
  if (!status.ParseFromString(**value)) return Corrupt("status", id);
  return std::optional<ReportStatus>(std::move(status));
}

absl::StatusOr<Report> ReportStore::GetReport(std::string_view id) const {
  absl::StatusOr<std::optional<std::string>> value = db_->Get(report_family_, id);
  if (!value.ok()) return value.status();
  if (!value->has_value()) {
    return absl::NotFoundError(absl::StrCat("unknown report id: ", std::string(id)));
  }
  Report report;
  if (!report.ParseFromString(**value)) return Corrupt("report", id);
  return report;
}

absl::Status ReportStore::ForEachStatus(
    std::string_view start_after, const std::function<bool(const ReportStatus&)>& visit) const {
  absl::Status parse_error;
  absl::Status scanned = db_->Scan(
      status_family_, "", start_after, [&](std::string_view key, std::string_view value) {
        ReportStatus status;
        if (!status.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
          parse_error = Corrupt("status", key);
          return false;
        }
        return visit(status);
      });
  return scanned.ok() ? parse_error : scanned;
}

uint64_t ReportStore::Generation(std::string_view id) const {
  absl::MutexLock lock(&mu_);
  auto it = generations_.find(std::string(id));
  return it == generations_.end() ? 0 : it->second;
}

absl::StatusOr<bool> ReportStore::Reset(
    std::string_view id, const std::function<bool(const ReportStatus&)>& should_reset) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<std::optional<ReportStatus>> existing = GetStatus(id);
  if (!existing.ok()) return existing.status();
  if (!existing->has_value()) {
    return absl::NotFoundError(absl::StrCat("unknown report id: ", std::string(id)));
  }
  ReportStatus status = **existing;
  if (!should_reset(status)) return false;
  status.set_state(govreport::v1::REPORT_STATE_STORED);
  status.clear_error();
  status.set_updated_unix_ms(absl::ToUnixMillis(absl::Now()));
  absl::Status written = db_->PutSynced(status_family_, id, status.SerializeAsString());
  if (!written.ok()) return written;
  ++generations_[std::string(id)];
  return true;
}

absl::StatusOr<bool> ReportStore::Update(uint64_t generation, ReportStatus status,
                                         const Report* report) {
  absl::MutexLock lock(&mu_);
  auto it = generations_.find(status.report_id());
  if ((it == generations_.end() ? 0 : it->second) != generation) return false;
  status.set_updated_unix_ms(absl::ToUnixMillis(absl::Now()));
  rocksdb::WriteBatch batch;
  batch.Put(status_family_, status.report_id(), status.SerializeAsString());
  if (report != nullptr) batch.Put(report_family_, status.report_id(), report->SerializeAsString());
  absl::Status written = db_->WriteSynced(&batch);
  if (!written.ok()) return written;
  return true;
}

}  // namespace govreport::ingest
