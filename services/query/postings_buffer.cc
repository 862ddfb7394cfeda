#include "services/query/postings_buffer.h"

#include <algorithm>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "services/query/absl_view.h"

namespace govreport::query {

namespace {

bool IsWordKey(uint64_t key) { return (key >> 63) != 0; }

// Packed term key -> list id: open addressing with linear probing over 16-byte slots at most
// half full, so a key is nearly always in the cache line of its home slot, whose address is
// known from the hash alone and can be prefetched well ahead.
class TermIdTable {
 public:
  TermIdTable() { Reset(1 << 16); }
  static size_t Hash(uint64_t key) { return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> 20); }
  void Prefetch(uint64_t key) const { __builtin_prefetch(&slots_[Hash(key) & mask_]); }
  // The id of `key` (!= 0); when absent, inserts it with id `next` and sets *inserted.
  uint32_t FindOrInsert(uint64_t key, uint32_t next, bool* inserted) {
    size_t i = Hash(key) & mask_;
    while (true) {
      Slot& slot = slots_[i];
      if (slot.key == key) {
        *inserted = false;
        return slot.id;
      }
      if (slot.key == 0) {
        slot = Slot{key, next};
        *inserted = true;
        if (++size_ * 2 > slots_.size()) Grow();
        return next;
      }
      i = (i + 1) & mask_;
    }
  }
  // The id of `key`, or -1.
  int64_t Find(uint64_t key) const {
    for (size_t i = Hash(key) & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].key == key) return slots_[i].id;
      if (slots_[i].key == 0) return -1;
    }
  }
  void Clear() { Reset(1 << 16); }

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t id = 0;
  };
  void Reset(size_t capacity) {
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    size_ = 0;
  }
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    Reset(old.size() * 2);
    bool inserted;
    for (const Slot& slot : old) {
      if (slot.key != 0) FindOrInsert(slot.key, slot.id, &inserted);
    }
  }
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace

class PostingsBuffer::Shard {
 public:
  void Add(uint32_t docnum, const DocTermList& terms, const std::vector<uint32_t>& indices) {
    // Four steps per term, each a few terms behind the previous one, so the memory each step
    // touches was prefetched by the one before: the table slot (kSlotAhead), the list object
    // (kListAhead), the list's tail (kTailAhead), then the append.
    constexpr size_t kSlotAhead = 24, kListAhead = 16, kTailAhead = 8;
    const size_t n = indices.size();
    ids_.resize(n);
    const auto resolve = [&](size_t k) {
      const uint32_t i = indices[k];
      const uint64_t key = terms.keys[i];
      const uint32_t next = static_cast<uint32_t>(lists_.size());
      bool inserted;
      const uint32_t id = key != 0 ? table_.FindOrInsert(key, next, &inserted)
                                   : FindOrInsertUnpacked(terms.terms[i], next, &inserted);
      if (inserted) {
        lists_.emplace_back();
        keys_.push_back(key);
        // A slot, a list object and its key when new.
        bytes_ += 80 + (key != 0 ? 0 : terms.terms[i].size());
      }
      ids_[k] = id;
    };
    const size_t warm = std::min(n, kListAhead);
    for (size_t k = 0; k < std::min(n, kSlotAhead); ++k) {
      if (terms.keys[indices[k]] != 0) table_.Prefetch(terms.keys[indices[k]]);
    }
    for (size_t k = 0; k < warm; ++k) resolve(k);
    for (size_t k = 0; k < n; ++k) {
      if (k + kSlotAhead < n && terms.keys[indices[k + kSlotAhead]] != 0) {
        table_.Prefetch(terms.keys[indices[k + kSlotAhead]]);
      }
      if (k + kListAhead < n) {
        resolve(k + kListAhead);
        __builtin_prefetch(&lists_[ids_[k + kListAhead]]);
      }
      if (k + kTailAhead < n) __builtin_prefetch(lists_[ids_[k + kTailAhead]].tail(), 1);
      const uint32_t i = indices[k];
      const uint32_t begin = terms.begin(i), end = terms.ends[i];
      // Docnum delta, length, tf and ~1.5 bytes per position, plus the lists' growth slack.
      bytes_ += 4 + 2 * (end - begin);
      lists_[ids_[k]].Add(docnum, terms.positions.data() + begin, end - begin);
    }
  }

  const PostingListBuilder* Find(uint64_t key, std::string_view term) const {
    int64_t id = -1;
    if (key != 0) {
      id = table_.Find(key);
    } else if (auto it = unpacked_ids_.find(AV(term)); it != unpacked_ids_.end()) {
      id = it->second;
    }
    return id < 0 ? nullptr : &lists_[static_cast<size_t>(id)];
  }

  // Ideograph terms by packed key; words (ASCII) by text.
  void AppendLists(std::vector<std::pair<uint64_t, const PostingListBuilder*>>* ideographs,
                   std::vector<std::pair<std::string, const PostingListBuilder*>>* words) const {
    for (size_t id = 0; id < lists_.size(); ++id) {
      const uint64_t key = keys_[id];
      if (key != 0 && !IsWordKey(key)) {
        ideographs->emplace_back(key, &lists_[id]);
      } else if (key != 0) {
        words->emplace_back(TermOfPackedKey(key), &lists_[id]);
      }
    }
    for (const auto& [term, id] : unpacked_ids_) words->emplace_back(term, &lists_[id]);
  }
  size_t size() const { return lists_.size(); }
  size_t bytes() const { return bytes_; }
  void Clear() {
    table_.Clear();
    unpacked_ids_.clear();
    lists_.clear();
    keys_.clear();
    bytes_ = 0;
  }

 private:
  uint32_t FindOrInsertUnpacked(const std::string& term, uint32_t next, bool* inserted) {
    auto [it, added] = unpacked_ids_.try_emplace(term, next);
    *inserted = added;
    return it->second;
  }

  TermIdTable table_;                                        // packed key -> id
  absl::flat_hash_map<std::string, uint32_t> unpacked_ids_;  // terms without a packed key
  std::vector<PostingListBuilder> lists_;                    // id -> postings
  std::vector<uint64_t> keys_;                               // id -> packed key (0: unpacked)
  std::vector<uint32_t> ids_;                                // scratch: the document's term ids
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

void PostingsBuffer::Clear() {
  for (auto& shard : shards_) shard->Clear();
}

const PostingListBuilder* PostingsBuffer::Find(std::string_view term) const {
  const uint64_t key = PackedTermKey(term);
  return shards_[key == 0 ? 0 : ShardOf(key)]->Find(key, term);
}

std::vector<std::pair<std::string, const PostingListBuilder*>> PostingsBuffer::SortedLists() const {
  // Sorting a million strings dominated writing a segment. Ideograph keys (first << 21 | second)
  // sort as integers in the same order as their UTF-8 texts (UTF-8 keeps code point order, and a
  // unigram's key is its bigrams' prefix), and every word is ASCII, below any ideograph's first
  // byte: words sorted by text, then ideographs by key, is byte order.
  std::vector<std::pair<uint64_t, const PostingListBuilder*>> ideographs;
  std::vector<std::pair<std::string, const PostingListBuilder*>> lists;
  size_t total = 0;
  for (const auto& shard : shards_) total += shard->size();
  ideographs.reserve(total);
  for (const auto& shard : shards_) shard->AppendLists(&ideographs, &lists);
  std::sort(lists.begin(), lists.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::sort(ideographs.begin(), ideographs.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  lists.reserve(lists.size() + ideographs.size());
  for (const auto& [key, list] : ideographs) lists.emplace_back(TermOfPackedKey(key), list);
  return lists;
}

}  // namespace govreport::query
