#ifndef GOVREPORT_COMMON_EXTRACT_FACTS_H_
#define GOVREPORT_COMMON_EXTRACT_FACTS_H_

#include <string>
#include <vector>

#include "common/extract/catalog.h"
#include "common/extract/indicator_matcher.h"
#include "common/text/folded_text.h"
#include "govreport/v1/report.pb.h"

namespace govreport::extract {

// What the grammar needs to know about the report as a whole.
struct FactContext {
  int report_year = 0;  // plan year; targets are about it
  int review_year = 0;  // reviewed year; actuals are about it
  // The jurisdiction's name, folded ("云浮市"); empty when unknown. Its last character tells
  // whether 全市/全区/全县 in the text is the jurisdiction itself or a level above it.
  std::u32string region_name;
};

// The clause grammar that turns sentences into facts:
//  - a subject (catalog name) is carried across the clauses of a sentence while the words between
//    it and a number are only verbs and fillers (地区生产总值1002.18亿元,增长4.1%,增速排全省第3位);
//  - 分别 lists map numbers to subjects in order, 均 applies one number to every subject;
//  - figures of a company, industry, park, project or subgroup, and 其中 sub-totals, are not
//    attributed to the subject (or to the jurisdiction);
//  - 增长/下降 make growth (signed), 个百分点 a point change, 第N位 a rank with its scope;
//  - the review part gives actuals of the review year, the plan part targets of the plan year with
//    their qualifier; five-year figures become plan goals or spans, quarters "YYYYQn".
// Immutable after construction; Extract() is thread-safe.
class FactGrammar {
 public:
  explicit FactGrammar(const IndicatorCatalog& catalog);

  // Facts of `text`, deduplicated on (indicator, measure, period, kind, value, value_high), in
  // text order.
  std::vector<govreport::v1::Fact> Extract(const text::FoldedText& text,
                                           const FactContext& context) const;

 private:
  struct Indicator {
    std::string id;
    std::string unit_class;
    bool stock = false;
    bool increment = false;  // named as an increase (城镇新增就业): a span's sum, never a level
  };
  friend class SentenceParser;

  std::vector<Indicator> indicators_;
  IndicatorMatcher matcher_;
  // (numerator, denominator) -> share indicator, from "=num/den" catalog names.
  std::vector<std::pair<std::pair<int, int>, int>> shares_;
  // "城乡居民人均可支配收入分别…" names the urban and the rural figure; -1 when not in the catalog.
  int resident_income_ = -1, urban_income_ = -1, rural_income_ = -1;
};

}  // namespace govreport::extract

#endif  // GOVREPORT_COMMON_EXTRACT_FACTS_H_
