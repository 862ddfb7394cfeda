#ifndef GOVREPORT_SERVICES_QUERY_ABSL_VIEW_H_
#define GOVREPORT_SERVICES_QUERY_ABSL_VIEW_H_

// Debian's Abseil has its own string_view type (not std::string_view): absl::StrCat, the
// heterogeneous lookup of absl hash maps etc. need this conversion for std::string_view values.

#include <string_view>

#include "absl/strings/string_view.h"

namespace govreport::query {

inline absl::string_view AV(std::string_view s) { return absl::string_view(s.data(), s.size()); }
inline std::string_view SV(absl::string_view s) { return std::string_view(s.data(), s.size()); }

}  // namespace govreport::query

#endif  // GOVREPORT_SERVICES_QUERY_ABSL_VIEW_H_
