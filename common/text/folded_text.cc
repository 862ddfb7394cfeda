#include "common/text/folded_text.h"

#include <algorithm>

#include "common/text/fold.h"
#include "common/text/utf8.h"

namespace govreport::text {

FoldedText::FoldedText(std::string_view utf8) : original_(utf8) {
  folded_.reserve(utf8.size() / 2 + 1);
  byte_offsets_.reserve(utf8.size() / 2 + 2);
  // The extractor folds every report it reads: one table load per code point, with ASCII and
  // well-formed 3-byte sequences (all of CJK) decoded inline.
  const char16_t* table = BmpFoldTable();
  const auto* s = reinterpret_cast<const unsigned char*>(original_.data());
  const size_t n = original_.size();
  size_t pos = 0;
  while (pos < n) {
    byte_offsets_.push_back(static_cast<uint32_t>(pos));
    const unsigned char c = s[pos];
    if (c < 0x80) {
      folded_.push_back(table[c]);
      ++pos;
    } else if (c >= 0xE1 && c <= 0xEC && pos + 2 < n && (s[pos + 1] & 0xC0) == 0x80 &&
               (s[pos + 2] & 0xC0) == 0x80) {
      const char32_t cp = (char32_t{c & 0x0Fu} << 12) | (char32_t{s[pos + 1] & 0x3Fu} << 6) |
                          char32_t{s[pos + 2] & 0x3Fu};
      folded_.push_back(table[cp]);
      pos += 3;
    } else {
      folded_.push_back(FoldCodePoint(DecodeUtf8(original_, &pos)));
    }
  }
  byte_offsets_.push_back(static_cast<uint32_t>(original_.size()));
}

size_t FoldedText::ByteOffset(size_t cp) const {
  return byte_offsets_[std::min(cp, folded_.size())];
}

std::string_view FoldedText::Slice(size_t begin, size_t end) const {
  end = std::min(end, folded_.size());
  begin = std::min(begin, end);
  const size_t b = byte_offsets_[begin];
  return std::string_view(original_).substr(b, byte_offsets_[end] - b);
}

}  // namespace govreport::text
