#include "common/text/encoding.h"

#include <unicode/ucnv.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/text/fold.h"
#include "common/text/utf8.h"

namespace govreport::text {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kUtf16LeBom = "\xFF\xFE";
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";

// The most frequent characters of Chinese text in general and of government reports in
// particular (simplified; traditional text is folded before the lookup). Real text has roughly
// half its ideographs in this set; text decoded with the wrong legacy charset has few.
constexpr std::string_view kCommonChars =
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过"
    "子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制"
    "机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正"
    "心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党"
    "程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角"
    "期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压"
    "志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万"
    "每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林"
    "律叫且究观越织装影算低持音众书布复容须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感"
    "劳便团往历市克何除消构府称太准精值号率族维划选标写存候亲快效院查江型眼王按格养易置派层片始却专"
    "状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞亿镇项推企态综营环境城乡村服施障创投施";

class CommonCharSet {
 public:
  CommonCharSet() : bits_(0x10000 / 64) {
    size_t pos = 0;
    while (pos < kCommonChars.size()) {
      const char32_t c = DecodeUtf8(kCommonChars, &pos);
      if (c < 0x10000) bits_[c / 64] |= uint64_t{1} << (c % 64);
    }
  }
  bool Contains(char32_t c) const {
    return c < 0x10000 && (bits_[c / 64] >> (c % 64) & 1) != 0;
  }

 private:
  std::vector<uint64_t> bits_;
};

const CommonCharSet& CommonChars() {
  static const CommonCharSet* set = new CommonCharSet();
  return *set;
}

bool IsCjkIdeograph(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x3134F);
}

// Characters real Chinese documents are made of; a wrong decoding yields controls, private-use
// characters, Hangul, Yi and the like.
bool IsPlausibleChar(char32_t c) {
  if (c < 0x80) return c >= 0x20 ? c != 0x7F : (c == '\n' || c == '\r' || c == '\t' || c == '\f');
  if (c < 0xA0) return false;
  if (c <= 0x24F) return true;                   // Latin-1 and Latin Extended (°, ×, é)
  if (c >= 0x370 && c <= 0x4FF) return true;     // Greek, Cyrillic (both in GB2312)
  if (c >= 0x2000 && c <= 0x2BFF) return true;   // punctuation, symbols, arrows, shapes
  if (c >= 0x2E80 && c <= 0x33FF) return true;   // radicals, CJK punctuation, kana, bopomofo
  if (IsCjkIdeograph(c)) return true;
  if (c >= 0xF900 && c <= 0xFAFF) return true;   // compatibility ideographs
  if (c >= 0xFE30 && c <= 0xFE4F) return true;   // vertical / compatibility forms
  if (c >= 0xFF00 && c <= 0xFFEF) return true;   // full-width forms
  return c == 0xFEFF;
}

struct Plausibility {
  size_t chars = 0, plausible = 0, cjk = 0, common = 0;

  bool Acceptable() const {
    if (chars == 0) return false;
    if (plausible * 100 < chars * 95) return false;
    // Short texts are judged by the share of printable characters alone.
    return cjk < 16 || common * 100 >= cjk * 12;
  }
  double Score() const {
    const double printable = chars == 0 ? 0 : double(plausible) / double(chars);
    const double common_share = cjk == 0 ? 0 : double(common) / double(cjk);
    return common_share + 0.1 * printable;
  }
};

Plausibility Score(std::string_view utf8) {
  Plausibility p;
  const CommonCharSet& common = CommonChars();
  size_t pos = 0;
  while (pos < utf8.size()) {
    const char32_t c = DecodeUtf8(utf8, &pos);
    ++p.chars;
    if (IsPlausibleChar(c)) ++p.plausible;
    if (IsCjkIdeograph(c)) {
      ++p.cjk;
      if (common.Contains(FoldCodePoint(c))) ++p.common;
    }
  }
  return p;
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// The ICU converter for a canonical charset name.
const char* IcuName(std::string_view charset) {
  if (charset == "GB18030") return "GB18030";
  if (charset == "Big5") return "windows-950-2000";
  if (charset == "Big5-HKSCS") return "ibm-1375_P100-2008";
  if (charset == "UTF-16LE") return "UTF-16LE";
  if (charset == "UTF-16BE") return "UTF-16BE";
  if (charset == "UTF-8") return "UTF-8";
  return nullptr;
}

struct StrictDecode {
  std::string utf8;
  size_t bad_offset = std::string_view::npos;  // npos when the whole input decoded
  bool ok() const { return bad_offset == std::string_view::npos; }
};

void AppendUtf16AsUtf8(const UChar* units, size_t n, std::string* out) {
  for (size_t i = 0; i < n; ++i) {
    char32_t c = units[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n && units[i + 1] >= 0xDC00 &&
        units[i + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (units[i + 1] - 0xDC00);
      ++i;
    }
    AppendUtf8(c, out);
  }
}

// Decodes with ICU, stopping at the first illegal, unmapped or truncated sequence.
StrictDecode DecodeStrictly(std::string_view bytes, const char* icu_name) {
  StrictDecode result;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open(icu_name, &status));
  if (U_FAILURE(status)) {
    result.bad_offset = 0;
    return result;
  }
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  result.utf8.reserve(bytes.size() + bytes.size() / 2);
  // Chunked so a 16 MB document does not need a 32 MB UTF-16 copy.
  std::vector<UChar> buffer(std::min<size_t>(bytes.size() + 8, 1 << 16));
  const char* const begin = bytes.data();
  const char* source = begin;
  const char* const limit = begin + bytes.size();
  while (true) {
    UChar* target = buffer.data();
    status = U_ZERO_ERROR;
    ucnv_toUnicode(conv.get(), &target, buffer.data() + buffer.size(), &source, limit, nullptr,
                   /*flush=*/true, &status);
    AppendUtf16AsUtf8(buffer.data(), static_cast<size_t>(target - buffer.data()), &result.utf8);
    if (status == U_BUFFER_OVERFLOW_ERROR) continue;
    // A document cut off mid-character (size-limited downloads) is still that document.
    if (U_FAILURE(status) && status != U_TRUNCATED_CHAR_FOUND) {
      char invalid[32];
      int8_t invalid_len = sizeof(invalid);
      UErrorCode ignored = U_ZERO_ERROR;
      ucnv_getInvalidChars(conv.get(), invalid, &invalid_len, &ignored);
      const size_t consumed = static_cast<size_t>(source - begin);
      result.bad_offset = consumed >= static_cast<size_t>(invalid_len) && U_SUCCESS(ignored)
                              ? consumed - static_cast<size_t>(invalid_len)
                              : consumed;
    }
    break;
  }
  return result;
}

std::string_view StripPrefix(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix ? s.substr(prefix.size()) : s;
}

// Endianness suggested by where NUL bytes sit: ASCII in UTF-16LE is "x\0", in UTF-16BE "\0x".
std::optional<std::string> Utf16FromNulPattern(std::string_view bytes) {
  if (bytes.size() % 2 != 0 || std::memchr(bytes.data(), 0, bytes.size()) == nullptr) {
    return std::nullopt;
  }
  const size_t n = std::min<size_t>(bytes.size(), 1 << 16);
  size_t even = 0, odd = 0;
  for (size_t i = 0; i < n; i += 2) {
    even += bytes[i] == 0;
    odd += bytes[i + 1] == 0;
  }
  // Not all-or-nothing: ideographs such as 一 (U+4E00) put a NUL on the other side.
  if (odd >= 2 && odd >= 4 * even) return std::string("UTF-16LE");
  if (even >= 2 && even >= 4 * odd) return std::string("UTF-16BE");
  return std::nullopt;
}

// True when `tail` is the start of a multi-byte UTF-8 sequence that the end of input cut short.
bool IsTruncatedUtf8Sequence(std::string_view tail) {
  if (tail.empty() || tail.size() > 3) return false;
  const auto lead = static_cast<unsigned char>(tail[0]);
  const size_t len = lead >= 0xC2 && lead <= 0xDF   ? 2
                     : lead >= 0xE0 && lead <= 0xEF ? 3
                     : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                    : 0;
  if (tail.size() >= len) return false;
  for (size_t i = 1; i < tail.size(); ++i) {
    if ((static_cast<unsigned char>(tail[i]) & 0xC0) != 0x80) return false;
  }
  return true;
}

// UTF-16LE or UTF-16BE, whichever reads as more plausible text.
std::string MoreLikelyUtf16(std::string_view bytes) {
  double best = -1;
  std::string best_name = "UTF-16LE";
  for (const char* name : {"UTF-16LE", "UTF-16BE"}) {
    StrictDecode decoded = DecodeStrictly(bytes, name);
    if (!decoded.ok()) continue;
    const Plausibility p = Score(decoded.utf8);
    const double score = p.Score() + (p.Acceptable() ? 1 : 0);
    if (score > best) {
      best = score;
      best_name = name;
    }
  }
  return best_name;
}

bool HasMultiByteUtf8(std::string_view bytes) {
  for (char c : bytes) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

absl::string_view Absl(std::string_view s) { return absl::string_view(s.data(), s.size()); }

std::string UnifyLabel(std::string_view label) {
  std::string key;
  for (char c : label) {
    if (absl::ascii_isalnum(static_cast<unsigned char>(c))) key.push_back(absl::ascii_tolower(c));
  }
  return key;
}

}  // namespace

size_t FirstInvalidUtf8Offset(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    // ASCII runs dominate even Chinese text (digits, punctuation, newlines): skip 8 at a time.
    while (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, p + i, 8);
      if ((word & 0x8080808080808080ULL) != 0) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // bounds of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + len > n) return i;
    if (p[i + 1] < lo || p[i + 1] > hi) return i;
    for (size_t k = 2; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
    }
    i += len;
  }
  return n;
}

absl::StatusOr<std::string> CanonicalCharset(std::string_view label) {
  const std::string key = UnifyLabel(label);
  if (key.empty()) return std::string();
  if (key == "utf8") return std::string("UTF-8");
  if (key == "utf16" || key == "ucs2" || key == "unicode") return std::string("UTF-16");
  if (key == "utf16le" || key == "ucs2le" || key == "unicodelittleunmarked") {
    return std::string("UTF-16LE");
  }
  if (key == "utf16be" || key == "ucs2be" || key == "unicodebigunmarked") {
    return std::string("UTF-16BE");
  }
  if (key == "gb18030" || key == "gbk" || key == "gb2312" || key == "cp936" || key == "ms936" ||
      key == "windows936" || key == "euccn" || key == "xgbk" || key == "xeuccn" ||
      key == "csgb2312" || key == "chinese" || key == "gb231280") {
    return std::string("GB18030");
  }
  if (key == "big5" || key == "cp950" || key == "ms950" || key == "windows950" ||
      key == "xxbig5" || key == "csbig5" || key == "big5tw" || key == "cnbig5") {
    return std::string("Big5");
  }
  if (key == "big5hkscs" || key == "hkscs") return std::string("Big5-HKSCS");
  if (key == "ascii" || key == "usascii" || key == "iso88591" || key == "latin1" ||
      key == "windows1252" || key == "cp1252" || key == "l1" || key == "iso8859") {
    return std::string();
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown charset \"", Absl(label), "\""));
}

absl::StatusOr<std::string> ConvertToUtf8(std::string_view bytes, std::string_view charset) {
  std::string name(charset);
  if (name == "UTF-8") {
    bytes = StripPrefix(bytes, kUtf8Bom);
    size_t bad = FirstInvalidUtf8Offset(bytes);
    if (bad != bytes.size() && IsTruncatedUtf8Sequence(bytes.substr(bad))) {
      bytes = bytes.substr(0, bad);
      bad = bytes.size();
    }
    if (bad != bytes.size()) {
      return absl::InvalidArgumentError(
          absl::StrCat("bytes are not valid UTF-8 (first bad byte at offset ", bad, ")"));
    }
    return std::string(bytes);
  }
  if (name == "UTF-16") {
    if (bytes.substr(0, 2) == kUtf16BeBom) {
      name = "UTF-16BE";
    } else if (bytes.substr(0, 2) == kUtf16LeBom) {
      name = "UTF-16LE";
    } else {
      name = Utf16FromNulPattern(bytes).value_or("UTF-16LE");
    }
  }
  if (name == "UTF-16LE") bytes = StripPrefix(bytes, kUtf16LeBom);
  if (name == "UTF-16BE") bytes = StripPrefix(bytes, kUtf16BeBom);
  const char* icu_name = IcuName(name);
  if (icu_name == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("unsupported charset \"", Absl(charset), "\""));
  }
  StrictDecode decoded = DecodeStrictly(bytes, icu_name);
  if (!decoded.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("bytes are not valid ", name,
                                                   " (first bad byte at offset ",
                                                   decoded.bad_offset, ")"));
  }
  return std::move(decoded.utf8);
}

absl::StatusOr<DecodedText> DecodeToUtf8(std::string_view bytes, std::string_view hint,
                                         std::string_view weak_hint) {
  // A BOM is the most reliable signal there is.
  if (bytes.substr(0, 3) == kUtf8Bom) {
    absl::StatusOr<std::string> utf8 = ConvertToUtf8(bytes, "UTF-8");
    if (!utf8.ok()) return utf8.status();
    return DecodedText{*std::move(utf8), "UTF-8"};
  }
  for (const char* name : {"UTF-16LE", "UTF-16BE"}) {
    const std::string_view bom = name[6] == 'L' ? kUtf16LeBom : kUtf16BeBom;
    if (bytes.substr(0, 2) == bom) {
      absl::StatusOr<std::string> utf8 = ConvertToUtf8(bytes, name);
      if (!utf8.ok()) return utf8.status();
      return DecodedText{*std::move(utf8), name};
    }
  }

  absl::StatusOr<std::string> hinted = CanonicalCharset(hint);
  if (!hinted.ok()) return hinted.status();
  size_t first_bad_utf8 = FirstInvalidUtf8Offset(bytes);
  if (first_bad_utf8 != bytes.size() && IsTruncatedUtf8Sequence(bytes.substr(first_bad_utf8))) {
    bytes = bytes.substr(0, first_bad_utf8);
  }
  const bool valid_utf8 = first_bad_utf8 == bytes.size();
  const std::optional<std::string> nul_pattern = Utf16FromNulPattern(bytes);

  if (!hinted->empty()) {
    std::string charset = *hinted;
    const bool legacy = charset == "GB18030" || charset == "Big5" || charset == "Big5-HKSCS";
    if (legacy && valid_utf8 && !nul_pattern && HasMultiByteUtf8(bytes)) charset = "UTF-8";
    if (charset == "UTF-16") charset = nul_pattern ? *nul_pattern : MoreLikelyUtf16(bytes);
    absl::StatusOr<std::string> utf8 = ConvertToUtf8(bytes, charset);
    if (!utf8.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "charset hint \"", Absl(hint), "\" does not fit the bytes: ", utf8.status().message()));
    }
    return DecodedText{*std::move(utf8), charset};
  }

  if (nul_pattern) {
    StrictDecode decoded = DecodeStrictly(bytes, IcuName(*nul_pattern));
    if (decoded.ok() && Score(decoded.utf8).Acceptable()) {
      return DecodedText{std::move(decoded.utf8), *nul_pattern};
    }
  }
  if (valid_utf8) {
    return DecodedText{std::string(bytes), "UTF-8"};
  }

  absl::StatusOr<std::string> weak = CanonicalCharset(weak_hint);
  const std::string weak_charset = weak.ok() ? *weak : "";
  // Candidates are judged on a prefix (enough text to tell) and only the winner is decoded in
  // full; a candidate whose later bytes turn out not to decode gives way to the next best.
  constexpr size_t kJudgedPrefix = 64 << 10;
  const std::string_view prefix = bytes.substr(0, kJudgedPrefix);
  std::vector<std::pair<double, const char*>> ranked;
  std::vector<const char*> candidates = {"GB18030", "Big5", "Big5-HKSCS"};
  if (bytes.size() % 2 == 0) {
    candidates.push_back("UTF-16LE");
    candidates.push_back("UTF-16BE");
  }
  bool big5_decoded = false;
  for (const char* charset : candidates) {
    // HKSCS is a superset of Big5: only worth trying when plain Big5 failed.
    if (std::string_view(charset) == "Big5-HKSCS" && big5_decoded) continue;
    StrictDecode decoded = DecodeStrictly(prefix, IcuName(charset));
    if (!decoded.ok()) continue;
    if (std::string_view(charset) == "Big5") big5_decoded = true;
    const Plausibility p = Score(decoded.utf8);
    if (!p.Acceptable()) continue;
    double score = p.Score();
    if (weak_charset == charset ||
        (weak_charset == "UTF-16" && std::string_view(charset).substr(0, 6) == "UTF-16")) {
      score += 0.05;
    }
    ranked.emplace_back(score, charset);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::optional<DecodedText> best;
  for (const auto& [score, charset] : ranked) {
    StrictDecode decoded = DecodeStrictly(bytes, IcuName(charset));
    if (decoded.ok()) {
      best = DecodedText{std::move(decoded.utf8), charset};
      break;
    }
  }
  if (best) return *std::move(best);
  return absl::InvalidArgumentError(
      absl::StrCat("bytes are not valid UTF-8, UTF-16, GB18030 or Big5 (first bad byte at offset ",
                   first_bad_utf8 == bytes.size() ? 0 : first_bad_utf8, ")"));
}

}  // namespace govreport::text
