#include "services/query/tokenizer.h"

#include <cctype>

#include "common/text/fold.h"
#include "common/text/utf8.h"

namespace govreport::query {

bool IsCjkIdeograph(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF) || c == 0x3007;
}

std::string TermOf(std::u32string_view folded_run) { return text::ToUtf8(folded_run); }

std::u32string FoldForSearch(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size() / 2);
  size_t pos = 0;
  while (pos < utf8.size()) {
    char32_t c = text::FoldCodePoint(text::DecodeUtf8(utf8, &pos));
    if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
    out.push_back(c);
  }
  return out;
}

DocTerms TokenizeDocument(std::string_view utf8) {
  DocTerms terms;
  const std::u32string folded = FoldForSearch(utf8);
  // A report has roughly one distinct term per two ideographs (~6 UTF-8 bytes):
  // reserving avoids rehashing the map a dozen times while it grows.
  terms.positions.reserve(utf8.size() / 6);
  ForEachTerm(folded, [&](std::string term, uint32_t position) {
    terms.positions[std::move(term)].push_back(position);
    ++terms.length;
  });
  return terms;
}

namespace {
bool IsOpenQuote(char32_t c) { return c == U'"' || c == U'“' || c == U'「' || c == U'”'; }
bool IsCloseQuote(char32_t c) { return c == U'"' || c == U'”' || c == U'」' || c == U'“'; }
bool IsSpace(char32_t c) { return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r'; }

void AddPhrase(std::u32string folded, std::vector<QueryPhrase>* out) {
  QueryPhrase phrase;
  const std::u32string_view f = folded;
  ForEachTerm(f, [&](std::string term, uint32_t offset) {
    // A unigram next to another ideograph adds nothing to the phrase's bigrams but a long
    // posting list to read: keep unigrams only for isolated characters.
    const bool unigram = IsCjkIdeograph(f[offset]) && text::CountCodePoints(term) == 1;
    const bool covered = (offset + 1 < f.size() && IsCjkIdeograph(f[offset + 1])) ||
                         (offset > 0 && IsCjkIdeograph(f[offset - 1]));
    if (unigram && covered) return;
    phrase.terms.push_back({std::move(term), offset});
  });
  if (phrase.terms.empty()) return;
  phrase.folded = std::move(folded);
  out->push_back(std::move(phrase));
}
}  // namespace

std::vector<QueryPhrase> ParseQuery(std::string_view query) {
  const std::u32string folded = FoldForSearch(query);  // full-width space folds to ' '
  std::vector<QueryPhrase> phrases;
  size_t i = 0;
  while (i < folded.size()) {
    if (IsSpace(folded[i])) {
      ++i;
    } else if (IsOpenQuote(folded[i])) {
      size_t j = i + 1;
      while (j < folded.size() && !IsCloseQuote(folded[j])) ++j;
      AddPhrase(folded.substr(i + 1, j - i - 1), &phrases);
      i = j + 1;
    } else {
      size_t j = i;
      while (j < folded.size() && !IsSpace(folded[j]) && !IsOpenQuote(folded[j])) ++j;
      AddPhrase(folded.substr(i, j - i), &phrases);
      i = j;
    }
  }
  return phrases;
}

}  // namespace govreport::query
