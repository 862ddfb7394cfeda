// The QueryService side of the CLI: reports, facts, get, series, compare, attainment, search,
// regions, indicators. Tables for people by default, JSON lines with --json.
#include <functional>
#include <map>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "govreport/v1/query.grpc.pb.h"
#include "services/cli/command.h"
#include "services/cli/format.h"
#include "services/cli/rpc.h"
#include "services/cli/table.h"

namespace govreport::cli {

namespace {

using v1::QueryService;

// What every query command needs: a stub, the settings, and a way to report failures.
class QueryCall {
 public:
  QueryCall(std::string command, const CommandLine& line, Environment& env)
      : command_(std::move(command)), line_(line), env_(env) {}

  // Resolves settings; false (after printing why) on a usage error.
  bool Init() {
    auto settings = ResolveRpcSettings(line_, env_);
    if (!settings.ok()) return UsageError(settings.status().message());
    settings_ = *settings;
    stub_ = QueryService::NewStub(MakeChannel(settings_.query_target));
    return true;
  }

  bool UsageError(absl::string_view message) {
    *env_.err << "govreport " << command_ << ": " << message << "\n";
    exit_code_ = kExitUsage;
    return false;
  }

  // Runs one RPC with a fresh deadline; prints the error and returns false when it fails.
  template <typename Request, typename Response>
  bool Call(absl::string_view rpc,
            grpc::Status (QueryService::Stub::*method)(grpc::ClientContext*, const Request&,
                                                        Response*),
            const Request& request, Response* response) {
    auto context = MakeContext(settings_.deadline);
    const grpc::Status status = ((*stub_).*method)(context.get(), request, response);
    if (status.ok()) return true;
    *env_.err << "govreport " << command_ << ": "
              << DescribeRpcError(absl::StrCat("QueryService.", rpc), settings_.query_target,
                                  status)
              << "\n";
    exit_code_ = kExitFailure;
    return false;
  }

  // Fills `filter` from --region/--level/--within; false on a bad level word.
  bool RegionFilterFromFlags(v1::RegionFilter* filter) {
    for (const std::string& region : line_.GetList("region")) filter->add_regions(region);
    filter->set_within(line_.Get("within"));
    if (line_.Has("level")) {
      auto level = ParseEnum(v1::RegionLevel_descriptor(), line_.Get("level"));
      if (!level.ok()) return UsageError(level.status().message());
      filter->set_level(static_cast<v1::RegionLevel>(*level));
    }
    return true;
  }

  // Parses an enum flag into *out (left unchanged when the flag is absent).
  // Parses an enum flag and hands the number to `set` (not called when the flag is absent).
  template <typename Setter>
  bool EnumFlag(absl::string_view name, const google::protobuf::EnumDescriptor* type,
                Setter set) {
    if (!line_.Has(name)) return true;
    auto value = ParseEnum(type, line_.Get(name));
    if (!value.ok()) return UsageError(absl::StrCat("--", name, ": ", value.status().message()));
    set(*value);
    return true;
  }

  bool IntFlag(absl::string_view name, int64_t fallback, int64_t* out) {
    auto value = line_.GetInt(name, fallback);
    if (!value.ok()) return UsageError(value.status().message());
    *out = *value;
    return true;
  }

  bool json() const { return line_.Has("json"); }
  std::ostream& out() { return *env_.out; }
  const CommandLine& line() const { return line_; }
  int exit_code() const { return exit_code_; }

 private:
  std::string command_;
  const CommandLine& line_;
  Environment& env_;
  RpcSettings settings_;
  std::unique_ptr<QueryService::Stub> stub_;
  int exit_code_ = kExitOk;
};

// Follows page tokens until `limit` items were produced or the last page. `fetch` issues one
// page request with the given token and returns false on failure; it returns the next token
// and the number of items through its out-parameters.
bool Paginate(int64_t limit, const std::function<bool(const std::string& token, int page_size,
                                                      std::string* next, int* got)>& fetch) {
  std::string token;
  int64_t total = 0;
  do {
    const int page_size = static_cast<int>(std::min<int64_t>(1000, limit - total));
    std::string next;
    int got = 0;
    if (!fetch(token, page_size, &next, &got)) return false;
    total += got;
    token = next;
  } while (!token.empty() && total < limit);
  return true;
}

std::string Year(int year) { return year == 0 ? "" : absl::StrCat(year); }

const std::vector<FlagSpec> kRegionFlags = {
    {"region", true, "region code, name or parent/name (repeatable, comma-separated)"},
    {"level", true, "province|prefecture|county|district|town|national"},
    {"within", true, "only regions inside this one (e.g. 广东省)"},
};

std::vector<FlagSpec> With(std::vector<FlagSpec> flags, const std::vector<FlagSpec>& more) {
  flags.insert(flags.end(), more.begin(), more.end());
  return flags;
}

int RunReports(const CommandLine& line, Environment& env) {
  QueryCall call("reports", line, env);
  v1::ListReportsRequest request;
  int64_t limit = 0, year_from = 0, year_to = 0;
  if (!call.Init() || !call.RegionFilterFromFlags(request.mutable_region()) ||
      !call.EnumFlag("doc_type", v1::DocType_descriptor(),
                     [&](int v) { request.set_doc_type(static_cast<v1::DocType>(v)); }) ||
      !call.IntFlag("limit", 1000, &limit) || !call.IntFlag("year_from", 0, &year_from) ||
      !call.IntFlag("year_to", 0, &year_to)) {
    return call.exit_code();
  }
  request.set_year_from(static_cast<int>(year_from));
  request.set_year_to(static_cast<int>(year_to));
  std::vector<v1::ReportSummary> rows;
  const bool ok = Paginate(limit, [&](const std::string& token, int size, std::string* next,
                                      int* got) {
    request.set_page_token(token);
    request.set_page_size(size);
    v1::ListReportsResponse response;
    if (!call.Call("ListReports", &QueryService::Stub::ListReports, request, &response)) {
      return false;
    }
    rows.insert(rows.end(), response.reports().begin(), response.reports().end());
    *next = response.next_page_token();
    *got = response.reports_size();
    return true;
  });
  if (!ok) return call.exit_code();
  if (call.json()) {
    for (const auto& row : rows) call.out() << ToJsonLine(row) << "\n";
    return kExitOk;
  }
  Table table({{"report"}, {"region"}, {"level"}, {"year", Table::Align::kRight}, {"type"},
               {"facts", Table::Align::kRight}, {"speaker"}, {"title", {}, 40}});
  for (const auto& r : rows) {
    table.AddRow({r.report_id(), FormatRegion(r.meta().region()),
                  ShortEnumName(v1::RegionLevel_descriptor(), r.meta().region().level()),
                  Year(r.meta().report_year()),
                  ShortEnumName(v1::DocType_descriptor(), r.meta().doc_type()),
                  absl::StrCat(r.fact_count()),
                  absl::StrCat(r.meta().speaker().title(), r.meta().speaker().name()),
                  r.meta().title()});
  }
  table.Print(call.out());
  call.out() << rows.size() << " report(s)\n";
  return kExitOk;
}

std::string FactValue(const v1::Fact& fact) {
  if (fact.kind() == v1::KIND_ACTUAL) return FormatValue(fact.value(), fact.unit());
  return FormatTarget(fact.value(), fact.has_value_high() ? std::optional<double>(fact.value_high()) : std::nullopt,
                      fact.unit(), fact.qualifier());
}

void AddFactColumns(Table* table, const v1::Fact& fact, std::vector<std::string> leading) {
  leading.insert(leading.end(),
                 {fact.period(), fact.indicator(),
                  ShortEnumName(v1::Measure_descriptor(), fact.measure()),
                  ShortEnumName(v1::Kind_descriptor(), fact.kind()), FactValue(fact),
                  fact.evidence().text()});
  table->AddRow(std::move(leading));
}

int RunFacts(const CommandLine& line, Environment& env) {
  QueryCall call("facts", line, env);
  v1::QueryFactsRequest request;
  int64_t limit = 0;
  if (!call.Init() || !call.RegionFilterFromFlags(request.mutable_region()) ||
      !call.EnumFlag("kind", v1::Kind_descriptor(),
                     [&](int v) { request.set_kind(static_cast<v1::Kind>(v)); }) ||
      !call.EnumFlag("measure", v1::Measure_descriptor(),
                     [&](int v) { request.set_measure(static_cast<v1::Measure>(v)); }) ||
      !call.EnumFlag("order", v1::FactOrder_descriptor(),
                     [&](int v) { request.set_order(static_cast<v1::FactOrder>(v)); }) ||
      !call.IntFlag("limit", 1000, &limit)) {
    return call.exit_code();
  }
  for (const std::string& id : line.GetList("indicator")) request.add_indicators(id);
  request.set_period_from(line.Get("period_from", line.Get("period")));
  request.set_period_to(line.Get("period_to", line.Get("period")));
  std::vector<v1::FactRecord> rows;
  const bool ok = Paginate(limit, [&](const std::string& token, int size, std::string* next,
                                      int* got) {
    request.set_page_token(token);
    request.set_page_size(size);
    v1::QueryFactsResponse response;
    if (!call.Call("QueryFacts", &QueryService::Stub::QueryFacts, request, &response)) {
      return false;
    }
    rows.insert(rows.end(), response.facts().begin(), response.facts().end());
    *next = response.next_page_token();
    *got = response.facts_size();
    return true;
  });
  if (!ok) return call.exit_code();
  if (call.json()) {
    for (const auto& row : rows) call.out() << ToJsonLine(row) << "\n";
    return kExitOk;
  }
  Table table({{"region"}, {"report", Table::Align::kRight}, {"period"}, {"indicator"},
               {"measure"}, {"kind"}, {"value", Table::Align::kRight}, {"evidence", {}, 36}});
  for (const auto& r : rows) {
    AddFactColumns(&table, r.fact(), {FormatRegion(r.region()), Year(r.report_year())});
  }
  table.Print(call.out());
  call.out() << rows.size() << " fact(s)\n";
  return kExitOk;
}

int RunGet(const CommandLine& line, Environment& env) {
  QueryCall call("get", line, env);
  if (!call.Init()) return call.exit_code();
  if (line.positional().size() != 1) {
    call.UsageError("give exactly one report ID");
    return call.exit_code();
  }
  v1::GetReportRequest request;
  request.set_report_id(line.positional()[0]);
  request.set_omit_text(!line.Has("with_text"));
  v1::Report report;
  if (!call.Call("GetReport", &QueryService::Stub::GetReport, request, &report)) {
    return call.exit_code();
  }
  if (call.json()) {
    call.out() << ToJsonLine(report) << "\n";
    return kExitOk;
  }
  const v1::ReportMetadata& meta = report.meta();
  Table header({{"field"}, {"value", {}, 80}});
  header.AddRow({"report", report.report_id()});
  header.AddRow({"title", meta.title()});
  header.AddRow({"region", absl::StrCat(FormatRegion(meta.region()), " ",
                                        meta.region().province(), " ", meta.region().code())});
  header.AddRow({"level", ShortEnumName(v1::RegionLevel_descriptor(), meta.region().level())});
  header.AddRow({"type", ShortEnumName(v1::DocType_descriptor(), meta.doc_type())});
  header.AddRow({"years", absl::StrCat("report ", Year(meta.report_year()), ", review ",
                                       Year(meta.review_year()))});
  header.AddRow({"meeting", meta.meeting_date()});
  header.AddRow({"speaker", absl::StrCat(meta.speaker().title(), " ", meta.speaker().name())});
  header.AddRow({"source", report.source().uri()});
  header.AddRow({"extractor", report.extractor_version()});
  header.Print(call.out());
  call.out() << "\n";
  Table facts({{"period"}, {"indicator"}, {"measure"}, {"kind"}, {"value", Table::Align::kRight},
               {"evidence", {}, 50}});
  for (const auto& fact : report.facts()) AddFactColumns(&facts, fact, {});
  facts.Print(call.out());
  call.out() << report.facts_size() << " fact(s)\n";
  if (line.Has("with_text")) call.out() << "\n" << report.normalized_text() << "\n";
  return kExitOk;
}

std::string ObservationValue(const v1::Observation& o) {
  return FormatTarget(o.value(), o.has_value_high() ? std::optional<double>(o.value_high()) : std::nullopt, o.unit(),
                      o.qualifier());
}

int RunSeries(const CommandLine& line, Environment& env) {
  QueryCall call("series", line, env);
  v1::TimeSeriesRequest request;
  if (!call.Init() ||
      !call.EnumFlag("measure", v1::Measure_descriptor(),
                     [&](int v) { request.set_measure(static_cast<v1::Measure>(v)); })) {
    return call.exit_code();
  }
  request.set_region(line.Get("region"));
  request.set_indicator(line.Get("indicator"));
  if (request.region().empty() || request.indicator().empty()) {
    call.UsageError("give --region and --indicator");
    return call.exit_code();
  }
  v1::TimeSeriesResponse response;
  if (!call.Call("TimeSeries", &QueryService::Stub::TimeSeries, request, &response)) {
    return call.exit_code();
  }
  if (call.json()) {
    call.out() << ToJsonLine(response) << "\n";
    return kExitOk;
  }
  call.out() << FormatRegion(response.region()) << " " << response.indicator() << " "
             << ShortEnumName(v1::Measure_descriptor(), response.measure()) << "\n";
  Table table({{"period"}, {"actual", Table::Align::kRight}, {"from report", Table::Align::kRight},
               {"other reports"}, {"target", Table::Align::kRight},
               {"set in", Table::Align::kRight}});
  for (const auto& point : response.points()) {
    std::string actual, actual_year;
    std::vector<std::string> others;
    for (const auto& o : point.actuals()) {
      if (o.current() && actual.empty()) {
        actual = ObservationValue(o);
        actual_year = Year(o.report_year());
      } else {
        others.push_back(absl::StrCat(ObservationValue(o), " (", o.report_year(), ")"));
      }
    }
    const bool has_target = point.has_target();
    table.AddRow({point.period(), actual, actual_year, absl::StrJoin(others, ", "),
                  has_target ? ObservationValue(point.target()) : "",
                  has_target ? Year(point.target().report_year()) : ""});
  }
  table.Print(call.out());
  return kExitOk;
}

int RunCompare(const CommandLine& line, Environment& env) {
  QueryCall call("compare", line, env);
  v1::CompareRegionsRequest request;
  int64_t limit = 0;
  if (!call.Init() || !call.RegionFilterFromFlags(request.mutable_region()) ||
      !call.EnumFlag("measure", v1::Measure_descriptor(),
                     [&](int v) { request.set_measure(static_cast<v1::Measure>(v)); }) ||
      !call.EnumFlag("kind", v1::Kind_descriptor(),
                     [&](int v) { request.set_kind(static_cast<v1::Kind>(v)); }) ||
      !call.IntFlag("limit", 0, &limit)) {
    return call.exit_code();
  }
  request.set_indicator(line.Get("indicator"));
  request.set_period(line.Get("period"));
  request.set_ascending(line.Has("ascending"));
  request.set_limit(static_cast<int>(limit));
  v1::CompareRegionsResponse response;
  if (!call.Call("CompareRegions", &QueryService::Stub::CompareRegions, request, &response)) {
    return call.exit_code();
  }
  if (call.json()) {
    for (const auto& row : response.rows()) call.out() << ToJsonLine(row) << "\n";
    return kExitOk;
  }
  Table table({{"rank", Table::Align::kRight}, {"region"}, {"value", Table::Align::kRight},
               {"report"}});
  for (const auto& row : response.rows()) {
    table.AddRow({absl::StrCat(row.rank()), FormatRegion(row.region()),
                  FormatValue(row.value(), row.unit()), row.report_id()});
  }
  table.Print(call.out());
  return kExitOk;
}

int RunAttainment(const CommandLine& line, Environment& env) {
  QueryCall call("attainment", line, env);
  v1::TargetAttainmentRequest request;
  int64_t limit = 0, year_from = 0, year_to = 0;
  if (!call.Init() || !call.RegionFilterFromFlags(request.mutable_region()) ||
      !call.EnumFlag("measure", v1::Measure_descriptor(),
                     [&](int v) { request.set_measure(static_cast<v1::Measure>(v)); }) ||
      !call.IntFlag("limit", 1000, &limit) || !call.IntFlag("year_from", 0, &year_from) ||
      !call.IntFlag("year_to", 0, &year_to)) {
    return call.exit_code();
  }
  for (const std::string& id : line.GetList("indicator")) request.add_indicators(id);
  request.set_year_from(static_cast<int>(year_from));
  request.set_year_to(static_cast<int>(year_to));
  std::vector<v1::AttainmentRow> rows;
  const bool ok = Paginate(limit, [&](const std::string& token, int size, std::string* next,
                                      int* got) {
    request.set_page_token(token);
    request.set_page_size(size);
    v1::TargetAttainmentResponse response;
    if (!call.Call("TargetAttainment", &QueryService::Stub::TargetAttainment, request,
                   &response)) {
      return false;
    }
    rows.insert(rows.end(), response.rows().begin(), response.rows().end());
    *next = response.next_page_token();
    *got = response.rows_size();
    return true;
  });
  if (!ok) return call.exit_code();
  if (call.json()) {
    for (const auto& row : rows) call.out() << ToJsonLine(row) << "\n";
    return kExitOk;
  }
  Table table({{"region"}, {"year"}, {"indicator"}, {"measure"}, {"target", Table::Align::kRight},
               {"actual", Table::Align::kRight}, {"gap", Table::Align::kRight}, {"outcome"}});
  for (const auto& r : rows) {
    table.AddRow({FormatRegion(r.region()), std::string(r.year()), r.indicator(),
                  ShortEnumName(v1::Measure_descriptor(), r.measure()),
                  FormatTarget(r.target(), r.has_target_high() ? std::optional<double>(r.target_high()) : std::nullopt,
                               r.unit(), r.qualifier()),
                  FormatValue(r.actual(), r.unit()), FormatValue(r.gap(), r.unit()),
                  ShortEnumName(v1::Outcome_descriptor(), r.outcome())});
  }
  table.Print(call.out());
  call.out() << rows.size() << " row(s)\n";
  return kExitOk;
}

int RunSearch(const CommandLine& line, Environment& env) {
  QueryCall call("search", line, env);
  v1::SearchRequest request;
  int64_t limit = 0, year_from = 0, year_to = 0;
  if (!call.Init() || !call.RegionFilterFromFlags(request.mutable_region()) ||
      !call.EnumFlag("doc_type", v1::DocType_descriptor(),
                     [&](int v) { request.set_doc_type(static_cast<v1::DocType>(v)); }) ||
      !call.IntFlag("limit", 20, &limit) || !call.IntFlag("year_from", 0, &year_from) ||
      !call.IntFlag("year_to", 0, &year_to)) {
    return call.exit_code();
  }
  if (line.positional().empty()) {
    call.UsageError("give the words to search for");
    return call.exit_code();
  }
  request.set_query(absl::StrJoin(line.positional(), " "));
  request.set_year_from(static_cast<int>(year_from));
  request.set_year_to(static_cast<int>(year_to));
  std::vector<v1::SearchHit> hits;
  int64_t total_hits = 0;
  const bool ok = Paginate(limit, [&](const std::string& token, int size, std::string* next,
                                      int* got) {
    request.set_page_token(token);
    request.set_page_size(size);
    v1::SearchResponse response;
    if (!call.Call("Search", &QueryService::Stub::Search, request, &response)) return false;
    hits.insert(hits.end(), response.hits().begin(), response.hits().end());
    total_hits = response.total_hits();
    *next = response.next_page_token();
    *got = response.hits_size();
    return true;
  });
  if (!ok) return call.exit_code();
  if (call.json()) {
    for (const auto& hit : hits) call.out() << ToJsonLine(hit) << "\n";
    return kExitOk;
  }
  constexpr int kSnippetWidth = 70;
  Table table({{"score", Table::Align::kRight}, {"region"}, {"year", Table::Align::kRight},
               {"report"}, {"snippet", {}, kSnippetWidth}});
  for (const auto& hit : hits) {
    std::string snippet;
    if (hit.snippets_size() > 0) {
      // Cut here, where the marks are known, so the table's own cut never drops a "»".
      snippet = TruncateMarkedToWidth(MarkHighlights(hit.snippets(0), "«", "»"), kSnippetWidth,
                                      "«", "»");
    }
    table.AddRow({absl::StrFormat("%.2f", hit.score()), FormatRegion(hit.meta().region()),
                  Year(hit.meta().report_year()), hit.report_id(), snippet});
  }
  table.Print(call.out());
  call.out() << hits.size() << " of " << total_hits << " hit(s)\n";
  return kExitOk;
}

int RunRegions(const CommandLine& line, Environment& env) {
  QueryCall call("regions", line, env);
  v1::ListRegionsRequest request;
  int64_t limit = 0;
  if (!call.Init() || !call.RegionFilterFromFlags(request.mutable_region()) ||
      !call.IntFlag("limit", 1000, &limit)) {
    return call.exit_code();
  }
  std::vector<v1::RegionSummary> rows;
  const bool ok = Paginate(limit, [&](const std::string& token, int size, std::string* next,
                                      int* got) {
    request.set_page_token(token);
    request.set_page_size(size);
    v1::ListRegionsResponse response;
    if (!call.Call("ListRegions", &QueryService::Stub::ListRegions, request, &response)) {
      return false;
    }
    rows.insert(rows.end(), response.regions().begin(), response.regions().end());
    *next = response.next_page_token();
    *got = response.regions_size();
    return true;
  });
  if (!ok) return call.exit_code();
  if (call.json()) {
    for (const auto& row : rows) call.out() << ToJsonLine(row) << "\n";
    return kExitOk;
  }
  Table table({{"region"}, {"level"}, {"province"}, {"code"}, {"reports", Table::Align::kRight},
               {"years"}});
  for (const auto& r : rows) {
    std::string years = Year(r.first_year());
    if (r.last_year() != r.first_year()) absl::StrAppend(&years, "-", Year(r.last_year()));
    table.AddRow({FormatRegion(r.region()),
                  ShortEnumName(v1::RegionLevel_descriptor(), r.region().level()),
                  r.region().province(), r.region().code(), absl::StrCat(r.report_count()),
                  years});
  }
  table.Print(call.out());
  return kExitOk;
}

int RunIndicators(const CommandLine& line, Environment& env) {
  QueryCall call("indicators", line, env);
  if (!call.Init()) return call.exit_code();
  v1::ListIndicatorsResponse response;
  if (!call.Call("ListIndicators", &QueryService::Stub::ListIndicators,
                 v1::ListIndicatorsRequest(), &response)) {
    return call.exit_code();
  }
  if (call.json()) {
    for (const auto& row : response.indicators()) call.out() << ToJsonLine(row) << "\n";
    return kExitOk;
  }
  Table table({{"id"}, {"name"}, {"unit"}, {"category"}, {"core"}, {"aliases", {}, 40}});
  for (const auto& i : response.indicators()) {
    table.AddRow({i.id(), i.name(), i.unit_class(), i.category(), i.core() ? "core" : "",
                  absl::StrJoin(i.aliases(), " ")});
  }
  table.Print(call.out());
  return kExitOk;
}

// One row per report: the headline figures a person looks for first (GDP of the year reviewed,
// its growth, and the growth target set for the report's own year).
int RunOverview(const CommandLine& line, Environment& env) {
  QueryCall call("overview", line, env);
  v1::ListReportsRequest reports_request;
  if (!call.Init() || !call.RegionFilterFromFlags(reports_request.mutable_region())) {
    return call.exit_code();
  }
  const std::string indicator = line.Get("indicator", "gdp");
  std::vector<v1::ReportSummary> reports;
  bool ok = Paginate(100000, [&](const std::string& token, int size, std::string* next,
                                 int* got) {
    reports_request.set_page_token(token);
    reports_request.set_page_size(size);
    v1::ListReportsResponse response;
    if (!call.Call("ListReports", &QueryService::Stub::ListReports, reports_request, &response)) {
      return false;
    }
    reports.insert(reports.end(), response.reports().begin(), response.reports().end());
    *next = response.next_page_token();
    *got = response.reports_size();
    return true;
  });
  if (!ok) return call.exit_code();
  v1::QueryFactsRequest facts_request;
  facts_request.add_indicators(indicator);
  *facts_request.mutable_region() = reports_request.region();
  std::map<std::string, std::vector<v1::Fact>> facts_by_report;
  ok = Paginate(1000000, [&](const std::string& token, int size, std::string* next, int* got) {
    facts_request.set_page_token(token);
    facts_request.set_page_size(size);
    v1::QueryFactsResponse response;
    if (!call.Call("QueryFacts", &QueryService::Stub::QueryFacts, facts_request, &response)) {
      return false;
    }
    for (const auto& record : response.facts()) {
      facts_by_report[record.report_id()].push_back(record.fact());
    }
    *next = response.next_page_token();
    *got = response.facts_size();
    return true;
  });
  if (!ok) return call.exit_code();

  auto find = [](const std::vector<v1::Fact>& facts, int year, v1::Kind kind,
                 v1::Measure measure) -> const v1::Fact* {
    for (const auto& fact : facts) {
      if (fact.period() == absl::StrCat(year) && fact.kind() == kind && fact.measure() == measure) {
        return &fact;
      }
    }
    return nullptr;
  };
  Table table({{"region"}, {"level"}, {"year", Table::Align::kRight},
               {absl::StrCat(indicator, " (review year)"), Table::Align::kRight},
               {"growth", Table::Align::kRight}, {"target for report year", Table::Align::kRight},
               {"facts", Table::Align::kRight}});
  for (const auto& report : reports) {
    const v1::ReportMetadata& meta = report.meta();
    const std::vector<v1::Fact>& facts = facts_by_report[report.report_id()];
    const int review = meta.review_year() != 0 ? meta.review_year() : meta.report_year() - 1;
    const v1::Fact* value = find(facts, review, v1::KIND_ACTUAL, v1::MEASURE_VALUE);
    const v1::Fact* growth = find(facts, review, v1::KIND_ACTUAL, v1::MEASURE_GROWTH);
    const v1::Fact* target = find(facts, meta.report_year(), v1::KIND_TARGET, v1::MEASURE_GROWTH);
    if (target == nullptr) target = find(facts, meta.report_year(), v1::KIND_TARGET, v1::MEASURE_VALUE);
    table.AddRow({FormatRegion(meta.region()),
                  ShortEnumName(v1::RegionLevel_descriptor(), meta.region().level()),
                  Year(meta.report_year()),
                  value != nullptr ? absl::StrCat(FactValue(*value), " (", review, ")") : "-",
                  growth != nullptr ? FactValue(*growth) : "-",
                  target != nullptr ? FactValue(*target) : "-", absl::StrCat(report.fact_count())});
  }
  table.Print(call.out());
  call.out() << reports.size() << " report(s)\n";
  return kExitOk;
}

}  // namespace

std::vector<Command> QueryCommands() {
  const std::vector<FlagSpec> years = {{"year_from", true, "report_year >= this"},
                                       {"year_to", true, "report_year <= this"}};
  const FlagSpec limit = {"limit", true, "most rows to print (pages are followed)"};
  return {
      {"reports", "", "list indexed reports, newest first",
       With(With(kRegionFlags, years),
            {{"doc_type", true, "government_work_report|party_committee_report|other"}, limit}),
       RunReports},
      {"facts", "", "facts matching filters",
       With(kRegionFlags,
            {{"indicator", true, "indicator id (repeatable; see `govreport indicators`)"},
             {"period", true, "exact period, e.g. 2020"},
             {"period_from", true, "first period"},
             {"period_to", true, "last period"},
             {"kind", true, "actual|target|plan_goal"},
             {"measure", true, "value|growth|point_change|rank"},
             {"order", true, "period_desc|period_asc|value_desc|value_asc"},
             limit}),
       RunFacts},
      {"get", "ID", "one report: metadata and facts",
       {{"with_text", false, "also print the normalized text"}}, RunGet},
      {"series", "", "one region's indicator year by year: actuals and targets",
       {{"region", true, "region code or name"},
        {"indicator", true, "indicator id"},
        {"measure", true, "value (default) or growth"}},
       RunSeries},
      {"compare", "", "rank regions for one indicator and period",
       With(kRegionFlags, {{"indicator", true, "indicator id"},
                           {"period", true, "period, e.g. 2020 (required)"},
                           {"measure", true, "value (default) or growth"},
                           {"kind", true, "actual (default) or target"},
                           {"ascending", false, "lowest first"},
                           {"limit", true, "most rows (default 100)"}}),
       RunCompare},
      {"attainment", "", "targets against the actuals reported a year later",
       With(With(kRegionFlags, years),
            {{"indicator", true, "indicator id (repeatable)"},
             {"measure", true, "value or growth (default both)"},
             limit}),
       RunAttainment},
      {"search", "WORDS...", "full-text search (simplified and traditional match each other)",
       With(With(kRegionFlags, years),
            {{"doc_type", true, "government_work_report|party_committee_report|other"},
             {"limit", true, "most hits (default 20)"}}),
       RunSearch},
      {"regions", "", "regions that have reports", With(kRegionFlags, {limit}), RunRegions},
      {"indicators", "", "the indicator catalog", {}, RunIndicators},
      {"overview", "", "one row per report: indicator level and growth, next target",
       With(kRegionFlags, {{"indicator", true, "indicator id (default gdp)"}}), RunOverview},
  };
}

}  // namespace govreport::cli
