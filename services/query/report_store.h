#ifndef GOVREPORT_SERVICES_QUERY_REPORT_STORE_H_
#define GOVREPORT_SERVICES_QUERY_REPORT_STORE_H_

// Durable store of indexed reports (RocksDB, layout in keys.h) plus an in-memory catalog of the
// indexed documents (metadata, facts, region identity, search length) rebuilt from RocksDB at
// Open, and the full-text postings (segmented_index.h). RocksDB is the source of truth: every
// change of a document (its record, text, facts and region) is one WriteBatch (WAL-logged, so a
// crash or SIGKILL loses nothing acknowledged), applied to the catalog only after the write
// succeeded. Postings are derived data: a document's postings are buffered in memory when its
// batch is written and become part of a segment later; after a crash, the buffer is rebuilt from
// the stored texts. A replaced or deleted document's old postings are ignored from the moment its
// batch is applied (readers check every docnum against the catalog) and dropped at the next merge.
//
// Thread-safety: writers are serialized; readers take a Reader (a shared lock) and see the
// catalog and the postings as of one moment.

#include <cstdint>
#include <memory>
#include <condition_variable>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/btree_set.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "govreport/v1/report.pb.h"
#include "rocksdb/db.h"
#include "services/query/posting_list.h"
#include "services/query/region_index.h"
#include "services/query/search_index.h"
#include "services/query/segmented_index.h"

namespace govreport::query {

// The filter and sort fields of one fact, packed so fact queries scan contiguous memory instead
// of protos.
struct FactSummary {
  v1::Kind kind = v1::KIND_UNSPECIFIED;
  v1::Measure measure = v1::MEASURE_UNSPECIFIED;
  int16_t first_year = 0;  // 0 when the period is not a year, quarter or span of years
  int16_t last_year = 0;
};

// What search needs of every candidate document, packed by docnum: a search over common words
// tests thousands of documents, and reading each one's proto costs cache misses.
struct DocSummary {
  uint32_t search_length = 0;  // BM25 document length
  int16_t report_year = 0;
  uint8_t doc_type = 0;  // v1::DocType
  bool live = false;
};

// One indexed report as the query paths need it.
struct IndexedDoc {
  uint32_t docnum = 0;
  // The report without normalized_text and facts.
  v1::Report report;
  std::vector<v1::Fact> facts;
  // Indices into `facts` per indicator id (queries name indicators; a report has dozens of facts).
  absl::flat_hash_map<std::string, std::vector<int>> facts_by_indicator;
  std::vector<FactSummary> fact_summaries;  // parallel to `facts`
  RegionIdentity region;
  uint32_t search_length = 0;  // number of search terms (BM25 document length)
};

struct ReportStoreOptions {
  std::string path;
  // Ancestors of coded regions; must outlive the store. nullptr: no hierarchy.
  const RegionHierarchy* hierarchy = nullptr;
  size_t block_cache_bytes = size_t{512} << 20;
  // Postings buffer and merge policy.
  SegmentedIndexOptions search;
  // Index calls allowed to run at once (others wait their turn); 0: one per hardware thread.
  int index_concurrency = 0;
};

struct IndexOutcome {
  bool unchanged = false;
  int facts_indexed = 0;
};

class ReportStore {
 public:
  // Opens (creating if missing) the database at options.path and loads the catalog.
  static absl::StatusOr<std::unique_ptr<ReportStore>> Open(const ReportStoreOptions& options);
  ~ReportStore();

  // Indexes `report` (normalized_text required), replacing an earlier version of the same
  // report_id in the same batch. Unchanged (no write) when the same report_id is indexed with the
  // same extractor_version. The text is tokenized before the writer lock is taken, so concurrent
  // calls tokenize in parallel. When the postings buffer is full it is handed to the postings
  // writer thread; the call waits only if that thread is still writing the previous buffer.
  absl::StatusOr<IndexOutcome> Index(const v1::Report& report);
  // NOT_FOUND for an unknown id.
  absl::Status Delete(std::string_view report_id);

  // Document frequency of each term (number of live documents containing it), in order.
  // Call it without holding a Reader.
  absl::StatusOr<std::vector<uint32_t>> DocFrequencies(const std::vector<std::string>& terms) const;

  // Search segments (for tools and tests).
  std::vector<SegmentInfo> Segments() const;
  // Blocks until the postings writer thread has written every full buffer handed to it and the
  // merges that made due (for tests and tools; queries never need to wait).
  void WaitForPostingsWriter();

  // The normalized text of a document.
  absl::StatusOr<std::string> ReadText(uint32_t docnum) const;

  // Compacts the whole database (minutes for GBs). Optional: after a bulk load, scans merge one
  // level instead of several, which makes Search about a third faster until background
  // compaction catches up by itself.
  absl::Status CompactAll();

  rocksdb::DB* db() const { return db_.get(); }

  // A consistent read view of the catalog. Holds a shared lock: keep it for one request.
  class Reader {
   public:
    explicit Reader(const ReportStore& store) : store_(store), lock_(store.catalog_mutex_) {}
    // Live documents by docnum (nullptr entries are deleted documents).
    const std::vector<std::unique_ptr<IndexedDoc>>& docs() const { return store_.docs_; }
    const IndexedDoc* Find(std::string_view report_id) const;
    const IndexedDoc* Get(uint32_t docnum) const;
    // Docnums of live documents with at least one fact of `indicator`, ascending.
    const absl::btree_set<uint32_t>* DocsWithIndicator(std::string_view indicator) const;
    // Docnums of live documents with a fact of `indicator` whose period starts in `first_year`
    // (a year, quarter or span of years), ascending. Fact queries over a period range look up
    // each year instead of scanning every document with the indicator.
    const absl::btree_set<uint32_t>* DocsWithIndicatorFrom(std::string_view indicator,
                                                           int first_year) const;
    uint64_t live_docs() const { return store_.live_docs_; }
    double average_search_length() const;
    // Summaries by docnum (entries past the end, and of deleted docnums, are not live).
    const std::vector<DocSummary>& summaries() const { return store_.summaries_; }
    // Appends the postings of `term` in live documents to `*out` (docnum order). The views in
    // `*out` point into `*pins` and the store: use them while this Reader and `*pins` live.
    absl::Status CollectPostings(std::string_view term, BlockPins* pins, TermPostings* out) const;

   private:
    const ReportStore& store_;
    std::shared_lock<std::shared_mutex> lock_;
  };

 private:
  explicit ReportStore(const ReportStoreOptions& options);
  absl::Status Load();
  // Re-tokenizes the stored texts of documents the segments do not cover.
  absl::Status RebuildPostingsBuffer();
  void AddToCatalog(std::unique_ptr<IndexedDoc> doc);     // catalog lock held
  void RemoveFromCatalog(uint32_t docnum);                // catalog lock held
  bool IsLive(uint32_t docnum) const {
    return docnum < summaries_.size() && summaries_[docnum].live;
  }
  // Adds to `batch` the deletes of everything stored for `doc` (not its postings: see above).
  void DeleteDocInto(const IndexedDoc& doc, rocksdb::WriteBatch* batch) const;
  absl::Status Write(rocksdb::WriteBatch* batch);
  // Hands the full postings buffer to the postings writer thread, first waiting while that
  // thread still writes the previous one (so at most two buffers exist). writer_mutex_ held.
  void RequestFlush();
  // The postings writer thread: writes each handed-over buffer as a segment, then merges
  // segments while a size tier is full. Flushes and merges run here, off the write path, so
  // IndexReport calls keep going while a segment is written.
  void PostingsWriterLoop();
  absl::Status FlushFrozen();
  void MergeSegments();
  // Liveness of docnums [first, end) now (takes the catalog lock shared).
  std::vector<bool> LiveSnapshot(uint32_t first, uint32_t end) const;

  ReportStoreOptions options_;
  std::unique_ptr<RegionHierarchy> empty_hierarchy_;
  rocksdb::Options db_options_;
  std::unique_ptr<rocksdb::DB> db_;
  std::unique_ptr<SegmentedIndex> postings_;  // guarded like the catalog

  // Admission: at most `index_concurrency` Index calls run at once (see Index).
  absl::Mutex admission_mutex_;
  int free_index_slots_ = 1;
  mutable absl::Mutex writer_mutex_;  // serializes Index/Delete (read-modify-write of a document)
  mutable std::shared_mutex catalog_mutex_;
  std::vector<std::unique_ptr<IndexedDoc>> docs_;
  std::vector<DocSummary> summaries_;  // parallel to docs_
  uint32_t next_docnum_ = 0;  // never reused: old postings may still name a docnum
  absl::flat_hash_map<std::string, uint32_t> by_id_;
  absl::flat_hash_map<std::string, absl::btree_set<uint32_t>> by_indicator_;
  absl::flat_hash_map<std::pair<std::string, int16_t>, absl::btree_set<uint32_t>> by_indicator_year_;
  absl::flat_hash_map<std::string, int> region_refs_;  // region key -> live docs
  uint64_t live_docs_ = 0;
  uint64_t total_search_length_ = 0;

  // Postings writer thread state. Lock order: writer_mutex_, postings_writer_mu_, catalog_mutex_.
  std::mutex postings_writer_mu_;
  std::condition_variable postings_writer_cv_;
  bool flush_requested_ = false;  // a frozen buffer awaits writing
  bool postings_writer_busy_ = false;
  bool stopping_ = false;
  std::vector<bool> frozen_live_;  // liveness of the frozen buffer's docnums when it was frozen
  std::thread postings_writer_;
};

}  // namespace govreport::query

#endif  // GOVREPORT_SERVICES_QUERY_REPORT_STORE_H_
