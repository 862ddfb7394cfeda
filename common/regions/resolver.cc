#include "common/regions/resolver.h"

#include <string>
#include <utility>

#include "common/regions/names.h"

namespace govreport::regions {
namespace {

using govreport::v1::RegionLevel;

// Non-overlapping occurrences of `needle` in `haystack` (UTF-8 is self-synchronizing, so byte
// search never matches inside a character).
int CountOccurrences(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return 0;
  int n = 0;
  for (size_t pos = haystack.find(needle); pos != std::string_view::npos;
       pos = haystack.find(needle, pos + needle.size())) {
    ++n;
  }
  return n;
}

// `text` with every occurrence of `from` replaced by a placeholder that matches no name.
std::string Mask(std::string text, std::string_view from) {
  if (from.empty()) return text;
  for (size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + 1)) {
    text.replace(pos, from.size(), "#");
  }
  return text;
}

// A nearer ancestor (prefecture, county) tells more places apart than a province does, and
// province names turn up in every report of that province anyway.
int AncestorWeight(RegionLevel level) { return level == v1::LEVEL_PROVINCE ? 1 : 3; }
constexpr int kChildWeight = 2;
// A site files a report under its place (【高州市招商】), a stronger sign than one mention in
// passing in the body.
constexpr int kHeadlineWeight = 3;
// Three CJK characters: two-character names (东区) are too generic to tell places apart.
constexpr size_t kMinChildNameBytes = 9;

}  // namespace

RegionResolver::RegionResolver(const Divisions& divisions) : divisions_(divisions) {}

std::vector<int> RegionResolver::Candidates(std::string_view name,
                                            RegionLevel level_hint) const {
  Match match;
  return FindCandidates(name, level_hint, &match);
}

std::vector<int> RegionResolver::FindCandidates(std::string_view name, RegionLevel level_hint,
                                                Match* match) const {
  std::vector<int> found = divisions_.FindByName(name);
  *match = Match::kExact;
  if (found.empty()) {
    found = divisions_.FindByShortName(name);
    *match = Match::kShortForm;
  }
  if (found.empty()) {
    const std::string short_name = ShortName(name);
    if (!short_name.empty()) found = divisions_.FindByShortName(short_name);
    *match = Match::kRenamed;
    // The written suffix narrows an informal name down (江城县: the county, not 江城区).
    // A 市 was never a town, whatever its short name is shared with.
    const RegionLevel written = LevelFromSuffix(name);
    std::vector<int> at_level;
    for (int i : found) {
      const RegionLevel level = divisions_.all()[i].level;
      if (written != v1::LEVEL_UNSPECIFIED ? level == written : level != v1::LEVEL_TOWN) {
        at_level.push_back(i);
      }
    }
    if (!at_level.empty()) found.swap(at_level);
  }
  if (found.empty()) *match = Match::kNone;
  if (level_hint != v1::LEVEL_UNSPECIFIED) {
    std::vector<int> at_level;
    for (int i : found) {
      if (divisions_.all()[i].level == level_hint) at_level.push_back(i);
    }
    if (!at_level.empty()) found.swap(at_level);
  }
  return found;
}

int RegionResolver::Evidence(int c, const std::string& text) const {
  const auto& all = divisions_.all();
  int score = 0;
  for (int a = all[c].parent; a >= 0; a = all[a].parent) {
    const std::string short_name = ShortName(all[a].name);
    score += CountOccurrences(text, short_name.empty() ? all[a].name : short_name) *
             AncestorWeight(all[a].level);
  }
  return score;
}

int RegionResolver::Choose(const std::vector<int>& candidates, std::string_view name,
                           std::string_view cues, std::string_view headline) const {
  if (candidates.empty()) return -1;
  if (candidates.size() == 1) return candidates[0];
  // The place's own name must not count as evidence for an ancestor whose short name it
  // contains (a 高州镇 inside 高州市 would otherwise vote for itself).
  const std::string own_short = ShortName(name);
  const std::string masked = Mask(Mask(std::string(cues), name), own_short);
  const std::string masked_headline = Mask(Mask(std::string(headline), name), own_short);

  const auto& all = divisions_.all();
  std::vector<int> scores(candidates.size(), 0);
  for (size_t k = 0; k < candidates.size(); ++k) {
    scores[k] = Evidence(candidates[k], masked) +
                kHeadlineWeight * Evidence(candidates[k], masked_headline);
  }
  // Places inside a candidate (the streets of a district, the counties of a prefecture) speak
  // for it too: reports name them without naming their own parent. Each distinct child named
  // counts once; full names only, since children's short names are too often plain words.
  for (size_t i = 0; i < all.size(); ++i) {
    const int parent = all[i].parent;
    if (parent < 0 || all[i].name.size() < kMinChildNameBytes) continue;
    for (size_t k = 0; k < candidates.size(); ++k) {
      if (candidates[k] == parent && (masked.find(all[i].name) != std::string::npos ||
                                      masked_headline.find(all[i].name) != std::string::npos)) {
        scores[k] += kChildWeight;
      }
    }
  }
  int best = -1, best_score = 0, runner_up = 0;
  for (size_t k = 0; k < candidates.size(); ++k) {
    const int score = scores[k];
    if (score > best_score) {
      runner_up = best_score;
      best_score = score;
      best = candidates[k];
    } else if (score > runner_up) {
      runner_up = score;
    }
  }
  return best_score > runner_up ? best : -1;
}

int RegionResolver::Resolve(std::string_view name, std::string_view cues,
                            RegionLevel level_hint, std::string_view headline) const {
  return Choose(Candidates(name, level_hint), name, cues, headline);
}

govreport::v1::Region RegionResolver::ResolveRegion(std::string_view name, std::string_view cues,
                                                    RegionLevel level_hint,
                                                    std::string_view headline) const {
  Match match;
  const std::vector<int> candidates = FindCandidates(name, level_hint, &match);
  const int chosen = Choose(candidates, name, cues, headline);
  const auto& all = divisions_.all();
  // A written full name missing from the table is either an informal form of the same place
  // (江城县 for 江城哈尼族彝族自治县: same level) or a place since renamed (增城市, now 增城区),
  // whose code has changed as well.
  const bool same_place =
      match != Match::kRenamed ||
      (chosen >= 0 && LevelFromSuffix(name) != v1::LEVEL_UNSPECIFIED &&
       LevelFromSuffix(name) == all[chosen].level);
  if (chosen >= 0 && same_place) return divisions_.ToRegion(chosen);

  govreport::v1::Region region;
  region.set_name(std::string(name));
  RegionLevel level = LevelFromSuffix(name);
  if (level == v1::LEVEL_UNSPECIFIED && match == Match::kRenamed && chosen >= 0) {
    // A 市 that became a district or county was a county-level city; one that is still a
    // prefecture under a new name was a prefecture.
    level = all[chosen].level == v1::LEVEL_PREFECTURE ? v1::LEVEL_PREFECTURE : v1::LEVEL_COUNTY;
  } else if (level == v1::LEVEL_UNSPECIFIED && match != Match::kRenamed && !candidates.empty()) {
    level = all[candidates[0]].level;
    for (int c : candidates) {
      if (all[c].level != level) level = v1::LEVEL_UNSPECIFIED;
    }
  }
  if (level == v1::LEVEL_UNSPECIFIED) level = level_hint;
  region.set_level(level);
  // Parent and province from the candidates when they all agree (or from the chosen one).
  std::vector<int> agree = chosen >= 0 ? std::vector<int>{chosen} : candidates;
  if (!agree.empty()) {
    const govreport::v1::Region first = divisions_.ToRegion(agree[0]);
    bool same_parent = true, same_province = true;
    for (int c : agree) {
      const govreport::v1::Region r = divisions_.ToRegion(c);
      same_parent = same_parent && r.parent() == first.parent();
      same_province = same_province && r.province() == first.province();
    }
    if (same_parent && level != v1::LEVEL_PROVINCE && level != v1::LEVEL_PREFECTURE) {
      region.set_parent(first.parent());
    }
    if (same_province) region.set_province(first.province());
  }
  return region;
}

}  // namespace govreport::regions
