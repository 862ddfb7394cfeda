#ifndef GOVREPORT_COMMON_TEXT_ENCODING_H_
#define GOVREPORT_COMMON_TEXT_ENCODING_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace govreport::text {

// Canonical name for a charset label, case- and punctuation-insensitive:
//   utf8, utf-8                                   -> "UTF-8"
//   utf16 / utf-16 (endianness from BOM or bytes) -> "UTF-16"
//   utf-16le, utf-16be                            -> "UTF-16LE", "UTF-16BE"
//   gb2312, gbk, gb18030, cp936, euc-cn, x-gbk    -> "GB18030" (a superset of the others)
//   big5, big5-hkscs, cp950, x-x-big5             -> "Big5"
//   ascii, us-ascii, iso-8859-1, latin1, windows-1252 -> "" (carries no information: Chinese
//     sites send these for pages that are really UTF-8 or GBK, so they mean "detect")
// An empty label gives "". Labels it does not know give InvalidArgument naming the label.
absl::StatusOr<std::string> CanonicalCharset(std::string_view label);

// Converts `bytes` from `charset` (a canonical name as above, "UTF-16" meaning LE unless a BOM
// says otherwise) to UTF-8, strictly: fails with InvalidArgument naming the charset and the byte
// offset of the first sequence that is invalid or unmapped. A leading BOM of that charset is
// dropped.
absl::StatusOr<std::string> ConvertToUtf8(std::string_view bytes, std::string_view charset);

struct DecodedText {
  std::string utf8;
  std::string charset;  // "UTF-8", "UTF-16LE", "UTF-16BE", "GB18030" or "Big5"
};

// Decodes raw document bytes to UTF-8.
//  - A BOM (UTF-8, UTF-16LE/BE) decides, whatever the hint.
//  - With a hint (canonical or alias, see CanonicalCharset) the bytes must decode strictly in
//    it, except that a GB18030/Big5 hint is overruled by bytes that are valid UTF-8 with
//    multi-byte sequences (mislabelled pages are common; GBK text that happens to be valid
//    UTF-8 is vanishingly rare).
//  - Without one: valid UTF-8 (the fast path, no copy beyond the result); UTF-16 by the pattern
//    of NUL bytes; otherwise every candidate (UTF-16LE/BE, GB18030, Big5) that decodes strictly
//    is scored for plausibility (share of printable text and of common Chinese characters) and
//    the best plausible one wins. `weak_hint` (e.g. an HTML <meta charset>) breaks near ties.
// Errors: InvalidArgument naming the problem (unknown hint, hinted charset does not decode, or
// "bytes are not valid UTF-8, UTF-16, GB18030 or Big5 (first bad byte at offset N)").
absl::StatusOr<DecodedText> DecodeToUtf8(std::string_view bytes, std::string_view hint,
                                         std::string_view weak_hint = "");

// Byte offset of the first ill-formed UTF-8 sequence, or bytes.size() when all is well-formed.
size_t FirstInvalidUtf8Offset(std::string_view bytes);

}  // namespace govreport::text

#endif  // GOVREPORT_COMMON_TEXT_ENCODING_H_
