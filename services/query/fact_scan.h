#ifndef GOVREPORT_SERVICES_QUERY_FACT_SCAN_H_
#define GOVREPORT_SERVICES_QUERY_FACT_SCAN_H_

// Visiting the facts of a few indicators across thousands of catalog documents.
//
// Every IndexedDoc is its own heap object, and its facts of one indicator sit behind a hash map
// (control bytes, then slots) and a vector of indices, next to a vector of packed summaries. A
// plain loop over 5,000 documents therefore waits on four or five dependent cache misses per
// document; at 10,000 reports that was most of QueryFacts' time. ForEachIndicatorFacts runs the
// lookups as a software pipeline over the document list: while document i is visited, the index
// lists of i+kLocateAhead are located, the maps of i+kProbeAhead are probed and the headers of
// i+kHeaderAhead are fetched, so the misses of different documents overlap instead of adding up.

#include <cstddef>
#include <string>
#include <vector>

#include "services/query/report_store.h"

namespace govreport::query {

using FactsByIndicator = decltype(IndexedDoc::facts_by_indicator);

// The distinct indicator ids of a request, in request order, each with its hash computed once
// (every catalog map hashes a key alike, so one hash serves every document).
class IndicatorLookup {
 public:
  template <typename Ids>
  explicit IndicatorLookup(const Ids& ids) {
    for (const std::string& id : ids) {
      bool seen = false;
      for (const std::string& known : ids_) seen = seen || known == id;
      if (seen) continue;
      ids_.push_back(id);
      hashes_.push_back(FactsByIndicator::hasher{}(ids_.back()));
    }
  }

  size_t size() const { return ids_.size(); }
  bool empty() const { return ids_.empty(); }
  const std::vector<std::string>& ids() const { return ids_; }

  // Indices into doc.facts of ids()[k] (ascending, as the catalog builds them); nullptr when the
  // document has none.
  const std::vector<int>* Find(const IndexedDoc& doc, size_t k) const {
    auto it = doc.facts_by_indicator.find(ids_[k], hashes_[k]);
    return it == doc.facts_by_indicator.end() ? nullptr : &it->second;
  }

 private:
  std::vector<std::string> ids_;
  std::vector<size_t> hashes_;
};

namespace fact_scan_internal {
inline void Prefetch(const void* p) { __builtin_prefetch(p, 0, 3); }
inline constexpr size_t kLocateAhead = 2;
inline constexpr size_t kProbeAhead = 5;
inline constexpr size_t kHeaderAhead = 9;
inline constexpr size_t kRing = 4;  // > kLocateAhead, a power of two
}  // namespace fact_scan_internal

// Calls visit(doc, indices) for every document of `docs` (in order) and every id of `lookup` (in
// order) the document has facts of; `indices` are positions in doc.facts and doc.fact_summaries.
// Documents without any of the ids are skipped. `lookup` must not be empty.
template <typename Visit>
void ForEachIndicatorFacts(const std::vector<const IndexedDoc*>& docs, const IndicatorLookup& lookup,
                           Visit&& visit) {
  namespace in = fact_scan_internal;
  const size_t n = docs.size(), m = lookup.size();
  std::vector<const std::vector<int>*> ring(in::kRing * m);
  auto locate = [&](size_t d) {
    const IndexedDoc& doc = *docs[d];
    const std::vector<int>** slot = &ring[(d % in::kRing) * m];
    for (size_t k = 0; k < m; ++k) {
      slot[k] = lookup.Find(doc, k);
      if (slot[k] != nullptr) {
        in::Prefetch(slot[k]->data());
        in::Prefetch(doc.fact_summaries.data());
      }
    }
  };
  for (size_t d = 0; d < n && d < in::kLocateAhead; ++d) locate(d);
  for (size_t i = 0; i < n; ++i) {
    if (i + in::kHeaderAhead < n) {
      const IndexedDoc* ahead = docs[i + in::kHeaderAhead];
      in::Prefetch(&ahead->facts_by_indicator);
      in::Prefetch(&ahead->fact_summaries);
      in::Prefetch(&ahead->region.key);
    }
    if (i + in::kProbeAhead < n) {
      for (const std::string& id : lookup.ids()) docs[i + in::kProbeAhead]->facts_by_indicator.prefetch(id);
    }
    if (i + in::kLocateAhead < n) locate(i + in::kLocateAhead);
    const std::vector<int>* const* found = &ring[(i % in::kRing) * m];
    for (size_t k = 0; k < m; ++k) {
      if (found[k] != nullptr) visit(*docs[i], *found[k]);
    }
  }
}

}  // namespace govreport::query

#endif  // GOVREPORT_SERVICES_QUERY_FACT_SCAN_H_
