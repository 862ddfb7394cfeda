#include "common/text/folded_text.h"

#include <algorithm>

#include "common/text/fold.h"
#include "common/text/utf8.h"

namespace govreport::text {

FoldedText::FoldedText(std::string_view utf8) : original_(utf8) {
  folded_.reserve(utf8.size() / 2 + 1);
  byte_offsets_.reserve(utf8.size() / 2 + 2);
  size_t pos = 0;
  while (pos < original_.size()) {
    byte_offsets_.push_back(static_cast<uint32_t>(pos));
    folded_.push_back(FoldCodePoint(DecodeUtf8(original_, &pos)));
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
