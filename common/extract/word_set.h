#ifndef GOVREPORT_COMMON_EXTRACT_WORD_SET_H_
#define GOVREPORT_COMMON_EXTRACT_WORD_SET_H_

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace govreport::extract {

// A fixed list of short words, matched at a position of folded text. The grammar asks "does one
// of these words start here?" at nearly every code point, so words are bucketed by their first
// code point: a miss costs one hash probe instead of a comparison per word.
class WordSet {
 public:
  // The words must outlive the set (string literals do). A word's tag is its index in `words`.
  template <size_t N>
  explicit WordSet(const std::u32string_view (&words)[N]) {
    for (size_t i = 0; i < N; ++i) Add(words[i], static_cast<int>(i));
    Finish();
  }
  // Words taken from a table of records by `word_of`; tags are indices into the table.
  template <typename T, size_t N, typename F>
  WordSet(const T (&table)[N], F word_of) {
    for (size_t i = 0; i < N; ++i) Add(word_of(table[i]), static_cast<int>(i));
    Finish();
  }

  // Length of the longest word starting at text[pos] and ending at or before `end`, or 0.
  // *tag (if given) receives the word's tag.
  size_t MatchAt(std::u32string_view text, size_t pos, size_t end, int* tag = nullptr) const {
    if (pos >= end) return 0;
    auto it = buckets_.find(text[pos]);
    if (it == buckets_.end()) return 0;
    for (const Entry& e : it->second) {  // longest first
      if (pos + e.word.size() <= end && text.compare(pos, e.word.size(), e.word) == 0) {
        if (tag) *tag = e.tag;
        return e.word.size();
      }
    }
    return 0;
  }

  // True when some word occurs inside text[b, e).
  bool AnyIn(std::u32string_view text, size_t b, size_t e) const {
    for (size_t j = b; j < e; ++j)
      if (MatchAt(text, j, e)) return true;
    return false;
  }

 private:
  struct Entry {
    std::u32string_view word;
    int tag;
  };
  void Add(std::u32string_view w, int tag) {
    if (!w.empty()) buckets_[w[0]].push_back({w, tag});
  }
  void Finish() {
    for (auto& [c, entries] : buckets_) {
      std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return a.word.size() > b.word.size();
      });
    }
  }
  absl::flat_hash_map<char32_t, std::vector<Entry>> buckets_;
};

}  // namespace govreport::extract

#endif  // GOVREPORT_COMMON_EXTRACT_WORD_SET_H_
