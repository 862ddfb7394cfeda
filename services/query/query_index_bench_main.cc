// query_index_bench: dev tool measuring index build time and Search / QueryFacts latency of the query
// service in-process, over synthetic reports assembled from the sample corpus's sentences (so
// term statistics look like real reports). Not a test: prints figures, asserts nothing.
//
//   query_index_bench --dir=/tmp/qb --docs=10000 --samples=data/samples
//   query_index_bench --dir=COPY_OF_A_SERVER_DATA_DIR --reuse --search=false   # fact RPCs only
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "services/query/query_service.h"
#include "services/query/report_store.h"

ABSL_FLAG(std::string, dir, "/tmp/query_bench", "index directory (wiped unless --reuse)");
ABSL_FLAG(bool, reuse, false, "query an existing index instead of building one");
ABSL_FLAG(int, docs, 10000, "synthetic reports to index");
ABSL_FLAG(int, sentences, 400, "sentences per synthetic report");
ABSL_FLAG(std::string, samples, "data/samples", "directory of sample texts");
ABSL_FLAG(int, rounds, 300, "queries per kind");
ABSL_FLAG(bool, search, true, "measure Search");
ABSL_FLAG(bool, compact, false, "compact the whole index before querying");
ABSL_FLAG(bool, dashboard, true,
          "measure the fact RPCs the way bench/query_bench --mode=latency asks them (pairs and "
          "periods discovered from the catalog), each request shape apart");

namespace q = govreport::query;
namespace v1 = govreport::v1;
using Clock = std::chrono::steady_clock;

namespace {

std::vector<std::string> Sentences(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path());
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find("。", start);
      end = end == std::string::npos ? text.size() : end + 3;
      if (end - start > 12) out.push_back(text.substr(start, end - start));
      start = end;
    }
  }
  return out;
}

void Report(const char* what, std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  auto at = [&](double p) { return ms[std::min(ms.size() - 1, static_cast<size_t>(p * ms.size()))]; };
  std::printf("%-28s n=%zu p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms\n", what, ms.size(), at(0.5),
              at(0.9), at(0.99), ms.back());
}

// (region, indicator) pairs with facts and the single-year periods seen, straight from the
// catalog (what query_bench discovers through QueryFacts).
struct Dashboard {
  std::vector<std::pair<std::string, std::string>> region_indicator;
  std::vector<std::string> periods;
};

Dashboard DiscoverDashboard(const q::ReportStore& store) {
  Dashboard d;
  q::ReportStore::Reader reader(store);
  for (const auto& doc : reader.docs()) {
    if (doc == nullptr) continue;
    const v1::Region& region = doc->report.meta().region();
    const std::string& name = region.code().empty() ? region.name() : region.code();
    for (const v1::Fact& fact : doc->facts) {
      if (!name.empty()) d.region_indicator.emplace_back(name, fact.indicator());
      if (fact.period().size() == 4) d.periods.push_back(fact.period());
    }
  }
  for (auto* v : {&d.periods}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
  std::sort(d.region_indicator.begin(), d.region_indicator.end());
  d.region_indicator.erase(std::unique(d.region_indicator.begin(), d.region_indicator.end()),
                           d.region_indicator.end());
  return d;
}

template <typename Call>
void Time(const char* what, int rounds, Call&& call) {
  std::vector<double> ms;
  int64_t results = 0;
  for (int round = 0; round < rounds; ++round) {
    const auto t0 = Clock::now();
    results += call(round);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  Report(what, ms);
  std::printf("  mean results %.1f\n", static_cast<double>(results) / rounds);
}

void DashboardLatency(q::QueryServiceImpl& service, const q::ReportStore& store, int rounds) {
  const Dashboard d = DiscoverDashboard(store);
  if (d.region_indicator.empty() || d.periods.empty()) return;
  std::printf("dashboard: %zu (region, indicator) pairs, %zu periods\n", d.region_indicator.size(),
              d.periods.size());
  std::mt19937 rng(7);
  auto pair = [&] { return d.region_indicator[rng() % d.region_indicator.size()]; };
  Time("QueryFacts region+indicator", rounds, [&](int) {
    const auto [region, indicator] = pair();
    v1::QueryFactsRequest request;
    request.add_indicators(indicator);
    request.mutable_region()->add_regions(region);
    v1::QueryFactsResponse response;
    grpc::ServerContext context;
    if (!service.QueryFacts(&context, &request, &response).ok()) std::printf("facts failed\n");
    return response.facts_size();
  });
  Time("QueryFacts indicator+period", rounds, [&](int) {
    v1::QueryFactsRequest request;
    request.add_indicators(pair().second);
    const std::string& period = d.periods[rng() % d.periods.size()];
    request.set_period_from(period);
    request.set_period_to(period);
    v1::QueryFactsResponse response;
    grpc::ServerContext context;
    if (!service.QueryFacts(&context, &request, &response).ok()) std::printf("facts failed\n");
    return response.facts_size();
  });
  std::string token;  // paging through every fact, as query_bench's discovery does
  Time("QueryFacts all, pages of 1000", std::min(rounds, 20), [&](int) {
    v1::QueryFactsRequest request;
    request.set_page_size(1000);
    request.set_page_token(token);
    v1::QueryFactsResponse response;
    grpc::ServerContext context;
    if (!service.QueryFacts(&context, &request, &response).ok()) std::printf("facts failed\n");
    token = response.next_page_token();
    return response.facts_size();
  });
  Time("TimeSeries", rounds, [&](int) {
    const auto [region, indicator] = pair();
    v1::TimeSeriesRequest request;
    request.set_region(region);
    request.set_indicator(indicator);
    v1::TimeSeriesResponse response;
    grpc::ServerContext context;
    if (!service.TimeSeries(&context, &request, &response).ok()) std::printf("series failed\n");
    return response.points_size();
  });
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const std::string dir = absl::GetFlag(FLAGS_dir);
  if (!absl::GetFlag(FLAGS_reuse)) std::filesystem::remove_all(dir);
  const char* provinces[] = {"440000", "410000", "320000", "510000"};
  const char* indicators[] = {"gdp", "budget_revenue", "retail_sales", "cpi", "fixed_asset_investment",
                              "foreign_trade", "tax_revenue", "urban_income"};
  std::vector<v1::Indicator> indicator_list;
  for (const char* id : indicators) indicator_list.emplace_back().set_id(id);

  // 1000 synthetic regions: codes PPxx00 in four provinces.
  class BenchHierarchy : public q::RegionHierarchy {
   public:
    std::vector<v1::Region> Ancestors(std::string_view code) const override {
      v1::Region p;
      p.set_code(std::string(code.substr(0, 2)) + "0000");
      p.set_name("省" + p.code());
      p.set_level(v1::LEVEL_PROVINCE);
      return {p};
    }
  } hierarchy;
  q::ReportStoreOptions options;
  options.path = dir;
  options.hierarchy = &hierarchy;
  auto opened = q::ReportStore::Open(options);
  if (!opened.ok()) {
    std::fprintf(stderr, "%s\n", opened.status().ToString().c_str());
    return 1;
  }
  std::unique_ptr<q::ReportStore> store = *std::move(opened);
  std::mt19937 rng(42);

  if (!absl::GetFlag(FLAGS_reuse)) {
    const std::vector<std::string> pool = Sentences(absl::GetFlag(FLAGS_samples));
    std::printf("sentence pool: %zu\n", pool.size());
    const int docs = absl::GetFlag(FLAGS_docs);
    size_t bytes = 0;
    const auto start = Clock::now();
    for (int d = 0; d < docs; ++d) {
      v1::Report r;
      r.set_report_id(absl::StrCat("r", d));
      std::string text;
      for (int s = 0; s < absl::GetFlag(FLAGS_sentences); ++s) text += pool[rng() % pool.size()];
      bytes += text.size();
      r.set_normalized_text(std::move(text));
      v1::Region* region = r.mutable_meta()->mutable_region();
      const int region_index = d % 1000;
      region->set_code(absl::StrCat(std::string(provinces[region_index % 4]).substr(0, 2),
                                    10 + region_index / 4 % 90, "00"));
      region->set_name(absl::StrCat("市", region->code()));
      region->set_level(v1::LEVEL_PREFECTURE);
      r.mutable_meta()->set_report_year(2015 + d / 1000);
      r.mutable_meta()->set_doc_type(v1::DOC_TYPE_GOVERNMENT_WORK_REPORT);
      r.set_extractor_version("bench");
      for (int f = 0; f < 30; ++f) {
        v1::Fact* fact = r.add_facts();
        fact->set_indicator(indicators[f % 8]);
        fact->set_measure(f % 2 ? v1::MEASURE_GROWTH : v1::MEASURE_VALUE);
        fact->set_kind(f % 3 ? v1::KIND_ACTUAL : v1::KIND_TARGET);
        fact->set_period(absl::StrCat(r.meta().report_year() - (f % 3 ? 1 : 0)));
        fact->set_value(static_cast<double>(rng() % 100000) / 10);
        fact->set_unit(f % 2 ? "%" : "元");
        fact->mutable_evidence()->set_text("证据文本");
      }
      auto indexed = store->Index(r);
      if (!indexed.ok()) {
        std::fprintf(stderr, "%s\n", indexed.status().ToString().c_str());
        return 1;
      }
    }
    const double secs = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("indexed %d reports (%.0f MB text) in %.1fs: %.0f reports/s\n", docs, bytes / 1e6,
                secs, docs / secs);
  }

  if (absl::GetFlag(FLAGS_compact)) {
    const auto t0 = Clock::now();
    if (absl::Status s = store->CompactAll(); !s.ok()) std::printf("%s\n", s.ToString().c_str());
    std::printf("compacted in %.1fs\n", std::chrono::duration<double>(Clock::now() - t0).count());
  }
  std::string files;
  store->db()->GetProperty("rocksdb.levelstats", &files);
  std::printf("%s", files.c_str());
  {  // a reused index may hold any indicator of the extractor's catalog
    q::ReportStore::Reader reader(*store);
    std::set<std::string> ids(std::begin(indicators), std::end(indicators));
    for (const auto& doc : reader.docs()) {
      if (doc == nullptr) continue;
      for (const v1::Fact& fact : doc->facts) {
        if (ids.insert(fact.indicator()).second) indicator_list.emplace_back().set_id(fact.indicator());
      }
    }
  }
  q::QueryServiceImpl service(store.get(), q::IndicatorSet(indicator_list));
  const std::vector<std::string> queries = {
      "地区生产总值", "一般公共预算收入", "乡村振兴", "营商环境", "\"高质量发展\"", "财政 民生",
      "GDP", "招商引资 项目", "镇", "脱贫攻坚 产业", "生態環境", "城镇新增就业", "粤港澳大湾区",
      "固定资产投资 增长"};
  if (absl::GetFlag(FLAGS_dashboard)) DashboardLatency(service, *store, absl::GetFlag(FLAGS_rounds));
  for (int page_size : {10, 50}) {
    if (!absl::GetFlag(FLAGS_search)) break;
    std::vector<double> ms;
    int64_t hits = 0;
    for (int round = 0; round < absl::GetFlag(FLAGS_rounds); ++round) {
      v1::SearchRequest request;
      request.set_query(queries[round % queries.size()]);
      request.set_page_size(page_size);
      if (round % 3 == 1) request.mutable_region()->set_within(provinces[round % 4]);
      if (round % 5 == 2) request.set_year_from(2020);
      v1::SearchResponse response;
      grpc::ServerContext context;
      const auto t0 = Clock::now();
      grpc::Status status = service.Search(&context, &request, &response);
      ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      if (!status.ok()) std::printf("search %s: %s\n", request.query().c_str(), status.error_message().c_str());
      hits += response.total_hits();
    }
    Report(absl::StrCat("Search page_size=", page_size).c_str(), ms);
    std::printf("  mean total_hits %.0f\n", static_cast<double>(hits) / ms.size());
  }
  {
    std::vector<double> ms;
    for (int round = 0; round < absl::GetFlag(FLAGS_rounds); ++round) {
      v1::QueryFactsRequest request;
      request.add_indicators(indicators[round % 8]);
      if (round % 2 == 0) request.mutable_region()->set_within(provinces[round % 4]);
      if (round % 4 == 1) request.mutable_region()->add_regions(absl::StrCat(
          std::string(provinces[round % 4]).substr(0, 2), 10 + round % 90, "00"));
      if (round % 3 == 0) request.set_period_from("2020");
      request.set_kind(v1::KIND_ACTUAL);
      v1::QueryFactsResponse response;
      grpc::ServerContext context;
      const auto t0 = Clock::now();
      grpc::Status status = service.QueryFacts(&context, &request, &response);
      ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      if (!status.ok()) std::printf("facts: %s\n", status.error_message().c_str());
    }
    Report("QueryFacts", ms);
  }
  return 0;
}
