#ifndef GOVREPORT_SERVICES_INGEST_WORK_QUEUE_H_
#define GOVREPORT_SERVICES_INGEST_WORK_QUEUE_H_

#include <cstddef>
#include <deque>
#include <map>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace govreport::ingest {

// Report ids waiting for pipeline work, each at most once: ready now, delayed until a retry
// time, or running on a worker. Workers block in Take() (no polling); a delayed id becomes ready
// at its time. Thread-safe.
class WorkQueue {
 public:
  // Makes `id` ready now: queues it, pulls a delayed retry forward, or, when a worker is running
  // it, has it run again once that worker calls Done() (its input may have changed meanwhile).
  void Add(const std::string& id);

  // Blocks until an id is ready, marks it running and returns it; nullopt once Close() was
  // called.
  std::optional<std::string> Take();

  // Ends a Take(): the id runs again now if Add() asked for it while it ran, else at `retry_at`
  // when given, else it leaves the queue.
  void Done(const std::string& id, std::optional<absl::Time> retry_at = std::nullopt);

  // Wakes every Take() with nullopt; later Take() calls return nullopt at once.
  void Close();

  // Blocks until no id is ready, delayed or running, or the queue is closed.
  void WaitUntilIdle();

  // Ids ready, delayed or running.
  size_t size() const;

 private:
  void PromoteDueLocked(absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  bool IdleLocked() const ABSL_SHARED_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  absl::CondVar changed_;
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
  std::deque<std::string> ready_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_set<std::string> ready_set_ ABSL_GUARDED_BY(mu_);
  std::multimap<absl::Time, std::string> delayed_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, absl::Time> delayed_until_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_set<std::string> running_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_set<std::string> run_again_ ABSL_GUARDED_BY(mu_);
};

}  // namespace govreport::ingest

#endif  // GOVREPORT_SERVICES_INGEST_WORK_QUEUE_H_
