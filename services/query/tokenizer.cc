#include "services/query/tokenizer.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "common/text/fold.h"
#include "common/text/utf8.h"

namespace govreport::query {

namespace {
inline bool IsIdeograph(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF) || c == 0x3007;
}
}  // namespace

bool IsCjkIdeograph(char32_t c) { return IsIdeograph(c); }

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

namespace {

inline bool IsAsciiWordChar(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// TokenizeDocument gives each distinct term of a document a dense id on its first occurrence
// and looks terms up by integer keys, never by string: the string (and the position list) is
// made once per distinct term. Lookups, by how common the term is:
//  - BMP ideograph unigram: a direct table indexed by the code point;
//  - BMP ideograph bigram: an open-addressing table of 8-byte slots keyed by both code points;
//  - anything else (ASCII words of up to 7 bytes, ideographs beyond the BMP): a hash map keyed
//    by a packed 64-bit key; longer words: a string-keyed hash map.
// All tables live in per-thread scratch, so their capacity carries over between documents.
constexpr uint32_t kNewTerm = ~uint32_t{0};

// code point -> id + 1 (0: not seen in this document).
class UnigramIds {
 public:
  UnigramIds() : ids_(0x10000, 0) {}
  // The id of BMP code point `c`, or kNewTerm after assigning it `next_id`.
  uint32_t FindOrInsert(char32_t c, uint32_t next_id) {
    uint32_t& slot = ids_[c];
    if (slot != 0) return slot - 1;
    slot = next_id + 1;
    touched_.push_back(static_cast<char16_t>(c));
    return kNewTerm;
  }
  void Reset() {
    for (char16_t c : touched_) ids_[c] = 0;
    touched_.clear();
  }

 private:
  std::vector<uint32_t> ids_;
  std::vector<char16_t> touched_;
};

// (first << 16 | second) -> id for pairs of BMP code points; a slot is key << 32 | id and
// 0 marks an empty slot (no key is 0: ideographs are not U+0000).
class BigramIds {
 public:
  // Clears the table, sized for about `expected` distinct bigrams.
  void Reset(size_t expected) {
    size_t capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    if (slots_.size() != capacity) {
      slots_.assign(capacity, 0);
      shift_ = 64 - __builtin_ctzll(capacity);
    } else {
      std::fill(slots_.begin(), slots_.end(), 0);
    }
    size_ = 0;
  }

  uint32_t FindOrInsert(char32_t first, char32_t second, uint32_t next_id) {
    const uint64_t key = (uint64_t{first} << 16) | second;
    const size_t mask = slots_.size() - 1;
    size_t i = Home(key);
    while (true) {
      const uint64_t slot = slots_[i];
      if (slot == 0) {
        slots_[i] = (key << 32) | next_id;
        if (++size_ * 2 > slots_.size()) Grow();
        return kNewTerm;
      }
      if ((slot >> 32) == key) return static_cast<uint32_t>(slot);
      i = (i + 1) & mask;
    }
  }

 private:
  size_t Home(uint64_t key) const { return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_); }
  void Grow() {
    std::vector<uint64_t> old(slots_.size() * 2, 0);
    old.swap(slots_);
    --shift_;
    const size_t mask = slots_.size() - 1;
    for (uint64_t slot : old) {
      if (slot == 0) continue;
      size_t i = Home(slot >> 32);
      while (slots_[i] != 0) i = (i + 1) & mask;
      slots_[i] = slot;
    }
  }

  std::vector<uint64_t> slots_;
  int shift_ = 54;
  size_t size_ = 0;
};

// Packed keys of the other terms: ideographs beyond the BMP as first << 21 | second (second 0
// for a unigram; < 2^42), ASCII words of up to 7 bytes as bit 63 | length << 56 | bytes.
constexpr uint64_t kWordKeyBit = uint64_t{1} << 63;
constexpr size_t kMaxPackedWord = 7;

struct TokenizerScratch {
  UnigramIds unigrams;
  BigramIds bigrams;
  absl::flat_hash_map<uint64_t, uint32_t> packed_ids;
  absl::flat_hash_map<std::string, uint32_t> long_word_ids;
  std::vector<std::string> terms;  // id -> term
  std::vector<uint64_t> keys;      // id -> PackedTermKey
  std::vector<uint32_t> counts;    // id -> occurrences
  std::vector<uint32_t> occurrence_ids;
  std::vector<uint32_t> occurrence_positions;
  std::string word;
};

// Appends the UTF-8 of ideograph `c` (>= U+0800, so 3 or 4 bytes).
inline void AppendIdeograph(char32_t c, std::string* out) {
  if (c < 0x10000) {
    const char bytes[3] = {static_cast<char>(0xE0 | (c >> 12)), static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
                           static_cast<char>(0x80 | (c & 0x3F))};
    out->append(bytes, 3);
  } else {
    text::AppendUtf8(c, out);
  }
}

}  // namespace

uint64_t PackedTermKey(std::string_view term) {
  if (term.empty()) return 0;
  size_t pos = 0;
  const char32_t first = text::DecodeUtf8(term, &pos);
  if (IsIdeograph(first)) {
    if (pos == term.size()) return uint64_t{first} << 21;
    const char32_t second = text::DecodeUtf8(term, &pos);
    if (pos == term.size() && IsIdeograph(second)) return (uint64_t{first} << 21) | second;
    return 0;
  }
  if (term.size() > kMaxPackedWord) return 0;
  uint64_t key = kWordKeyBit | (uint64_t{term.size()} << 56);
  for (size_t k = 0; k < term.size(); ++k) {
    const unsigned char b = static_cast<unsigned char>(term[k]);
    if (b >= 0x80) return 0;
    key |= uint64_t{b} << (8 * k);
  }
  return key;
}

std::string TermOfPackedKey(uint64_t key) {
  std::string term;
  if ((key & kWordKeyBit) != 0) {
    const size_t length = (key >> 56) & 0x7F;
    for (size_t k = 0; k < length && k < kMaxPackedWord; ++k) {
      term.push_back(static_cast<char>((key >> (8 * k)) & 0xFF));
    }
    return term;
  }
  AppendIdeograph(static_cast<char32_t>(key >> 21), &term);
  if (const auto second = static_cast<char32_t>(key & 0x1FFFFF); second != 0) AppendIdeograph(second, &term);
  return term;
}

void TokenizeForIndex(std::string_view utf8, DocTermList* out) {
  thread_local TokenizerScratch scratch;
  TokenizerScratch& t = scratch;
  // A report has roughly one distinct bigram per three ideographs (~9 UTF-8 bytes).
  t.unigrams.Reset();
  t.bigrams.Reset(utf8.size() / 9);
  t.packed_ids.clear();
  t.long_word_ids.clear();
  t.terms.clear();
  t.keys.clear();
  t.counts.clear();
  t.occurrence_ids.clear();
  t.occurrence_positions.clear();
  // Up to two terms per code point; CJK text has a code point per 3 bytes.
  t.occurrence_ids.reserve(utf8.size() + 16);
  t.occurrence_positions.reserve(utf8.size() + 16);

  // Records an occurrence of the term with `id`, or of a new term (id == kNewTerm) made by
  // make_term(std::string*).
  auto add = [&t](uint32_t id, uint32_t position, uint64_t key, auto&& make_term) {
    if (id == kNewTerm) {
      id = static_cast<uint32_t>(t.terms.size());
      make_term(&t.terms.emplace_back());
      t.keys.push_back(key);
      t.counts.push_back(0);
    }
    ++t.counts[id];
    t.occurrence_ids.push_back(id);
    t.occurrence_positions.push_back(position);
  };
  auto add_ideographs = [&](char32_t first, char32_t second, uint32_t position) {
    const uint32_t next = static_cast<uint32_t>(t.terms.size());
    uint32_t id;
    if (second == 0 && first < 0x10000) {
      id = t.unigrams.FindOrInsert(first, next);
    } else if (first < 0x10000 && second < 0x10000) {
      id = t.bigrams.FindOrInsert(first, second, next);
    } else {
      auto [it, inserted] = t.packed_ids.try_emplace((uint64_t{first} << 21) | second, next);
      id = inserted ? kNewTerm : it->second;
    }
    add(id, position, (uint64_t{first} << 21) | second, [&](std::string* term) {
      AppendIdeograph(first, term);
      if (second != 0) AppendIdeograph(second, term);
    });
  };
  uint32_t word_start = 0;
  auto flush_word = [&] {
    if (t.word.empty()) return;
    const uint32_t next = static_cast<uint32_t>(t.terms.size());
    uint32_t id;
    uint64_t key = 0;
    if (t.word.size() <= kMaxPackedWord) {
      key = kWordKeyBit | (uint64_t{t.word.size()} << 56);
      for (size_t k = 0; k < t.word.size(); ++k) {
        key |= uint64_t{static_cast<unsigned char>(t.word[k])} << (8 * k);
      }
      auto [it, inserted] = t.packed_ids.try_emplace(key, next);
      id = inserted ? kNewTerm : it->second;
    } else {
      auto [it, inserted] = t.long_word_ids.try_emplace(t.word, next);
      id = inserted ? kNewTerm : it->second;
    }
    add(id, word_start, key, [&](std::string* term) { *term = t.word; });
    t.word.clear();
  };

  // One pass: decode, fold (the BMP table directly), lower-case and classify each code point.
  // ASCII and well-formed 3-byte sequences (all of common CJK) are decoded inline; anything
  // else goes through the careful decoder, so malformed input gives the same code points as
  // FoldForSearch.
  const char16_t* fold = text::BmpFoldTable();
  const auto* s = reinterpret_cast<const unsigned char*>(utf8.data());
  const size_t n = utf8.size();
  size_t pos = 0;
  uint32_t index = 0;
  char32_t previous_ideograph = 0;
  for (; pos < n; ++index) {
    const unsigned char b = s[pos];
    char32_t c;
    if (b < 0x80) {
      c = fold[b];
      ++pos;
    } else if (((b >= 0xE1 && b <= 0xEC) || b >= 0xEE) && b <= 0xEF && pos + 2 < n &&
               (s[pos + 1] & 0xC0) == 0x80 && (s[pos + 2] & 0xC0) == 0x80) {
      c = fold[(char32_t{b & 0x0Fu} << 12) | (char32_t{s[pos + 1] & 0x3Fu} << 6) |
               char32_t{s[pos + 2] & 0x3Fu}];
      pos += 3;
    } else {
      c = text::FoldCodePoint(text::DecodeUtf8(utf8, &pos));
    }
    if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
    if (IsIdeograph(c)) {
      flush_word();
      add_ideographs(c, 0, index);
      if (previous_ideograph != 0) add_ideographs(previous_ideograph, c, index - 1);
      previous_ideograph = c;
    } else {
      previous_ideograph = 0;
      if (IsAsciiWordChar(c)) {
        if (t.word.empty()) word_start = index;
        t.word.push_back(static_cast<char>(c));
      } else {
        flush_word();
      }
    }
  }
  flush_word();

  // Position lists are allocated once, at their final size, from the occurrences grouped by
  // term (a counting sort into one contiguous array); the string-keyed map is built once per
  // distinct term rather than probed per occurrence.
  const size_t distinct = t.terms.size();
  const size_t occurrences = t.occurrence_ids.size();
  uint32_t* ends = t.counts.data();  // counts -> where each term's group ends, after the scatter
  uint32_t start = 0;
  for (size_t id = 0; id < distinct; ++id) {
    const uint32_t count = ends[id];
    ends[id] = start;
    start += count;
  }
  out->positions.resize(occurrences);
  uint32_t* grouped = out->positions.data();
  for (size_t k = 0; k < occurrences; ++k) grouped[ends[t.occurrence_ids[k]]++] = t.occurrence_positions[k];
  out->ends.assign(ends, ends + distinct);
  out->terms.resize(distinct);
  for (size_t id = 0; id < distinct; ++id) out->terms[id].swap(t.terms[id]);
  out->keys.assign(t.keys.begin(), t.keys.end());
  out->length = static_cast<uint32_t>(occurrences);
}

DocTerms TokenizeDocument(std::string_view utf8) {
  DocTermList list;
  TokenizeForIndex(utf8, &list);
  DocTerms terms;
  terms.length = list.length;
  terms.positions.reserve(list.size());
  for (size_t i = 0; i < list.size(); ++i) {
    terms.positions.emplace(std::move(list.terms[i]),
                            std::vector<uint32_t>(list.positions.begin() + list.begin(i),
                                                  list.positions.begin() + list.ends[i]));
  }
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
