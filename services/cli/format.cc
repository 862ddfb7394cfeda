#include "services/cli/format.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/util/json_util.h"

namespace govreport::cli {

namespace {

// Shortest form with at most `decimals` decimals and no trailing zeros.
std::string Decimal(double value, int decimals) {
  std::string text = absl::StrFormat("%.*f", decimals, value);
  if (text.find('.') != std::string::npos) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
  }
  if (text == "-0") text = "0";
  return text;
}

std::string EnumPrefix(const google::protobuf::EnumDescriptor* type) {
  // The common prefix of the value names up to the last underscore ("KIND_", "LEVEL_").
  const google::protobuf::EnumValueDescriptor* zero = type->FindValueByNumber(0);
  if (zero == nullptr) return "";
  const std::string& name = zero->name();
  const size_t cut = name.rfind("_UNSPECIFIED");
  return cut == std::string::npos ? "" : name.substr(0, cut + 1);
}

}  // namespace

std::string FormatValue(double value, absl::string_view unit) {
  const double magnitude = std::fabs(value);
  const bool money_or_count = unit == "元" || unit == "美元" || unit == "人" || unit == "吨" ||
                              unit == "斤" || unit == "户" || unit == "人次";
  if (money_or_count && magnitude >= 1e8) return absl::StrCat(Decimal(value / 1e8, 2), "亿", unit);
  if (money_or_count && magnitude >= 1e4) return absl::StrCat(Decimal(value / 1e4, 2), "万", unit);
  return absl::StrCat(Decimal(value, 4), unit);
}

std::string FormatTarget(double value, std::optional<double> value_high, absl::string_view unit,
                         govreport::v1::Qualifier qualifier) {
  using govreport::v1::Qualifier;
  switch (qualifier) {
    case Qualifier::QUALIFIER_RANGE:
      if (value_high.has_value()) {
        return absl::StrCat(FormatValue(value, ""), "-", FormatValue(*value_high, unit));
      }
      break;
    case Qualifier::QUALIFIER_ABOUT:
      return absl::StrCat(FormatValue(value, unit), "左右");
    case Qualifier::QUALIFIER_AT_LEAST:
      return absl::StrCat("≥", FormatValue(value, unit));
    case Qualifier::QUALIFIER_AT_MOST:
      return absl::StrCat("≤", FormatValue(value, unit));
    default:
      break;
  }
  return FormatValue(value, unit);
}

std::string ShortEnumName(const google::protobuf::EnumDescriptor* type, int number) {
  if (number == 0) return "";
  const google::protobuf::EnumValueDescriptor* value = type->FindValueByNumber(number);
  if (value == nullptr) return absl::StrCat(number);
  std::string name = value->name().substr(EnumPrefix(type).size());
  return absl::AsciiStrToLower(name);
}

absl::StatusOr<int> ParseEnum(const google::protobuf::EnumDescriptor* type,
                              absl::string_view word) {
  const std::string upper = absl::AsciiStrToUpper(word);
  const std::string prefix = EnumPrefix(type);
  std::vector<std::string> accepted;
  for (int i = 0; i < type->value_count(); ++i) {
    const google::protobuf::EnumValueDescriptor* value = type->value(i);
    if (value->number() == 0) continue;
    if (value->name() == upper || value->name() == prefix + upper) return value->number();
    accepted.push_back(ShortEnumName(type, value->number()));
  }
  int number = 0;
  if (absl::SimpleAtoi(word, &number) && type->FindValueByNumber(number) != nullptr) {
    return number;
  }
  return absl::InvalidArgumentError(absl::StrCat("'", word, "' is not a ", type->name(),
                                                 "; use one of: ", absl::StrJoin(accepted, ", ")));
}

std::string FormatRegion(const govreport::v1::Region& region) {
  if (region.parent().empty()) return region.name();
  return absl::StrCat(region.name(), " (", region.parent(), ")");
}

std::string MarkHighlights(const govreport::v1::Snippet& snippet, absl::string_view open,
                           absl::string_view close) {
  const std::string& text = snippet.text();
  // Byte offset of every code point start, plus the end.
  std::vector<size_t> starts;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  starts.push_back(text.size());
  const int count = static_cast<int>(starts.size()) - 1;
  std::string out;
  int done = 0;  // code points copied so far
  for (const auto& h : snippet.highlights()) {
    const int begin = std::clamp(h.begin(), done, count);
    const int end = std::clamp(h.end(), begin, count);
    if (begin == end) continue;
    out.append(text, starts[done], starts[begin] - starts[done]);
    absl::StrAppend(&out, open, text.substr(starts[begin], starts[end] - starts[begin]), close);
    done = end;
  }
  out.append(text, starts[done], std::string::npos);
  return out;
}

std::string ToJsonLine(const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  // A JSON line per message: pretty printing would break the line-per-record contract.
  options.add_whitespace = false;
  auto status = google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) return absl::StrCat("{\"error\":\"", status.ToString(), "\"}");
  return json;
}

}  // namespace govreport::cli
