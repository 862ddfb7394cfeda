#ifndef GOVREPORT_COMMON_EXTRACT_INDICATOR_MATCHER_H_
#define GOVREPORT_COMMON_EXTRACT_INDICATOR_MATCHER_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace govreport::extract {

// Finds catalog names in folded text: a trie over the names, walked from each position whose code
// point starts some name. Matches are leftmost-longest and do not overlap, so a longer name that
// starts earlier (社会生产总值) hides a shorter one inside it (生产总值).
class IndicatorMatcher {
 public:
  struct Match {
    uint32_t begin;
    uint32_t end;
    int id;  // the value given to Add()
  };

  // Adds a folded name; `id` is returned with its matches. A name added twice keeps the first id.
  void Add(std::u32string_view name, int id);

  // Appends the matches in text order to *out.
  void FindAll(std::u32string_view text, std::vector<Match>* out) const;

  // Longest name starting exactly at text[pos]: its length, or 0; *id receives its id.
  size_t LongestAt(std::u32string_view text, size_t pos, int* id) const;

 private:
  static uint64_t Key(uint32_t node, char32_t c) { return (uint64_t{node} << 32) | c; }
  bool MayStart(char32_t c) const {
    return c < 0x10000 ? (first_[c >> 6] >> (c & 63)) & 1 : true;
  }

  absl::flat_hash_map<uint64_t, uint32_t> edges_;  // (node, code point) -> child node
  std::vector<int> terminal_{-1};                  // node -> id, -1 when no name ends there
  std::vector<uint64_t> first_ = std::vector<uint64_t>(1024, 0);  // BMP bitmap of first chars
};

}  // namespace govreport::extract

#endif  // GOVREPORT_COMMON_EXTRACT_INDICATOR_MATCHER_H_
