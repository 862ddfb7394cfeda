#ifndef GOVREPORT_COMMON_TEXT_SPLIT_H_
#define GOVREPORT_COMMON_TEXT_SPLIT_H_

#include <string>
#include <string_view>
#include <vector>

namespace govreport::text {

// One report cut out of a normalized document.
struct ReportSlice {
  // The report's text: title line (if any) and body; page boilerplate (site navigation, page
  // dates, 联系我们/企业入驻 footers, encyclopedia info boxes) removed.
  std::string text;
  // The title line ("【云浮招商】云浮市政府工作报告"), empty when none was found.
  std::string title;
};

// Splits a normalized document into the reports it holds, in document order. A bundle such as
// an investment-promotion page with ten reports gives ten slices. Never returns an empty vector
// for text with any non-space character: a document in which no report is recognized comes back
// as one slice holding its cleaned text.
std::vector<ReportSlice> SplitReports(std::string_view normalized_text);

}  // namespace govreport::text

#endif  // GOVREPORT_COMMON_TEXT_SPLIT_H_
