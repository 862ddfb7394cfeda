#include "services/query/defaults.h"

#include <vector>

namespace govreport::query {
namespace {

class DivisionsHierarchy : public RegionHierarchy {
 public:
  explicit DivisionsHierarchy(const regions::Divisions& divisions) : divisions_(divisions) {}

  std::vector<v1::Region> Ancestors(std::string_view code) const override {
    std::vector<v1::Region> out;
    int i = divisions_.FindByCode(code);
    if (i < 0) return out;
    for (int p = divisions_.all()[i].parent; p >= 0 && out.size() < 8;
         p = divisions_.all()[p].parent) {
      out.push_back(divisions_.ToRegion(p));
    }
    return out;
  }

 private:
  const regions::Divisions& divisions_;
};

}  // namespace

std::unique_ptr<RegionHierarchy> MakeDivisionsHierarchy(const regions::Divisions& divisions) {
  return std::make_unique<DivisionsHierarchy>(divisions);
}

IndicatorSet MakeIndicatorSet(const extract::IndicatorCatalog& catalog) {
  std::vector<v1::Indicator> indicators;
  for (const extract::IndicatorDef& def : catalog.all()) {
    v1::Indicator& out = indicators.emplace_back();
    out.set_id(def.id);
    out.set_name(def.name);
    for (const std::string& alias : def.aliases) out.add_aliases(alias);
    out.set_unit_class(def.unit_class);
    out.set_category(def.category);
    out.set_core(def.core);
  }
  return IndicatorSet(std::move(indicators));
}

}  // namespace govreport::query
