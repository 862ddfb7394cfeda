#ifndef GOVREPORT_SERVICES_QUERY_TEST_REPORTS_H_
#define GOVREPORT_SERVICES_QUERY_TEST_REPORTS_H_

// Hand-built reports, regions and indicators for the query service tests (no extractor output).

#include <string>
#include <vector>

#include "govreport/v1/query.pb.h"
#include "govreport/v1/report.pb.h"
#include "services/query/indicator_set.h"
#include "services/query/region_index.h"

namespace govreport::query::testing {

inline v1::Region MakeRegion(std::string name, v1::RegionLevel level, std::string code,
                             std::string parent = "", std::string province = "") {
  v1::Region r;
  r.set_name(std::move(name));
  r.set_level(level);
  r.set_code(std::move(code));
  r.set_parent(std::move(parent));
  r.set_province(std::move(province));
  return r;
}

inline v1::Region Yunfu() { return MakeRegion("云浮市", v1::LEVEL_PREFECTURE, "445300", "", "广东省"); }
inline v1::Region Rongcheng() {
  return MakeRegion("榕城区", v1::LEVEL_DISTRICT, "445202", "揭阳市", "广东省");
}
inline v1::Region Fengquan() {
  return MakeRegion("凤泉区", v1::LEVEL_DISTRICT, "410704", "新乡市", "河南省");
}
inline v1::Region Sishui() { return MakeRegion("泗水镇", v1::LEVEL_TOWN, "", "高州市", "广东省"); }

// 445300 -> 440000, 445202 -> 445200 -> 440000, 410704 -> 410700 -> 410000.
class TestHierarchy : public RegionHierarchy {
 public:
  std::vector<v1::Region> Ancestors(std::string_view code) const override {
    const v1::Region guangdong = MakeRegion("广东省", v1::LEVEL_PROVINCE, "440000");
    const v1::Region henan = MakeRegion("河南省", v1::LEVEL_PROVINCE, "410000");
    if (code == "445300") return {guangdong};
    if (code == "445202") return {MakeRegion("揭阳市", v1::LEVEL_PREFECTURE, "445200"), guangdong};
    if (code == "410704") return {MakeRegion("新乡市", v1::LEVEL_PREFECTURE, "410700"), henan};
    return {};
  }
};

inline IndicatorSet TestIndicators() {
  std::vector<v1::Indicator> list;
  for (const char* id : {"gdp", "budget_revenue", "retail_sales", "cpi"}) {
    v1::Indicator& i = list.emplace_back();
    i.set_id(id);
    i.set_name(id);
  }
  return IndicatorSet(std::move(list));
}

inline v1::Fact MakeFact(std::string indicator, v1::Measure measure, std::string period, v1::Kind kind,
                         double value, std::string unit,
                         v1::Qualifier qualifier = v1::QUALIFIER_UNSPECIFIED) {
  v1::Fact f;
  f.set_indicator(std::move(indicator));
  f.set_measure(measure);
  f.set_period(std::move(period));
  f.set_kind(kind);
  f.set_value(value);
  f.set_unit(std::move(unit));
  f.set_qualifier(qualifier);
  f.mutable_evidence()->set_text("evidence");
  return f;
}

inline v1::Report MakeReport(std::string id, v1::Region region, int year, std::string text,
                             std::vector<v1::Fact> facts = {}, std::string version = "v1") {
  v1::Report r;
  r.set_report_id(std::move(id));
  r.set_normalized_text(std::move(text));
  *r.mutable_meta()->mutable_region() = std::move(region);
  r.mutable_meta()->set_report_year(year);
  r.mutable_meta()->set_review_year(year - 1);
  r.mutable_meta()->set_doc_type(v1::DOC_TYPE_GOVERNMENT_WORK_REPORT);
  r.mutable_source()->set_uri("file:" + r.report_id());
  for (auto& f : facts) *r.add_facts() = std::move(f);
  r.set_extractor_version(std::move(version));
  return r;
}

}  // namespace govreport::query::testing

#endif  // GOVREPORT_SERVICES_QUERY_TEST_REPORTS_H_
