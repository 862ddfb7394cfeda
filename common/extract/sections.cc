#include "common/extract/sections.h"

#include <algorithm>

namespace govreport::extract {
namespace {

bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

bool At(std::u32string_view t, size_t pos, std::u32string_view w) {
  return t.size() >= pos + w.size() && t.compare(pos, w.size(), w) == 0;
}

// Phrases that open the plan part wherever they appear.
constexpr std::u32string_view kPlanAnywhere[] = {
    U"工作安排", U"主要预期目标", U"预期目标是", U"今年工作", U"今年主要工作", U"今年政府工作",
    U"今年的工作", U"今年经济社会发展", U"今年发展主要预期目标", U"今年重点工作",
    U"总体要求和政策取向", U"工作的总体要求", U"工作总体要求", U"主要目标任务是",
    U"今年发展主要目标", U"发展主要预期目标", U"下一阶段工作总体部署", U"明年经济社会发展",
};
// Phrases that open the plan part when right after "<report_year>年".
constexpr std::u32string_view kPlanAfterYear[] = {
    U"工作", U"主要工作", U"重点工作", U"经济社会发展", U"政府工作", U"的工作", U"全市", U"全区",
    U"全县", U"全镇", U"发展", U"是", U"总体要求",
};

// A completion verb within a few characters: the goals named before it were last year's.
bool MetRightAfter(std::u32string_view t, size_t pos) {
  size_t end = std::min(t.size(), pos + 6);
  for (size_t j = pos; j + 2 <= end; ++j) {
    if (At(t, j, U"完成") || At(t, j, U"实现") || At(t, j, U"达成")) return true;
  }
  return false;
}

}  // namespace

int YearEndingAt(std::u32string_view t, size_t pos) {
  if (pos < 4) return 0;
  for (size_t i = pos - 4; i < pos; ++i)
    if (!IsDigit(t[i])) return 0;
  if (pos >= 5 && IsDigit(t[pos - 5])) return 0;
  int y = (t[pos - 4] - U'0') * 1000 + (t[pos - 3] - U'0') * 100 + (t[pos - 2] - U'0') * 10 +
          (t[pos - 1] - U'0');
  return (y >= 1949 && y <= 2100) ? y : 0;
}

ReportLayout FindLayout(std::u32string_view t, int report_year) {
  ReportLayout layout;
  layout.plan_begin = t.size();
  // The plan part opens after the review does. The opening paragraph may announce both ("报告
  // 过去五年政府工作，并对今年工作提出建议"), so search from the first review heading; without
  // one, skip the first tenth (salutations, meeting line).
  size_t start = std::min<size_t>(t.size(), t.size() / 10);
  // The heading "…工作回顾" when there is one, else the first words that open a review.
  size_t review = t.find(U"工作回顾");
  if (review == std::u32string_view::npos) {
    for (std::u32string_view w : {U"过去一年", U"过去五年", U"一年来", U"回顾过去"})
      review = std::min(review, t.find(w));
  }
  if (review != std::u32string_view::npos) start = review;
  for (size_t i = start; i < t.size(); ++i) {
    char32_t c = t[i];
    if (c == U'年' && report_year) {
      if (YearEndingAt(t, i) == report_year) {
        // "2021年1月" is a date, "比2021年" a comparison.
        for (std::u32string_view w : kPlanAfterYear) {
          if (At(t, i + 1, w)) {
            // "2021年是…" counts only when it opens a sentence or heading.
            if (w == U"是" || w == U"全市" || w == U"全区" || w == U"全县" || w == U"全镇" ||
                w == U"发展") {
              char32_t before = i >= 5 ? t[i - 5] : U'。';
              if (!(before == U'。' || before == U' ' || before == U'\n' || before == U'、' ||
                    before == U'排' || before == U'!')) {
                continue;
              }
              // …and when a target follows soon (not "2021年是建党100周年" inside the review).
              if (w == U"是" || w == U"发展") {
                bool target_soon = false;
                for (size_t j = i; j < std::min(t.size(), i + 600); ++j) {
                  if (At(t, j, U"目标") || At(t, j, U"安排") || At(t, j, U"要求")) {
                    target_soon = true;
                    break;
                  }
                }
                if (!target_soon) continue;
              }
            }
            layout.plan_begin = i - 4;
            return layout;
          }
        }
      }
      continue;
    }
    if (c != U'工' && c != U'主' && c != U'预' && c != U'今' && c != U'总' && c != U'发' &&
        c != U'明')
      continue;
    for (std::u32string_view w : kPlanAnywhere) {
      if (c == w[0] && At(t, i, w)) {
        // "经济社会发展主要预期目标较好完成" reports last year's targets as met.
        if (MetRightAfter(t, i + w.size())) continue;
        layout.plan_begin = i;
        return layout;
      }
    }
  }
  return layout;
}

int GuessReportYear(std::u32string_view t) {
  size_t n = t.size();
  for (size_t i = 0; i < n; ++i) {
    if (t[i] == U'年') {
      int y = YearEndingAt(t, i);
      if (!y) continue;
      // "2020年工作回顾", "2020年及“十三五”时期工作回顾": reviewed year, report is the next.
      for (size_t j = i + 1; j < std::min(n, i + 16); ++j) {
        if (At(t, j, U"工作回顾") || At(t, j, U"工作总结")) return y + 1;
      }
    }
  }
  // The meeting line near the top: "2021年2月1日在…人民代表大会".
  for (size_t i = 0; i < std::min<size_t>(n, 600); ++i) {
    if (t[i] == U'年') {
      int y = YearEndingAt(t, i);
      if (y) return y;
    }
  }
  return 0;
}

}  // namespace govreport::extract
