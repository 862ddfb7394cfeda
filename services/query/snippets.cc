#include "services/query/snippets.h"

#include <algorithm>
#include <utility>

#include "common/text/utf8.h"

namespace govreport::query {
namespace {
constexpr size_t kMaxOccurrencesPerPhrase = 32;

struct Range {
  size_t begin;
  size_t end;
};
}  // namespace

std::vector<v1::Snippet> MakeSnippets(std::string_view text, const std::vector<QueryPhrase>& phrases,
                                      const SnippetOptions& options) {
  std::vector<v1::Snippet> snippets;
  if (options.max_snippets <= 0) return snippets;
  const std::u32string folded = FoldForSearch(text);
  // Byte offset of each code point (and of the end).
  std::vector<size_t> bytes;
  bytes.reserve(folded.size() + 1);
  for (size_t pos = 0; pos < text.size();) {
    bytes.push_back(pos);
    text::DecodeUtf8(text, &pos);
  }
  bytes.push_back(text.size());

  std::vector<Range> firsts, all;
  for (const QueryPhrase& phrase : phrases) {
    if (phrase.folded.empty()) continue;
    size_t at = folded.find(phrase.folded);
    for (size_t k = 0; at != std::u32string::npos && k < kMaxOccurrencesPerPhrase; ++k) {
      const Range r{at, at + phrase.folded.size()};
      if (k == 0) firsts.push_back(r);
      all.push_back(r);
      at = folded.find(phrase.folded, at + 1);
    }
  }
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
  const size_t window = static_cast<size_t>(std::max(options.window, 1));
  const size_t lead = static_cast<size_t>(std::max(options.lead, 0));
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
