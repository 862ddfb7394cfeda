#ifndef GOVREPORT_COMMON_EXTRACT_NUMBERS_H_
#define GOVREPORT_COMMON_EXTRACT_NUMBERS_H_

#include <cstddef>
#include <string_view>

namespace govreport::extract {

// A number as stated in folded text, with its magnitude words applied and its unit split off:
// "1002.18亿元" -> value 100218000000, unit "元"; "4.1%" -> 4.1, "%"; "1.8万人" -> 18000, "人";
// "一千二百万元" -> 12000000, "元"; "百分之五" -> 5, "%"; "0.5个百分点" -> 0.5, points.
// "6-7%" and "6%-6.5%" are ranges: value 6, value_high 7 (6.5), unit taken from either end.
struct Quantity {
  size_t begin = 0;  // first code point of the number (or of 百分之)
  size_t end = 0;    // one past the unit (or the number when there is none)
  double value = 0;
  bool is_range = false;
  double value_high = 0;
  std::u32string_view unit;  // base unit ("元", "美元", "人", "吨", "%", ...); empty when none
  bool percent = false;      // unit is % (also 百分之, 成)
  bool points = false;       // 个百分点 / 百分点
  bool chinese = false;      // written in Chinese numerals
};

// True for the code points a number can start with (ASCII digit or Chinese numeral).
bool MayStartNumber(char32_t c);

// Parses the number starting exactly at text[pos]. Chinese numerals are accepted only when a unit
// or magnitude follows or 百分之 precedes (they are everywhere in prose: 一是, 三大, 两个).
// Digits split by zero-width characters or by one stray space are joined. Returns false when no
// number starts at pos; `out` is then unspecified.
bool ParseQuantity(std::u32string_view text, size_t pos, Quantity* out);

// Parses a bare number (Arabic or Chinese, no unit) at text[pos], for ranks (第3位, 第一) and
// years; sets *end past it. Returns false when none is there.
bool ParseBareNumber(std::u32string_view text, size_t pos, double* value, size_t* end);

}  // namespace govreport::extract

#endif  // GOVREPORT_COMMON_EXTRACT_NUMBERS_H_
