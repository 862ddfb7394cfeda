#ifndef GOVREPORT_COMMON_TEXT_UTF8_H_
#define GOVREPORT_COMMON_TEXT_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace govreport::text {

// Decodes the code point starting at s[*pos] and advances *pos past it. Invalid or truncated
// sequences decode to U+FFFD and advance by one byte, so every input makes progress.
char32_t DecodeUtf8(std::string_view s, size_t* pos);

// Appends the UTF-8 encoding of `c` to `out`.
void AppendUtf8(char32_t c, std::string* out);

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view s);

// Number of code points in well-formed or ill-formed UTF-8 (as DecodeUtf8 counts them).
size_t CountCodePoints(std::string_view s);

std::string ToUtf8(std::u32string_view s);

}  // namespace govreport::text

#endif  // GOVREPORT_COMMON_TEXT_UTF8_H_
