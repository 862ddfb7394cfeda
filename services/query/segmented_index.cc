#include "services/query/segmented_index.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/storage/status.h"
#include "rocksdb/convenience.h"
#include "rocksdb/sst_file_writer.h"
#include "rocksdb/write_batch.h"
#include "services/query/absl_view.h"
#include "services/query/keys.h"

namespace govreport::query {
namespace {

constexpr size_t kMaxTermBytes = 255;
constexpr char kSegmentFilePrefix[] = "segment-";


// Size tier of a segment: floor(log_factor(docs)). Merging `factor` segments of tier k yields at
// least factor^(k+1) documents (when few are deleted), i.e. tier k+1, so a document is rewritten
// about log_factor(N) times in all.
int Tier(const SegmentInfo& s, int factor) {
  int tier = 0;
  for (uint64_t docs = std::max<uint32_t>(s.docs, 1); docs >= static_cast<uint64_t>(factor);
       docs /= factor) {
    ++tier;
  }
  return tier;
}

// Counts the distinct docnums of a docnum range seen in posting lists.
class DocCounter {
 public:
  DocCounter(uint32_t first, uint32_t end) : first_(first), seen_(end - first, false) {}
  void Add(const std::vector<uint32_t>& docs) {
    for (uint32_t d : docs) {
      if (d < first_ || d - first_ >= seen_.size() || seen_[d - first_]) continue;
      seen_[d - first_] = true;
      ++count_;
    }
  }
  uint32_t count() const { return count_; }

 private:
  uint32_t first_;
  std::vector<bool> seen_;
  uint32_t count_ = 0;
};

// Segment files are compressed whatever the database's default (postings are varint-coded, but
// LZ4 still takes off about a third).
rocksdb::Options Compressed(rocksdb::Options options) {
  options.compression = rocksdb::kLZ4Compression;
  return options;
}

// Writes blocks of one segment, in term order, to an SST file.
class SegmentFileWriter {
 public:
  SegmentFileWriter(const rocksdb::Options& options, uint32_t segment)
      : writer_(rocksdb::EnvOptions(), Compressed(options)), segment_(segment) {}
  absl::Status Open(const std::string& file) { return storage::ToAbslStatus(writer_.Open(file), "creating " + file); }
  absl::Status Add(std::string_view term, std::string_view block) {
    AssignBlockKey(segment_, term, &key_);
    ++entries_;
    return storage::ToAbslStatus(writer_.Put(key_, rocksdb::Slice(block.data(), block.size())),
                     "writing a segment block");
  }
  size_t entries() const { return entries_; }
  absl::Status Finish() { return storage::ToAbslStatus(writer_.Finish(), "finishing a segment file"); }

 private:
  rocksdb::SstFileWriter writer_;
  uint32_t segment_;
  std::string key_;
  size_t entries_ = 0;
};

}  // namespace

BlockPins::BlockPins() = default;
BlockPins::~BlockPins() = default;
rocksdb::PinnableSlice* BlockPins::Allocate(size_t n) {
  arrays_.push_back(std::make_unique<rocksdb::PinnableSlice[]>(n));
  return arrays_.back().get();
}

std::string EncodeSegmentInfo(const SegmentInfo& info) {
  std::string out;
  AppendVarint32(info.first_doc, &out);
  AppendVarint32(info.end_doc, &out);
  AppendVarint32(info.docs, &out);
  return out;
}

std::optional<SegmentInfo> DecodeSegmentInfo(uint32_t id, std::string_view value) {
  SegmentInfo info;
  info.id = id;
  if (!GetVarint32(&value, &info.first_doc) || !GetVarint32(&value, &info.end_doc) ||
      !GetVarint32(&value, &info.docs) || !value.empty() || info.end_doc < info.first_doc) {
    return std::nullopt;
  }
  return info;
}

SegmentedIndex::SegmentedIndex(rocksdb::DB* db, const rocksdb::Options& db_options,
                               std::string db_path, SegmentedIndexOptions options)
    : db_(db),
      db_options_(db_options),
      db_path_(std::move(db_path)),
      options_(options),
      buffer_(std::make_unique<PostingsBuffer>(options.parallel_add)) {
  options_.merge_factor = std::max(options_.merge_factor, 2);
}

SegmentedIndex::~SegmentedIndex() = default;

absl::StatusOr<uint32_t> SegmentedIndex::Load() {
  segments_.clear();
  ClearBuffer();
  covered_end_ = 0;
  next_segment_id_ = 0;
  // Segment files a crash or a failed write left before RocksDB ingested them (ingesting moves
  // the file away).
  std::error_code ignored;
  for (const auto& entry : std::filesystem::directory_iterator(db_path_, ignored)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(kSegmentFilePrefix, 0) == 0) std::filesystem::remove(entry.path(), ignored);
  }
  rocksdb::ReadOptions read;
  read.fill_cache = false;
  // Manifests.
  {
    const std::string prefix(1, kSegmentTag), end = PrefixSuccessor(prefix);
    const rocksdb::Slice end_slice(end);
    read.iterate_upper_bound = &end_slice;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read));
    for (it->Seek(prefix); it->Valid(); it->Next()) {
      const auto id = DocnumAfterPrefix(it->key().ToStringView(), prefix);
      const auto info = id ? DecodeSegmentInfo(*id, it->value().ToStringView()) : std::nullopt;
      if (!info) return absl::DataLossError("corrupt segment manifest in the search index");
      segments_.push_back(*info);
    }
    if (!it->status().ok()) return storage::ToAbslStatus(it->status(), "loading segment manifests");
  }
  std::sort(segments_.begin(), segments_.end(),
            [](const SegmentInfo& a, const SegmentInfo& b) { return a.first_doc < b.first_doc; });
  for (size_t i = 1; i < segments_.size(); ++i) {
    if (segments_[i].first_doc < segments_[i - 1].end_doc) {
      return absl::DataLossError("search segments overlap: the index is inconsistent");
    }
  }
  for (const SegmentInfo& s : segments_) {
    covered_end_ = std::max(covered_end_, s.end_doc);
    next_segment_id_ = std::max(next_segment_id_, s.id + 1);
  }
  // Blocks without a manifest: one seek per segment number present.
  absl::flat_hash_map<uint32_t, bool> live_ids;
  for (const SegmentInfo& s : segments_) live_ids[s.id] = true;
  {
    const std::string prefix(1, kBlockTag), end = PrefixSuccessor(prefix);
    const rocksdb::Slice end_slice(end);
    read.iterate_upper_bound = &end_slice;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read));
    it->Seek(prefix);
    while (it->Valid()) {
      const std::string_view key = it->key().ToStringView();
      if (key.size() < 5) return absl::DataLossError("corrupt block key in the search index");
      const uint32_t id = ReadBigEndian32(key.substr(1, 4));
      next_segment_id_ = std::max(next_segment_id_, id + 1);
      if (!live_ids.contains(id)) {
        const std::string from = BlockPrefix(id), to = PrefixSuccessor(from);
        if (absl::Status s = storage::ToAbslStatus(
                db_->DeleteRange(rocksdb::WriteOptions(), db_->DefaultColumnFamily(), from, to),
                "dropping an unfinished segment");
            !s.ok()) {
          return s;
        }
      }
      if (id == UINT32_MAX) break;
      it->Seek(BlockPrefix(id + 1));
    }
    if (!it->status().ok()) return storage::ToAbslStatus(it->status(), "scanning segments");
  }
  // Postings of the layout before segments: dropped, and the documents re-tokenized.
  {
    const std::string prefix(1, kLegacyPostingTag), end = PrefixSuccessor(prefix);
    const rocksdb::Slice end_slice(end);
    read.iterate_upper_bound = &end_slice;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read));
    it->Seek(prefix);
    if (it->Valid()) {
      if (absl::Status s = storage::ToAbslStatus(
              db_->DeleteRange(rocksdb::WriteOptions(), db_->DefaultColumnFamily(), prefix, end),
              "dropping postings of the old layout");
          !s.ok()) {
        return s;
      }
    }
  }
  return covered_end_;
}

void SegmentedIndex::Add(uint32_t docnum, const DocTermList& terms) {
  buffer_->Add(docnum, terms, kMaxTermBytes);
}

absl::Status SegmentedIndex::IngestFile(const std::string& file) {
  rocksdb::IngestExternalFileOptions ingest;
  ingest.move_files = true;  // the file was written in the database directory: a rename
  return storage::ToAbslStatus(db_->IngestExternalFile({file}, ingest), "ingesting a segment");
}

void SegmentedIndex::FreezeBuffer(uint32_t end_doc) {
  frozen_ = std::move(buffer_);
  frozen_first_ = covered_end_;
  frozen_end_ = end_doc;
  buffer_ = std::make_unique<PostingsBuffer>(options_.parallel_add);
}

absl::StatusOr<SegmentedIndex::PendingFlush> SegmentedIndex::WriteFrozen(DocPredicate live) {
  PendingFlush flush;
  flush.end_doc = frozen_end_;
  if (frozen_ == nullptr) return flush;
  // Blocks are written in term order.
  const std::vector<std::pair<std::string, const PostingListBuilder*>> terms = frozen_->SortedLists();

  SegmentInfo info;
  info.id = NextSegmentId();
  info.first_doc = frozen_first_;
  info.end_doc = frozen_end_;
  const std::string file = absl::StrCat(db_path_, "/", kSegmentFilePrefix, info.id, ".sst");
  SegmentFileWriter writer(db_options_, info.id);
  if (absl::Status s = writer.Open(file); !s.ok()) return s;
  TermPostings postings;
  std::string block;
  DocCounter docs(info.first_doc, info.end_doc);  // documents with postings (the size tier)
  for (const auto& [term, list] : terms) {
    postings.clear();
    list->AppendTo(live, &postings);
    if (postings.size() == 0) continue;
    block.clear();
    AppendPostingBlock(postings, &block);
    if (absl::Status s = writer.Add(term, block); !s.ok()) return s;
    docs.Add(postings.docs);
  }
  if (writer.entries() == 0) {
    std::remove(file.c_str());
    return flush;
  }
  if (absl::Status s = writer.Finish(); !s.ok()) return s;
  if (absl::Status s = IngestFile(file); !s.ok()) return s;
  info.docs = docs.count();
  if (absl::Status s = storage::ToAbslStatus(
          db_->Put(rocksdb::WriteOptions(), SegmentKey(info.id), EncodeSegmentInfo(info)),
          "writing a segment manifest");
      !s.ok()) {
    return s;
  }
  flush.segment = info;
  return flush;
}

std::unique_ptr<PostingsBuffer> SegmentedIndex::InstallFrozen(const PendingFlush& flush) {
  if (flush.segment) segments_.push_back(*flush.segment);
  // Covered even when nothing was live: those docnums are never re-tokenized.
  covered_end_ = std::max(covered_end_, flush.end_doc);
  return std::move(frozen_);
}

void SegmentedIndex::ClearBuffer() {
  buffer_->Clear();
  frozen_.reset();
}

std::optional<SegmentedIndex::PendingMerge> SegmentedIndex::PlanMerge() const {
  const size_t factor = static_cast<size_t>(options_.merge_factor);
  for (size_t i = 0; i + factor <= segments_.size(); ++i) {
    const int tier = Tier(segments_[i], options_.merge_factor);
    size_t j = i + 1;
    while (j < i + factor && Tier(segments_[j], options_.merge_factor) == tier) ++j;
    if (j == i + factor) {
      PendingMerge merge;
      merge.first_input = i;
      merge.inputs.assign(segments_.begin() + i, segments_.begin() + i + factor);
      return merge;
    }
  }
  return std::nullopt;
}

absl::Status SegmentedIndex::WriteMerge(PendingMerge* merge, DocPredicate live) {
  SegmentInfo& info = merge->merged;
  info.id = NextSegmentId();
  info.first_doc = merge->inputs.front().first_doc;
  info.end_doc = merge->inputs.back().end_doc;
  const size_t n = merge->inputs.size();
  std::vector<std::string> uppers(n);
  std::vector<rocksdb::Slice> upper_slices(n);
  std::vector<std::unique_ptr<rocksdb::Iterator>> its(n);
  for (size_t i = 0; i < n; ++i) {
    uppers[i] = PrefixSuccessor(BlockPrefix(merge->inputs[i].id));
    upper_slices[i] = rocksdb::Slice(uppers[i]);
    rocksdb::ReadOptions read;
    read.fill_cache = false;
    read.readahead_size = 2 << 20;
    read.iterate_upper_bound = &upper_slices[i];
    its[i].reset(db_->NewIterator(read));
    its[i]->Seek(BlockPrefix(merge->inputs[i].id));
  }
  const std::string file = absl::StrCat(db_path_, "/", kSegmentFilePrefix, info.id, ".sst");
  SegmentFileWriter writer(db_options_, info.id);
  if (absl::Status s = writer.Open(file); !s.ok()) return s;
  TermPostings postings;
  std::string block;
  DocCounter docs(info.first_doc, info.end_doc);
  const auto term_of = [](const rocksdb::Iterator& it) { return it.key().ToStringView().substr(5); };
  while (true) {
    std::string_view smallest;
    bool any = false;
    for (const auto& it : its) {
      if (!it->Valid()) continue;
      const std::string_view term = term_of(*it);
      if (!any || term < smallest) smallest = term;
      any = true;
    }
    if (!any) break;
    const std::string term(smallest);
    postings.clear();
    for (auto& it : its) {  // inputs are in docnum order
      if (!it->Valid() || term_of(*it) != term) continue;
      if (absl::Status s = DecodePostingBlock(it->value().ToStringView(), live, &postings); !s.ok()) {
        return s;
      }
    }
    if (postings.size() > 0) {
      block.clear();
      AppendPostingBlock(postings, &block);
      if (absl::Status s = writer.Add(term, block); !s.ok()) return s;
      docs.Add(postings.docs);
    }
    // Only now: the views in `postings` pointed into the iterators' current values.
    for (auto& it : its) {
      if (it->Valid() && term_of(*it) == term) it->Next();
    }
  }
  for (const auto& it : its) {
    if (!it->status().ok()) return storage::ToAbslStatus(it->status(), "reading segments to merge");
  }
  info.docs = docs.count();
  rocksdb::WriteBatch manifests;
  if (writer.entries() > 0) {
    if (absl::Status s = writer.Finish(); !s.ok()) return s;
    if (absl::Status s = IngestFile(file); !s.ok()) return s;
  } else {
    std::remove(file.c_str());
  }
  // Inputs out, merged segment in, atomically (an empty merge still covers the inputs' range).
  manifests.Put(SegmentKey(info.id), EncodeSegmentInfo(info));
  for (const SegmentInfo& input : merge->inputs) manifests.Delete(SegmentKey(input.id));
  return storage::ToAbslStatus(db_->Write(rocksdb::WriteOptions(), &manifests), "writing merged manifests");
}

void SegmentedIndex::InstallMerge(const PendingMerge& merge) {
  auto first = segments_.begin() + static_cast<std::ptrdiff_t>(merge.first_input);
  first = segments_.erase(first, first + static_cast<std::ptrdiff_t>(merge.inputs.size()));
  segments_.insert(first, merge.merged);
}

absl::Status SegmentedIndex::DropMergedInputs(const PendingMerge& merge) {
  for (const SegmentInfo& input : merge.inputs) {
    const std::string from = BlockPrefix(input.id), to = PrefixSuccessor(from);
    if (absl::Status s = storage::ToAbslStatus(
            db_->DeleteRange(rocksdb::WriteOptions(), db_->DefaultColumnFamily(), from, to),
            "dropping merged segments");
        !s.ok()) {
      return s;
    }
    // The ingested file of a segment lies wholly inside its range: give its space back now
    // rather than at the next compaction.
    const rocksdb::Slice begin_slice(from), end_slice(to);
    rocksdb::DeleteFilesInRange(db_, db_->DefaultColumnFamily(), &begin_slice, &end_slice)
        .PermitUncheckedError();
  }
  return absl::OkStatus();
}

absl::Status SegmentedIndex::Collect(std::string_view term, DocPredicate live, BlockPins* pins,
                                     TermPostings* out) const {
  if (term.size() > kMaxTermBytes) return absl::OkStatus();
  const size_t n = segments_.size();
  if (n > 0) {
    std::vector<std::string> keys(n);
    std::vector<rocksdb::Slice> slices(n);
    for (size_t i = 0; i < n; ++i) {
      AssignBlockKey(segments_[i].id, term, &keys[i]);
      slices[i] = rocksdb::Slice(keys[i]);
    }
    rocksdb::PinnableSlice* values = pins->Allocate(n);
    std::vector<rocksdb::Status> statuses(n);
    db_->MultiGet(rocksdb::ReadOptions(), db_->DefaultColumnFamily(), n, slices.data(), values,
                  statuses.data());
    for (size_t i = 0; i < n; ++i) {
      if (statuses[i].IsNotFound()) continue;
      if (!statuses[i].ok()) return storage::ToAbslStatus(statuses[i], "reading postings");
      if (absl::Status s = DecodePostingBlock(values[i].ToStringView(), live, out); !s.ok()) return s;
    }
  }
  if (frozen_ != nullptr) {
    if (const PostingListBuilder* list = frozen_->Find(term)) list->AppendTo(live, out);
  }
  if (const PostingListBuilder* list = buffer_->Find(term)) list->AppendTo(live, out);
  return absl::OkStatus();
}

}  // namespace govreport::query
