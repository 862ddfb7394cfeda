#ifndef GOVREPORT_SERVICES_INGEST_PIPELINE_H_
#define GOVREPORT_SERVICES_INGEST_PIPELINE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/random/random.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/ingest/clients.h"
#include "services/ingest/report_store.h"
#include "services/ingest/work_queue.h"

namespace govreport::ingest {

struct PipelineOptions {
  // Worker threads (--workers).
  int workers = 2;
  // Deadline of every extraction and indexing call (--rpc_timeout).
  absl::Duration rpc_timeout = absl::Seconds(60);
  // Failed attempts of one step (extracting, or indexing) before the report is FAILED
  // (--max_attempts).
  int max_attempts = 8;
  // Delay before the first retry; each further retry doubles it up to max_backoff. The actual
  // delay is drawn uniformly from [delay/2, delay] so that reports failing together (a peer
  // restarting) do not retry in lockstep.
  absl::Duration initial_backoff = absl::Milliseconds(500);
  absl::Duration max_backoff = absl::Seconds(30);
  // Extractor version assumed current until an extraction reports one (Reextract only_outdated).
  std::string extractor_version;
};

// Drives stored reports through extraction and indexing:
//   STORED --Extract--> EXTRACTED (Report with meta/facts stored) --IndexReport--> INDEXED
// Each state change is written (synced) before the next step, so after a crash or restart the
// startup scan resumes every report where it stopped. A failing call is retried with
// exponential backoff and jitter when its code is transient (UNAVAILABLE, DEADLINE_EXCEEDED,
// RESOURCE_EXHAUSTED, ABORTED, INTERNAL, UNKNOWN, CANCELLED); a permanent code
// (INVALID_ARGUMENT and the rest) or max_attempts failures in a row make the report FAILED with
// the last error. Thread-safe.
class Pipeline {
 public:
  // `store` and the clients must outlive the pipeline.
  Pipeline(ReportStore* store, ExtractionClient* extraction, IndexClient* index,
           PipelineOptions options);
  // Stops the workers if Stop() was not called.
  ~Pipeline();

  // Queues every STORED or EXTRACTED report found in the store, then starts the workers.
  // Returns the number of reports queued by the scan.
  absl::StatusOr<int64_t> Start();

  // Queues `report_id` for the work its state calls for, with a fresh failure budget. Cheap;
  // safe before Start() (the work waits for the workers) and after Stop() (ignored).
  void Schedule(const std::string& report_id);

  // Stops taking work, lets calls in flight finish for up to `grace`, then cancels them and
  // joins the workers. Reports left mid-way keep their persisted state and resume on the next
  // Start(). Idempotent.
  void Stop(absl::Duration grace = absl::Seconds(10));

  // Blocks until no report is queued, waiting for a retry, or being worked on (tests, drains).
  void WaitUntilIdle() { queue_.WaitUntilIdle(); }

  // The extractor version of the latest successful extraction, else options.extractor_version.
  std::string CurrentExtractorVersion() const;

 private:
  void WorkerLoop();
  // Works on one report; returns when to retry it, or nullopt when done with it.
  std::optional<absl::Time> Process(const std::string& id);
  // Records a failed call: FAILED, or a retry time.
  std::optional<absl::Time> OnFailure(uint64_t generation, govreport::v1::ReportStatus status,
                                      std::string_view step, const absl::Status& error);
  // Delay before retry number `failures` (1-based), with jitter.
  absl::Duration Backoff(int failures);

  ReportStore* store_;
  ExtractionClient* extraction_;
  IndexClient* index_;
  const PipelineOptions options_;
  WorkQueue queue_;
  std::vector<std::thread> workers_;

  mutable absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  int busy_workers_ ABSL_GUARDED_BY(mu_) = 0;
  std::string latest_extractor_version_ ABSL_GUARDED_BY(mu_);
  absl::BitGen random_ ABSL_GUARDED_BY(mu_);
  // Failed attempts in a row of the current step, per report. In memory only: a restart gives
  // every pending report a fresh budget (the operator may have fixed the cause).
  absl::flat_hash_map<std::string, int> failures_ ABSL_GUARDED_BY(mu_);
};

// True for status codes worth retrying (the call may succeed later without any change).
bool IsTransient(absl::StatusCode code);

}  // namespace govreport::ingest

#endif  // GOVREPORT_SERVICES_INGEST_PIPELINE_H_
