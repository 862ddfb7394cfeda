#include "services/query/snippets.h"

#include <algorithm>
#include <cstring>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "common/text/fold.h"
#include "common/text/utf8.h"

namespace govreport::query {
namespace {
constexpr size_t kMaxOccurrencesPerPhrase = 32;

// The folding of FoldForSearch, one code point.
inline char32_t SearchFold(char32_t c) {
  c = text::FoldCodePoint(c);
  return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

// The inverse of SearchFold over the BMP (beyond it SearchFold is the identity): which code
// points fold to a given one. Lets snippets look for a folded phrase in the original UTF-8 bytes
// (memmem on each spelling of its first code point) instead of folding the whole text.
class Unfold {
 public:
  static const Unfold& Get() {
    static const Unfold* unfold = new Unfold();
    return *unfold;
  }

  // Every code point that decodes from well-formed UTF-8 and folds to `folded`.
  std::vector<char32_t> Preimages(char32_t folded) const {
    std::vector<char32_t> out;
    if (folded >= 0x10000) {
      if (folded <= 0x10FFFF) out.push_back(folded);
      return out;
    }
    if (!IsSurrogate(folded) && SearchFold(folded) == folded) out.push_back(folded);
    auto it = std::lower_bound(pairs_.begin(), pairs_.end(), std::make_pair(folded, char32_t{0}));
    for (; it != pairs_.end() && it->first == folded; ++it) out.push_back(it->second);
    return out;
  }

 private:
  Unfold() {
    for (char32_t c = 0; c < 0x10000; ++c) {
      if (IsSurrogate(c)) continue;
      const char32_t f = SearchFold(c);
      if (f != c) pairs_.emplace_back(f, c);
    }
    std::sort(pairs_.begin(), pairs_.end());
  }
  static bool IsSurrogate(char32_t c) { return c >= 0xD800 && c <= 0xDFFF; }

  std::vector<std::pair<char32_t, char32_t>> pairs_;  // (folded, original), sorted
};

// The first occurrence of `pattern` (1 to 4 bytes) in text[from, end), or npos. Sixteen
// positions at a time, keeping those whose first and last bytes both match (for a 3-byte CJK
// spelling about one position in 200): glibc's memmem is several times slower on 3-byte
// needles, and a snippet search scans the whole text for each spelling of each phrase.
size_t FindBytes(std::string_view text, size_t from, std::string_view pattern) {
  const size_t k = pattern.size();
  const size_t n = text.size();
  if (k == 0 || from + k > n) return std::string_view::npos;
  const char* s = text.data();
  if (k == 1) {
    const void* hit = std::memchr(s + from, pattern[0], n - from);
    return hit == nullptr ? std::string_view::npos : static_cast<size_t>(static_cast<const char*>(hit) - s);
  }
  size_t i = from;
#if defined(__SSE2__)
  const __m128i first = _mm_set1_epi8(pattern[0]);
  const __m128i last = _mm_set1_epi8(pattern[k - 1]);
  for (; i + k - 1 + 16 <= n; i += 16) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i + k - 1));
    unsigned mask = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last))));
    while (mask != 0) {
      const size_t at = i + static_cast<size_t>(__builtin_ctz(mask));
      if (std::memcmp(s + at + 1, pattern.data() + 1, k - 2) == 0) return at;
      mask &= mask - 1;
    }
  }
#endif
  for (; i + k <= n; ++i) {
    if (s[i] == pattern[0] && std::memcmp(s + i + 1, pattern.data() + 1, k - 1) == 0) return i;
  }
  return std::string_view::npos;
}

// A byte range of the text.
struct Span {
  size_t begin;
  size_t end;
};

// If the code points after byte `pos` fold to needle[1..], the byte offset where the match
// ends. DecodeUtf8 semantics throughout, so malformed bytes compare as U+FFFD as they would in
// FoldForSearch.
bool MatchesRest(std::string_view text, size_t pos, std::u32string_view needle, size_t* end) {
  for (size_t k = 1; k < needle.size(); ++k) {
    if (pos >= text.size()) return false;
    if (SearchFold(text::DecodeUtf8(text, &pos)) != needle[k]) return false;
  }
  *end = pos;
  return true;
}

// The first `limit` occurrences of `needle` (folded, non-empty) in `text`, as byte spans in
// text order, overlapping ones included.
std::vector<Span> FindOccurrences(std::string_view text, std::u32string_view needle, size_t limit) {
  std::vector<Span> found;
  const std::vector<char32_t> firsts = Unfold::Get().Preimages(needle[0]);
  if (needle[0] == 0xFFFD || firsts.empty()) {
    // U+FFFD also stands for malformed bytes, which have no one spelling to search for; and a
    // code point nothing folds to never matches. Walk the text code point by code point.
    size_t pos = 0;
    while (pos < text.size() && found.size() < limit) {
      const size_t begin = pos;
      size_t end;
      if (SearchFold(text::DecodeUtf8(text, &pos)) == needle[0] && MatchesRest(text, pos, needle, &end)) {
        found.push_back({begin, end});
      }
    }
    return found;
  }
  // Every occurrence of a well-formed UTF-8 sequence starts at a code point boundary of
  // DecodeUtf8's walk: a sequence starts with a non-continuation byte, and DecodeUtf8 only
  // consumes continuation bytes after a lead byte. So a byte search finds exactly the code
  // points the walk would decode.
  for (char32_t first : firsts) {
    std::string spelling;
    text::AppendUtf8(first, &spelling);
    size_t from = 0;
    size_t kept = 0;
    while (kept < limit && from < text.size()) {
      const size_t at = FindBytes(text, from, spelling);
      if (at == std::string_view::npos) break;
      size_t end;
      if (MatchesRest(text, at + spelling.size(), needle, &end)) {
        found.push_back({at, end});
        ++kept;
      }
      from = at + spelling.size();
    }
  }
  std::sort(found.begin(), found.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
  if (found.size() > limit) found.resize(limit);
  return found;
}

// Code point offsets of byte offsets and back, decoding the text (as DecodeUtf8 does) only as
// far as asked: snippets sit near the first occurrences, and counting the code points before
// them is much cheaper than folding the whole text.
class CodePoints {
 public:
  explicit CodePoints(std::string_view text) : text_(text) {
    bytes_.reserve(std::min<size_t>(text.size(), 4096) + 1);
    bytes_.push_back(0);
  }

  // The code point starting at byte `byte` (a code point boundary, or the text's end).
  size_t CodePointAt(size_t byte) {
    while (bytes_.back() < byte && Step()) {
    }
    return static_cast<size_t>(std::lower_bound(bytes_.begin(), bytes_.end(), byte) - bytes_.begin());
  }
  // The byte offset of code point `cp`, or of the text's end if the text is shorter.
  size_t ByteAt(size_t cp) {
    while (bytes_.size() <= cp && Step()) {
    }
    return bytes_[std::min(cp, bytes_.size() - 1)];
  }
  // min(cp, number of code points of the text).
  size_t Clamp(size_t cp) {
    ByteAt(cp);
    return std::min(cp, bytes_.size() - 1);
  }

 private:
  // Decodes one more code point; false at the end of the text.
  bool Step() {
    size_t pos = bytes_.back();
    const size_t n = text_.size();
    if (pos >= n) return false;
    const auto* s = reinterpret_cast<const unsigned char*>(text_.data());
    const unsigned char b = s[pos];
    if (b < 0x80) {
      ++pos;
    } else if (((b >= 0xE1 && b <= 0xEC) || b >= 0xEE) && b <= 0xEF && pos + 2 < n &&
               (s[pos + 1] & 0xC0) == 0x80 && (s[pos + 2] & 0xC0) == 0x80) {
      pos += 3;  // well-formed: no overlong or surrogate encodings start with these bytes
    } else {
      text::DecodeUtf8(text_, &pos);
    }
    bytes_.push_back(pos);
    return true;
  }

  std::string_view text_;
  std::vector<size_t> bytes_;  // bytes_[i]: byte offset of code point i
};

struct Range {
  size_t begin;
  size_t end;
};

}  // namespace

std::vector<v1::Snippet> MakeSnippets(std::string_view text, const std::vector<QueryPhrase>& phrases,
                                      const SnippetOptions& options) {
  std::vector<v1::Snippet> snippets;
  if (options.max_snippets <= 0) return snippets;
  const size_t max_snippets = static_cast<size_t>(options.max_snippets);
  const size_t window = static_cast<size_t>(std::max(options.window, 1));
  const size_t lead = static_cast<size_t>(std::max(options.lead, 0));

  // Occurrences as byte spans (each phrase's first ones, in text order), found without folding
  // the text; code point offsets are computed below only for those a snippet needs.
  std::vector<Span> firsts, all;
  for (const QueryPhrase& phrase : phrases) {
    if (phrase.folded.empty()) continue;
    std::vector<Span> found = FindOccurrences(text, phrase.folded, kMaxOccurrencesPerPhrase);
    if (found.empty()) continue;
    firsts.push_back(found.front());
    all.insert(all.end(), found.begin(), found.end());
  }
  auto by_begin = [](const Span& a, const Span& b) { return a.begin < b.begin; };
  std::sort(firsts.begin(), firsts.end(), by_begin);
  std::stable_sort(all.begin(), all.end(), by_begin);

  CodePoints cps(text);
  auto to_range = [&](const Span& s) { return Range{cps.CodePointAt(s.begin), cps.CodePointAt(s.end)}; };
  std::vector<Range> windows;
  auto covered = [&](const Range& r) {
    for (const Range& w : windows) {
      if (r.begin >= w.begin && r.end <= w.end) return true;
    }
    return false;
  };
  auto overlaps = [&](const Range& r) {
    for (const Range& w : windows) {
      if (r.begin < w.end && w.begin < r.end) return true;
    }
    return false;
  };
  // Each phrase's first occurrence first, then the others, in text order.
  for (const std::vector<Span>* list : {&firsts, &all}) {
    for (const Span& s : *list) {
      if (windows.size() >= max_snippets) break;
      const Range r = to_range(s);
      if (covered(r)) continue;
      Range w{r.begin > lead ? r.begin - lead : 0, 0};
      w.end = cps.Clamp(std::max(w.begin + window, r.end));
      if (overlaps(w)) continue;
      windows.push_back(w);
    }
  }
  std::sort(windows.begin(), windows.end(), [](const Range& a, const Range& b) { return a.begin < b.begin; });
  for (const Range& w : windows) {
    v1::Snippet snippet;
    const size_t begin_byte = cps.ByteAt(w.begin), end_byte = cps.ByteAt(w.end);
    snippet.set_text(std::string(text.substr(begin_byte, end_byte - begin_byte)));
    snippet.set_offset(static_cast<int32_t>(w.begin));
    size_t last_end = w.begin;
    for (const Span& s : all) {
      if (s.begin >= end_byte) break;
      if (s.begin < begin_byte) continue;
      const Range r = to_range(s);
      if (r.begin < last_end) continue;  // highlights never overlap
      v1::Highlight* h = snippet.add_highlights();
      h->set_begin(static_cast<int32_t>(r.begin - w.begin));
      h->set_end(static_cast<int32_t>(std::min(r.end, w.end) - w.begin));
      last_end = r.end;
    }
    snippets.push_back(std::move(snippet));
  }
  return snippets;
}

}  // namespace govreport::query
