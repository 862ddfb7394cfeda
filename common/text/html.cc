#include "common/text/html.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "common/text/utf8.h"

namespace govreport::text {
namespace {

constexpr size_t kSniffBytes = 4096;

std::string LowerPrefix(std::string_view s, size_t n) {
  std::string lower(s.substr(0, std::min(n, s.size())));
  for (char& c : lower) c = absl::ascii_tolower(static_cast<unsigned char>(c));
  return lower;
}

bool IsAsciiAlpha(char c) { return absl::ascii_isalpha(static_cast<unsigned char>(c)); }
bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Case-insensitive search for an ASCII lower-case needle.
size_t FindCaseless(std::string_view hay, std::string_view lower_needle, size_t from) {
  if (lower_needle.empty() || hay.size() < lower_needle.size()) return std::string_view::npos;
  const char first = lower_needle[0];
  for (size_t i = from; i + lower_needle.size() <= hay.size(); ++i) {
    if (absl::ascii_tolower(static_cast<unsigned char>(hay[i])) != first) continue;
    const std::string_view candidate = hay.substr(i, lower_needle.size());
    if (absl::EqualsIgnoreCase(absl::string_view(candidate.data(), candidate.size()),
                               absl::string_view(lower_needle.data(), lower_needle.size()))) {
      return i;
    }
  }
  return std::string_view::npos;
}

enum class TagKind { kInline, kBlock, kCell, kSkipContent };

TagKind ClassifyTag(std::string_view lower_name) {
  static constexpr std::array<std::string_view, 5> kSkip = {"script", "style", "noscript",
                                                            "template", "iframe"};
  static constexpr std::array<std::string_view, 44> kBlock = {
      "p",       "div",     "br",     "li",       "ul",         "ol",      "tr",     "table",
      "h1",      "h2",      "h3",     "h4",       "h5",         "h6",      "section", "article",
      "header",  "footer",  "nav",    "aside",    "blockquote", "pre",     "hr",     "dl",
      "dt",      "dd",      "form",   "fieldset", "figure",     "figcaption", "caption",
      "address", "center",  "main",   "title",    "tbody",      "thead",   "tfoot",  "option",
      "body",    "html",    "select", "textarea", "details"};
  for (std::string_view s : kSkip) {
    if (lower_name == s) return TagKind::kSkipContent;
  }
  for (std::string_view s : kBlock) {
    if (lower_name == s) return TagKind::kBlock;
  }
  if (lower_name == "td" || lower_name == "th") return TagKind::kCell;
  return TagKind::kInline;
}

struct NamedEntity {
  std::string_view name;
  char32_t code_point;
};

constexpr NamedEntity kEntities[] = {
    {"nbsp", 0xA0},    {"amp", '&'},       {"lt", '<'},        {"gt", '>'},
    {"quot", '"'},     {"apos", '\''},     {"ldquo", 0x201C},  {"rdquo", 0x201D},
    {"lsquo", 0x2018}, {"rsquo", 0x2019},  {"mdash", 0x2014},  {"ndash", 0x2013},
    {"hellip", 0x2026}, {"middot", 0xB7},  {"times", 0xD7},    {"divide", 0xF7},
    {"deg", 0xB0},     {"plusmn", 0xB1},   {"permil", 0x2030}, {"yen", 0xA5},
    {"copy", 0xA9},    {"reg", 0xAE},      {"trade", 0x2122},  {"emsp", 0x2003},
    {"ensp", 0x2002},  {"thinsp", 0x2009}, {"laquo", 0xAB},    {"raquo", 0xBB},
    {"bull", 0x2022},  {"sup2", 0xB2},     {"sup3", 0xB3},     {"frac12", 0xBD},
    {"frac14", 0xBC},  {"frac34", 0xBE},   {"le", 0x2264},     {"ge", 0x2265},
    {"ne", 0x2260},    {"rarr", 0x2192},   {"larr", 0x2190},   {"uarr", 0x2191},
    {"darr", 0x2193},  {"sect", 0xA7},     {"para", 0xB6},     {"cent", 0xA2},
    {"pound", 0xA3},   {"euro", 0x20AC},   {"zwnj", 0x200C},   {"zwj", 0x200D},
    {"shy", 0xAD},     {"percnt", '%'},    {"lsaquo", 0x2039}, {"rsaquo", 0x203A},
    {"sdot", 0x22C5},  {"minus", 0x2212},  {"prime", 0x2032},  {"Prime", 0x2033},
};

// Decodes the character reference at html[i] == '&'. On success appends it, sets *next past it.
bool DecodeEntity(std::string_view html, size_t i, std::string* out, size_t* next) {
  size_t j = i + 1;
  if (j < html.size() && html[j] == '#') {
    ++j;
    const bool hex = j < html.size() && (html[j] == 'x' || html[j] == 'X');
    if (hex) ++j;
    const size_t digits_start = j;
    uint32_t value = 0;
    while (j < html.size()) {
      const char c = html[j];
      int digit;
      if (c >= '0' && c <= '9') {
        digit = c - '0';
      } else if (hex && absl::ascii_isxdigit(static_cast<unsigned char>(c))) {
        digit = absl::ascii_tolower(static_cast<unsigned char>(c)) - 'a' + 10;
      } else {
        break;
      }
      // Saturates: anything past U+10FFFF is invalid anyway.
      value = std::min<uint32_t>(value * (hex ? 16 : 10) + static_cast<uint32_t>(digit), 0x110000);
      ++j;
    }
    if (j == digits_start) return false;
    if (j < html.size() && html[j] == ';') ++j;
    if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) value = 0xFFFD;
    AppendUtf8(static_cast<char32_t>(value), out);
    *next = j;
    return true;
  }
  while (j < html.size() && j - i <= 10 && absl::ascii_isalnum(static_cast<unsigned char>(html[j]))) {
    ++j;
  }
  const std::string_view name = html.substr(i + 1, j - i - 1);
  const bool terminated = j < html.size() && html[j] == ';';
  for (const NamedEntity& e : kEntities) {
    if (e.name != name) continue;
    // Without ';' only the entities sloppy pages really write that way.
    if (!terminated && name != "nbsp" && name != "amp" && name != "lt" && name != "gt" &&
        name != "quot") {
      return false;
    }
    AppendUtf8(e.code_point, out);
    *next = terminated ? j + 1 : j;
    return true;
  }
  return false;
}

// Index just past the '>' closing the tag that starts at html[i] == '<', honouring quoted
// attribute values; html.size() when the tag never closes.
size_t SkipTag(std::string_view html, size_t i) {
  char quote = 0;
  for (size_t j = i + 1; j < html.size(); ++j) {
    const char c = html[j];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      // Only a quote that opens an attribute value counts (after '='), not a stray apostrophe.
      size_t k = j;
      while (k > i && IsAsciiSpace(html[k - 1])) --k;
      if (k > i && html[k - 1] == '=') quote = c;
    } else if (c == '>') {
      return j + 1;
    }
  }
  return html.size();
}

bool LastIsNonAscii(const std::string& out) {
  return !out.empty() && static_cast<unsigned char>(out.back()) >= 0x80;
}

}  // namespace

bool LooksLikeHtml(std::string_view text) {
  const std::string head = LowerPrefix(text, kSniffBytes);
  for (std::string_view marker :
       {"<!doctype html", "<html", "<head", "<body", "<meta ", "<p>", "<p ", "<div", "<table",
        "<br>", "<br/>", "<br />", "<span", "<title>", "<script", "<style", "<a href"}) {
    if (head.find(marker) != std::string::npos) return true;
  }
  return false;
}

std::string SniffHtmlCharset(std::string_view bytes) {
  const std::string head = LowerPrefix(bytes, kSniffBytes);
  size_t pos = 0;
  while ((pos = head.find("charset", pos)) != std::string::npos) {
    const size_t tag_start = head.rfind('<', pos);
    size_t j = pos + 7;
    pos = j;
    if (tag_start == std::string::npos || head.compare(tag_start, 5, "<meta") != 0) continue;
    if (head.find('>', tag_start) < j) continue;
    while (j < head.size() && IsAsciiSpace(head[j])) ++j;
    if (j >= head.size() || head[j] != '=') continue;
    ++j;
    while (j < head.size() && (IsAsciiSpace(head[j]) || head[j] == '"' || head[j] == '\'')) ++j;
    const size_t start = j;
    while (j < head.size() && (absl::ascii_isalnum(static_cast<unsigned char>(head[j])) ||
                               head[j] == '-' || head[j] == '_' || head[j] == '.' ||
                               head[j] == ':')) {
      ++j;
    }
    if (j > start) return std::string(bytes.substr(start, j - start));
  }
  return std::string();
}

std::string HtmlToText(std::string_view html) {
  std::string out;
  out.reserve(html.size() / 2);
  // Source whitespace collapses as a browser would, except that a line break between two
  // non-ASCII (Chinese) characters disappears: CMSs wrap long paragraphs, and a space inside
  // "增长" would hide it from the matchers.
  bool pending_space = false;
  bool pending_break_only = false;  // the pending whitespace holds a source line break
  auto flush_space = [&](bool next_non_ascii) {
    if (!pending_space) return;
    pending_space = false;
    if (out.empty() || out.back() == '\n' || out.back() == ' ') return;
    if (pending_break_only && next_non_ascii && LastIsNonAscii(out)) return;
    out.push_back(' ');
  };
  auto line_break = [&]() {
    pending_space = false;
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (!out.empty() && out.back() != '\n') out.push_back('\n');
  };

  size_t i = 0;
  const size_t n = html.size();
  while (i < n) {
    const char c = html[i];
    if (c == '<') {
      if (html.compare(i, 4, "<!--") == 0) {
        const size_t end = html.find("-->", i + 4);
        i = end == std::string_view::npos ? n : end + 3;
        continue;
      }
      const bool closing = i + 1 < n && html[i + 1] == '/';
      const size_t name_start = i + (closing ? 2 : 1);
      if (name_start < n && (html[name_start] == '!' || html[name_start] == '?')) {
        i = SkipTag(html, i);
        continue;
      }
      if (name_start >= n || !IsAsciiAlpha(html[name_start])) {
        flush_space(false);
        out.push_back('<');
        ++i;
        continue;
      }
      size_t name_end = name_start;
      while (name_end < n && (absl::ascii_isalnum(static_cast<unsigned char>(html[name_end])) ||
                              html[name_end] == '-' || html[name_end] == ':')) {
        ++name_end;
      }
      std::string name(html.substr(name_start, name_end - name_start));
      for (char& ch : name) ch = absl::ascii_tolower(static_cast<unsigned char>(ch));
      const size_t after_tag = SkipTag(html, i);
      TagKind kind = ClassifyTag(name);
      if (name == "head" && !closing) {
        // Drop the head only when it visibly ends; a page without </head> or <body> would
        // otherwise lose everything.
        size_t end = FindCaseless(html, "</head", after_tag);
        if (end == std::string_view::npos) end = FindCaseless(html, "<body", after_tag);
        if (end != std::string_view::npos) {
          i = end;
          continue;
        }
        kind = TagKind::kBlock;
      }
      if (kind == TagKind::kSkipContent && !closing) {
        const size_t end = FindCaseless(html, "</" + name, after_tag);
        i = end == std::string_view::npos ? n : SkipTag(html, end);
        continue;
      }
      if (kind == TagKind::kBlock) {
        line_break();
      } else if (kind == TagKind::kCell) {
        pending_space = true;
        pending_break_only = false;
      }
      i = after_tag;
      continue;
    }
    if (IsAsciiSpace(c)) {
      if (!pending_space) {
        pending_space = true;
        pending_break_only = false;
      }
      if (c == '\n' || c == '\r') pending_break_only = true;
      ++i;
      continue;
    }
    const bool non_ascii = static_cast<unsigned char>(c) >= 0x80;
    flush_space(non_ascii);
    if (c == '&') {
      size_t next;
      if (DecodeEntity(html, i, &out, &next)) {
        i = next;
        continue;
      }
    }
    out.push_back(c);
    ++i;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
  return out;
}

}  // namespace govreport::text
