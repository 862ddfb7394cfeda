#include "services/query/snippets.h"

#include <algorithm>
#include <utility>

#include "common/text/fold.h"
#include "common/text/utf8.h"

namespace govreport::query {
namespace {
constexpr size_t kMaxOccurrencesPerPhrase = 32;
constexpr size_t kFoldChunk = 2048;

// UTF-8 decoding with a fast path for well-formed sequences (normalized text is valid UTF-8);
// anything unusual goes through the careful decoder.
inline char32_t DecodeFast(std::string_view s, size_t* pos) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + *pos;
  const size_t left = s.size() - *pos;
  const unsigned char b0 = p[0];
  if (b0 < 0x80) {
    ++*pos;
    return b0;
  }
  if ((b0 & 0xF0) == 0xE0 && left >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
    const char32_t c = (char32_t{b0 & 0x0Fu} << 12) | (char32_t{p[1] & 0x3Fu} << 6) | (p[2] & 0x3Fu);
    if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
      *pos += 3;
      return c;
    }
  }
  return text::DecodeUtf8(s, pos);
}

struct Range {
  size_t begin;
  size_t end;
};
}  // namespace

std::vector<v1::Snippet> MakeSnippets(std::string_view text, const std::vector<QueryPhrase>& phrases,
                                      const SnippetOptions& options) {
  std::vector<v1::Snippet> snippets;
  if (options.max_snippets <= 0) return snippets;
  // Folds the text chunk by chunk and stops once every phrase has been seen and enough text
  // follows the occurrences to fill their windows: hits usually match early, and folding a
  // whole 40 KB report for every hit of a page dominated Search.
  std::u32string folded;
  std::vector<size_t> bytes;  // byte offset of each folded code point
  folded.reserve(4096);
  bytes.reserve(4096);
  size_t pos = 0;
  std::vector<size_t> next_from(phrases.size(), 0);
  std::vector<size_t> found(phrases.size(), 0);
  std::vector<Range> firsts, all;
  const size_t window = static_cast<size_t>(std::max(options.window, 1));
  const size_t lead = static_cast<size_t>(std::max(options.lead, 0));
  size_t last_begin = 0;
  while (true) {
    for (size_t n = 0; n < kFoldChunk && pos < text.size(); ++n) {
      bytes.push_back(pos);
      char32_t c = DecodeFast(text, &pos);
      c = text::FoldCodePoint(c);
      if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
      folded.push_back(c);
    }
    const bool at_end = pos >= text.size();
    bool all_found = true;
    for (size_t p = 0; p < phrases.size(); ++p) {
      const std::u32string& needle = phrases[p].folded;
      if (needle.empty()) continue;
      size_t at = folded.find(needle, next_from[p]);
      while (at != std::u32string::npos && found[p] < kMaxOccurrencesPerPhrase) {
        const Range r{at, at + needle.size()};
        if (found[p] == 0) firsts.push_back(r);
        all.push_back(r);
        last_begin = std::max(last_begin, at);
        ++found[p];
        next_from[p] = at + 1;
        at = folded.find(needle, at + 1);
      }
      // Resume where a match could still start that the next chunk completes.
      if (found[p] < kMaxOccurrencesPerPhrase) {
        next_from[p] = std::max(next_from[p], folded.size() >= needle.size() ? folded.size() - needle.size() + 1 : 0);
      }
      if (found[p] == 0) all_found = false;
    }
    if (at_end) break;
    if (all_found && all.size() >= static_cast<size_t>(options.max_snippets) &&
        folded.size() >= last_begin + window + lead) {
      break;
    }
  }
  bytes.push_back(pos);
  auto by_begin = [](const Range& a, const Range& b) { return a.begin < b.begin; };
  std::sort(firsts.begin(), firsts.end(), by_begin);
  std::sort(all.begin(), all.end(), by_begin);

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
  for (const std::vector<Range>* list : {&firsts, &all}) {
    for (const Range& r : *list) {
      if (windows.size() >= static_cast<size_t>(options.max_snippets)) break;
      if (covered(r)) continue;
      Range w{r.begin > lead ? r.begin - lead : 0, 0};
      w.end = std::min(folded.size(), std::max(w.begin + window, r.end));
      if (overlaps(w)) continue;
      windows.push_back(w);
    }
  }
  std::sort(windows.begin(), windows.end(), by_begin);
  for (const Range& w : windows) {
    v1::Snippet snippet;
    snippet.set_text(std::string(text.substr(bytes[w.begin], bytes[w.end] - bytes[w.begin])));
    snippet.set_offset(static_cast<int32_t>(w.begin));
    size_t last_end = w.begin;
    for (const Range& r : all) {
      if (r.begin < last_end || r.begin >= w.end) continue;  // highlights never overlap
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
