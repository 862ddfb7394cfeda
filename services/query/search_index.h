#ifndef GOVREPORT_SERVICES_QUERY_SEARCH_INDEX_H_
#define GOVREPORT_SERVICES_QUERY_SEARCH_INDEX_H_

// Query evaluation over posting lists (where they live: segmented_index.h): every phrase's terms
// must be present (AND), phrases are checked for adjacency, documents are ranked by BM25.
//
// A phrase is matched through the fewest of its terms that cover all its characters: 地区生产总值
// has five bigrams, but 地区, 生产 and 总值 at offsets 0, 2 and 4 pin down the same six characters,
// so only those three lists are read, intersected and position-checked (and scored). The rarest
// list drives the intersection; the others are advanced by galloping search. Documents that fail
// the filter are skipped before the other lists are touched; positions are decoded only for
// documents that have every term.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "services/query/posting_list.h"
#include "services/query/tokenizer.h"

namespace govreport::query {

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
  // Document filter applied before reading other posting lists (null: every document).
  std::function<bool(uint32_t docnum)> accept;
  // Length (BM25 dl) of an accepted document (null: the average).
  std::function<uint32_t(uint32_t docnum)> doc_length;
  SearchCorpusStats stats;
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
};

// Fills `*out` (empty on entry) with a term's postings in live documents, docnum ascending. Its
// length is the term's document frequency.
using CollectPostingsFn = absl::FunctionRef<absl::Status(std::string_view term, TermPostings* out)>;

// For each phrase, the indices (into phrase.terms) of the terms that cover it, in offset order.
std::vector<size_t> CoveringTerms(const QueryPhrase& phrase);

// All documents matching every phrase, with BM25 scores over the covering terms (k1 = 1.2,
// b = 0.75; each distinct term counts once). DEADLINE_EXCEEDED when `deadline` passes before the
// evaluation ends; DATA_LOSS for a corrupt posting.
absl::StatusOr<std::vector<ScoredDoc>> EvaluateQuery(const SearchParams& params,
                                                     CollectPostingsFn collect);

}  // namespace govreport::query

#endif  // GOVREPORT_SERVICES_QUERY_SEARCH_INDEX_H_
