#include "common/regions/divisions.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "common/data/embedded.h"
#include "common/regions/names.h"

namespace govreport::regions {

using govreport::v1::RegionLevel;

struct Divisions::Impl {
  std::vector<Division> all;
  // Keys view the embedded table, which lives as long as the program: no copies to make.
  absl::flat_hash_map<absl::string_view, std::vector<int>> by_name;
  absl::flat_hash_map<absl::string_view, std::vector<int>> by_short_name;
  absl::flat_hash_map<absl::string_view, int> by_code;
};

namespace {

bool ParseLevel(std::string_view s, RegionLevel* level) {
  if (s == "province") {
    *level = v1::LEVEL_PROVINCE;
  } else if (s == "prefecture") {
    *level = v1::LEVEL_PREFECTURE;
  } else if (s == "county") {
    *level = v1::LEVEL_COUNTY;
  } else if (s == "district") {
    *level = v1::LEVEL_DISTRICT;
  } else if (s == "town") {
    *level = v1::LEVEL_TOWN;
  } else {
    return false;
  }
  return true;
}

// This Abseil build has its own string_view type; the public API speaks std::string_view.
absl::string_view AsAbsl(std::string_view s) { return absl::string_view(s.data(), s.size()); }

// The next line of `text` from `*pos` (without the newline), advancing `*pos` past it.
std::string_view NextLine(std::string_view text, size_t* pos) {
  const size_t end = std::min(text.find('\n', *pos), text.size());
  std::string_view line = text.substr(*pos, end - *pos);
  *pos = end + 1;
  return line;
}

// Splits `line` at tabs into at most `max` leading fields; returns the total number of fields.
size_t SplitTabs(std::string_view line, std::string_view* fields, size_t max) {
  size_t n = 0;
  for (size_t start = 0;; ++n) {
    const size_t tab = line.find('\t', start);
    if (n < max) fields[n] = line.substr(start, tab == std::string_view::npos ? line.npos : tab - start);
    if (tab == std::string_view::npos) return n + 1;
    start = tab + 1;
  }
}

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

}  // namespace

Divisions::Divisions() : impl_(std::make_unique<Impl>()) {}
Divisions::~Divisions() = default;

absl::StatusOr<std::unique_ptr<Divisions>> Divisions::Load() {
  std::unique_ptr<Divisions> d(new Divisions());
  Impl& impl = *d->impl_;
  const std::string_view tsv = data::DivisionsTsv();
  const size_t expected = tsv.size() / 32;
  impl.all.reserve(expected);
  impl.by_code.reserve(expected);
  impl.by_name.reserve(expected);
  impl.by_short_name.reserve(expected);
  int line_no = 0;
  for (size_t pos = 0; pos < tsv.size();) {
    std::string_view line = NextLine(tsv, &pos);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    std::string_view f[4];
    const size_t fields = SplitTabs(line, f, 4);
    auto bad = [&](std::string_view why) {
      return absl::DataLossError("data/divisions.tsv line " + std::to_string(line_no) + ": " +
                                 std::string(why) + ": " + std::string(line));
    };
    if (fields != 4) return bad("expected 4 tab-separated fields");
    Division div;
    if (!AllDigits(f[0]) || (f[0].size() != 6 && f[0].size() != 9)) return bad("bad code");
    if (f[1].empty()) return bad("empty name");
    if (!ParseLevel(f[2], &div.level)) return bad("unknown level");
    div.code = std::string(f[0]);
    div.name = std::string(f[1]);
    if (!f[3].empty()) {
      // The generator writes parents before children, so one pass resolves them.
      auto it = impl.by_code.find(AsAbsl(f[3]));
      if (it == impl.by_code.end()) return bad("parent code not defined earlier");
      div.parent = it->second;
    } else if (div.level != v1::LEVEL_PROVINCE) {
      return bad("only provinces may lack a parent");
    }
    const int index = static_cast<int>(impl.all.size());
    if (!impl.by_code.emplace(AsAbsl(f[0]), index).second) return bad("duplicate code");
    impl.by_name[AsAbsl(f[1])].push_back(index);
    const std::string_view short_name = ShortNamePrefix(f[1]);
    if (!short_name.empty()) impl.by_short_name[AsAbsl(short_name)].push_back(index);
    impl.all.push_back(std::move(div));
  }
  if (impl.all.empty()) return absl::DataLossError("data/divisions.tsv holds no divisions");
  return d;
}

const Divisions& Divisions::Default() {
  static const Divisions* const instance = [] {
    absl::StatusOr<std::unique_ptr<Divisions>> loaded = Load();
    if (!loaded.ok()) {
      std::fprintf(stderr, "govreport: cannot load divisions: %s\n",
                   loaded.status().ToString().c_str());
      std::abort();
    }
    return loaded->release();
  }();
  return *instance;
}

const std::vector<Division>& Divisions::all() const { return impl_->all; }

const std::vector<int>& Divisions::FindByName(std::string_view name) const {
  static const std::vector<int>* const kNone = new std::vector<int>();
  auto it = impl_->by_name.find(AsAbsl(name));
  return it == impl_->by_name.end() ? *kNone : it->second;
}

const std::vector<int>& Divisions::FindByShortName(std::string_view short_name) const {
  static const std::vector<int>* const kNone = new std::vector<int>();
  auto it = impl_->by_short_name.find(AsAbsl(short_name));
  return it == impl_->by_short_name.end() ? *kNone : it->second;
}

int Divisions::FindByCode(std::string_view code) const {
  auto it = impl_->by_code.find(AsAbsl(code));
  return it == impl_->by_code.end() ? -1 : it->second;
}

int Divisions::ProvinceOf(int i) const {
  const auto& all = impl_->all;
  if (i < 0 || i >= static_cast<int>(all.size())) return -1;
  while (all[i].parent >= 0) i = all[i].parent;
  return all[i].level == v1::LEVEL_PROVINCE ? i : -1;
}

bool Divisions::IsWithin(int i, int ancestor) const {
  const auto& all = impl_->all;
  if (ancestor < 0 || ancestor >= static_cast<int>(all.size())) return false;
  while (i >= 0 && i < static_cast<int>(all.size())) {
    if (i == ancestor) return true;
    i = all[i].parent;
  }
  return false;
}

govreport::v1::Region Divisions::ToRegion(int i) const {
  govreport::v1::Region region;
  const auto& all = impl_->all;
  if (i < 0 || i >= static_cast<int>(all.size())) return region;
  const Division& d = all[i];
  region.set_name(d.name);
  region.set_code(d.code);
  region.set_level(d.level);
  // Parent per the guide: the level below the province (never the province itself).
  if (d.level != v1::LEVEL_PROVINCE && d.level != v1::LEVEL_PREFECTURE && d.parent >= 0 &&
      all[d.parent].level != v1::LEVEL_PROVINCE) {
    region.set_parent(all[d.parent].name);
  }
  const int province = ProvinceOf(i);
  if (province >= 0) region.set_province(all[province].name);
  return region;
}

}  // namespace govreport::regions
