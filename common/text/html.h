#ifndef GOVREPORT_COMMON_TEXT_HTML_H_
#define GOVREPORT_COMMON_TEXT_HTML_H_

#include <string>
#include <string_view>

namespace govreport::text {

// True when the start of `text` (the first 4 KiB, after leading whitespace) looks like HTML:
// a doctype, <html, <head, <body, <meta, <p>, <div, <table, <br ...
bool LooksLikeHtml(std::string_view text);

// The charset an HTML page declares in its first 4 KiB (<meta charset="gbk"> or
// <meta http-equiv="Content-Type" content="text/html; charset=gb2312">), as written; empty
// when none. Works on the raw bytes of any ASCII-compatible encoding.
std::string SniffHtmlCharset(std::string_view bytes);

// Text content of an HTML document (UTF-8 in, UTF-8 out): tags removed; <script>, <style>,
// <head>, <noscript>, <template> elements and comments dropped with their content; block
// elements (p, div, br, li, tr, h1-h6, table, section ...) become line breaks and table cells a
// space; character references decoded (the common named ones and &#N; &#xN;, an unknown one is
// kept verbatim). Tolerates malformed markup: never fails, a stray '<' that opens no tag is text.
std::string HtmlToText(std::string_view html);

}  // namespace govreport::text

#endif  // GOVREPORT_COMMON_TEXT_HTML_H_
