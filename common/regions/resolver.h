#ifndef GOVREPORT_COMMON_REGIONS_RESOLVER_H_
#define GOVREPORT_COMMON_REGIONS_RESOLVER_H_

#include <string_view>
#include <vector>

#include "common/regions/divisions.h"
#include "govreport/v1/report.pb.h"

namespace govreport::regions {

// Decides which division a region name found in a report denotes, from the other places the
// report mentions. Many names are shared (泗水镇 in 高州市, 平远县 and 古浪县; 南山区 in 深圳市
// and 鹤岗市); a candidate is chosen only when the cues favour it over every other one, never
// by guessing. Stateless beyond the reference to `divisions`; thread-safe.
class RegionResolver {
 public:
  // `divisions` must outlive the resolver.
  explicit RegionResolver(const Divisions& divisions);

  // Indices of the divisions `name` may denote: those with exactly this name; else (a short
  // form such as 榕城, or a renamed place such as 增城市 for 增城区) those whose short name
  // matches. Restricted to `level_hint` when it is not LEVEL_UNSPECIFIED and some candidate has
  // that level.
  std::vector<int> Candidates(std::string_view name,
                              govreport::v1::RegionLevel level_hint) const;

  // The division `name` denotes, or -1 when there is no candidate or the cues do not decide.
  // A single candidate is taken as is. Among several, each scores the mentions in `cues`
  // (simplified text, typically the opening of the body) of its ancestors' full or short names
  // (province mentions count less than prefecture/county ones, and mentions of `name` itself
  // are ignored) and of its own children's full names; mentions in `headline` (the title line
  // with its 【X招商】 heading: sites file a report under its place) count more. The strict
  // winner with a positive score is chosen.
  int Resolve(std::string_view name, std::string_view cues,
              govreport::v1::RegionLevel level_hint = govreport::v1::LEVEL_UNSPECIFIED,
              std::string_view headline = {}) const;

  // Resolve() as a Region message. When resolved: Divisions::ToRegion, with the official full
  // name when `name` was a short form. Otherwise `name` as given, code empty, level from the
  // suffix (or the candidates' common level, or `level_hint`), and parent/province only when all
  // candidates agree on them. A renamed place (written name not in the table, e.g. 增城市 after
  // it became 增城区) gets parent and province but no code, since its code changed too.
  govreport::v1::Region ResolveRegion(
      std::string_view name, std::string_view cues,
      govreport::v1::RegionLevel level_hint = govreport::v1::LEVEL_UNSPECIFIED,
      std::string_view headline = {}) const;

 private:
  enum class Match { kNone, kExact, kShortForm, kRenamed };
  std::vector<int> FindCandidates(std::string_view name, govreport::v1::RegionLevel level_hint,
                                  Match* match) const;
  int Choose(const std::vector<int>& candidates, std::string_view name, std::string_view cues,
             std::string_view headline) const;
  // Weighted evidence in `text` (already masked) for candidate `c`.
  int Evidence(int c, const std::string& text) const;

  const Divisions& divisions_;
};

}  // namespace govreport::regions

#endif  // GOVREPORT_COMMON_REGIONS_RESOLVER_H_
