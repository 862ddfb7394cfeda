#ifndef GOVREPORT_SERVICES_INGEST_REPORT_STORE_H_
#define GOVREPORT_SERVICES_INGEST_REPORT_STORE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/storage/database.h"
#include "govreport/v1/ingest.pb.h"
#include "govreport/v1/report.pb.h"

namespace govreport::ingest {

// The ingest service's durable state: per report its pipeline status (ReportStatus) and its
// Report (text and provenance; meta and facts once extracted). Every write is synced, so what a
// method reported as stored survives a crash. Thread-safe.
//
// Writers race in two ways, both settled here: two ingests of the same text (only one stores
// it), and a pipeline worker finishing a report that Reextract reset meanwhile (the worker's
// result is dropped, see Generation()).
class ReportStore {
 public:
  // Column families the database must be opened with.
  static std::vector<std::string> ColumnFamilies();

  // `db` was opened with ColumnFamilies() and outlives the store.
  explicit ReportStore(storage::Database* db);

  struct NewReport {
    // report_id, normalized_text, text_sha256 and source set.
    govreport::v1::Report report;
    std::string title;
  };
  struct AddOutcome {
    // A report with this id was stored before (nothing new was written for it).
    bool already_known = false;
    // The report needs pipeline work: it was just stored, or it had FAILED and was reset to
    // STORED so that a new ingest gives it a new chance.
    bool needs_processing = false;
  };
  // Stores every report not stored yet, all in one synced write, and answers per report in input
  // order. A report repeated within `reports` is stored once and counts as already known after
  // its first occurrence.
  absl::StatusOr<std::vector<AddOutcome>> Add(const std::vector<NewReport>& reports);

  // nullopt for an unknown id.
  absl::StatusOr<std::optional<govreport::v1::ReportStatus>> GetStatus(std::string_view id) const;
  // NOT_FOUND for an unknown id.
  absl::StatusOr<govreport::v1::Report> GetReport(std::string_view id) const;

  // Visits statuses in id order, starting after `start_after` when not empty, until `visit`
  // returns false.
  absl::Status ForEachStatus(
      std::string_view start_after,
      const std::function<bool(const govreport::v1::ReportStatus&)>& visit) const;

  // Counter bumped each time the report is reset; a worker reads it before it starts on a report
  // and hands it back to Update, which refuses to overwrite a reset that happened meanwhile.
  uint64_t Generation(std::string_view id) const;

  // Sets the report back to STORED (error cleared) when `should_reset(current status)` is true,
  // and bumps its generation. Returns whether it was reset. NOT_FOUND for an unknown id.
  absl::StatusOr<bool> Reset(
      std::string_view id,
      const std::function<bool(const govreport::v1::ReportStatus&)>& should_reset);

  // Writes `status` (and `report` when not null) in one synced write, stamping
  // updated_unix_ms, unless the report was reset after `generation`: then writes nothing and
  // returns false.
  absl::StatusOr<bool> Update(uint64_t generation, govreport::v1::ReportStatus status,
                              const govreport::v1::Report* report);

 private:
  storage::Database* db_;
  rocksdb::ColumnFamilyHandle* status_family_;
  rocksdb::ColumnFamilyHandle* report_family_;
  // Serializes read-modify-write sequences; plain reads need no lock (RocksDB is thread-safe).
  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, uint64_t> generations_ ABSL_GUARDED_BY(mu_);
};

}  // namespace govreport::ingest

#endif  // GOVREPORT_SERVICES_INGEST_REPORT_STORE_H_
