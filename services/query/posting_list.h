#ifndef GOVREPORT_SERVICES_QUERY_POSTING_LIST_H_
#define GOVREPORT_SERVICES_QUERY_POSTING_LIST_H_

// One term's postings over a run of documents: built in memory while documents are indexed, and
// encoded as one block per (segment, term) in RocksDB.
//
// Block layout (the value of a BlockKey):
//   varint n                      documents in the block
//   n x varint docnum delta       ascending; the first is relative to 0
//   n x varint posting length
//   n postings end to end         each as postings.h encodes it: varint tf, varint delta positions
// Docnums and lengths come first so a reader finds every document's posting after decoding 2n
// small varints; positions are decoded only for the documents a phrase check reaches.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"

namespace govreport::query {

// A filter on docnums (e.g. "is this document live").
using DocPredicate = absl::FunctionRef<bool(uint32_t docnum)>;

// One term's postings, docnum ascending. The postings are views: whoever fills a TermPostings
// keeps the memory they point into alive (a block, or a PostingListBuilder).
struct TermPostings {
  std::vector<uint32_t> docs;
  std::vector<std::string_view> postings;  // parallel to `docs`

  size_t size() const { return docs.size(); }
  void clear() {
    docs.clear();
    postings.clear();
  }
};

// Appends the block encoding of `postings` to `*out`. Docnums must be ascending.
void AppendPostingBlock(const TermPostings& postings, std::string* out);

// Decodes `block`, appending the postings of the documents `keep` accepts to `*out` (views into
// `block`). Appended docnums must exceed those already in `*out` (blocks are added in segment
// order). DATA_LOSS for a corrupt or out-of-order block; `*out` may then hold a prefix.
absl::Status DecodePostingBlock(std::string_view block, DocPredicate keep, TermPostings* out);

// Accumulates one term's postings in memory, document by document.
class PostingListBuilder {
 public:
  // `docnum` must exceed every docnum added before; positions ascending, at least one.
  void Add(uint32_t docnum, const uint32_t* positions, size_t count);
  void Add(uint32_t docnum, const std::vector<uint32_t>& positions) {
    Add(docnum, positions.data(), positions.size());
  }

  size_t size() const { return count_; }
  // Where the next Add writes (to prefetch it: a buffer's lists are touched at random).
  const char* tail() const { return data_.data() + data_.size(); }
  // Appends the postings of the documents `keep` accepts to `*out` (views into this builder,
  // valid until the next Add).
  void AppendTo(DocPredicate keep, TermPostings* out) const;

 private:
  // Per document: varint docnum delta, varint posting length, the posting. One string per term
  // (not three arrays): a buffer holds hundreds of thousands of terms, most with a few documents.
  std::string data_;
  uint32_t last_doc_ = 0;
  uint32_t count_ = 0;
};

}  // namespace govreport::query

#endif  // GOVREPORT_SERVICES_QUERY_POSTING_LIST_H_
