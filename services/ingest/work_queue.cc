#include "services/ingest/work_queue.h"

#include "absl/time/clock.h"

namespace govreport::ingest {

void WorkQueue::Add(const std::string& id) {
  absl::MutexLock lock(&mu_);
  if (running_.contains(id)) {
    run_again_.insert(id);
    return;
  }
  if (ready_set_.contains(id)) return;
  auto delayed = delayed_until_.find(id);
  if (delayed != delayed_until_.end()) {
    auto [first, last] = delayed_.equal_range(delayed->second);
    for (auto it = first; it != last; ++it) {
      if (it->second == id) {
        delayed_.erase(it);
        break;
      }
    }
    delayed_until_.erase(delayed);
  }
  ready_.push_back(id);
  ready_set_.insert(id);
  changed_.SignalAll();
}

void WorkQueue::PromoteDueLocked(absl::Time now) {
  while (!delayed_.empty() && delayed_.begin()->first <= now) {
    std::string id = std::move(delayed_.begin()->second);
    delayed_.erase(delayed_.begin());
    delayed_until_.erase(id);
    ready_set_.insert(id);
    ready_.push_back(std::move(id));
  }
}

std::optional<std::string> WorkQueue::Take() {
  absl::MutexLock lock(&mu_);
  for (;;) {
    if (closed_) return std::nullopt;
    PromoteDueLocked(absl::Now());
    if (!ready_.empty()) {
      std::string id = std::move(ready_.front());
      ready_.pop_front();
      ready_set_.erase(id);
      running_.insert(id);
      return id;
    }
    if (delayed_.empty()) {
      changed_.Wait(&mu_);
    } else {
      changed_.WaitWithDeadline(&mu_, delayed_.begin()->first);
    }
  }
}

void WorkQueue::Done(const std::string& id, std::optional<absl::Time> retry_at) {
  absl::MutexLock lock(&mu_);
  running_.erase(id);
  if (run_again_.erase(id) > 0) {
    ready_.push_back(id);
    ready_set_.insert(id);
  } else if (retry_at.has_value()) {
    delayed_.emplace(*retry_at, id);
    delayed_until_[id] = *retry_at;
  }
  changed_.SignalAll();
}

void WorkQueue::Close() {
  absl::MutexLock lock(&mu_);
  closed_ = true;
  changed_.SignalAll();
}

bool WorkQueue::IdleLocked() const {
  return ready_.empty() && delayed_.empty() && running_.empty();
}

void WorkQueue::WaitUntilIdle() {
  absl::MutexLock lock(&mu_);
  while (!closed_ && !IdleLocked()) changed_.Wait(&mu_);
}

size_t WorkQueue::size() const {
  absl::MutexLock lock(&mu_);
  return ready_.size() + delayed_.size() + running_.size();
}

}  // namespace govreport::ingest
