#include "common/extract/numbers.h"

#include <cstdint>

#include "common/extract/word_set.h"

namespace govreport::extract {
namespace {

constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10,
                             1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21,
                             1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28, 1e29, 1e30};

bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

// Characters a scraped page leaves inside numbers ("1 002.18", "65\u200b.86").
bool IsStray(char32_t c) {
  return c == U' ' || c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF ||
         c == 0x00AD;
}

int ChineseDigit(char32_t c) {
  switch (c) {
    case U'零': case U'〇': return 0;
    case U'一': return 1;
    case U'二': case U'两': return 2;
    case U'三': return 3;
    case U'四': return 4;
    case U'五': return 5;
    case U'六': return 6;
    case U'七': return 7;
    case U'八': return 8;
    case U'九': return 9;
    default: return -1;
  }
}

int ChineseSmallUnit(char32_t c) {
  switch (c) {
    case U'十': return 10;
    case U'百': return 100;
    case U'千': return 1000;
    default: return 0;
  }
}

bool StartsWith(std::u32string_view text, size_t pos, std::u32string_view word) {
  return text.size() >= pos + word.size() && text.compare(pos, word.size(), word) == 0;
}

// Units, longest first where one is a prefix of another.
struct UnitDef {
  std::u32string_view word;
  std::u32string_view base;
  bool percent;
  bool points;
};
constexpr UnitDef kUnits[] = {
    {U"个百分点", U"个百分点", false, true},
    {U"百分点", U"个百分点", false, true},
    {U"%", U"%", true, false},
    {U"美元", U"美元", false, false},
    {U"港元", U"港元", false, false},
    {U"欧元", U"欧元", false, false},
    {U"元人民币", U"元", false, false},
    {U"元", U"元", false, false},
    {U"人次", U"人次", false, false},
    {U"人", U"人", false, false},
    {U"吨标准煤", U"吨标准煤", false, false},
    {U"吨", U"吨", false, false},
    {U"公斤", U"公斤", false, false},
    {U"千克", U"公斤", false, false},
    {U"斤", U"斤", false, false},
    {U"户", U"户", false, false},
    {U"家", U"家", false, false},
    {U"个", U"个", false, false},
    {U"项", U"项", false, false},
    {U"件", U"件", false, false},
    {U"亩", U"亩", false, false},
    {U"公顷", U"公顷", false, false},
    {U"平方公里", U"平方公里", false, false},
    {U"平方米", U"平方米", false, false},
    {U"公里", U"公里", false, false},
    {U"千瓦时", U"千瓦时", false, false},
    {U"千瓦", U"千瓦", false, false},
    {U"辆", U"辆", false, false},
    {U"套", U"套", false, false},
    {U"所", U"所", false, false},
    {U"座", U"座", false, false},
    {U"名", U"名", false, false},
    {U"倍", U"倍", false, false},
    {U"位", U"位", false, false},
    {U"年", U"年", false, false},
    {U"月", U"月", false, false},
    {U"天", U"天", false, false},
    {U"次", U"次", false, false},
    {U"条", U"条", false, false},
    {U"台", U"台", false, false},
    {U"处", U"处", false, false},
};

// Magnitude words after a number; 千 only before a unit that is not 千瓦/千米/千克.
int ParseMagnitude(std::u32string_view text, size_t* pos) {
  size_t i = *pos;
  if (StartsWith(text, i, U"万亿")) { *pos = i + 2; return 12; }
  if (StartsWith(text, i, U"亿")) { *pos = i + 1; return 8; }
  if (StartsWith(text, i, U"千万")) { *pos = i + 2; return 7; }
  if (StartsWith(text, i, U"百万")) { *pos = i + 2; return 6; }
  if (StartsWith(text, i, U"十万")) { *pos = i + 2; return 5; }
  if (StartsWith(text, i, U"万")) { *pos = i + 1; return 4; }
  if (i + 1 < text.size() && text[i] == U'千') {
    char32_t n = text[i + 1];
    if (n == U'元' || n == U'人' || n == U'吨' || n == U'斤' || n == U'户' || n == U'亩' ||
        n == U'家' || n == U'个' || n == U'辆') {
      *pos = i + 1;
      return 3;
    }
  }
  return 0;
}

const UnitDef* ParseUnit(std::u32string_view text, size_t* pos) {
  static const WordSet* const units = new WordSet(kUnits, [](const UnitDef& u) { return u.word; });
  int tag;
  size_t len = units->MatchAt(text, *pos, text.size(), &tag);
  if (!len) return nullptr;
  *pos += len;
  return &kUnits[tag];
}

// Whether a magnitude word or a unit starts at text[pos] (after 多/余 in "130多亿元").
bool ApproxUnitFollows(std::u32string_view text, size_t pos) {
  size_t j = pos;
  if (ParseMagnitude(text, &j)) return true;
  return ParseUnit(text, &j) != nullptr;
}

double Scale(uint64_t mantissa, int exp10) {
  if (exp10 >= 0) return static_cast<double>(mantissa) * kPow10[exp10 > 30 ? 30 : exp10];
  int e = -exp10;
  return static_cast<double>(mantissa) / kPow10[e > 30 ? 30 : e];
}

// Arabic digits with separators and decimals at text[pos]; returns mantissa and number of
// fraction digits.
bool ParseArabic(std::u32string_view text, size_t pos, uint64_t* mantissa, int* frac_digits,
                 size_t* end) {
  size_t n = text.size();
  size_t i = pos;
  uint64_t m = 0;
  int digits = 0;
  int frac = -1;
  int dropped = 0;  // integer digits beyond what fits, kept as a power of ten
  while (i < n) {
    char32_t c = text[i];
    if (IsDigit(c)) {
      if (digits < 18) {
        m = m * 10 + static_cast<uint64_t>(c - U'0');
        if (frac >= 0) ++frac;
      } else if (frac < 0) {
        ++dropped;
      }
      ++digits;
      ++i;
      continue;
    }
    if (digits == 0) break;
    if (c == U',' && frac < 0 && i + 3 < n && IsDigit(text[i + 1]) && IsDigit(text[i + 2]) &&
        IsDigit(text[i + 3]) && (i + 4 >= n || !IsDigit(text[i + 4]))) {
      ++i;
      continue;
    }
    if (c == U'.' && frac < 0 && i + 1 < n && IsDigit(text[i + 1])) {
      frac = 0;
      ++i;
      continue;
    }
    bool digit_follows = i + 1 < n && (IsDigit(text[i + 1]) || (text[i + 1] == U'.' && frac < 0 &&
                                                                i + 2 < n && IsDigit(text[i + 2])));
    if (IsStray(c) && digit_follows && IsDigit(text[i - 1])) {
      // A stray space may also separate two numbers ("2020 1002"); join only zero-width marks
      // freely and a plain space when the left part is short.
      if (c != U' ' || digits < 4) {
        ++i;
        continue;
      }
    }
    break;
  }
  if (digits == 0) return false;
  *mantissa = m;
  *frac_digits = (frac < 0 ? 0 : frac) - dropped;
  *end = i;
  return true;
}

// Chinese numerals (一千二百万, 三点五, 二〇二〇). Returns the value and end; *has_big is set when
// 万 or 亿 was part of the numeral.
bool ParseChinese(std::u32string_view text, size_t pos, double* value, size_t* end,
                  bool* has_big) {
  size_t n = text.size();
  size_t i = pos;
  double total = 0, section = 0, num = 0;
  bool any = false;
  bool last_digit = false;
  *has_big = false;
  while (i < n) {
    char32_t c = text[i];
    int d = ChineseDigit(c);
    if (d >= 0) {
      num = last_digit ? num * 10 + d : d;
      last_digit = true;
      any = true;
      ++i;
      continue;
    }
    int su = ChineseSmallUnit(c);
    if (su) {
      // 千 before 瓦/米/克 is a unit prefix, not a numeral.
      if (su == 1000 && i + 1 < n &&
          (text[i + 1] == U'瓦' || text[i + 1] == U'米' || text[i + 1] == U'克'))
        break;
      section += (num == 0 && !last_digit ? 1 : num) * su;
      num = 0;
      last_digit = false;
      any = true;
      ++i;
      continue;
    }
    if (c == U'万' && any) {
      section += num;
      total += section * 1e4;
      section = num = 0;
      last_digit = false;
      *has_big = true;
      ++i;
      continue;
    }
    if (c == U'亿' && any) {
      section += num;
      total = (total + section) * 1e8;
      section = num = 0;
      last_digit = false;
      *has_big = true;
      ++i;
      continue;
    }
    if (c == U'点' && any && i + 1 < n && ChineseDigit(text[i + 1]) >= 0) {
      double scale = 0.1, frac = 0;
      size_t j = i + 1;
      while (j < n && ChineseDigit(text[j]) >= 0) {
        frac += ChineseDigit(text[j]) * scale;
        scale /= 10;
        ++j;
      }
      num += frac;
      i = j;
      last_digit = false;
      // 三点五万 / 一点二亿
      if (i < n && (text[i] == U'万' || text[i] == U'亿')) {
        double mul = text[i] == U'万' ? 1e4 : 1e8;
        total = (total + section + num) * mul;
        section = num = 0;
        *has_big = true;
        ++i;
      }
      break;
    }
    break;
  }
  if (!any) return false;
  *value = total + section + num;
  *end = i;
  return true;
}

bool ParseOne(std::u32string_view text, size_t pos, Quantity* out, int* magnitude) {
  size_t n = text.size();
  size_t i = pos;
  bool hundred_of = false;
  if (StartsWith(text, i, U"百分之")) {
    hundred_of = true;
    i += 3;
  }
  double value = 0;
  bool chinese = false;
  bool has_big = false;
  *magnitude = 0;
  if (i < n && IsDigit(text[i])) {
    uint64_t m;
    int frac;
    size_t e;
    if (!ParseArabic(text, i, &m, &frac, &e)) return false;
    i = e;
    size_t j = i;
    if (j < n && text[j] == U' ') ++j;
    // "130多亿元", "1万余人": an approximate figure is read as the number stated.
    if (j + 1 < n && (text[j] == U'多' || text[j] == U'余') && ApproxUnitFollows(text, j + 1)) ++j;
    int mag = ParseMagnitude(text, &j);
    if (mag) {
      i = j;
      *magnitude = mag;
      if (i + 1 < n && (text[i] == U'多' || text[i] == U'余') && ApproxUnitFollows(text, i + 1)) ++i;
    }
    value = Scale(m, mag - frac);
  } else if (i < n && (ChineseDigit(text[i]) >= 0 || ChineseSmallUnit(text[i]))) {
    size_t e;
    if (!ParseChinese(text, i, &value, &e, &has_big)) return false;
    i = e;
    chinese = true;
  } else {
    return false;
  }
  out->begin = pos;
  out->value = value;
  out->chinese = chinese;
  out->unit = {};
  out->percent = out->points = false;
  if (hundred_of) {
    out->percent = true;
    out->unit = U"%";
    out->end = i;
    return true;
  }
  size_t j = i;
  if (j < n && text[j] == U' ' && !chinese) ++j;
  if (const UnitDef* u = ParseUnit(text, &j)) {
    out->unit = u->base;
    out->percent = u->percent;
    out->points = u->points;
    i = j;
  } else if (chinese && i < n && text[i] == U'成' && value < 10 &&
             !(i + 1 < n && (text[i + 1] == U'为' || text[i + 1] == U'本' ||
                             text[i + 1] == U'果' || text[i + 1] == U'立' ||
                             text[i + 1] == U'功' || text[i + 1] == U'效'))) {
    out->value = value * 10;
    out->percent = true;
    out->unit = U"%";
    i += 1;
  } else if (chinese && !has_big) {
    return false;
  }
  out->end = i;
  return true;
}

}  // namespace

bool MayStartNumber(char32_t c) {
  return IsDigit(c) || ChineseDigit(c) >= 0 || ChineseSmallUnit(c) || c == U'百';
}

bool ParseQuantity(std::u32string_view text, size_t pos, Quantity* out) {
  int magnitude = 0;
  if (!ParseOne(text, pos, out, &magnitude)) return false;
  out->is_range = false;
  // Ranges: 6-7%, 6%-6.5%, 6%～7%, 6%至7%, 100-120亿元.
  size_t n = text.size();
  size_t i = out->end;
  if (i < n && (text[i] == U'-' || text[i] == U'~' || text[i] == U'至' || text[i] == U'到')) {
    Quantity high;
    int high_magnitude = 0;
    if (i + 1 < n && !out->chinese && ParseOne(text, i + 1, &high, &high_magnitude) &&
        !high.chinese && (out->unit.empty() || out->unit == high.unit) &&
        !(high.unit == U"年" || high.unit == U"月")) {
      if (out->unit.empty()) {
        if (magnitude == 0 && high_magnitude != 0) out->value *= kPow10[high_magnitude];
        out->unit = high.unit;
        out->percent = high.percent;
        out->points = high.points;
      }
      if (high.value > out->value) {
        out->is_range = true;
        out->value_high = high.value;
        out->end = high.end;
      }
    }
  }
  return true;
}

bool ParseBareNumber(std::u32string_view text, size_t pos, double* value, size_t* end) {
  if (pos >= text.size()) return false;
  if (IsDigit(text[pos])) {
    uint64_t m;
    int frac;
    if (!ParseArabic(text, pos, &m, &frac, end)) return false;
    *value = Scale(m, -frac);
    return true;
  }
  bool has_big;
  return ParseChinese(text, pos, value, end, &has_big);
}

}  // namespace govreport::extract
