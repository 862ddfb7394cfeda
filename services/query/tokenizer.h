#ifndef GOVREPORT_SERVICES_QUERY_TOKENIZER_H_
#define GOVREPORT_SERVICES_QUERY_TOKENIZER_H_

// Search tokens. Text is folded code point by code point (govreport::text::FoldCodePoint:
// traditional -> simplified, full-width -> ASCII) so 地区生产总值 and 地區生產總值 give the same
// terms. Terms:
//  - every CJK ideograph as a unigram (so one-character queries work),
//  - every pair of adjacent CJK ideographs as a bigram,
//  - every run of ASCII letters/digits as a word, lower-cased (GDP == gdp).
// Positions are code point offsets into the original text (folding keeps one code point per code
// point), so phrase checks and snippets use the same coordinates as Evidence offsets.

#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace govreport::query {

// True for CJK unified ideographs (incl. extensions and compatibility ideographs) and 〇.
bool IsCjkIdeograph(char32_t c);

// Calls emit(term, position) for every term of `utf8`, in position order. Returns the number of
// code points of the text.
template <typename Emit>
uint32_t ForEachTerm(std::u32string_view folded, Emit&& emit);

// Folds UTF-8 text (one code point per code point, ASCII letters lower-cased).
std::u32string FoldForSearch(std::string_view utf8);

struct DocTerms {
  // term -> ascending positions.
  absl::flat_hash_map<std::string, std::vector<uint32_t>> positions;
  // Number of term occurrences (the BM25 document length).
  uint32_t length = 0;
};
// The terms of a document grouped by term, flat (what the index consumes: no map, no per-term
// allocation beyond short strings).
struct DocTermList {
  std::vector<std::string> terms;   // distinct terms, in order of first occurrence
  std::vector<uint64_t> keys;       // parallel: PackedTermKey of each term (0: does not pack)
  std::vector<uint32_t> ends;       // term i's positions are positions[ends[i-1] .. ends[i])
  std::vector<uint32_t> positions;  // grouped by term, ascending within a term
  uint32_t length = 0;              // number of term occurrences (the BM25 document length)

  size_t size() const { return terms.size(); }
  uint32_t begin(size_t i) const { return i == 0 ? 0 : ends[i - 1]; }
};
// Exactly the terms ForEachTerm(FoldForSearch(utf8), ...) emits, into `*out` (cleared first; its
// capacity is reused). Thread-safe.
void TokenizeForIndex(std::string_view utf8, DocTermList* out);

// A collision-free 64-bit key for the terms that fit one: CJK unigrams and bigrams (first << 21 |
// second) and ASCII words of up to 7 bytes (bit 63 | length << 56 | bytes). 0 for other terms.
// Equal terms have equal keys, so maps over many documents can be keyed by integers.
uint64_t PackedTermKey(std::string_view term);
// The term of a non-zero PackedTermKey.
std::string TermOfPackedKey(uint64_t key);

// TokenizeForIndex's result as a map from term to positions: easier to inspect (tests, tools);
// the index itself takes the flat DocTermList.
DocTerms TokenizeDocument(std::string_view utf8);

struct QueryTerm {
  std::string term;
  uint32_t offset = 0;  // code points from the start of its phrase
};
// One whitespace-separated word or one "quoted phrase" of a query: all its terms must occur at
// the same relative offsets in a matching document. Characters that are not terms (spaces,
// punctuation) only keep their place: "增长 财政" also matches 增长与财政.
struct QueryPhrase {
  std::vector<QueryTerm> terms;
  std::u32string folded;  // the phrase as folded code points (for snippets)
};
// Splits a query into phrases. Quotes: ASCII " and the CJK “ ” 「 」. Phrases without any term
// (punctuation only) are dropped; an unterminated quote runs to the end of the query.
std::vector<QueryPhrase> ParseQuery(std::string_view query);

// ---- implementation ----

std::string TermOf(std::u32string_view folded_run);

template <typename Emit>
uint32_t ForEachTerm(std::u32string_view folded, Emit&& emit) {
  const uint32_t n = static_cast<uint32_t>(folded.size());
  uint32_t i = 0;
  while (i < n) {
    const char32_t c = folded[i];
    if (IsCjkIdeograph(c)) {
      emit(TermOf(folded.substr(i, 1)), i);
      if (i + 1 < n && IsCjkIdeograph(folded[i + 1])) emit(TermOf(folded.substr(i, 2)), i);
      ++i;
    } else if (c < 0x80 && (std::isalnum(static_cast<int>(c)) != 0)) {
      uint32_t j = i;
      while (j < n && folded[j] < 0x80 && std::isalnum(static_cast<int>(folded[j])) != 0) ++j;
      emit(TermOf(folded.substr(i, j - i)), i);
      i = j;
    } else {
      ++i;
    }
  }
  return n;
}

}  // namespace govreport::query

#endif  // GOVREPORT_SERVICES_QUERY_TOKENIZER_H_
