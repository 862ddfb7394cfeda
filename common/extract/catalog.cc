#include "common/extract/catalog.h"

#include <cstdio>
#include <cstdlib>
#include <set>

#include "absl/status/status.h"
#include "common/data/embedded.h"

namespace govreport::extract {
namespace {

// absl's string helpers take absl::string_view, which is not std::string_view in this build.
std::vector<std::string_view> SplitOn(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t next = s.find(sep, start);
    parts.push_back(s.substr(start, next == std::string_view::npos ? s.npos : next - start));
    if (next == std::string_view::npos) return parts;
    start = next + 1;
  }
}

std::string_view StripTrailing(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

absl::StatusOr<std::unique_ptr<IndicatorCatalog>> IndicatorCatalog::Parse(std::string_view tsv) {
  auto catalog = std::unique_ptr<IndicatorCatalog>(new IndicatorCatalog());
  std::set<std::string, std::less<>> ids;
  int line_no = 0;
  for (std::string_view line : SplitOn(tsv, '\n')) {
    ++line_no;
    line = StripTrailing(line);
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string_view> cols = SplitOn(line, '\t');
    auto error = [&](std::string_view what) {
      return absl::InvalidArgumentError("indicator catalog line " + std::to_string(line_no) + ": " +
                                        std::string(what) + ": \"" + std::string(line) + "\"");
    };
    if (cols.size() != 5) return error("expected 5 tab-separated columns, got " + std::to_string(cols.size()));
    IndicatorDef def;
    def.id = std::string(cols[0]);
    if (def.id.empty()) return error("empty id");
    if (ids.count(def.id)) return error("duplicate id");
    ids.insert(def.id);
    for (std::string_view name : SplitOn(cols[1], '|')) {
      if (name.empty()) continue;
      if (def.name.empty()) {
        if (name.front() == '=') return error("the main name cannot be a share declaration");
        def.name = std::string(name);
      } else {
        def.aliases.emplace_back(name);
      }
    }
    if (def.name.empty()) return error("no name");
    def.unit_class = std::string(cols[2]);
    def.category = std::string(cols[3]);
    if (def.unit_class.empty()) return error("empty unit_class");
    if (cols[4] == "1") {
      def.core = true;
    } else if (cols[4] != "0") {
      return error("core must be 0 or 1");
    }
    catalog->indicators_.push_back(std::move(def));
  }
  if (catalog->indicators_.empty()) return absl::InvalidArgumentError("indicator catalog is empty");
  return catalog;
}

const IndicatorCatalog& IndicatorCatalog::Default() {
  static const IndicatorCatalog* const catalog = [] {
    auto parsed = Parse(data::IndicatorCatalogTsv());
    if (!parsed.ok()) {
      std::fprintf(stderr, "embedded data/indicators.tsv is malformed: %s\n",
                   std::string(parsed.status().message()).c_str());
      std::abort();
    }
    return parsed->release();
  }();
  return *catalog;
}

const IndicatorDef* IndicatorCatalog::Find(std::string_view id) const {
  for (const IndicatorDef& def : indicators_) {
    if (def.id == id) return &def;
  }
  return nullptr;
}

}  // namespace govreport::extract
