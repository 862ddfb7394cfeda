#ifndef GOVREPORT_COMMON_EXTRACT_SECTIONS_H_
#define GOVREPORT_COMMON_EXTRACT_SECTIONS_H_

#include <cstddef>
#include <string_view>

namespace govreport::extract {

// Where a report turns from reviewing the past year to planning the coming one. Reports say it
// with a heading or lead-in ("2021年工作安排", "二、2020年经济社会发展总体要求和政策取向",
// "今年经济社会发展的主要预期目标是") that may sit inline in one long line of text.
struct ReportLayout {
  // First code point of the plan part; the text's size when no plan part was found.
  size_t plan_begin = 0;
};

// Finds the plan part of folded text. `report_year` (0 when unknown) lets "2021年工作安排" count
// while "2020年主要工作" (a review heading) does not.
ReportLayout FindLayout(std::u32string_view folded, int report_year);

// Fallback year guess for text whose metadata gives none: the year of the first "YYYY年…工作回顾"
// heading plus one, else the first plausible year stated near the top. 0 when none.
int GuessReportYear(std::u32string_view folded);

// Parses a 4-digit year 1949..2100 that ends right before text[pos] ("2020" in "2020年" when pos
// is at 年). Returns 0 when there is none.
int YearEndingAt(std::u32string_view folded, size_t pos);

}  // namespace govreport::extract

#endif  // GOVREPORT_COMMON_EXTRACT_SECTIONS_H_
