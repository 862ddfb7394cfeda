#ifndef GOVREPORT_SERVICES_QUERY_SEGMENTED_INDEX_H_
#define GOVREPORT_SERVICES_QUERY_SEGMENTED_INDEX_H_

// The full-text postings, Lucene style: recently indexed documents' postings accumulate in a
// memory buffer; when it is full they are written as one immutable segment (one block per term,
// keys.h) into an SST file that RocksDB ingests directly, so postings never pass through the
// WAL, the memtable or compaction. Segments of similar size are merged in groups of
// `merge_factor` (a log-structured merge over whole segments), which drops deleted documents.
//
// Durability: the buffer is not written anywhere. A segment covers a range of docnums
// [first_doc, end_doc); every document at or past the last segment's end is re-tokenized from its
// stored text at Load (the store keeps texts under 'T', written in the same WriteBatch as the
// document). So a crash or SIGKILL loses no postings, only re-tokenizing time at the next start.
// A segment's blocks become visible with its manifest key ('S'); blocks without a manifest (a
// crash mid-flush or mid-merge) are deleted at Load.
//
// Thread-safety: the owner serializes writers (Add, the flush and merge steps) and excludes
// readers (Collect) only while calling the steps marked EXCLUSIVE, which are short swaps. Views
// Collect returns stay valid until the next EXCLUSIVE step.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "rocksdb/db.h"
#include "rocksdb/options.h"
#include "services/query/posting_list.h"
#include "services/query/postings_buffer.h"
#include "services/query/tokenizer.h"

namespace govreport::query {

struct SegmentedIndexOptions {
  // Buffer size (approximate heap bytes) at which ShouldFlush() turns true.
  size_t flush_bytes = size_t{96} << 20;
  // Number of segments of one size tier that are merged into one.
  int merge_factor = 8;
  // Fill the buffer with a helper thread as well as the caller (see postings_buffer.h).
  bool parallel_add = true;
};

struct SegmentInfo {
  uint32_t id = 0;
  uint32_t first_doc = 0;  // covers docnums [first_doc, end_doc)
  uint32_t end_doc = 0;
  uint32_t docs = 0;  // documents with postings when the segment was written
};

// Keeps the blocks a Collect read pinned in memory (views in TermPostings point into them).
class BlockPins {
 public:
  BlockPins();
  ~BlockPins();
  rocksdb::PinnableSlice* Allocate(size_t n);

 private:
  std::vector<std::unique_ptr<rocksdb::PinnableSlice[]>> arrays_;
};

class SegmentedIndex {
 public:
  // `db` must outlive the index; `db_options` are the options the database was opened with (the
  // SST files a flush or merge writes use its table format); `db_path` is its directory.
  SegmentedIndex(rocksdb::DB* db, const rocksdb::Options& db_options, std::string db_path,
                 SegmentedIndexOptions options);
  ~SegmentedIndex();

  // Reads the segment manifests and deletes blocks without one, and postings of the layout before
  // segments. Returns the first docnum no segment covers: the caller must Add every live document
  // from there on (re-tokenizing its stored text), flushing as ShouldFlush says.
  absl::StatusOr<uint32_t> Load();

  // EXCLUSIVE. Buffers a document's postings. `docnum` must be >= covered_end() and larger than
  // any docnum added since the last flush. Terms longer than 255 bytes are not indexed.
  void Add(uint32_t docnum, const DocTermList& terms);
  bool ShouldFlush() const { return buffer_->bytes() >= options_.flush_bytes; }
  size_t buffer_bytes() const { return buffer_->bytes(); }
  // First docnum not covered by a segment; the buffer holds documents from here on.
  uint32_t covered_end() const { return covered_end_; }
  const std::vector<SegmentInfo>& segments() const { return segments_; }

  // Writing the buffer as a segment, in three steps so that neither readers nor writers wait
  // for the slow middle one:
  //  - FreezeBuffer (EXCLUSIVE) sets the buffer aside as the frozen buffer covering
  //    [covered_end(), end_doc) and starts an empty one; Collect reads both. `end_doc` must
  //    exceed every buffered docnum; no frozen buffer may be pending.
  //  - WriteFrozen (any thread; it only reads the frozen buffer) writes its postings of the
  //    documents `live` accepts as a new segment.
  //  - InstallFrozen (EXCLUSIVE) makes the segment visible and drops the frozen buffer, which it
  //    returns so the caller can free it outside the lock.
  struct PendingFlush {
    std::optional<SegmentInfo> segment;  // nullopt: nothing live was buffered
    uint32_t end_doc = 0;
  };
  void FreezeBuffer(uint32_t end_doc);
  bool has_frozen() const { return frozen_ != nullptr; }
  // The frozen buffer's docnum range.
  uint32_t frozen_first() const { return frozen_first_; }
  uint32_t frozen_end() const { return frozen_end_; }
  absl::StatusOr<PendingFlush> WriteFrozen(DocPredicate live);
  std::unique_ptr<PostingsBuffer> InstallFrozen(const PendingFlush& flush);

  // Merging: PlanMerge picks `merge_factor` adjacent segments of one size tier (oldest first),
  // WriteMerge writes their merged, live postings as one segment and swaps the manifests
  // (readers may run), InstallMerge (EXCLUSIVE) makes it visible, and DropMergedInputs deletes the
  // inputs' blocks (after InstallMerge, so no reader can still look for them). Flushes (the
  // Write and Install steps) and merges must come from one thread: they change the segment list,
  // which that thread then reads without a lock.
  struct PendingMerge {
    size_t first_input = 0;  // index into segments()
    std::vector<SegmentInfo> inputs;
    SegmentInfo merged;
  };
  std::optional<PendingMerge> PlanMerge() const;
  absl::Status WriteMerge(PendingMerge* merge, DocPredicate live);
  void InstallMerge(const PendingMerge& merge);
  absl::Status DropMergedInputs(const PendingMerge& merge);

  // Appends the postings of `term` in documents `live` accepts, over every segment and the
  // buffer, to `*out` in docnum order. Blocks read are pinned in `*pins`, which must outlive the
  // use of `*out`.
  absl::Status Collect(std::string_view term, DocPredicate live, BlockPins* pins,
                       TermPostings* out) const;

 private:
  absl::Status WriteSegmentFile(const std::string& file, SegmentInfo* info);
  absl::Status IngestFile(const std::string& file);
  uint32_t NextSegmentId() { return next_segment_id_++; }
  void ClearBuffer();

  rocksdb::DB* db_;
  rocksdb::Options db_options_;
  std::string db_path_;
  SegmentedIndexOptions options_;

  std::vector<SegmentInfo> segments_;  // ascending docnum ranges
  uint32_t covered_end_ = 0;
  uint32_t next_segment_id_ = 0;

  std::unique_ptr<PostingsBuffer> buffer_;
  std::unique_ptr<PostingsBuffer> frozen_;  // being written as a segment, or nullptr
  uint32_t frozen_first_ = 0, frozen_end_ = 0;
};

// Manifest value of a segment ('S' key).
std::string EncodeSegmentInfo(const SegmentInfo& info);
std::optional<SegmentInfo> DecodeSegmentInfo(uint32_t id, std::string_view value);

}  // namespace govreport::query

#endif  // GOVREPORT_SERVICES_QUERY_SEGMENTED_INDEX_H_
