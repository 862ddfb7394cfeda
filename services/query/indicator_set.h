#ifndef GOVREPORT_SERVICES_QUERY_INDICATOR_SET_H_
#define GOVREPORT_SERVICES_QUERY_INDICATOR_SET_H_

// The indicator ids the query service accepts in filters (the extractor's catalog in production,
// a hand-made list in tests).

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "google/protobuf/repeated_field.h"
#include "govreport/v1/query.pb.h"

namespace govreport::query {

class IndicatorSet {
 public:
  IndicatorSet() = default;
  explicit IndicatorSet(std::vector<v1::Indicator> indicators);

  const std::vector<v1::Indicator>& all() const { return indicators_; }
  bool Contains(std::string_view id) const { return index_.contains(absl::string_view(id.data(), id.size())); }
  // INVALID_ARGUMENT naming the first unknown id (and pointing at ListIndicators); OK otherwise.
  absl::Status Validate(std::string_view id) const;
  absl::Status ValidateAll(const google::protobuf::RepeatedPtrField<std::string>& ids) const;

 private:
  std::vector<v1::Indicator> indicators_;
  absl::flat_hash_map<std::string, size_t> index_;
};

}  // namespace govreport::query

#endif  // GOVREPORT_SERVICES_QUERY_INDICATOR_SET_H_
