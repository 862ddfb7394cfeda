#include "common/text/normalize.h"

#include <algorithm>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/text/encoding.h"
#include "common/text/html.h"
#include "common/text/utf8.h"

namespace govreport::text {
namespace {

bool IsHorizontalSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x202F || c == 0x205F || c == 0x3000;
}

bool IsLineBreak(char32_t c) {
  return c == '\n' || c == '\v' || c == '\f' || c == 0x85 || c == 0x2028 || c == 0x2029;
}

// Characters that carry nothing a reader sees: controls, zero-width and bidi marks, BOMs.
bool IsInvisible(char32_t c) {
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return true;
  return (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2060 && c <= 0x2064) || c == 0xFEFF || c == 0xAD;
}

// Length of the character at in[i] when it is printable and needs no cleaning (most of any
// text), 0 otherwise. Special: ASCII space and controls, U+0080..U+00BF (C1 controls, NBSP,
// soft hyphen), U+1680, U+2000..U+207F (spaces, zero-width and bidi marks), U+3000, U+FEFF,
// and anything ill-formed.
size_t OrdinaryCharLength(const unsigned char* in, size_t i, size_t n) {
  const unsigned char c = in[i];
  if (c < 0x80) return c > 0x20 && c != 0x7F ? 1 : 0;
  if (c < 0xC3 || c > 0xF4) return 0;
  const size_t len = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (i + len > n) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((in[i + k] & 0xC0) != 0x80) return 0;
  }
  if (len == 3) {
    const unsigned char c1 = in[i + 1];
    if (c == 0xE0 && c1 < 0xA0) return 0;              // overlong
    if (c == 0xED && c1 > 0x9F) return 0;              // surrogate
    if (c == 0xE1 && c1 == 0x9A) return 0;             // U+1680
    if (c == 0xE2 && (c1 == 0x80 || c1 == 0x81)) return 0;
    if (c == 0xE3 && c1 == 0x80 && in[i + 2] == 0x80) return 0;
    if (c == 0xEF && c1 == 0xBB) return 0;
  } else if (len == 4) {
    const unsigned char c1 = in[i + 1];
    if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F)) return 0;
  }
  return len;
}

// Line structure kept; everything else whitespace-like collapsed (see NormalizedDocument::text).
std::string CleanText(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  bool pending_space = false;
  int pending_newlines = 0;
  auto emit_breaks = [&]() {
    if (pending_newlines > 0 && !out.empty()) out.append(pending_newlines >= 2 ? 2 : 1, '\n');
    pending_newlines = 0;
    pending_space = false;
  };
  const size_t n = in.size();
  const auto* bytes = reinterpret_cast<const unsigned char*>(in.data());
  size_t i = 0;
  while (i < n) {
    // Fast path: copy a whole run of characters that need no attention at once.
    size_t run_end = i;
    while (run_end < n) {
      const size_t len = OrdinaryCharLength(bytes, run_end, n);
      if (len == 0) break;
      run_end += len;
    }
    if (run_end > i) {
      const bool space = pending_space;
      emit_breaks();
      if (space) out.push_back(' ');
      out.append(in.data() + i, run_end - i);
      i = run_end;
      continue;
    }
    const unsigned char b = bytes[i];
    size_t next = i + 1;
    char32_t c = b;
    if (b >= 0x80) {
      next = i;
      c = DecodeUtf8(in, &next);
      if (c == 0xFFFD && next - i != 3) {  // an ill-formed byte: keep a visible replacement
        const bool space = pending_space;
        emit_breaks();
        if (space) out.push_back(' ');
        out.append("\xEF\xBF\xBD");
        i = next;
        continue;
      }
    }
    if (c == '\r') {
      c = '\n';
      if (next < in.size() && in[next] == '\n') ++next;
    }
    if (IsLineBreak(c)) {
      ++pending_newlines;
      pending_space = false;  // trailing spaces of a line go
    } else if (IsHorizontalSpace(c)) {
      pending_space = pending_newlines == 0 && !out.empty();  // leading spaces of a line go
    } else if (!IsInvisible(c)) {
      const bool space = pending_space;
      emit_breaks();
      if (space) out.push_back(' ');
      out.append(in.data() + i, next - i);
    }
    i = next;
  }
  return out;
}

bool HasVisibleText(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\n') return true;
  }
  return false;
}

std::string AsciiLower(std::string_view s) {
  std::string lower(s);
  for (char& c : lower) c = absl::ascii_tolower(static_cast<unsigned char>(c));
  return lower;
}

// Trims ASCII whitespace and the quotes of a quoted MIME parameter.
std::string_view TrimValue(std::string_view s) {
  auto junk = [](char c) { return c == '"' || c == '\'' || absl::ascii_isspace(static_cast<unsigned char>(c)); };
  while (!s.empty() && junk(s.front())) s.remove_prefix(1);
  while (!s.empty() && junk(s.back())) s.remove_suffix(1);
  return s;
}

// "text/html; charset=gbk" -> "gbk".
std::string CharsetParameter(std::string_view content_type) {
  const size_t pos = AsciiLower(content_type).find("charset=");
  if (pos == std::string::npos) return std::string();
  std::string_view value = content_type.substr(pos + 8);
  return std::string(TrimValue(value.substr(0, value.find(';'))));
}

}  // namespace

absl::StatusOr<NormalizedDocument> NormalizeDocument(std::string_view bytes,
                                                     const NormalizeOptions& options) {
  if (bytes.size() > options.max_bytes) {
    return absl::ResourceExhaustedError(absl::StrCat("document is ", bytes.size(),
                                                     " bytes; the limit is ", options.max_bytes));
  }
  if (std::all_of(bytes.begin(), bytes.end(),
                  [](char c) { return absl::ascii_isspace(static_cast<unsigned char>(c)); })) {
    return absl::InvalidArgumentError("empty document");
  }
  const std::string content_type = AsciiLower(options.content_type);
  const bool declared_html = content_type.find("html") != std::string::npos;
  const bool declared_plain = content_type.find("text/plain") != std::string::npos;

  std::string hint = options.charset_hint;
  if (hint.empty()) hint = CharsetParameter(options.content_type);
  const std::string meta_charset = declared_plain ? std::string() : SniffHtmlCharset(bytes);
  absl::StatusOr<DecodedText> decoded = DecodeToUtf8(bytes, hint, meta_charset);
  if (!decoded.ok()) return decoded.status();

  NormalizedDocument doc;
  doc.charset = decoded->charset;
  const bool html = declared_html || (!declared_plain && LooksLikeHtml(decoded->utf8));
  doc.content_type = html ? "text/html" : "text/plain";
  doc.text = CleanText(html ? HtmlToText(decoded->utf8) : decoded->utf8);
  if (!HasVisibleText(doc.text)) return absl::InvalidArgumentError("empty document");
  return doc;
}

}  // namespace govreport::text
