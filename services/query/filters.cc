#include "services/query/filters.h"
#include "services/query/absl_view.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace govreport::query {
namespace {
std::optional<int> ParseYear(std::string_view s) {
  int year = 0;
  if (s.size() != 4 || !absl::ascii_isdigit(s[0]) || !absl::SimpleAtoi(AV(s), &year)) return std::nullopt;
  for (char c : s) {
    if (!absl::ascii_isdigit(c)) return std::nullopt;
  }
  return year;
}
}  // namespace

ReportFilter::ReportFilter(const v1::RegionFilter& region, int year_from, int year_to,
                           v1::DocType doc_type)
    : region_(region), year_from_(year_from), year_to_(year_to), doc_type_(doc_type) {}

bool ReportFilter::Matches(const IndexedDoc& doc) const {
  const v1::ReportMetadata& meta = doc.report.meta();
  if (year_from_ != 0 && meta.report_year() < year_from_) return false;
  if (year_to_ != 0 && meta.report_year() > year_to_) return false;
  if (doc_type_ != v1::DOC_TYPE_UNSPECIFIED && meta.doc_type() != doc_type_) return false;
  return region_.Matches(meta.region().level(), doc.region);
}

DocRegionFilter::DocRegionFilter(const v1::RegionFilter& filter)
    : matcher_(filter), by_level_(filter.level() != v1::LEVEL_UNSPECIFIED), by_self_(false),
      by_within_(!absl::StripAsciiWhitespace(filter.within()).empty()) {
  for (const std::string& r : filter.regions()) by_self_ = by_self_ || !absl::StripAsciiWhitespace(r).empty();
}

bool DocRegionFilter::Matches(const IndexedDoc& doc) const {
  // RegionMatcher looks at the level only when the filter names one.
  const v1::RegionLevel level = by_level_ ? doc.report.meta().region().level() : v1::LEVEL_UNSPECIFIED;
  return matcher_.Matches(level, doc.region);
}

void DocRegionFilter::Keep(std::vector<const IndexedDoc*>* docs) const {
  if (empty()) return;
  // Identifier lists are fetched kListAhead documents ahead, the documents themselves
  // kDocAhead ahead, so each test finds its memory in cache.
  constexpr size_t kListAhead = 4, kDocAhead = 8;
  std::vector<const IndexedDoc*>& v = *docs;
  const size_t n = v.size();
  size_t kept = 0;
  for (size_t i = 0; i < n; ++i) {
    if (i + kDocAhead < n) {
      __builtin_prefetch(&v[i + kDocAhead]->region, 0, 3);
      if (by_level_) __builtin_prefetch(&v[i + kDocAhead]->report, 0, 3);
    }
    if (i + kListAhead < n) {
      const RegionIdentity& ahead = v[i + kListAhead]->region;
      if (by_self_) __builtin_prefetch(ahead.self.data(), 0, 3);
      if (by_within_) __builtin_prefetch(ahead.within.data(), 0, 3);
    }
    if (Matches(*v[i])) v[kept++] = v[i];
  }
  v.resize(kept);
}

std::optional<YearSpan> ParsePeriod(std::string_view period) {
  if (auto year = ParseYear(period.substr(0, 4)); year && period.size() >= 4) {
    if (period.size() == 4) return YearSpan{*year, *year};
    if (period.size() == 6 && period[4] == 'Q' && period[5] >= '1' && period[5] <= '4') {
      return YearSpan{*year, *year};
    }
    if (period.size() == 9 && period[4] == '-') {
      if (auto last = ParseYear(period.substr(5)); last && *last >= *year) return YearSpan{*year, *last};
    }
  }
  return std::nullopt;
}

absl::StatusOr<std::optional<int>> ParsePeriodBound(std::string_view field, std::string_view value) {
  const std::string_view v = SV(absl::StripAsciiWhitespace(AV(value)));
  if (v.empty()) return std::optional<int>();
  auto span = ParsePeriod(v);
  if (!span || span->first != span->last) {
    return absl::InvalidArgumentError(absl::StrCat("malformed ", AV(field), " \"", AV(value),
                                                   "\": expected a year such as \"2020\""));
  }
  return std::optional<int>(span->first);
}

}  // namespace govreport::query
