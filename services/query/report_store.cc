#include "services/query/report_store.h"
#include "services/query/absl_view.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/storage/status.h"
#include "rocksdb/cache.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/table.h"
#include "rocksdb/write_batch.h"
#include "services/query/filters.h"
#include "services/query/keys.h"
#include "services/query/search_index.h"
#include "services/query/tokenizer.h"

namespace govreport::query {
namespace {


// 'D' value: varint search length, then the Report without text and facts.
std::string EncodeDocRecord(uint32_t search_length, const v1::Report& stripped) {
  std::string out;
  AppendVarint32(search_length, &out);
  stripped.AppendToString(&out);
  return out;
}

bool DecodeDocRecord(std::string_view value, uint32_t* search_length, v1::Report* stripped) {
  return GetVarint32(&value, search_length) &&
         stripped->ParseFromArray(value.data(), static_cast<int>(value.size()));
}

rocksdb::Options DatabaseOptions(const ReportStoreOptions& options) {
  rocksdb::Options db;
  db.create_if_missing = true;
  db.IncreaseParallelism(2);
  db.max_open_files = -1;
  // Postings bypass the memtable (segments are ingested as SST files): what goes through it is
  // document records, facts and texts, ~50 keys per report.
  db.write_buffer_size = 32 << 20;
  db.max_write_buffer_number = 4;
  // What goes through the memtable is mostly report texts. Compressing them at every flush and
  // every compaction cost ~7% of an index build's CPU; compressing only at the bottom level, where
  // they end up, compresses each once. Segment files are always compressed (see SegmentedIndex):
  // they are ingested at the bottom level.
  db.compression = rocksdb::kNoCompression;
  db.bottommost_compression = rocksdb::kLZ4Compression;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = rocksdb::NewLRUCache(options.block_cache_bytes);
  // Point lookups (a term's block in each segment, texts) skip files without the key.
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  table.format_version = 5;
  table.block_size = 16 << 10;
  db.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return db;
}

}  // namespace

ReportStore::ReportStore(const ReportStoreOptions& options)
    : options_(options), empty_hierarchy_(MakeEmptyRegionHierarchy()) {
  if (options_.hierarchy == nullptr) options_.hierarchy = empty_hierarchy_.get();
  free_index_slots_ = options_.index_concurrency > 0
                          ? options_.index_concurrency
                          : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

ReportStore::~ReportStore() {
  if (postings_writer_.joinable()) {
    {
      std::lock_guard<std::mutex> lock(postings_writer_mu_);
      stopping_ = true;
    }
    postings_writer_cv_.notify_all();
    postings_writer_.join();  // finishes the step it is in; a pending buffer is rebuilt at Open
  }
  if (db_ != nullptr) db_->Close().PermitUncheckedError();
}

absl::StatusOr<std::unique_ptr<ReportStore>> ReportStore::Open(const ReportStoreOptions& options) {
  if (options.path.empty()) return absl::InvalidArgumentError("data directory is required");
  std::unique_ptr<ReportStore> store(new ReportStore(options));
  store->db_options_ = DatabaseOptions(options);
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(store->db_options_, options.path, &raw);
  if (!s.ok()) {
    return absl::UnavailableError(absl::StrCat("cannot open index at ", options.path, ": ", s.ToString()));
  }
  store->db_.reset(raw);
  store->postings_ = std::make_unique<SegmentedIndex>(raw, store->db_options_, options.path,
                                                      options.search);
  if (absl::Status loaded = store->Load(); !loaded.ok()) return loaded;
  ReportStore* self = store.get();
  store->postings_writer_ = std::thread([self] { self->PostingsWriterLoop(); });
  if (absl::Status rebuilt = store->RebuildPostingsBuffer(); !rebuilt.ok()) return rebuilt;
  return store;
}

absl::Status ReportStore::Load() {
  std::vector<std::unique_ptr<IndexedDoc>> loaded;
  rocksdb::ReadOptions read;
  read.fill_cache = false;
  {
    const std::string prefix(1, kDocTag), end = PrefixSuccessor(prefix);
    const rocksdb::Slice end_slice(end);
    read.iterate_upper_bound = &end_slice;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read));
    for (it->Seek(prefix); it->Valid() && it->key().ToStringView() < end; it->Next()) {
      auto docnum = DocnumAfterPrefix(it->key().ToStringView(), prefix);
      auto doc = std::make_unique<IndexedDoc>();
      if (!docnum || !DecodeDocRecord(it->value().ToStringView(), &doc->search_length, &doc->report)) {
        return absl::DataLossError("corrupt document record in the index");
      }
      doc->docnum = *docnum;
      if (loaded.size() <= *docnum) loaded.resize(*docnum + 1);
      loaded[*docnum] = std::move(doc);
    }
    if (!it->status().ok()) return storage::ToAbslStatus(it->status(), "loading documents");
  }
  {
    const std::string prefix(1, kFactTag), end = PrefixSuccessor(prefix);
    const rocksdb::Slice end_slice(end);
    read.iterate_upper_bound = &end_slice;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read));
    for (it->Seek(prefix); it->Valid() && it->key().ToStringView() < end; it->Next()) {
      auto key = ParseFactKey(it->key().ToStringView());
      if (!key || key->docnum >= loaded.size() || loaded[key->docnum] == nullptr) {
        return absl::DataLossError("fact without a document in the index");
      }
      std::vector<v1::Fact>& facts = loaded[key->docnum]->facts;
      if (facts.size() <= key->index) facts.resize(key->index + 1);
      if (!facts[key->index].ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
        return absl::DataLossError("corrupt fact in the index");
      }
    }
    if (!it->status().ok()) return storage::ToAbslStatus(it->status(), "loading facts");
  }
  std::unique_lock<std::shared_mutex> lock(catalog_mutex_);
  docs_.resize(loaded.size());
  for (auto& doc : loaded) {
    if (doc == nullptr) continue;
    doc->region = BuildRegionIdentity(doc->report.meta().region(), *options_.hierarchy);
    AddToCatalog(std::move(doc));
  }
  next_docnum_ = static_cast<uint32_t>(docs_.size());
  return absl::OkStatus();
}

absl::Status ReportStore::RebuildPostingsBuffer() {
  absl::StatusOr<uint32_t> covered_end = postings_->Load();
  if (!covered_end.ok()) return covered_end.status();
  absl::MutexLock writer(&writer_mutex_);
  // A deleted document past the live ones may still own postings in a segment.
  next_docnum_ = std::max(next_docnum_, *covered_end);
  rocksdb::ReadOptions read;
  read.fill_cache = false;
  const std::string prefix(1, kTextTag), end = PrefixSuccessor(prefix);
  const rocksdb::Slice end_slice(end);
  read.iterate_upper_bound = &end_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read));
  DocTermList terms;
  for (it->Seek(TextKey(*covered_end)); it->Valid(); it->Next()) {
    auto docnum = DocnumAfterPrefix(it->key().ToStringView(), prefix);
    if (!docnum || !IsLive(*docnum)) return absl::DataLossError("text without a document in the index");
    TokenizeForIndex(it->value().ToStringView(), &terms);
    {
      std::unique_lock<std::shared_mutex> lock(catalog_mutex_);
      postings_->Add(*docnum, terms);
    }
    if (postings_->ShouldFlush()) RequestFlush();
  }
  return storage::ToAbslStatus(it->status(), "re-reading texts for the search index");
}

void ReportStore::RequestFlush() {
  std::unique_lock<std::mutex> lock(postings_writer_mu_);
  postings_writer_cv_.wait(lock, [this] { return !flush_requested_ || stopping_; });
  if (stopping_) return;
  {
    std::unique_lock<std::shared_mutex> catalog(catalog_mutex_);
    postings_->FreezeBuffer(next_docnum_);
    const uint32_t first = postings_->frozen_first(), end = postings_->frozen_end();
    frozen_live_.assign(end - first, false);
    for (uint32_t d = first; d < end; ++d) frozen_live_[d - first] = IsLive(d);
  }
  flush_requested_ = true;
  postings_writer_cv_.notify_all();
}

void ReportStore::WaitForPostingsWriter() {
  std::unique_lock<std::mutex> lock(postings_writer_mu_);
  postings_writer_cv_.wait(lock, [this] {
    return stopping_ || (!flush_requested_ && !postings_writer_busy_);
  });
}

void ReportStore::PostingsWriterLoop() {
  std::unique_lock<std::mutex> lock(postings_writer_mu_);
  while (true) {
    postings_writer_cv_.wait(lock, [this] { return stopping_ || flush_requested_; });
    if (stopping_) return;
    postings_writer_busy_ = true;
    lock.unlock();
    absl::Status flushed = FlushFrozen();
    if (flushed.ok()) MergeSegments();
    lock.lock();
    postings_writer_busy_ = false;
    if (flushed.ok()) {
      flush_requested_ = false;
    } else {
      // The frozen buffer stays readable and is written again; its documents are safe in the
      // stored texts whatever happens.
      std::fprintf(stderr, "govreport-query: writing a search segment failed (retrying in 1s): %s\n",
                   flushed.ToString().c_str());
      postings_writer_cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; });
    }
    postings_writer_cv_.notify_all();
  }
}

absl::Status ReportStore::FlushFrozen() {
  // frozen_live_ is written only while no flush is requested, i.e. not now.
  const uint32_t first = postings_->frozen_first();
  const auto live = [this, first](uint32_t d) {
    return d >= first && d - first < frozen_live_.size() && frozen_live_[d - first];
  };
  absl::StatusOr<SegmentedIndex::PendingFlush> flush = postings_->WriteFrozen(live);
  if (!flush.ok()) return flush.status();
  std::unique_ptr<PostingsBuffer> written;
  {
    std::unique_lock<std::shared_mutex> catalog(catalog_mutex_);
    written = postings_->InstallFrozen(*flush);
  }
  written.reset();  // freeing ~100 MB of lists takes a while: not under the lock
  return absl::OkStatus();
}

void ReportStore::MergeSegments() {
  while (std::optional<SegmentedIndex::PendingMerge> merge = postings_->PlanMerge()) {
    {
      std::lock_guard<std::mutex> lock(postings_writer_mu_);
      if (stopping_) return;
    }
    const uint32_t first = merge->inputs.front().first_doc, end = merge->inputs.back().end_doc;
    // Documents deleted after this snapshot stay in the merged segment, ignored as deleted.
    const std::vector<bool> live_now = LiveSnapshot(first, end);
    const auto live = [&](uint32_t d) { return d >= first && d < end && live_now[d - first]; };
    absl::Status s = postings_->WriteMerge(&*merge, live);
    if (s.ok()) {
      {
        std::unique_lock<std::shared_mutex> catalog(catalog_mutex_);
        postings_->InstallMerge(*merge);
      }
      s = postings_->DropMergedInputs(*merge);
    }
    if (!s.ok()) {
      // Searches stay correct over unmerged segments; the merge is tried after the next flush.
      std::fprintf(stderr, "govreport-query: merging search segments failed: %s\n", s.ToString().c_str());
      return;
    }
  }
}

std::vector<bool> ReportStore::LiveSnapshot(uint32_t first, uint32_t end) const {
  std::shared_lock<std::shared_mutex> catalog(catalog_mutex_);
  std::vector<bool> live(end - first, false);
  for (uint32_t d = first; d < end; ++d) live[d - first] = IsLive(d);
  return live;
}

void ReportStore::AddToCatalog(std::unique_ptr<IndexedDoc> doc) {
  const uint32_t docnum = doc->docnum;
  if (docs_.size() <= docnum) docs_.resize(docnum + 1);
  by_id_[doc->report.report_id()] = docnum;
  doc->facts_by_indicator.clear();
  doc->fact_summaries.clear();
  for (int i = 0; i < static_cast<int>(doc->facts.size()); ++i) {
    const v1::Fact& fact = doc->facts[i];
    FactSummary& summary = doc->fact_summaries.emplace_back();
    summary.kind = fact.kind();
    summary.measure = fact.measure();
    if (auto span = ParsePeriod(fact.period())) {
      summary.first_year = static_cast<int16_t>(span->first);
      summary.last_year = static_cast<int16_t>(span->last);
    }
    doc->facts_by_indicator[doc->facts[i].indicator()].push_back(i);
    by_indicator_[doc->facts[i].indicator()].insert(docnum);
    if (summary.first_year != 0) {
      by_indicator_year_[{doc->facts[i].indicator(), summary.first_year}].insert(docnum);
    }
  }
  ++region_refs_[doc->region.key];
  ++live_docs_;
  total_search_length_ += doc->search_length;
  if (summaries_.size() <= docnum) summaries_.resize(docnum + 1);
  DocSummary& summary = summaries_[docnum];
  summary.search_length = doc->search_length;
  summary.report_year = static_cast<int16_t>(doc->report.meta().report_year());
  summary.doc_type = static_cast<uint8_t>(doc->report.meta().doc_type());
  summary.live = true;
  docs_[docnum] = std::move(doc);
}

void ReportStore::RemoveFromCatalog(uint32_t docnum) {
  std::unique_ptr<IndexedDoc> doc = std::move(docs_[docnum]);
  if (doc == nullptr) return;
  summaries_[docnum] = DocSummary();
  by_id_.erase(doc->report.report_id());
  for (size_t i = 0; i < doc->facts.size(); ++i) {
    const v1::Fact& fact = doc->facts[i];
    if (const int16_t year = doc->fact_summaries[i].first_year; year != 0) {
      auto by_year = by_indicator_year_.find(std::make_pair(fact.indicator(), year));
      if (by_year != by_indicator_year_.end()) {
        by_year->second.erase(docnum);
        if (by_year->second.empty()) by_indicator_year_.erase(by_year);
      }
    }
    auto it = by_indicator_.find(fact.indicator());
    if (it == by_indicator_.end()) continue;
    it->second.erase(docnum);
    if (it->second.empty()) by_indicator_.erase(it);
  }
  if (--region_refs_[doc->region.key] <= 0) region_refs_.erase(doc->region.key);
  --live_docs_;
  total_search_length_ -= doc->search_length;
}

absl::Status ReportStore::CompactAll() {
  return storage::ToAbslStatus(db_->CompactRange(rocksdb::CompactRangeOptions(), nullptr, nullptr), "compacting");
}

absl::StatusOr<std::string> ReportStore::ReadText(uint32_t docnum) const {
  std::string text;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), TextKey(docnum), &text);
  if (s.IsNotFound()) return absl::NotFoundError(absl::StrCat("no text for document ", docnum));
  if (!s.ok()) return storage::ToAbslStatus(s, "reading report text");
  return text;
}

void ReportStore::DeleteDocInto(const IndexedDoc& doc, rocksdb::WriteBatch* batch) const {
  for (size_t f = 0; f < doc.facts.size(); ++f) {
    batch->Delete(FactKey(doc.facts[f].indicator(), doc.docnum, static_cast<uint16_t>(f)));
  }
  batch->Delete(DocKey(doc.docnum));
  batch->Delete(TextKey(doc.docnum));
  auto refs = region_refs_.find(doc.region.key);
  if (refs != region_refs_.end() && refs->second <= 1) batch->Delete(RegionKey(doc.region.key));
}

absl::Status ReportStore::Write(rocksdb::WriteBatch* batch) {
  return storage::ToAbslStatus(db_->Write(rocksdb::WriteOptions(), batch), "writing the index");
}

absl::StatusOr<std::vector<uint32_t>> ReportStore::DocFrequencies(
    const std::vector<std::string>& terms) const {
  Reader reader(*this);
  std::vector<uint32_t> out;
  TermPostings postings;
  for (const std::string& term : terms) {
    BlockPins pins;
    postings.clear();
    if (absl::Status s = reader.CollectPostings(term, &pins, &postings); !s.ok()) return s;
    out.push_back(static_cast<uint32_t>(postings.size()));
  }
  return out;
}

std::vector<SegmentInfo> ReportStore::Segments() const {
  Reader reader(*this);
  return postings_->segments();
}

absl::Status ReportStore::Reader::CollectPostings(std::string_view term, BlockPins* pins,
                                                  TermPostings* out) const {
  return store_.postings_->Collect(
      term, [this](uint32_t docnum) { return store_.IsLive(docnum); }, pins, out);
}

absl::StatusOr<IndexOutcome> ReportStore::Index(const v1::Report& report) {
  if (report.report_id().empty()) return absl::InvalidArgumentError("report.report_id is required");
  if (report.normalized_text().empty()) {
    return absl::InvalidArgumentError("report.normalized_text is required");
  }
  if (report.facts_size() > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("report has ", report.facts_size(), " facts; at most 65535 are indexed"));
  }
  // At most one indexing call per core at a time: more only time-slice, and a call descheduled
  // while it holds the writer lock stalls every other (measured in-process, 10,000 reports on 2
  // cores: 4 concurrent callers 26.5 MB/s, 2 callers 35.4 MB/s).
  {
    absl::MutexLock lock(&admission_mutex_);
    admission_mutex_.Await(absl::Condition(
        +[](int* free_slots) { return *free_slots > 0; }, &free_index_slots_));
    --free_index_slots_;
  }
  struct Release {
    ReportStore* store;
    ~Release() {
      absl::MutexLock lock(&store->admission_mutex_);
      ++store->free_index_slots_;
    }
  } release{this};
  const auto unchanged = [&](const IndexedDoc* old) -> std::optional<IndexOutcome> {
    if (old != nullptr && old->report.extractor_version() == report.extractor_version()) {
      return IndexOutcome{true, static_cast<int>(old->facts.size())};
    }
    return std::nullopt;
  };
  std::optional<uint32_t> seen_docnum;  // the version found before taking the writer lock
  {
    Reader reader(*this);
    const IndexedDoc* seen = reader.Find(report.report_id());
    if (auto outcome = unchanged(seen)) return *outcome;
    if (seen != nullptr) seen_docnum = seen->docnum;
  }
  // Outside every lock: the slow part. A new extraction of a stored text (a re-extract) keeps its
  // postings, so the text is compared first and tokenized only when it is new. A docnum's text
  // never changes (a new text gets a new docnum), so the comparison stays valid under the lock
  // as long as the version there is still `seen_docnum`.
  bool seen_same_text = false;
  if (seen_docnum) {
    absl::StatusOr<std::string> seen_text = ReadText(*seen_docnum);
    seen_same_text = seen_text.ok() && *seen_text == report.normalized_text();
  }
  DocTermList terms;
  bool tokenized = false;
  if (!seen_same_text) {
    TokenizeForIndex(report.normalized_text(), &terms);
    tokenized = true;
  }

  absl::MutexLock writer(&writer_mutex_);
  // Only writers change the catalog, and this one holds writer_mutex_: reads need no lock.
  const IndexedDoc* old = nullptr;
  if (auto it = by_id_.find(report.report_id()); it != by_id_.end()) old = docs_[it->second].get();
  if (auto outcome = unchanged(old)) return *outcome;

  auto doc = std::make_unique<IndexedDoc>();
  doc->report = report;
  doc->report.clear_normalized_text();
  doc->report.clear_facts();
  doc->facts.assign(report.facts().begin(), report.facts().end());
  doc->region = BuildRegionIdentity(report.meta().region(), *options_.hierarchy);

  rocksdb::WriteBatch batch;
  bool same_text = false;
  if (old != nullptr && seen_docnum && old->docnum == *seen_docnum) {
    same_text = seen_same_text;
  } else if (old != nullptr) {  // another call replaced the version in between
    absl::StatusOr<std::string> old_text = ReadText(old->docnum);
    if (!old_text.ok()) return old_text.status();
    same_text = *old_text == report.normalized_text();
  }
  if (!same_text && !tokenized) TokenizeForIndex(report.normalized_text(), &terms);
  doc->search_length = same_text ? old->search_length : terms.length;
  if (same_text) {
    // Same text, same postings and docnum: only the extracted data changes.
    doc->docnum = old->docnum;
    for (size_t i = 0; i < old->facts.size(); ++i) {
      batch.Delete(FactKey(old->facts[i].indicator(), old->docnum, static_cast<uint16_t>(i)));
    }
    auto refs = region_refs_.find(old->region.key);
    if (refs != region_refs_.end() && refs->second <= 1 && old->region.key != doc->region.key) {
      batch.Delete(RegionKey(old->region.key));
    }
  } else {
    // A new docnum: the old one's postings may be in a segment already, and are ignored from now.
    doc->docnum = next_docnum_;
    if (old != nullptr) DeleteDocInto(*old, &batch);
    batch.Put(TextKey(doc->docnum), report.normalized_text());
  }
  batch.Put(DocKey(doc->docnum), EncodeDocRecord(doc->search_length, doc->report));
  for (size_t i = 0; i < doc->facts.size(); ++i) {
    batch.Put(FactKey(doc->facts[i].indicator(), doc->docnum, static_cast<uint16_t>(i)),
              doc->facts[i].SerializeAsString());
  }
  batch.Put(RegionKey(doc->region.key), report.meta().region().SerializeAsString());
  if (absl::Status s = Write(&batch); !s.ok()) return s;

  const IndexOutcome outcome{false, static_cast<int>(doc->facts.size())};
  {
    std::unique_lock<std::shared_mutex> lock(catalog_mutex_);
    if (old != nullptr) RemoveFromCatalog(old->docnum);
    if (!same_text) {
      ++next_docnum_;
      postings_->Add(doc->docnum, terms);
    }
    AddToCatalog(std::move(doc));
  }
  if (postings_->ShouldFlush()) RequestFlush();
  return outcome;
}

absl::Status ReportStore::Delete(std::string_view report_id) {
  absl::MutexLock writer(&writer_mutex_);
  auto it = by_id_.find(AV(report_id));
  if (it == by_id_.end()) return absl::NotFoundError(absl::StrCat("no report with id ", AV(report_id)));
  const IndexedDoc& doc = *docs_[it->second];
  rocksdb::WriteBatch batch;
  DeleteDocInto(doc, &batch);
  if (absl::Status s = Write(&batch); !s.ok()) return s;
  std::unique_lock<std::shared_mutex> lock(catalog_mutex_);
  RemoveFromCatalog(doc.docnum);
  return absl::OkStatus();
}

const IndexedDoc* ReportStore::Reader::Find(std::string_view report_id) const {
  auto it = store_.by_id_.find(AV(report_id));
  return it == store_.by_id_.end() ? nullptr : store_.docs_[it->second].get();
}

const IndexedDoc* ReportStore::Reader::Get(uint32_t docnum) const {
  return docnum < store_.docs_.size() ? store_.docs_[docnum].get() : nullptr;
}

const absl::btree_set<uint32_t>* ReportStore::Reader::DocsWithIndicatorFrom(
    std::string_view indicator, int first_year) const {
  auto it = store_.by_indicator_year_.find(
      std::make_pair(std::string(indicator), static_cast<int16_t>(first_year)));
  return it == store_.by_indicator_year_.end() ? nullptr : &it->second;
}

const absl::btree_set<uint32_t>* ReportStore::Reader::DocsWithIndicator(
    std::string_view indicator) const {
  auto it = store_.by_indicator_.find(AV(indicator));
  return it == store_.by_indicator_.end() ? nullptr : &it->second;
}

double ReportStore::Reader::average_search_length() const {
  return store_.live_docs_ == 0
             ? 1.0
             : static_cast<double>(store_.total_search_length_) / static_cast<double>(store_.live_docs_);
}

}  // namespace govreport::query
