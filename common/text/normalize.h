#ifndef GOVREPORT_COMMON_TEXT_NORMALIZE_H_
#define GOVREPORT_COMMON_TEXT_NORMALIZE_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace govreport::text {

struct NormalizeOptions {
  // MIME type from the caller ("text/html", "text/plain"); sniffed from the bytes when empty.
  std::string content_type;
  // Charset hint ("GB18030", "GBK", "Big5", "UTF-8", "UTF-16LE"); detected when empty.
  std::string charset_hint;
  // Largest accepted input.
  size_t max_bytes = 16 << 20;
};

struct NormalizedDocument {
  // UTF-8 plain text: decoded, tags/scripts/styles removed, entities decoded, line structure kept
  // (block elements become newlines), NUL and other control characters removed, CRLF -> LF.
  // Original script is kept (no traditional -> simplified conversion here).
  std::string text;
  // Encoding the bytes were decoded from, canonical name ("UTF-8", "GB18030", "Big5", "UTF-16LE").
  std::string charset;
  // "text/html" or "text/plain".
  std::string content_type;
};

// Decodes and cleans one raw document.
// Errors (absl::StatusCode):
//  - kInvalidArgument "empty document" when `bytes` is empty (or only a BOM / whitespace);
//  - kResourceExhausted naming the size and the limit when bytes.size() > options.max_bytes;
//  - kInvalidArgument naming the problem when the bytes decode in no supported encoding, or an
//    unknown charset hint is given, or the hinted charset does not decode the bytes.
absl::StatusOr<NormalizedDocument> NormalizeDocument(std::string_view bytes,
                                                     const NormalizeOptions& options);

}  // namespace govreport::text

#endif  // GOVREPORT_COMMON_TEXT_NORMALIZE_H_
