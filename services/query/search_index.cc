#include "services/query/search_index.h"

#include <algorithm>
#include <cmath>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/text/utf8.h"
#include "services/query/postings.h"

namespace govreport::query {
namespace {

constexpr double kK1 = 1.2;
constexpr double kB = 0.75;

// First index >= `from` whose doc is >= target (docs.size() when none): exponential then binary
// search, so stepping through a long list towards a sparse driver costs log(gap), not gap.
size_t GallopTo(const std::vector<uint32_t>& docs, size_t from, uint32_t target) {
  if (from >= docs.size() || docs[from] >= target) return from;
  size_t step = 1, low = from, high = from + 1;
  while (high < docs.size() && docs[high] < target) {
    low = high;
    step *= 2;
    high = from + step;
  }
  high = std::min(high, docs.size());
  return static_cast<size_t>(std::lower_bound(docs.begin() + static_cast<std::ptrdiff_t>(low) + 1,
                                              docs.begin() + static_cast<std::ptrdiff_t>(high),
                                              target) -
                             docs.begin());
}

}  // namespace

std::vector<size_t> CoveringTerms(const QueryPhrase& phrase) {
  // Greedy interval cover: at the first uncovered character, take the term starting there or
  // before that reaches furthest. Terms are in offset order (ForEachTerm emits them so).
  const std::vector<QueryTerm>& terms = phrase.terms;
  std::vector<uint32_t> ends(terms.size());
  for (size_t i = 0; i < terms.size(); ++i) {
    ends[i] = terms[i].offset + static_cast<uint32_t>(text::CountCodePoints(terms[i].term));
  }
  std::vector<size_t> cover;
  size_t i = 0;
  uint32_t covered = 0;  // characters before this are covered
  while (i < terms.size()) {
    if (ends[i] <= covered) {  // adds nothing
      ++i;
      continue;
    }
    if (terms[i].offset > covered) covered = terms[i].offset;  // a gap (punctuation) in between
    size_t best = i;
    for (size_t j = i; j < terms.size() && terms[j].offset <= covered; ++j) {
      if (ends[j] > ends[best]) best = j;
    }
    cover.push_back(best);
    covered = ends[best];
    i = best + 1;
  }
  return cover;
}

absl::StatusOr<std::vector<ScoredDoc>> EvaluateQuery(const SearchParams& params,
                                                     CollectPostingsFn collect) {
  std::vector<ScoredDoc> results;
  // Distinct covering terms, and for each phrase its covering terms' list index and offset.
  std::vector<std::string> terms;
  absl::flat_hash_map<std::string, size_t> term_index;
  struct PhraseTerm {
    size_t list;
    uint32_t offset;
  };
  std::vector<std::vector<PhraseTerm>> phrases;
  for (const QueryPhrase& phrase : params.phrases) {
    phrases.emplace_back();
    for (size_t k : CoveringTerms(phrase)) {
      const QueryTerm& t = phrase.terms[k];
      auto [it, inserted] = term_index.try_emplace(t.term, terms.size());
      if (inserted) terms.push_back(t.term);
      phrases.back().push_back({it->second, t.offset});
    }
  }
  if (terms.empty()) return results;

  std::vector<TermPostings> lists(terms.size());
  for (size_t i = 0; i < terms.size(); ++i) {
    if (absl::Status s = collect(terms[i], &lists[i]); !s.ok()) return s;
    if (lists[i].size() == 0) return results;
  }
  // Rarest first; `order[0]` drives the intersection.
  std::vector<size_t> order(terms.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return lists[a].size() < lists[b].size(); });

  const double n = static_cast<double>(std::max<uint64_t>(params.stats.live_docs, 1));
  std::vector<double> idf(terms.size());
  for (size_t i = 0; i < terms.size(); ++i) {
    const double df = static_cast<double>(lists[i].size());
    idf[i] = std::max(0.0, std::log(1.0 + (n - df + 0.5) / (df + 0.5)));
  }

  const TermPostings& lead = lists[order[0]];
  std::vector<size_t> cursor(terms.size(), 0);  // per list: index of the current document
  std::vector<PositionCursor> cursors;  // per phrase check, reused
  size_t li = 0;
  uint64_t steps = 0;
  while (li < lead.size()) {
    if ((steps++ & 255) == 0 && std::chrono::steady_clock::now() > params.deadline) {
      return absl::DeadlineExceededError(absl::StrCat(
          "search stopped at its time limit after examining ", steps,
          " candidate documents; add filters (region, year) or more specific terms"));
    }
    const uint32_t doc = lead.docs[li];
    if (params.accept && !params.accept(doc)) {
      ++li;
      continue;
    }
    bool all = true;
    uint32_t next_target = doc;
    for (size_t k = 1; k < order.size(); ++k) {
      const size_t l = order[k];
      cursor[l] = GallopTo(lists[l].docs, cursor[l], doc);
      if (cursor[l] == lists[l].size()) return results;  // a list is exhausted: no more matches
      if (lists[l].docs[cursor[l]] != doc) {
        all = false;
        next_target = lists[l].docs[cursor[l]];
        break;
      }
    }
    if (!all) {
      li = GallopTo(lead.docs, li, next_target);
      continue;
    }
    cursor[order[0]] = li;
    // Phrase adjacency, streaming positions: anchored on the term with the fewest occurrences,
    // the others are advanced to each candidate start and the check stops at the first match.
    bool phrases_ok = true;
    for (size_t p = 0; p < phrases.size() && phrases_ok; ++p) {
      const std::vector<PhraseTerm>& pt = phrases[p];
      if (pt.size() < 2) continue;
      cursors.clear();
      size_t anchor = 0;
      for (size_t j = 0; j < pt.size(); ++j) {
        cursors.emplace_back(lists[pt[j].list].postings[cursor[pt[j].list]]);
        if (cursors[j].remaining() < cursors[anchor].remaining()) anchor = j;
      }
      bool found = false, exhausted = false;
      for (PositionCursor& a = cursors[anchor]; a.Valid() && !found && !exhausted; a.Next()) {
        if (a.position() < pt[anchor].offset) continue;
        const uint32_t start = a.position() - pt[anchor].offset;
        bool match = true;
        for (size_t j = 0; j < pt.size() && match; ++j) {
          if (j == anchor) continue;
          cursors[j].SeekTo(start + pt[j].offset);
          // Targets only grow: once a term has no position left, no later start can match.
          if (!cursors[j].Valid()) exhausted = true;
          match = cursors[j].Valid() && cursors[j].position() == start + pt[j].offset;
        }
        found = match;
      }
      for (const PositionCursor& c : cursors) {
        if (c.corrupt()) return absl::DataLossError("corrupt posting: truncated positions");
      }
      phrases_ok = found;
    }
    if (phrases_ok) {
      const double dl = params.doc_length ? params.doc_length(doc) : params.stats.average_length;
      const double norm = kK1 * (1 - kB + kB * dl / std::max(params.stats.average_length, 1.0));
      double score = 0;
      for (size_t i = 0; i < terms.size(); ++i) {
        const double tf = PostingTermFrequency(lists[i].postings[cursor[i]]);
        score += idf[i] * tf * (kK1 + 1) / (tf + norm);
      }
      results.push_back({doc, score});
    }
    ++li;
  }
  return results;
}

}  // namespace govreport::query
