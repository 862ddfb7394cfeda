// tokenizer_bench: dev tool measuring TokenizeDocument and MakeSnippets throughput in-process
// over text files, against copies of the implementations they replaced (so "before" and "after"
// come from the same run on the same machine state). Not a test: prints figures, asserts nothing.
//
//   tokenizer_bench --texts=data/samples --runs=7 [--max_files=300]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "common/text/fold.h"
#include "common/text/utf8.h"
#include "services/query/snippets.h"
#include "services/query/tokenizer.h"

ABSL_FLAG(std::string, texts, "data/samples", "directory of UTF-8 .txt files (normalized reports)");
ABSL_FLAG(int, max_files, 300, "read at most this many files");
ABSL_FLAG(int, runs, 7, "timed runs per variant (the median is reported)");
ABSL_FLAG(bool, legacy, true, "also time the replaced implementations");
ABSL_FLAG(bool, snippets, true, "time MakeSnippets too");

namespace govreport::query {
namespace legacy_tokenizer {
// TokenizeDocument as it was: a std::string and a map probe per term occurrence.
DocTerms TokenizeDocument(std::string_view utf8) {
  DocTerms terms;
  const std::u32string folded = FoldForSearch(utf8);
  terms.positions.reserve(utf8.size() / 6);
  ForEachTerm(folded, [&](std::string term, uint32_t position) {
    terms.positions[std::move(term)].push_back(position);
    ++terms.length;
  });
  return terms;
}
}  // namespace legacy_tokenizer

// MakeSnippets as it was: folds the text chunk by chunk until every phrase has been seen.
namespace legacy {
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
}  // namespace legacy
}  // namespace govreport::query

namespace q = govreport::query;
using Clock = std::chrono::steady_clock;

namespace {

std::vector<std::string> ReadTexts(const std::string& dir, int max_files) {
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".txt") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  if (paths.size() > static_cast<size_t>(max_files)) paths.resize(max_files);
  std::vector<std::string> texts;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    texts.push_back(buffer.str());
  }
  return texts;
}

// Median seconds of `runs` calls of `work`.
double MedianSeconds(int runs, const std::function<void()>& work) {
  std::vector<double> seconds;
  for (int r = 0; r < runs; ++r) {
    const auto start = Clock::now();
    work();
    seconds.push_back(std::chrono::duration<double>(Clock::now() - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  return seconds[seconds.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const std::vector<std::string> texts = ReadTexts(absl::GetFlag(FLAGS_texts), absl::GetFlag(FLAGS_max_files));
  size_t bytes = 0;
  for (const std::string& t : texts) bytes += t.size();
  if (texts.empty()) {
    std::fprintf(stderr, "no .txt files in %s\n", absl::GetFlag(FLAGS_texts).c_str());
    return 1;
  }
  const int runs = absl::GetFlag(FLAGS_runs);
  const bool legacy = absl::GetFlag(FLAGS_legacy);
  const double mb = static_cast<double>(bytes) / 1e6;
  std::printf("%zu texts, %.2f MB, median of %d runs\n", texts.size(), mb, runs);
  govreport::text::BmpFoldTable();  // build the fold table outside the timings

  size_t sink = 0;
  auto tokenize = [&](auto&& fn) {
    return MedianSeconds(runs, [&] {
      for (const std::string& t : texts) sink += fn(t).length;
    });
  };
  if (legacy) {
    const double s = tokenize(q::legacy_tokenizer::TokenizeDocument);
    std::printf("TokenizeDocument (before)  %8.1f MB/s\n", mb / s);
  }
  {
    const double s = tokenize(q::TokenizeDocument);
    std::printf("TokenizeDocument           %8.1f MB/s\n", mb / s);
  }

  if (!absl::GetFlag(FLAGS_snippets)) {
    std::printf("(checksum %zu)\n", sink);
    return 0;
  }
  // Queries of the kinds the service sees: common words, a rare word, an English word, a
  // traditional-script query, two words, a quoted phrase and a phrase that never occurs.
  const std::vector<std::string> queries = {"地区生产总值", "财政收入",    "GDP",
                                            "碳达峰",       "經濟 增長",   "\"一般公共预算\"",
                                            "量子计算机"};
  std::vector<std::vector<q::QueryPhrase>> parsed;
  for (const std::string& query : queries) parsed.push_back(q::ParseQuery(query));
  auto snippets = [&](auto&& fn) {
    return MedianSeconds(runs, [&] {
      for (const std::string& t : texts) {
        for (const auto& phrases : parsed) sink += fn(t, phrases, q::SnippetOptions{}).size();
      }
    });
  };
  const double calls = static_cast<double>(texts.size() * parsed.size());
  if (legacy) {
    const double s = snippets(q::legacy::MakeSnippets);
    std::printf("MakeSnippets (before)      %8.1f us/call\n", s / calls * 1e6);
  }
  {
    const double s = snippets([](std::string_view t, const std::vector<q::QueryPhrase>& p,
                                 const q::SnippetOptions& o) { return q::MakeSnippets(t, p, o); });
    std::printf("MakeSnippets               %8.1f us/call\n", s / calls * 1e6);
  }
  std::printf("(checksum %zu)\n", sink);
  return 0;
}
