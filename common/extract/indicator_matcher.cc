#include "common/extract/indicator_matcher.h"

namespace govreport::extract {

void IndicatorMatcher::Add(std::u32string_view name, int id) {
  if (name.empty()) return;
  uint32_t node = 0;
  for (char32_t c : name) {
    auto [it, inserted] = edges_.try_emplace(Key(node, c), static_cast<uint32_t>(terminal_.size()));
    if (inserted) terminal_.push_back(-1);
    node = it->second;
  }
  if (terminal_[node] < 0) terminal_[node] = id;
  char32_t c = name[0];
  if (c < 0x10000) first_[c >> 6] |= uint64_t{1} << (c & 63);
}

size_t IndicatorMatcher::LongestAt(std::u32string_view text, size_t pos, int* id) const {
  if (pos >= text.size() || !MayStart(text[pos])) return 0;
  uint32_t node = 0;
  size_t best = 0;
  for (size_t i = pos; i < text.size(); ++i) {
    auto it = edges_.find(Key(node, text[i]));
    if (it == edges_.end()) break;
    node = it->second;
    if (terminal_[node] >= 0) {
      best = i + 1 - pos;
      *id = terminal_[node];
    }
  }
  return best;
}

void IndicatorMatcher::FindAll(std::u32string_view text, std::vector<Match>* out) const {
  size_t n = text.size();
  for (size_t i = 0; i < n;) {
    int id;
    size_t len = LongestAt(text, i, &id);
    if (len) {
      out->push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i + len), id});
      i += len;
    } else {
      ++i;
    }
  }
}

}  // namespace govreport::extract
