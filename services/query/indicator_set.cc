#include "services/query/indicator_set.h"
#include "services/query/absl_view.h"

#include "absl/strings/str_cat.h"

namespace govreport::query {

IndicatorSet::IndicatorSet(std::vector<v1::Indicator> indicators)
    : indicators_(std::move(indicators)) {
  for (size_t i = 0; i < indicators_.size(); ++i) index_.emplace(indicators_[i].id(), i);
}

absl::Status IndicatorSet::Validate(std::string_view id) const {
  if (id.empty()) return absl::InvalidArgumentError("indicator is required; ListIndicators lists valid ids");
  if (Contains(id)) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("unknown indicator \"", AV(id), "\"; ListIndicators lists valid ids"));
}

absl::Status IndicatorSet::ValidateAll(
    const google::protobuf::RepeatedPtrField<std::string>& ids) const {
  for (const std::string& id : ids) {
    if (absl::Status s = Validate(id); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace govreport::query
