#ifndef GOVREPORT_SERVICES_CLI_FORMAT_H_
#define GOVREPORT_SERVICES_CLI_FORMAT_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/status/statusor.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "govreport/v1/query.pb.h"
#include "govreport/v1/report.pb.h"

namespace govreport::cli {

// A number with its unit as a person reads it: money and large counts in 万/亿 with at most
// two decimals (100218000000 元 → "1002.18亿元"), percentages as "4.1%", everything else as the
// shortest decimal form ("12 个").
std::string FormatValue(double value, absl::string_view unit);

// A range or qualified target: "6-6.5%", "6%左右", "≥6%", "≤3%".
std::string FormatTarget(double value, std::optional<double> value_high, absl::string_view unit,
                         govreport::v1::Qualifier qualifier);

// Short lower-case name of an enum value without its type prefix (KIND_ACTUAL → "actual",
// LEVEL_PREFECTURE → "prefecture"); "" for the unspecified value.
std::string ShortEnumName(const google::protobuf::EnumDescriptor* type, int number);

// Parses a user's enum word: the short name ("actual"), the full name ("KIND_ACTUAL") or the
// number, case-insensitively. Errors: INVALID_ARGUMENT listing the accepted words.
absl::StatusOr<int> ParseEnum(const google::protobuf::EnumDescriptor* type, absl::string_view word);

// Region for display: "云浮市", "榕城区 (揭阳市)".
std::string FormatRegion(const govreport::v1::Region& region);

// The snippet's text with `open`/`close` around each highlight (highlights count code points).
// Out-of-range or overlapping highlights are clamped rather than trusted.
std::string MarkHighlights(const govreport::v1::Snippet& snippet, absl::string_view open,
                           absl::string_view close);

// One JSON line in the proto3 JSON mapping (lowerCamelCase names, enum names), as grpcurl and
// the scorer read it.
std::string ToJsonLine(const google::protobuf::Message& message);

}  // namespace govreport::cli

#endif  // GOVREPORT_SERVICES_CLI_FORMAT_H_
