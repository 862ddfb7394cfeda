#ifndef GOVREPORT_COMMON_TEXT_FOLDED_TEXT_H_
#define GOVREPORT_COMMON_TEXT_FOLDED_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace govreport::text {

// A normalized report as the extractor reads it: the original UTF-8 (kept for display and
// evidence) beside a folded copy with exactly one code point per original code point (see
// FoldCodePoint), so a match found in folded() at [b, e) is the original text's [b, e).
class FoldedText {
 public:
  explicit FoldedText(std::string_view utf8);

  // The folded code points.
  const std::u32string& folded() const { return folded_; }
  size_t size() const { return folded_.size(); }
  // The original UTF-8 text.
  const std::string& original() const { return original_; }

  // Original UTF-8 of code points [begin, end); clamps to the text.
  std::string_view Slice(size_t begin, size_t end) const;
  // Byte offset in original() of code point `cp` (cp may equal size()).
  size_t ByteOffset(size_t cp) const;

 private:
  std::string original_;
  std::u32string folded_;
  std::vector<uint32_t> byte_offsets_;  // size() + 1 entries
};

}  // namespace govreport::text

#endif  // GOVREPORT_COMMON_TEXT_FOLDED_TEXT_H_
