#include "services/query/search_index.h"

#include <algorithm>
#include <cmath>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "services/query/keys.h"
#include "services/query/postings.h"

namespace govreport::query {
namespace {

constexpr double kK1 = 1.2;
constexpr double kB = 0.75;

// One term's posting list, positioned by docnum.
struct TermCursor {
  std::string prefix;
  std::string upper_bound;
  rocksdb::Slice upper_slice;
  std::unique_ptr<rocksdb::Iterator> it;
  int64_t df = 0;

  bool Valid() const { return it->Valid(); }
  uint32_t Doc() const {
    const rocksdb::Slice k = it->key();
    return ReadBigEndian32(std::string_view(k.data() + k.size() - 4, 4));
  }
  std::string_view Value() const { return std::string_view(it->value().data(), it->value().size()); }
  void SeekTo(uint32_t docnum) {
    std::string key = prefix;
    AppendBigEndian32(docnum, &key);
    it->Seek(key);
  }
  // Moves to the first posting with doc >= target. Nearby targets are reached with Next, which is
  // cheaper than a Seek in the common dense case.
  void AdvanceTo(uint32_t target) {
    for (int step = 0; step < 4; ++step) {
      if (!Valid() || Doc() >= target) return;
      it->Next();
    }
    if (Valid() && Doc() < target) SeekTo(target);
  }
};

bool HasPosition(const std::vector<uint32_t>& positions, uint32_t p) {
  return std::binary_search(positions.begin(), positions.end(), p);
}

}  // namespace

namespace {
// Terms in key order: the memtable (a skip list) inserts keys that follow each other much faster
// than keys in hash order, and a report writes thousands of them.
using TermEntry = std::pair<const std::string, std::vector<uint32_t>>;
std::vector<const TermEntry*> SortedTerms(const DocTerms& terms) {
  std::vector<const TermEntry*> sorted;
  sorted.reserve(terms.positions.size());
  for (const auto& entry : terms.positions) sorted.push_back(&entry);
  std::sort(sorted.begin(), sorted.end(), [](const TermEntry* a, const TermEntry* b) {
    // The key's length byte first.
    return a->first.size() != b->first.size() ? a->first.size() < b->first.size()
                                              : a->first < b->first;
  });
  return sorted;
}
}  // namespace

// Key and value buffers are reused across the document's thousands of terms.
void AddPostings(uint32_t docnum, const DocTerms& terms, rocksdb::WriteBatch* batch,
                 DocFrequencyDelta* delta) {
  std::string key, value;
  delta->reserve(delta->size() + terms.positions.size());
  for (const TermEntry* entry : SortedTerms(terms)) {
    key = PostingPrefix(entry->first);
    AppendBigEndian32(docnum, &key);
    value.clear();
    AppendPosting(entry->second, &value);
    batch->Put(key, value);
    ++(*delta)[entry->first];
  }
}

void RemovePostings(uint32_t docnum, const DocTerms& terms, rocksdb::WriteBatch* batch,
                    DocFrequencyDelta* delta) {
  std::string key;
  delta->reserve(delta->size() + terms.positions.size());
  for (const TermEntry* entry : SortedTerms(terms)) {
    key = PostingPrefix(entry->first);
    AppendBigEndian32(docnum, &key);
    batch->Delete(key);
    --(*delta)[entry->first];
  }
}

absl::StatusOr<uint32_t> CountPostings(rocksdb::DB* db, std::string_view term) {
  const std::string prefix = PostingPrefix(term);
  const std::string upper = PrefixSuccessor(prefix);
  const rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions read;
  read.iterate_upper_bound = &upper_slice;
  read.prefix_same_as_start = true;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(read));
  uint32_t count = 0;
  // Seek with a whole key: the store's prefix extractor maps posting keys to their term prefix.
  for (it->Seek(PostingKey(term, 0)); it->Valid(); it->Next()) ++count;
  if (!it->status().ok()) {
    return absl::InternalError(absl::StrCat("counting postings: ", it->status().ToString()));
  }
  return count;
}

absl::StatusOr<std::vector<ScoredDoc>> EvaluateQuery(rocksdb::DB* db, const SearchParams& params) {
  std::vector<ScoredDoc> results;
  // Distinct terms, and for each phrase the cursor index of each of its terms.
  std::vector<std::string> terms;
  absl::flat_hash_map<std::string, size_t> term_index;
  std::vector<std::vector<size_t>> phrase_terms;
  for (const QueryPhrase& phrase : params.phrases) {
    phrase_terms.emplace_back();
    for (const QueryTerm& t : phrase.terms) {
      auto [it, inserted] = term_index.try_emplace(t.term, terms.size());
      if (inserted) terms.push_back(t.term);
      phrase_terms.back().push_back(it->second);
    }
  }
  if (terms.empty()) return results;

  const rocksdb::Snapshot* snapshot = db->GetSnapshot();
  struct SnapshotReleaser {
    rocksdb::DB* db;
    const rocksdb::Snapshot* s;
    ~SnapshotReleaser() { db->ReleaseSnapshot(s); }
  } releaser{db, snapshot};

  std::vector<TermCursor> cursors(terms.size());
  for (size_t i = 0; i < terms.size(); ++i) {
    cursors[i].df = params.doc_frequency ? params.doc_frequency(terms[i]) : 1;
    if (cursors[i].df <= 0) return results;
  }
  // Rarest first; `order[0]` drives the intersection.
  std::vector<size_t> order(terms.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return cursors[a].df < cursors[b].df; });
  for (size_t i = 0; i < terms.size(); ++i) {
    TermCursor& c = cursors[i];
    c.prefix = PostingPrefix(terms[i]);
    c.upper_bound = PrefixSuccessor(c.prefix);
    c.upper_slice = rocksdb::Slice(c.upper_bound);
    rocksdb::ReadOptions read;
    read.snapshot = snapshot;
    read.iterate_upper_bound = &c.upper_slice;
    read.prefix_same_as_start = true;
    c.it.reset(db->NewIterator(read));
    c.SeekTo(0);
  }

  const double n = static_cast<double>(std::max<uint64_t>(params.stats.live_docs, 1));
  std::vector<double> idf(terms.size());
  for (size_t i = 0; i < terms.size(); ++i) {
    const double df = static_cast<double>(cursors[i].df);
    idf[i] = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
  }

  TermCursor& lead = cursors[order[0]];
  std::vector<std::vector<uint32_t>> positions(terms.size());
  uint64_t steps = 0;
  while (lead.Valid()) {
    if ((steps++ & 63) == 0 && std::chrono::steady_clock::now() > params.deadline) {
      return absl::DeadlineExceededError(absl::StrCat(
          "search stopped at its time limit after examining ", steps,
          " candidate documents; add filters (region, year) or more specific terms"));
    }
    const uint32_t doc = lead.Doc();
    if (params.accept && !params.accept(doc)) {
      lead.it->Next();
      continue;
    }
    bool all = true;
    uint32_t next_target = doc;
    for (size_t k = 1; k < order.size(); ++k) {
      TermCursor& c = cursors[order[k]];
      c.AdvanceTo(doc);
      if (!c.Valid()) {
        if (!c.it->status().ok()) {
          return absl::InternalError(absl::StrCat("reading postings: ", c.it->status().ToString()));
        }
        return results;  // one list is exhausted: no further document can match
      }
      if (c.Doc() != doc) {
        all = false;
        next_target = c.Doc();
        break;
      }
    }
    if (!all) {
      lead.AdvanceTo(next_target);
      continue;
    }
    // Phrase adjacency on decoded positions.
    bool phrases_ok = true;
    for (size_t p = 0; p < params.phrases.size() && phrases_ok; ++p) {
      const std::vector<QueryTerm>& qterms = params.phrases[p].terms;
      if (qterms.size() < 2) continue;
      size_t anchor = 0;
      for (size_t j = 0; j < qterms.size(); ++j) {
        const size_t ti = phrase_terms[p][j];
        if (absl::Status s = DecodePositionsInto(cursors[ti].Value(), &positions[ti]); !s.ok()) {
          return s;
        }
        if (positions[ti].size() < positions[phrase_terms[p][anchor]].size()) anchor = j;
      }
      bool found = false;
      for (uint32_t q : positions[phrase_terms[p][anchor]]) {
        if (q < qterms[anchor].offset) continue;
        const uint32_t start = q - qterms[anchor].offset;
        bool match = true;
        for (size_t j = 0; j < qterms.size() && match; ++j) {
          if (j != anchor) match = HasPosition(positions[phrase_terms[p][j]], start + qterms[j].offset);
        }
        if (match) {
          found = true;
          break;
        }
      }
      phrases_ok = found;
    }
    if (phrases_ok) {
      const double dl = params.doc_length ? params.doc_length(doc) : params.stats.average_length;
      const double norm = kK1 * (1 - kB + kB * dl / std::max(params.stats.average_length, 1.0));
      double score = 0;
      for (size_t i = 0; i < terms.size(); ++i) {
        const double tf = PostingTermFrequency(cursors[i].Value());
        score += idf[i] * tf * (kK1 + 1) / (tf + norm);
      }
      results.push_back({doc, score});
    }
    lead.it->Next();
  }
  if (!lead.it->status().ok()) {
    return absl::InternalError(absl::StrCat("reading postings: ", lead.it->status().ToString()));
  }
  return results;
}

}  // namespace govreport::query
