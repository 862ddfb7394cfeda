#ifndef GOVREPORT_COMMON_EXTRACT_METADATA_H_
#define GOVREPORT_COMMON_EXTRACT_METADATA_H_

#include "common/regions/divisions.h"
#include "common/text/folded_text.h"
#include "govreport/v1/report.pb.h"

namespace govreport::extract {

// Reads the document-level metadata of one report (see shared/eval/GUIDE.md, section 1) from its
// text: the title line (if any) followed by the body, as text::SplitReports cuts it.
//
//  - region: the jurisdiction whose government speaks, from the meeting line ("在揭阳市榕城区
//    第六届人民代表大会"), the title ("2021年榕城区政府工作报告"), a party plenary line
//    ("中共云浮市委员会"), the speaker line ("云浮市市长王胜") or "我代表X人民政府", in that
//    order; "我代表国务院" or the National People's Congress gives 全国 (level national, no
//    code). Shared names are resolved from the places the title and opening mention
//    (regions::RegionResolver); the code stays empty when they do not decide.
//  - report_year: year of the meeting date, else of the title ("2020年花都区政府工作报告"), else
//    the reviewed year plus one.
//  - review_year: from the review heading ("一、2020年工作回顾", "2020年及“十三五”时期工作
//    回顾", "现将2019年工作总结报告如下"), else report_year - 1 (the same year for a party
//    plenary held late in the year).
//  - meeting_date: only a date followed by the meeting it was delivered at ("2021年2月1日在…
//    会议上", Chinese numerals too); page dates ("更新时间:2023-03-07") are never taken.
//  - speaker: "云浮市市长王胜" -> {王胜, 市长}; "代区长;李坤" -> {李坤, 代区长}.
//  - doc_type: party_committee_report for plenary reports of a party committee, other for news
//    summaries (记者, 本报讯, 报道) and text in which no report is recognized, else
//    government_work_report.
//  - title: the title line in the original script.
// Never fails; fields it cannot establish are left empty (0 for years).
govreport::v1::ReportMetadata ExtractMetadata(const text::FoldedText& text,
                                              const regions::Divisions& divisions);

}  // namespace govreport::extract

#endif  // GOVREPORT_COMMON_EXTRACT_METADATA_H_
