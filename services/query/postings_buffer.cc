#include "services/query/postings_buffer.h"

#include <algorithm>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "services/query/absl_view.h"

namespace govreport::query {

class PostingsBuffer::Shard {
 public:
  void Add(uint32_t docnum, const DocTermList& terms, const std::vector<uint32_t>& indices) {
    // The map slot of the term kSlotAhead places ahead is prefetched, then the list tail of the
    // term kTailAhead ahead, so by the time a term is appended its memory is (likely) in cache.
    constexpr size_t kSlotAhead = 16, kTailAhead = 8;
    const size_t n = indices.size();
    for (size_t k = 0; k < n; ++k) {
      if (k + kSlotAhead < n) {
        const uint64_t key = terms.keys[indices[k + kSlotAhead]];
        if (key != 0) by_key_.prefetch(key);
      }
      if (k + kTailAhead < n) {
        const uint64_t key = terms.keys[indices[k + kTailAhead]];
        if (key != 0) {
          if (auto it = by_key_.find(key); it != by_key_.end()) __builtin_prefetch(it->second.tail(), 1);
        }
      }
      const uint32_t i = indices[k];
      const uint32_t begin = terms.begin(i), end = terms.ends[i];
      const uint64_t key = terms.keys[i];
      PostingListBuilder* list;
      bool inserted;
      if (key != 0) {
        auto [it, added] = by_key_.try_emplace(key);
        list = &it->second;
        inserted = added;
      } else {
        auto [it, added] = by_term_.try_emplace(terms.terms[i]);
        list = &it->second;
        inserted = added;
      }
      // A map slot (key and list) when new; docnum delta, length, tf and ~1.5 bytes per
      // position, plus the lists' growth slack.
      if (inserted) bytes_ += 64 + (key != 0 ? 0 : terms.terms[i].size());
      bytes_ += 4 + 2 * (end - begin);
      list->Add(docnum, terms.positions.data() + begin, end - begin);
    }
  }

  const PostingListBuilder* Find(uint64_t key, std::string_view term) const {
    if (key != 0) {
      auto it = by_key_.find(key);
      return it == by_key_.end() ? nullptr : &it->second;
    }
    auto it = by_term_.find(AV(term));
    return it == by_term_.end() ? nullptr : &it->second;
  }

  void AppendLists(std::vector<std::pair<std::string, const PostingListBuilder*>>* out) const {
    for (const auto& [key, list] : by_key_) out->emplace_back(TermOfPackedKey(key), &list);
    for (const auto& [term, list] : by_term_) out->emplace_back(term, &list);
  }
  size_t size() const { return by_key_.size() + by_term_.size(); }
  size_t bytes() const { return bytes_; }
  void Clear() {
    by_key_.clear();
    by_term_.clear();
    bytes_ = 0;
  }

 private:
  absl::flat_hash_map<uint64_t, PostingListBuilder> by_key_;
  absl::flat_hash_map<std::string, PostingListBuilder> by_term_;  // terms without a packed key
  size_t bytes_ = 0;
};

// Runs one task at a time on its own thread.
class PostingsBuffer::HelperThread {
 public:
  HelperThread() : thread_([this] { Loop(); }) {}
  ~HelperThread() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }
  void Start(std::function<void()> task) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      task_ = std::move(task);
    }
    wake_.notify_all();
  }
  void Wait() {
    std::unique_lock<std::mutex> lock(mu_);
    done_.wait(lock, [this] { return task_ == nullptr; });
  }

 private:
  void Loop() {
    std::unique_lock<std::mutex> lock(mu_);
    while (true) {
      wake_.wait(lock, [this] { return stop_ || task_ != nullptr; });
      if (task_ == nullptr) return;  // stopping, nothing left to run
      std::function<void()> task = task_;
      lock.unlock();
      task();
      lock.lock();
      task_ = nullptr;
      done_.notify_all();
    }
  }

  std::mutex mu_;
  std::condition_variable wake_, done_;
  std::function<void()> task_;
  bool stop_ = false;
  std::thread thread_;
};

PostingsBuffer::PostingsBuffer(bool parallel) {
  for (auto& shard : shards_) shard = std::make_unique<Shard>();
  if (parallel) helper_ = std::make_unique<HelperThread>();
}

PostingsBuffer::~PostingsBuffer() = default;

int PostingsBuffer::ShardOf(uint64_t key) {
  return static_cast<int>((key * 0x9E3779B97F4A7C15ull) >> 63);
}

void PostingsBuffer::Add(uint32_t docnum, const DocTermList& terms, size_t max_term_bytes) {
  for (auto& indices : indices_) indices.clear();
  for (size_t i = 0; i < terms.size(); ++i) {
    if (terms.terms[i].size() > max_term_bytes || terms.begin(i) == terms.ends[i]) continue;
    const int shard = terms.keys[i] == 0 ? 0 : ShardOf(terms.keys[i]);
    indices_[shard].push_back(static_cast<uint32_t>(i));
  }
  if (helper_ != nullptr) {
    helper_->Start([&] { shards_[1]->Add(docnum, terms, indices_[1]); });
    shards_[0]->Add(docnum, terms, indices_[0]);
    helper_->Wait();
  } else {
    for (int s = 0; s < kShards; ++s) shards_[s]->Add(docnum, terms, indices_[s]);
  }
}

size_t PostingsBuffer::bytes() const {
  size_t total = 0;
  for (const auto& shard : shards_) total += shard->bytes();
  return total;
}

bool PostingsBuffer::empty() const {
  for (const auto& shard : shards_) {
    if (shard->size() != 0) return false;
  }
  return true;
}

void PostingsBuffer::Clear() {
  for (auto& shard : shards_) shard->Clear();
}

const PostingListBuilder* PostingsBuffer::Find(std::string_view term) const {
  const uint64_t key = PackedTermKey(term);
  return shards_[key == 0 ? 0 : ShardOf(key)]->Find(key, term);
}

std::vector<std::pair<std::string, const PostingListBuilder*>> PostingsBuffer::SortedLists() const {
  std::vector<std::pair<std::string, const PostingListBuilder*>> lists;
  size_t total = 0;
  for (const auto& shard : shards_) total += shard->size();
  lists.reserve(total);
  for (const auto& shard : shards_) shard->AppendLists(&lists);
  std::sort(lists.begin(), lists.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return lists;
}

}  // namespace govreport::query
