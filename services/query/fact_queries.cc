#include "services/query/fact_queries.h"
#include "services/query/absl_view.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/query/fact_scan.h"
#include "services/query/filters.h"
#include "services/query/page_sort.h"
#include "services/query/page_token.h"

namespace govreport::query {
namespace {

struct FactRef {
  const IndexedDoc* doc;
  int index;
  const v1::Fact& fact() const { return doc->facts[index]; }
  int year() const { return doc->report.meta().report_year(); }
};

// Later reports first; docnum breaks ties so every order is deterministic.
bool NewerReport(const IndexedDoc* a, const IndexedDoc* b) {
  const int ya = a->report.meta().report_year(), yb = b->report.meta().report_year();
  if (ya != yb) return ya > yb;
  return a->docnum > b->docnum;
}

// The widest period range (in years) looked up year by year; wider ones scan by indicator.
constexpr int kMaxYearsLookedUp = 40;

// Documents worth scanning, ascending by docnum: those with one of the ids of `lookup` (all live
// documents when it is empty) and, when both period bounds are given, a fact of one of those ids
// starting in the range (a fact can only pass the period filter if it starts there).
std::vector<const IndexedDoc*> CandidateDocs(const ReportStore::Reader& reader,
                                             const IndicatorLookup& lookup,
                                             std::optional<int> from = std::nullopt,
                                             std::optional<int> to = std::nullopt) {
  if (!lookup.empty() && from && to && *to >= *from && *to - *from < kMaxYearsLookedUp) {
    std::vector<uint32_t> docnums;
    for (const std::string& id : lookup.ids()) {
      for (int year = *from; year <= *to; ++year) {
        if (const auto* with = reader.DocsWithIndicatorFrom(id, year)) {
          docnums.insert(docnums.end(), with->begin(), with->end());
        }
      }
    }
    std::sort(docnums.begin(), docnums.end());
    docnums.erase(std::unique(docnums.begin(), docnums.end()), docnums.end());
    std::vector<const IndexedDoc*> docs;
    docs.reserve(docnums.size());
    for (uint32_t docnum : docnums) {
      if (const IndexedDoc* doc = reader.Get(docnum)) docs.push_back(doc);
    }
    return docs;
  }
  std::vector<const IndexedDoc*> docs;
  if (lookup.empty()) {
    docs.reserve(reader.docs().size());
    for (const auto& doc : reader.docs()) {
      if (doc != nullptr) docs.push_back(doc.get());
    }
    return docs;
  }
  if (lookup.size() == 1) {
    if (const auto* with = reader.DocsWithIndicator(lookup.ids()[0])) {
      docs.reserve(with->size());
      for (uint32_t docnum : *with) {
        if (const IndexedDoc* doc = reader.Get(docnum)) docs.push_back(doc);
      }
    }
    return docs;
  }
  std::vector<uint32_t> docnums;
  for (const std::string& id : lookup.ids()) {
    if (const auto* with = reader.DocsWithIndicator(id)) docnums.insert(docnums.end(), with->begin(), with->end());
  }
  std::sort(docnums.begin(), docnums.end());
  docnums.erase(std::unique(docnums.begin(), docnums.end()), docnums.end());
  docs.reserve(docnums.size());
  for (uint32_t docnum : docnums) {
    if (const IndexedDoc* doc = reader.Get(docnum)) docs.push_back(doc);
  }
  return docs;
}

// Calls visit(doc, index) for the facts of `docs` with one of the ids of `lookup` (every fact
// when it is empty): document by document, a document's facts by id then position.
template <typename Visit>
void ForEachRequestedFact(const std::vector<const IndexedDoc*>& docs, const IndicatorLookup& lookup,
                          Visit&& visit) {
  if (lookup.empty()) {
    for (const IndexedDoc* doc : docs) {
      for (int i = 0; i < static_cast<int>(doc->facts.size()); ++i) visit(*doc, i);
    }
    return;
  }
  ForEachIndicatorFacts(docs, lookup, [&](const IndexedDoc& doc, const std::vector<int>& indices) {
    for (int i : indices) visit(doc, i);
  });
}

void FillRecord(const FactRef& ref, v1::FactRecord* record) {
  *record->mutable_fact() = ref.fact();
  *record->mutable_region() = ref.doc->report.meta().region();
  record->set_report_id(ref.doc->report.report_id());
  record->set_report_year(ref.year());
  record->set_extractor_version(ref.doc->report.extractor_version());
}

v1::Observation ToObservation(const FactRef& ref) {
  const v1::Fact& f = ref.fact();
  v1::Observation o;
  o.set_value(f.value());
  if (f.has_value_high()) o.set_value_high(f.value_high());
  o.set_unit(f.unit());
  o.set_qualifier(f.qualifier());
  o.set_report_id(ref.doc->report.report_id());
  o.set_report_year(ref.year());
  *o.mutable_evidence() = f.evidence();
  return o;
}

v1::Measure MeasureOrValue(v1::Measure m) {
  return m == v1::MEASURE_UNSPECIFIED ? v1::MEASURE_VALUE : m;
}

}  // namespace

absl::StatusOr<v1::QueryFactsResponse> QueryFacts(const ReportStore::Reader& reader,
                                                  const IndicatorSet& indicators,
                                                  const v1::QueryFactsRequest& request) {
  if (absl::Status s = indicators.ValidateAll(request.indicators()); !s.ok()) return s;
  auto from = ParsePeriodBound("period_from", request.period_from());
  if (!from.ok()) return from.status();
  auto to = ParsePeriodBound("period_to", request.period_to());
  if (!to.ok()) return to.status();
  const uint64_t fingerprint = RequestFingerprint("QueryFacts", request);
  auto offset = DecodePageToken(request.page_token(), fingerprint);
  if (!offset.ok()) return offset.status();
  const int page_size = ClampPageSize(request.page_size());

  const IndicatorLookup lookup(request.indicators());
  std::vector<const IndexedDoc*> docs = CandidateDocs(reader, lookup, *from, *to);
  DocRegionFilter(request.region()).Keep(&docs);
  // Sort fields resolved once per row: the region's rank among the matching regions' keys and
  // the period's first year; strings are compared only to break ties.
  struct Row {
    int region_rank;
    int first_year;
    FactRef ref;
  };
  std::vector<Row> rows;
  std::vector<std::string_view> region_keys;
  absl::flat_hash_map<std::string_view, int> region_ids;
  const IndexedDoc* region_id_doc = nullptr;  // the document region_id belongs to
  int region_id = -1;
  ForEachRequestedFact(docs, lookup, [&](const IndexedDoc& doc, int i) {
    const FactSummary& f = doc.fact_summaries[i];
    if (request.kind() != v1::KIND_UNSPECIFIED && f.kind != request.kind()) return;
    if (request.measure() != v1::MEASURE_UNSPECIFIED && f.measure != request.measure()) return;
    if (*from || *to) {
      if (f.first_year == 0) return;
      if (*from && f.first_year < **from) return;
      if (*to && f.last_year > **to) return;
    }
    if (region_id_doc != &doc) {
      auto [it, inserted] = region_ids.try_emplace(doc.region.key, static_cast<int>(region_keys.size()));
      if (inserted) region_keys.push_back(doc.region.key);
      region_id = it->second;
      region_id_doc = &doc;
    }
    rows.push_back({region_id, f.first_year, FactRef{&doc, i}});
  });
  {
    std::vector<int> order(region_keys.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return region_keys[a] < region_keys[b]; });
    std::vector<int> rank(order.size());
    for (size_t r = 0; r < order.size(); ++r) rank[order[r]] = static_cast<int>(r);
    for (Row& row : rows) row.region_rank = rank[row.region_rank];
  }

  // Period order: by first year, then the period string ("2020" < "2020-2025" < "2020Q1").
  auto period_less = [](const Row& a, const Row& b) {
    if (a.first_year != b.first_year) return a.first_year < b.first_year;
    return a.ref.fact().period() < b.ref.fact().period();
  };
  auto period_equal = [](const Row& a, const Row& b) {
    return a.first_year == b.first_year && a.ref.fact().period() == b.ref.fact().period();
  };
  auto default_less = [&](const Row& a, const Row& b) {
    if (a.region_rank != b.region_rank) return a.region_rank < b.region_rank;
    if (!period_equal(a, b)) return period_less(a, b);
    const int c = a.ref.fact().indicator().compare(b.ref.fact().indicator());
    if (c != 0) return c < 0;
    if (a.ref.doc != b.ref.doc) return NewerReport(a.ref.doc, b.ref.doc);
    return a.ref.index < b.ref.index;
  };
  SortPage(rows, *offset, page_size, [&](const Row& a, const Row& b) {
    switch (request.order()) {
      case v1::FACT_ORDER_PERIOD_DESC:
        if (!period_equal(a, b)) return period_less(b, a);
        break;
      case v1::FACT_ORDER_PERIOD_ASC:
        if (!period_equal(a, b)) return period_less(a, b);
        break;
      case v1::FACT_ORDER_VALUE_DESC:
        if (a.ref.fact().value() != b.ref.fact().value()) return a.ref.fact().value() > b.ref.fact().value();
        break;
      case v1::FACT_ORDER_VALUE_ASC:
        if (a.ref.fact().value() != b.ref.fact().value()) return a.ref.fact().value() < b.ref.fact().value();
        break;
      default:
        break;
    }
    return default_less(a, b);
  });

  v1::QueryFactsResponse response;
  auto [begin, end] = PageRange(rows.size(), *offset, page_size, fingerprint,
                                 response.mutable_next_page_token());
  response.mutable_facts()->Reserve(static_cast<int>(end - begin));
  for (size_t i = begin; i < end; ++i) FillRecord(rows[i].ref, response.add_facts());
  return response;
}

namespace {
// Documents of exactly one region entity named by `region`. NOT_FOUND when no report is about
// it, INVALID_ARGUMENT listing the keys when the name is shared by several regions.
absl::StatusOr<std::vector<const IndexedDoc*>> DocsOfRegion(const ReportStore::Reader& reader,
                                                             std::string_view region) {
  if (region.empty()) return absl::InvalidArgumentError("region is required");
  v1::RegionFilter filter;
  filter.add_regions(std::string(region));
  std::vector<const IndexedDoc*> docs = CandidateDocs(reader, IndicatorLookup(std::vector<std::string>()));
  DocRegionFilter(filter).Keep(&docs);
  std::vector<std::string> keys;
  for (const IndexedDoc* doc : docs) {
    if (std::find(keys.begin(), keys.end(), doc->region.key) == keys.end()) keys.push_back(doc->region.key);
  }
  if (docs.empty()) return absl::NotFoundError(absl::StrCat("no reports for region \"", AV(region), "\""));
  if (keys.size() > 1) {
    std::sort(keys.begin(), keys.end());
    return absl::InvalidArgumentError(absl::StrCat("region \"", AV(region), "\" names ", keys.size(),
                                                   " regions; use one of: ", absl::StrJoin(keys, ", ")));
  }
  return docs;
}

// Among target facts for one period, the one from the report delivered that year, else the latest.
const FactRef* PickTarget(const std::vector<FactRef>& targets, int year) {
  const FactRef* best = nullptr;
  for (const FactRef& t : targets) {
    if (best == nullptr) {
      best = &t;
      continue;
    }
    const bool t_same_year = t.year() == year, best_same_year = best->year() == year;
    if (t_same_year != best_same_year) {
      if (t_same_year) best = &t;
    } else if (NewerReport(t.doc, best->doc)) {
      best = &t;
    }
  }
  return best;
}
}  // namespace

absl::StatusOr<v1::TimeSeriesResponse> TimeSeries(const ReportStore::Reader& reader,
                                                  const IndicatorSet& indicators,
                                                  const v1::TimeSeriesRequest& request) {
  if (absl::Status s = indicators.Validate(request.indicator()); !s.ok()) return s;
  auto docs = DocsOfRegion(reader, request.region());
  if (!docs.ok()) return docs.status();
  const v1::Measure measure = MeasureOrValue(request.measure());
  std::sort(docs->begin(), docs->end(), NewerReport);

  struct Point {
    std::vector<FactRef> actuals;
    std::vector<FactRef> targets;
  };
  std::map<std::string, Point> points;
  const IndicatorLookup lookup(std::vector<std::string>{request.indicator()});
  std::vector<int> indices;
  for (const IndexedDoc* doc : *docs) {  // newest first, so actuals come out latest first
    const std::vector<int>* of_indicator = lookup.Find(*doc, 0);
    if (of_indicator == nullptr) continue;
    indices.assign(of_indicator->begin(), of_indicator->end());
    std::sort(indices.begin(), indices.end());  // a report's own statements in text order
    for (int i : indices) {
      const v1::Fact& f = doc->facts[i];
      if (f.measure() != measure) continue;
      if (f.kind() == v1::KIND_ACTUAL) points[f.period()].actuals.push_back({doc, i});
      if (f.kind() == v1::KIND_TARGET) points[f.period()].targets.push_back({doc, i});
    }
  }
  v1::TimeSeriesResponse response;
  *response.mutable_region() = docs->front()->report.meta().region();
  response.set_indicator(request.indicator());
  response.set_measure(measure);
  for (const auto& [period, point] : points) {
    v1::TimeSeriesPoint* out = response.add_points();
    out->set_period(period);
    for (size_t i = 0; i < point.actuals.size(); ++i) {
      v1::Observation o = ToObservation(point.actuals[i]);
      o.set_current(i == 0);
      *out->add_actuals() = std::move(o);
    }
    const auto span = ParsePeriod(period);
    if (const FactRef* target = PickTarget(point.targets, span ? span->first : 0)) {
      *out->mutable_target() = ToObservation(*target);
    }
  }
  return response;
}

absl::StatusOr<v1::CompareRegionsResponse> CompareRegions(const ReportStore::Reader& reader,
                                                          const IndicatorSet& indicators,
                                                          const v1::CompareRegionsRequest& request) {
  if (absl::Status s = indicators.Validate(request.indicator()); !s.ok()) return s;
  if (request.period().empty()) return absl::InvalidArgumentError("period is required, e.g. \"2020\"");
  const auto period = ParsePeriod(request.period());
  if (!period) {
    return absl::InvalidArgumentError(
        absl::StrCat("malformed period \"", request.period(), "\": expected a year such as \"2020\""));
  }
  const v1::Measure measure = MeasureOrValue(request.measure());
  const v1::Kind kind = request.kind() == v1::KIND_UNSPECIFIED ? v1::KIND_ACTUAL : request.kind();
  const IndicatorLookup lookup(std::vector<std::string>{request.indicator()});
  // Only facts of exactly this period count: their period starts in its first year.
  std::vector<const IndexedDoc*> docs = CandidateDocs(reader, lookup, period->first, period->first);
  DocRegionFilter(request.region()).Keep(&docs);
  absl::flat_hash_map<std::string, FactRef> best;  // region key -> latest report's figure
  ForEachIndicatorFacts(docs, lookup, [&](const IndexedDoc& doc, const std::vector<int>& indices) {
    int first = -1;  // the first statement of a report stands for it
    for (int i : indices) {
      const FactSummary& s = doc.fact_summaries[i];
      if (s.measure != measure || s.kind != kind || (first >= 0 && i > first)) continue;
      if (doc.facts[i].period() == request.period()) first = i;
    }
    if (first < 0) return;
    auto [it, inserted] = best.try_emplace(doc.region.key, FactRef{&doc, first});
    if (!inserted && NewerReport(&doc, it->second.doc)) it->second = FactRef{&doc, first};
  });
  std::vector<FactRef> rows;
  rows.reserve(best.size());
  for (const auto& [key, ref] : best) rows.push_back(ref);
  std::sort(rows.begin(), rows.end(), [&](const FactRef& a, const FactRef& b) {
    if (a.fact().value() != b.fact().value()) {
      return request.ascending() ? a.fact().value() < b.fact().value()
                                 : a.fact().value() > b.fact().value();
    }
    return a.doc->region.key < b.doc->region.key;
  });
  const size_t limit = request.limit() <= 0 ? 100 : static_cast<size_t>(std::min(request.limit(), kMaxPageSize));
  v1::CompareRegionsResponse response;
  for (size_t i = 0; i < rows.size() && i < limit; ++i) {
    v1::ComparisonRow* row = response.add_rows();
    const bool tied = i > 0 && rows[i].fact().value() == rows[i - 1].fact().value();
    row->set_rank(tied ? response.rows(static_cast<int>(i) - 1).rank() : static_cast<int32_t>(i + 1));
    *row->mutable_region() = rows[i].doc->report.meta().region();
    row->set_value(rows[i].fact().value());
    row->set_unit(rows[i].fact().unit());
    row->set_report_id(rows[i].doc->report.report_id());
  }
  return response;
}

Attainment JudgeAttainment(const v1::Fact& target, double actual) {
  const double t = target.value();
  Attainment a;
  a.gap = actual - t;
  bool met = false;
  switch (target.qualifier()) {
    case v1::QUALIFIER_ABOUT: {
      const bool percent = target.measure() == v1::MEASURE_GROWTH || target.unit() == "%";
      const double tolerance = percent ? 0.5 : 0.02 * std::fabs(t);
      met = std::fabs(actual - t) <= tolerance + 1e-9;
      break;
    }
    case v1::QUALIFIER_AT_MOST:
      a.gap = t - actual;
      met = actual <= t;
      break;
    default:  // at_least, range (low end), exact, unqualified
      met = actual >= t;
      break;
  }
  a.outcome = met ? v1::OUTCOME_MET : v1::OUTCOME_MISSED;
  return a;
}

absl::StatusOr<v1::TargetAttainmentResponse> TargetAttainment(
    const ReportStore::Reader& reader, const IndicatorSet& indicators,
    const v1::TargetAttainmentRequest& request) {
  if (absl::Status s = indicators.ValidateAll(request.indicators()); !s.ok()) return s;
  const uint64_t fingerprint = RequestFingerprint("TargetAttainment", request);
  auto offset = DecodePageToken(request.page_token(), fingerprint);
  if (!offset.ok()) return offset.status();
  const int page_size = ClampPageSize(request.page_size());
  const IndicatorLookup lookup(request.indicators());
  std::vector<const IndexedDoc*> docs = CandidateDocs(reader, lookup);
  DocRegionFilter(request.region()).Keep(&docs);

  // (region key, indicator, measure, year) -> targets and actuals.
  using Key = std::tuple<std::string, std::string, int, std::string>;
  struct Candidates {
    std::vector<FactRef> targets;
    std::vector<FactRef> actuals;
  };
  std::map<Key, Candidates> groups;
  ForEachRequestedFact(docs, lookup, [&](const IndexedDoc& doc, int i) {
    const v1::Fact& f = doc.facts[i];
    if (request.measure() != v1::MEASURE_UNSPECIFIED) {
      if (f.measure() != request.measure()) return;
    } else if (f.measure() != v1::MEASURE_VALUE && f.measure() != v1::MEASURE_GROWTH) {
      return;
    }
    if (f.kind() != v1::KIND_TARGET && f.kind() != v1::KIND_ACTUAL) return;
    const auto span = ParsePeriod(f.period());
    if (!span || f.period().size() != 4) return;  // single years only
    if (request.year_from() != 0 && span->first < request.year_from()) return;
    if (request.year_to() != 0 && span->first > request.year_to()) return;
    Candidates& c = groups[Key{doc.region.key, f.indicator(), f.measure(), f.period()}];
    (f.kind() == v1::KIND_TARGET ? c.targets : c.actuals).push_back({&doc, i});
  });

  std::vector<v1::AttainmentRow> rows;
  for (const auto& [key, c] : groups) {
    if (c.targets.empty() || c.actuals.empty()) continue;
    const int year = ParsePeriod(std::get<3>(key))->first;
    const FactRef* target = PickTarget(c.targets, year);
    const FactRef* actual = nullptr;
    for (const FactRef& a : c.actuals) {
      if (a.year() <= target->year()) continue;
      if (!a.fact().unit().empty() && !target->fact().unit().empty() &&
          a.fact().unit() != target->fact().unit()) {
        continue;
      }
      if (actual == nullptr || NewerReport(a.doc, actual->doc)) actual = &a;
    }
    if (actual == nullptr) continue;
    const Attainment judged = JudgeAttainment(target->fact(), actual->fact().value());
    v1::AttainmentRow row;
    *row.mutable_region() = target->doc->report.meta().region();
    row.set_indicator(std::get<1>(key));
    row.set_measure(static_cast<v1::Measure>(std::get<2>(key)));
    row.set_year(std::get<3>(key));
    row.set_target(target->fact().value());
    if (target->fact().has_value_high()) row.set_target_high(target->fact().value_high());
    row.set_qualifier(target->fact().qualifier());
    row.set_target_report_id(target->doc->report.report_id());
    row.set_actual(actual->fact().value());
    row.set_actual_report_id(actual->doc->report.report_id());
    row.set_unit(target->fact().unit());
    row.set_outcome(judged.outcome);
    row.set_gap(judged.gap);
    rows.push_back(std::move(row));
  }
  v1::TargetAttainmentResponse response;
  auto [begin, end] = PageRange(rows.size(), *offset, page_size, fingerprint,
                                 response.mutable_next_page_token());
  for (size_t i = begin; i < end; ++i) *response.add_rows() = std::move(rows[i]);
  return response;
}

}  // namespace govreport::query
