#include "services/query/report_store.h"
#include "services/query/absl_view.h"

#include <mutex>
#include <utility>

#include "absl/strings/str_cat.h"
#include "rocksdb/cache.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/memtablerep.h"
#include "rocksdb/slice_transform.h"
#include "rocksdb/table.h"
#include "rocksdb/write_batch.h"
#include "services/query/filters.h"
#include "services/query/keys.h"
#include "services/query/search_index.h"
#include "services/query/tokenizer.h"

namespace govreport::query {
namespace {

absl::Status FromRocks(const rocksdb::Status& s, std::string_view what) {
  if (s.ok()) return absl::OkStatus();
  return absl::InternalError(absl::StrCat(AV(what), ": ", s.ToString()));
}

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

// Prefix of a key for the hash memtable and prefix blooms: a posting's term range ('P' len term),
// otherwise the tag alone. Every scan the store makes stays within one such prefix.
class KeyPrefix : public rocksdb::SliceTransform {
 public:
  const char* Name() const override { return "govreport.query.KeyPrefix"; }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override {
    if (key[0] == kPostingTag && key.size() >= 6) return rocksdb::Slice(key.data(), key.size() - 4);
    return rocksdb::Slice(key.data(), 1);
  }
  bool InDomain(const rocksdb::Slice& key) const override { return !key.empty(); }
};

rocksdb::Options DatabaseOptions(const ReportStoreOptions& options) {
  rocksdb::Options db;
  db.create_if_missing = true;
  db.IncreaseParallelism(2);
  db.max_open_files = -1;
  // Small memtables: a report inserts ~20k keys scattered over the key space, and inserts into a
  // cache-sized memtable are faster than into a big one (32 MB: -20% reports/s). Flushing two
  // at a time halves the flushes and the level-0 files compaction has to merge (-15% CPU per
  // report at 1,000 reports).
  db.write_buffer_size = 8 << 20;
  db.max_write_buffer_number = 6;
  db.min_write_buffer_number_to_merge = 2;
  db.level0_file_num_compaction_trigger = 8;
  db.max_bytes_for_level_base = 256 << 20;
  db.compression = rocksdb::kLZ4Compression;
  // A report inserts thousands of postings, one per term: a hash of small per-term skip lists
  // takes them much faster than one big skip list.
  db.prefix_extractor = std::make_shared<KeyPrefix>();
  // 64k buckets (512 KB): the default million would fill a small memtable by itself.
  db.memtable_factory.reset(rocksdb::NewHashSkipListRepFactory(1 << 16));
  db.allow_concurrent_memtable_write = false;  // writes are serialized anyway
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = rocksdb::NewLRUCache(options.block_cache_bytes);
  // Point lookups (df counters, docs) skip files without the key.
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
}

ReportStore::~ReportStore() {
  if (db_ != nullptr) db_->Close().PermitUncheckedError();
}

absl::StatusOr<std::unique_ptr<ReportStore>> ReportStore::Open(const ReportStoreOptions& options) {
  if (options.path.empty()) return absl::InvalidArgumentError("data directory is required");
  std::unique_ptr<ReportStore> store(new ReportStore(options));
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(DatabaseOptions(options), options.path, &raw);
  if (!s.ok()) {
    return absl::UnavailableError(absl::StrCat("cannot open index at ", options.path, ": ", s.ToString()));
  }
  store->db_.reset(raw);
  if (absl::Status loaded = store->Load(); !loaded.ok()) return loaded;
  return store;
}

absl::Status ReportStore::Load() {
  std::vector<std::unique_ptr<IndexedDoc>> loaded;
  rocksdb::ReadOptions read;
  read.fill_cache = false;
  read.prefix_same_as_start = true;  // each scan stays within one tag (see KeyPrefix)
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
    if (!it->status().ok()) return FromRocks(it->status(), "loading documents");
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
    if (!it->status().ok()) return FromRocks(it->status(), "loading facts");
  }
  std::unique_lock<std::shared_mutex> lock(catalog_mutex_);
  docs_.resize(loaded.size());
  for (auto& doc : loaded) {
    if (doc == nullptr) continue;
    doc->region = BuildRegionIdentity(doc->report.meta().region(), *options_.hierarchy);
    AddToCatalog(std::move(doc));
  }
  return absl::OkStatus();
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
  }
  ++region_refs_[doc->region.key];
  ++live_docs_;
  total_search_length_ += doc->search_length;
  docs_[docnum] = std::move(doc);
}

void ReportStore::RemoveFromCatalog(uint32_t docnum) {
  std::unique_ptr<IndexedDoc> doc = std::move(docs_[docnum]);
  if (doc == nullptr) return;
  by_id_.erase(doc->report.report_id());
  for (const v1::Fact& fact : doc->facts) {
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
  return FromRocks(db_->CompactRange(rocksdb::CompactRangeOptions(), nullptr, nullptr), "compacting");
}

absl::StatusOr<std::string> ReportStore::ReadText(uint32_t docnum) const {
  std::string text;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), TextKey(docnum), &text);
  if (s.IsNotFound()) return absl::NotFoundError(absl::StrCat("no text for document ", docnum));
  if (!s.ok()) return FromRocks(s, "reading report text");
  return text;
}

absl::Status ReportStore::DeleteDocInto(const IndexedDoc& doc, rocksdb::WriteBatch* batch,
                                        DocFrequencyDelta* delta) const {
  absl::StatusOr<std::string> text = ReadText(doc.docnum);
  if (!text.ok()) return text.status();
  RemovePostings(doc.docnum, TokenizeDocument(*text), batch, delta);
  for (size_t f = 0; f < doc.facts.size(); ++f) {
    batch->Delete(FactKey(doc.facts[f].indicator(), doc.docnum, static_cast<uint16_t>(f)));
  }
  batch->Delete(DocKey(doc.docnum));
  batch->Delete(TextKey(doc.docnum));
  auto refs = region_refs_.find(doc.region.key);
  if (refs != region_refs_.end() && refs->second <= 1) batch->Delete(RegionKey(doc.region.key));
  return absl::OkStatus();
}

absl::Status ReportStore::Write(rocksdb::WriteBatch* batch) {
  return FromRocks(db_->Write(rocksdb::WriteOptions(), batch), "writing the index");
}

void ReportStore::ApplyToDocFrequencyCache(const DocFrequencyDelta& delta) {
  absl::MutexLock lock(&df_mutex_);
  if (df_cache_.empty()) return;
  for (const auto& [term, change] : delta) {
    auto it = df_cache_.find(term);
    if (it == df_cache_.end() || change == 0) continue;
    const int64_t df = static_cast<int64_t>(it->second) + change;
    it->second = df < 0 ? 0 : static_cast<uint32_t>(df);
  }
}

absl::StatusOr<std::vector<uint32_t>> ReportStore::DocFrequencies(
    const std::vector<std::string>& terms) const {
  // Bounds the cache; a cleared cache only costs recounts.
  constexpr size_t kMaxCachedTerms = 1 << 20;
  std::vector<uint32_t> out(terms.size());
  std::vector<size_t> missing;
  {
    absl::MutexLock lock(&df_mutex_);
    for (size_t i = 0; i < terms.size(); ++i) {
      auto it = df_cache_.find(terms[i]);
      if (it == df_cache_.end()) {
        missing.push_back(i);
      } else {
        out[i] = it->second;
      }
    }
  }
  if (missing.empty()) return out;
  absl::MutexLock writer(&writer_mutex_);
  for (size_t i : missing) {
    absl::StatusOr<uint32_t> count = CountPostings(db_.get(), terms[i]);
    if (!count.ok()) return count.status();
    out[i] = *count;
    absl::MutexLock lock(&df_mutex_);
    if (df_cache_.size() >= kMaxCachedTerms) df_cache_.clear();
    df_cache_[terms[i]] = *count;
  }
  return out;
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
  absl::MutexLock writer(&writer_mutex_);
  // Only writers change the catalog, and this one holds writer_mutex_: reads need no lock.
  const IndexedDoc* old = nullptr;
  if (auto it = by_id_.find(report.report_id()); it != by_id_.end()) old = docs_[it->second].get();
  if (old != nullptr && old->report.extractor_version() == report.extractor_version()) {
    return IndexOutcome{true, static_cast<int>(old->facts.size())};
  }

  auto doc = std::make_unique<IndexedDoc>();
  doc->docnum = old != nullptr ? old->docnum : static_cast<uint32_t>(docs_.size());
  doc->report = report;
  doc->report.clear_normalized_text();
  doc->report.clear_facts();
  doc->facts.assign(report.facts().begin(), report.facts().end());
  doc->region = BuildRegionIdentity(report.meta().region(), *options_.hierarchy);

  rocksdb::WriteBatch batch;
  DocFrequencyDelta delta;
  bool same_text = false;
  if (old != nullptr) {
    absl::StatusOr<std::string> old_text = ReadText(old->docnum);
    if (!old_text.ok()) return old_text.status();
    same_text = *old_text == report.normalized_text();
    if (same_text) {
      // Same text, same postings: only the extracted data changes.
      for (size_t i = 0; i < old->facts.size(); ++i) {
        batch.Delete(FactKey(old->facts[i].indicator(), old->docnum, static_cast<uint16_t>(i)));
      }
      auto refs = region_refs_.find(old->region.key);
      if (refs != region_refs_.end() && refs->second <= 1 && old->region.key != doc->region.key) {
        batch.Delete(RegionKey(old->region.key));
      }
      doc->search_length = old->search_length;
    } else if (absl::Status s = DeleteDocInto(*old, &batch, &delta); !s.ok()) {
      return s;
    }
  }
  if (!same_text) {
    DocTerms terms = TokenizeDocument(report.normalized_text());
    doc->search_length = terms.length;
    AddPostings(doc->docnum, terms, &batch, &delta);
    batch.Put(TextKey(doc->docnum), report.normalized_text());
  }
  batch.Put(DocKey(doc->docnum), EncodeDocRecord(doc->search_length, doc->report));
  for (size_t i = 0; i < doc->facts.size(); ++i) {
    batch.Put(FactKey(doc->facts[i].indicator(), doc->docnum, static_cast<uint16_t>(i)),
              doc->facts[i].SerializeAsString());
  }
  batch.Put(RegionKey(doc->region.key), report.meta().region().SerializeAsString());
  if (absl::Status s = Write(&batch); !s.ok()) return s;
  ApplyToDocFrequencyCache(delta);

  const IndexOutcome outcome{false, static_cast<int>(doc->facts.size())};
  std::unique_lock<std::shared_mutex> lock(catalog_mutex_);
  if (old != nullptr) RemoveFromCatalog(old->docnum);
  AddToCatalog(std::move(doc));
  return outcome;
}

absl::Status ReportStore::Delete(std::string_view report_id) {
  absl::MutexLock writer(&writer_mutex_);
  auto it = by_id_.find(AV(report_id));
  if (it == by_id_.end()) return absl::NotFoundError(absl::StrCat("no report with id ", AV(report_id)));
  const IndexedDoc& doc = *docs_[it->second];
  rocksdb::WriteBatch batch;
  DocFrequencyDelta delta;
  if (absl::Status s = DeleteDocInto(doc, &batch, &delta); !s.ok()) return s;
  if (absl::Status s = Write(&batch); !s.ok()) return s;
  ApplyToDocFrequencyCache(delta);
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
