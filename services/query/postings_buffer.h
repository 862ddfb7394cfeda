#ifndef GOVREPORT_SERVICES_QUERY_POSTINGS_BUFFER_H_
#define GOVREPORT_SERVICES_QUERY_POSTINGS_BUFFER_H_

// The postings of recently indexed documents, in memory, until SegmentedIndex writes them as a
// segment. Adding a document appends to thousands of lists spread over the whole buffer, so the
// cost is cache misses, not arithmetic; two things keep it down:
//  - lists are keyed by PackedTermKey (an integer hash) and live in the map slot itself, and the
//    slots and list tails of terms a few places ahead are prefetched;
//  - the terms are split into two shards by key, and a second thread fills one shard while the
//    caller fills the other (the caller holds the index's writer lock, so this halves the part
//    of an index build that cannot run in parallel).
//
// Thread-safety: one writer (Add, Clear) at a time, excluded from readers (Find, SortedLists) by
// the owner. Add returns only after both shards are done.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "services/query/posting_list.h"
#include "services/query/tokenizer.h"

namespace govreport::query {

class PostingsBuffer {
 public:
  // `parallel`: fill the second shard on a helper thread (false: the caller fills both).
  explicit PostingsBuffer(bool parallel);
  ~PostingsBuffer();
  PostingsBuffer(const PostingsBuffer&) = delete;
  PostingsBuffer& operator=(const PostingsBuffer&) = delete;

  // Appends a document's postings. `docnum` must exceed every docnum added since the last Clear.
  // Terms longer than `max_term_bytes` are skipped.
  void Add(uint32_t docnum, const DocTermList& terms, size_t max_term_bytes);
  // Approximate heap bytes held.
  size_t bytes() const;
  void Clear();

  // The list of `term`, or nullptr.
  const PostingListBuilder* Find(std::string_view term) const;
  // Every (term, list), in term order.
  std::vector<std::pair<std::string, const PostingListBuilder*>> SortedLists() const;

 private:
  class Shard;
  class HelperThread;
  static constexpr int kShards = 2;
  static int ShardOf(uint64_t key);  // key != 0; unpacked terms live in shard 0

  std::unique_ptr<Shard> shards_[kShards];
  std::unique_ptr<HelperThread> helper_;
  std::vector<uint32_t> indices_[kShards];  // per shard: indices into the document's terms
};

}  // namespace govreport::query

#endif  // GOVREPORT_SERVICES_QUERY_POSTINGS_BUFFER_H_
