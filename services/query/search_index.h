#ifndef GOVREPORT_SERVICES_QUERY_SEARCH_INDEX_H_
#define GOVREPORT_SERVICES_QUERY_SEARCH_INDEX_H_

// The full-text index: postings per (term, doc) in RocksDB (see keys.h), document frequencies as
// merge-add counters, BM25 ranking with doc lengths kept in memory by the ReportStore.
//
// Evaluation: every phrase's terms must be present (AND). Terms are visited rarest first
// (smallest df): the rarest list drives, the others are advanced with Seek (leapfrog), so a query
// costs about (rarest df) x (terms) seeks, not the sum of all list lengths. Documents that fail the
// filters are skipped before the other lists are touched. Phrase adjacency is checked on the
// decoded positions of surviving documents only.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"
#include "services/query/tokenizer.h"

namespace govreport::query {

// Document frequencies are not stored: a term's df is the length of its posting list, counted
// on first use and then cached (see ReportStore::DocFrequencies), so indexing a report writes
// only its postings (half the keys of a stored counter per term).

// Pending df changes of one write batch, term -> delta.
using DocFrequencyDelta = absl::flat_hash_map<std::string, int32_t>;

// Writes a document's postings into `batch` and counts its terms into `delta`.
void AddPostings(uint32_t docnum, const DocTerms& terms, rocksdb::WriteBatch* batch,
                 DocFrequencyDelta* delta);
// Writes the deletes of a document's postings into `batch` and discounts its terms in `delta`.
void RemovePostings(uint32_t docnum, const DocTerms& terms, rocksdb::WriteBatch* batch,
                    DocFrequencyDelta* delta);
// Number of postings of `term` (its document frequency).
absl::StatusOr<uint32_t> CountPostings(rocksdb::DB* db, std::string_view term);

struct SearchCorpusStats {
  uint64_t live_docs = 0;
  double average_length = 1.0;
};

struct ScoredDoc {
  uint32_t docnum = 0;
  double score = 0;
};

struct SearchParams {
  std::vector<QueryPhrase> phrases;
  // Document filter applied before reading other posting lists; also rejects deleted docnums.
  std::function<bool(uint32_t docnum)> accept;
  // Length (BM25 dl) of an accepted document.
  std::function<uint32_t(uint32_t docnum)> doc_length;
  SearchCorpusStats stats;
  // Document frequency of a term (0: absent).
  std::function<uint32_t(std::string_view term)> doc_frequency;
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
};

// All documents matching every phrase, with BM25 scores (k1 = 1.2, b = 0.75; each distinct
// term counts once). DEADLINE_EXCEEDED when `deadline` passes before the evaluation ends.
absl::StatusOr<std::vector<ScoredDoc>> EvaluateQuery(rocksdb::DB* db, const SearchParams& params);

}  // namespace govreport::query

#endif  // GOVREPORT_SERVICES_QUERY_SEARCH_INDEX_H_
