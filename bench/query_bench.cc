// Load generator for a running govreport-query (loopback only, bounded request counts).
//
//   query_bench --mode=index   --target=127.0.0.1:PORT --corpus_dir=DIR [--concurrency=4]
//     Normalizes, splits and extracts every DIR/*.txt in-process (timed apart, commentary only),
//     then sends one IndexReport per report from --concurrency client threads and reports the MB/s
//     of normalized text indexed (wall time of the IndexReport phase).
//   query_bench --mode=index_local --data_dir=DIR --corpus_dir=DIR [--concurrency=4]
//     The same reports indexed in-process into a fresh ReportStore (the server's storage, with its
//     default options) by --concurrency threads calling ReportStore::Index: the index build
//     without gRPC and without a client on the same cores, comparable with FTS5's in-process
//     build. Builds --runs times from scratch (extracting once) and reports the median MB/s and CPU
//     seconds of the indexing phase, with the slowest and fastest run.
//   query_bench --mode=latency --target=127.0.0.1:PORT --terms_file=F [--requests=2000]
//     Measures QueryFacts, TimeSeries and Search latency (p50/p99 of each call, as the client
//     sees it) at each --concurrencies level; each setting stops after --requests calls or
//     --max_seconds, whichever comes first.
//
// Prints RESULT lines (bench_util.h) read by bench/format_table.py, plus commentary on stderr.

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "bench/bench_util.h"
#include "common/extract/extractor.h"
#include "common/text/normalize.h"
#include "common/text/split.h"
#include "common/regions/divisions.h"
#include "services/query/defaults.h"
#include "services/query/report_store.h"
#include "govreport/v1/query.grpc.pb.h"
#include "grpcpp/grpcpp.h"

ABSL_FLAG(std::string, mode, "latency", "index | index_local | latency");
ABSL_FLAG(std::string, data_dir, "", "--mode=index_local: directory for a fresh index (wiped)");
ABSL_FLAG(int, runs, 3, "--mode=index_local: builds from scratch; the median is reported");
ABSL_FLAG(std::string, target, "", "host:port of govreport-query (loopback)");
ABSL_FLAG(std::string, corpus_dir, "", "--mode=index: directory of *.txt reports");
ABSL_FLAG(int, limit, 0, "--mode=index: index at most this many files (0: all)");
ABSL_FLAG(int, concurrency, 4, "--mode=index: client threads sending IndexReport");
ABSL_FLAG(double, index_max_seconds, 1800,
          "--mode=index: stop sending after this long (the figures cover what was sent)");
ABSL_FLAG(int, extract_threads, 2, "--mode=index: threads extracting before the timed phase");
ABSL_FLAG(std::string, terms_file, "", "--mode=latency: one search query per line");
ABSL_FLAG(std::string, concurrencies, "1,16", "--mode=latency: client concurrency levels");
ABSL_FLAG(int, requests, 2000, "--mode=latency: calls per RPC and concurrency level");
ABSL_FLAG(double, max_seconds, 60, "--mode=latency: time bound per RPC and concurrency level");
ABSL_FLAG(int, seed, 1, "--mode=latency: request mix seed");

namespace govreport::bench {
namespace {

namespace v1 = govreport::v1;

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::unique_ptr<v1::QueryService::Stub> NewStub(const std::string& target) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 << 20);
  args.SetMaxSendMessageSize(64 << 20);
  return v1::QueryService::NewStub(
      grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args));
}

// Runs fn(worker, i) for i in [0, n) over `threads` threads, items handed out in order.
void ParallelFor(int threads, size_t n, const std::function<void(int, size_t)>& fn) {
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (size_t i = next++; i < n; i = next++) fn(t, i);
    });
  }
  for (auto& th : pool) th.join();
}

struct LoadedCorpus {
  std::vector<v1::IndexReportRequest> requests;
  size_t text_bytes = 0;
  double extract_mb_per_s = 0;
};

// Phase 1 of both index modes (not part of the indexing figure): extracts every report of
// --corpus_dir in-process and keeps the requests in memory.
absl::StatusOr<LoadedCorpus> LoadRequests() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(absl::GetFlag(FLAGS_corpus_dir))) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  if (int limit = absl::GetFlag(FLAGS_limit); limit > 0 && files.size() > size_t(limit)) {
    files.resize(limit);
  }
  if (files.empty()) return absl::InvalidArgumentError("no *.txt in --corpus_dir");
  auto extractor = extract::Extractor::Create();
  if (!extractor.ok()) return extractor.status();

  // Phase 1 (not the indexing figure): extract every report, keep the requests in memory.
  std::vector<std::vector<v1::IndexReportRequest>> per_file(files.size());
  double start = NowSeconds();
  ParallelFor(absl::GetFlag(FLAGS_extract_threads), files.size(), [&](int, size_t i) {
    std::string bytes = ReadFile(files[i]);
    auto doc = text::NormalizeDocument(bytes, text::NormalizeOptions{});
    if (!doc.ok()) return;
    std::vector<text::ReportSlice> slices = text::SplitReports(doc->text);
    for (size_t s = 0; s < slices.size(); ++s) {
      v1::Source source;
      source.set_uri(files[i].filename().string());
      source.set_content_type(doc->content_type);
      source.set_charset(doc->charset);
      source.set_index_in_bundle(static_cast<int>(s + 1));
      source.set_bundle_size(static_cast<int>(slices.size()));
      v1::IndexReportRequest request;
      *request.mutable_report() = (*extractor)->Extract(slices[s].text, source);
      request.mutable_report()->set_normalized_text(std::move(slices[s].text));
      per_file[i].push_back(std::move(request));
    }
  });
  LoadedCorpus corpus;
  std::vector<v1::IndexReportRequest>& requests = corpus.requests;
  size_t& text_bytes = corpus.text_bytes;
  size_t facts = 0;
  for (auto& reqs : per_file) {
    for (auto& r : reqs) {
      text_bytes += r.report().normalized_text().size();
      facts += r.report().facts_size();
      requests.push_back(std::move(r));
    }
  }
  per_file.clear();
  double extract_seconds = NowSeconds() - start;
  std::fprintf(stderr,
               "query_bench: extracted %zu reports from %zu files (%.1f MB normalized text, %zu "
               "facts) in %.1f s with %d threads\n",
               requests.size(), files.size(), text_bytes / 1e6, facts, extract_seconds,
               absl::GetFlag(FLAGS_extract_threads));
  corpus.extract_mb_per_s = text_bytes / 1e6 / extract_seconds;
  return corpus;
}

// CPU seconds (user + system) of this process so far.
double ProcessCpuSeconds() {
  rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec +
         usage.ru_stime.tv_usec / 1e6;
}

int RunIndexLocal() {
  const std::string dir = absl::GetFlag(FLAGS_data_dir);
  if (dir.empty()) {
    std::fprintf(stderr, "query_bench: --mode=index_local needs --data_dir\n");
    return 2;
  }
  absl::StatusOr<LoadedCorpus> corpus = LoadRequests();
  if (!corpus.ok()) {
    std::fprintf(stderr, "query_bench: %s\n", corpus.status().ToString().c_str());
    return 1;
  }
  auto hierarchy = query::MakeDivisionsHierarchy(regions::Divisions::Default());
  const int concurrency = absl::GetFlag(FLAGS_concurrency);
  const int runs = std::max(1, absl::GetFlag(FLAGS_runs));
  std::vector<double> seconds_per_run, cpu_per_run;
  size_t errors_total = 0, facts = 0;
  for (int run = 0; run < runs; ++run) {
    std::filesystem::remove_all(dir);
    query::ReportStoreOptions options;  // the server's defaults
    options.path = dir;
    options.hierarchy = hierarchy.get();
    auto store = query::ReportStore::Open(options);
    if (!store.ok()) {
      std::fprintf(stderr, "query_bench: %s\n", store.status().ToString().c_str());
      return 1;
    }
    std::atomic<size_t> errors{0}, run_facts{0};
    const double cpu_before = ProcessCpuSeconds();
    const double start = NowSeconds();
    ParallelFor(concurrency, corpus->requests.size(), [&](int, size_t i) {
      absl::StatusOr<query::IndexOutcome> outcome = (*store)->Index(corpus->requests[i].report());
      if (!outcome.ok()) {
        if (errors++ == 0) std::fprintf(stderr, "query_bench: %s\n", outcome.status().ToString().c_str());
        return;
      }
      run_facts += outcome->facts_indexed;
    });
    // Segments still being written count: the figure is for postings on disk, not in a queue.
    (*store)->WaitForPostingsWriter();
    seconds_per_run.push_back(NowSeconds() - start);
    cpu_per_run.push_back(ProcessCpuSeconds() - cpu_before);
    errors_total += errors.load();
    facts = run_facts.load();
    std::fprintf(stderr, "query_bench: in-process run %d: %.2f s, %.2f CPU-s\n", run + 1,
                 seconds_per_run.back(), cpu_per_run.back());
  }
  std::filesystem::remove_all(dir);
  const double seconds = Median(seconds_per_run);
  const double n = static_cast<double>(corpus->requests.size());
  PrintResult("index", "govreport in-process ReportStore::Index",
              {{"reports", n},
               {"mb", corpus->text_bytes / 1e6},
               {"seconds", seconds},
               {"mb_per_s", corpus->text_bytes / 1e6 / seconds},
               {"mb_per_s_min", corpus->text_bytes / 1e6 /
                                    *std::max_element(seconds_per_run.begin(), seconds_per_run.end())},
               {"mb_per_s_max", corpus->text_bytes / 1e6 /
                                    *std::min_element(seconds_per_run.begin(), seconds_per_run.end())},
               {"runs", static_cast<double>(runs)},
               {"reports_per_s", n / seconds},
               {"cpu_s", Median(cpu_per_run)},
               {"facts", static_cast<double>(facts)},
               {"errors", static_cast<double>(errors_total)},
               {"concurrency", static_cast<double>(concurrency)}});
  return errors_total > 0 ? 1 : 0;
}

int RunIndex() {
  absl::StatusOr<LoadedCorpus> corpus = LoadRequests();
  if (!corpus.ok()) {
    std::fprintf(stderr, "query_bench: %s\n", corpus.status().ToString().c_str());
    return 1;
  }
  std::vector<v1::IndexReportRequest>& requests = corpus->requests;
  const size_t text_bytes = corpus->text_bytes;

  // Phase 2: IndexReport over gRPC from several client threads.
  const int concurrency = absl::GetFlag(FLAGS_concurrency);
  std::vector<std::unique_ptr<v1::QueryService::Stub>> stubs;
  for (int t = 0; t < concurrency; ++t) stubs.push_back(NewStub(absl::GetFlag(FLAGS_target)));
  std::atomic<size_t> errors{0}, indexed_facts{0}, sent{0}, sent_bytes{0};
  absl::Mutex mu;
  std::string first_error;
  const double start = NowSeconds();
  const double deadline = start + absl::GetFlag(FLAGS_index_max_seconds);
  ParallelFor(concurrency, requests.size(), [&](int t, size_t i) {
    if (NowSeconds() > deadline) return;
    ++sent;
    sent_bytes += requests[i].report().normalized_text().size();
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120));
    v1::IndexReportResponse response;
    grpc::Status status = stubs[t]->IndexReport(&ctx, requests[i], &response);
    if (!status.ok()) {
      if (errors++ == 0) {
        absl::MutexLock lock(&mu);
        first_error = status.error_message();
      }
      return;
    }
    indexed_facts += response.facts_indexed();
  });
  double seconds = NowSeconds() - start;
  if (errors > 0) {
    std::fprintf(stderr, "query_bench: %zu IndexReport errors, first: %s\n", errors.load(),
                 first_error.c_str());
  }
  if (sent < requests.size()) {
    std::fprintf(stderr, "query_bench: time bound reached: %zu of %zu reports sent\n",
                 sent.load(), requests.size());
  }
  PrintResult("index", "govreport IndexReport",
              {{"reports", static_cast<double>(sent.load())},
               {"mb", sent_bytes / 1e6},
               {"seconds", seconds},
               {"mb_per_s", sent_bytes / 1e6 / seconds},
               {"reports_per_s", sent / seconds},
               {"facts", static_cast<double>(indexed_facts.load())},
               {"errors", static_cast<double>(errors.load())},
               {"concurrency", static_cast<double>(concurrency)},
               {"extract_mb_per_s", corpus->extract_mb_per_s}});
  return errors == sent ? 1 : 0;
}

// What the latency phase asks about: (region, indicator) pairs that have facts, and search
// queries. Taken from the index itself so every request does real work.
struct Workload {
  std::vector<std::pair<std::string, std::string>> region_indicator;
  std::vector<std::string> periods;
  std::vector<std::string> search_queries;
  // Queries with a term shorter than 3 characters: FTS5's trigram index cannot serve those, so
  // they are measured (and compared) apart.
  std::vector<std::string> short_term_queries;
};

bool HasShortTerm(const std::string& query) {
  for (absl::string_view term : absl::StrSplit(query, ' ', absl::SkipEmpty())) {
    size_t code_points = 0;
    for (char c : term) code_points += (c & 0xC0) != 0x80 && c != '"';
    if (code_points < 3) return true;
  }
  return false;
}

Workload DiscoverWorkload(v1::QueryService::Stub* stub) {
  Workload w;
  std::vector<std::string> seen_periods;
  std::string token;
  for (int page = 0; page < 20; ++page) {
    grpc::ClientContext ctx;
    v1::QueryFactsRequest request;
    request.set_page_size(1000);
    request.set_page_token(token);
    v1::QueryFactsResponse response;
    grpc::Status status = stub->QueryFacts(&ctx, request, &response);
    if (!status.ok()) {
      std::fprintf(stderr, "query_bench: QueryFacts (discovery): %s\n",
                   status.error_message().c_str());
      break;
    }
    for (const auto& record : response.facts()) {
      const std::string& region =
          record.region().code().empty() ? record.region().name() : record.region().code();
      if (!region.empty()) w.region_indicator.emplace_back(region, record.fact().indicator());
      if (record.fact().period().size() == 4) seen_periods.push_back(record.fact().period());
    }
    token = response.next_page_token();
    if (token.empty()) break;
  }
  std::sort(w.region_indicator.begin(), w.region_indicator.end());
  w.region_indicator.erase(std::unique(w.region_indicator.begin(), w.region_indicator.end()),
                           w.region_indicator.end());
  std::sort(seen_periods.begin(), seen_periods.end());
  seen_periods.erase(std::unique(seen_periods.begin(), seen_periods.end()), seen_periods.end());
  w.periods = seen_periods;
  if (w.periods.empty()) w.periods = {"2019", "2020", "2021"};
  std::ifstream terms(absl::GetFlag(FLAGS_terms_file));
  for (std::string line; std::getline(terms, line);) {
    if (line.empty() || line[0] == '#') continue;
    (HasShortTerm(line) ? w.short_term_queries : w.search_queries).push_back(line);
  }
  return w;
}

struct Outcome {
  std::vector<double> latencies_ms;
  size_t errors = 0;
  size_t results = 0;  // facts, points or hits returned: shows the calls did real work
  std::string first_error;
};

// Calls `call(stub, rng, &results)` from `concurrency` threads, `requests` calls in all, or fewer
// when `max_seconds` run out.
Outcome Drive(const std::string& target, int concurrency, int requests, double max_seconds,
              int seed,
              const std::function<grpc::Status(v1::QueryService::Stub*, std::mt19937*, size_t*)>&
                  call) {
  Outcome total;
  absl::Mutex mu;
  std::atomic<int> issued{0};
  double deadline = NowSeconds() + max_seconds;
  std::vector<std::thread> threads;
  for (int t = 0; t < concurrency; ++t) {
    threads.emplace_back([&, t] {
      auto stub = NewStub(target);
      std::mt19937 rng(seed * 1000 + t);
      Outcome mine;
      while (issued++ < requests && NowSeconds() < deadline) {
        size_t results = 0;
        double start = NowSeconds();
        grpc::Status status = call(stub.get(), &rng, &results);
        double ms = (NowSeconds() - start) * 1e3;
        if (status.ok()) {
          mine.latencies_ms.push_back(ms);
          mine.results += results;
        } else if (mine.errors++ == 0) {
          mine.first_error = status.error_message();
        }
      }
      absl::MutexLock lock(&mu);
      total.latencies_ms.insert(total.latencies_ms.end(), mine.latencies_ms.begin(),
                                mine.latencies_ms.end());
      total.errors += mine.errors;
      total.results += mine.results;
      if (total.first_error.empty()) total.first_error = mine.first_error;
    });
  }
  for (auto& th : threads) th.join();
  return total;
}

template <typename T>
const T& Pick(const std::vector<T>& items, std::mt19937* rng) {
  return items[std::uniform_int_distribution<size_t>(0, items.size() - 1)(*rng)];
}

int RunLatency() {
  const std::string target = absl::GetFlag(FLAGS_target);
  auto stub = NewStub(target);
  Workload w = DiscoverWorkload(stub.get());
  std::fprintf(stderr,
               "query_bench: %zu (region, indicator) pairs, %zu periods, %zu + %zu (short) "
               "queries\n",
               w.region_indicator.size(), w.periods.size(), w.search_queries.size(),
               w.short_term_queries.size());
  using Call = std::function<grpc::Status(v1::QueryService::Stub*, std::mt19937*, size_t*)>;
  std::vector<std::pair<std::string, Call>> calls;
  if (!w.region_indicator.empty()) {
    // Half by region and indicator, half one indicator over all regions in a period range: the
    // two shapes a dashboard asks.
    calls.emplace_back("QueryFacts", [&w](v1::QueryService::Stub* s, std::mt19937* rng,
                                          size_t* results) {
      const auto& [region, indicator] = Pick(w.region_indicator, rng);
      v1::QueryFactsRequest request;
      request.add_indicators(indicator);
      if ((*rng)() % 2) {
        request.mutable_region()->add_regions(region);
      } else {
        const std::string& period = Pick(w.periods, rng);
        request.set_period_from(period);
        request.set_period_to(period);
      }
      grpc::ClientContext ctx;
      v1::QueryFactsResponse response;
      grpc::Status status = s->QueryFacts(&ctx, request, &response);
      *results = response.facts_size();
      return status;
    });
    calls.emplace_back("TimeSeries", [&w](v1::QueryService::Stub* s, std::mt19937* rng,
                                          size_t* results) {
      const auto& [region, indicator] = Pick(w.region_indicator, rng);
      v1::TimeSeriesRequest request;
      request.set_region(region);
      request.set_indicator(indicator);
      grpc::ClientContext ctx;
      v1::TimeSeriesResponse response;
      grpc::Status status = s->TimeSeries(&ctx, request, &response);
      *results = response.points_size();
      return status;
    });
  } else {
    std::fprintf(stderr, "query_bench: no facts in the index; QueryFacts/TimeSeries skipped\n");
  }
  for (const auto* queries : {&w.search_queries, &w.short_term_queries}) {
    if (queries->empty()) continue;
    calls.emplace_back(queries == &w.search_queries ? "Search" : "Search short terms",
                       [queries](v1::QueryService::Stub* s, std::mt19937* rng, size_t* results) {
                         v1::SearchRequest request;
                         request.set_query(Pick(*queries, rng));
                         grpc::ClientContext ctx;
                         v1::SearchResponse response;
                         grpc::Status status = s->Search(&ctx, request, &response);
                         *results = response.hits_size();
                         return status;
                       });
  }
  for (absl::string_view level : absl::StrSplit(absl::GetFlag(FLAGS_concurrencies), ',')) {
    int concurrency = 1;
    if (!absl::SimpleAtoi(level, &concurrency) || concurrency < 1) continue;
    for (const auto& [name, call] : calls) {
      // Warm-up, untimed: connection setup and first-touch of the index.
      Drive(target, concurrency, std::min(50, absl::GetFlag(FLAGS_requests)), 10, 999, call);
      double start = NowSeconds();
      Outcome out = Drive(target, concurrency, absl::GetFlag(FLAGS_requests),
                          absl::GetFlag(FLAGS_max_seconds), absl::GetFlag(FLAGS_seed), call);
      double seconds = NowSeconds() - start;
      if (out.errors > 0) {
        std::fprintf(stderr, "query_bench: %s c=%d: %zu errors, first: %s\n", name.c_str(),
                     concurrency, out.errors, out.first_error.c_str());
      }
      size_t ok = out.latencies_ms.size();
      PrintResult("latency", name + " c=" + std::to_string(concurrency),
                  {{"requests", static_cast<double>(ok)},
                   {"errors", static_cast<double>(out.errors)},
                   {"p50_ms", Percentile(out.latencies_ms, 50)},
                   {"p99_ms", Percentile(out.latencies_ms, 99)},
                   {"qps", ok / seconds},
                   {"mean_results", ok ? static_cast<double>(out.results) / ok : 0}});
    }
  }
  return 0;
}

}  // namespace
}  // namespace govreport::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const std::string mode = absl::GetFlag(FLAGS_mode);
  if (mode == "index_local") return govreport::bench::RunIndexLocal();
  if (absl::GetFlag(FLAGS_target).empty()) {
    std::fprintf(stderr, "query_bench: --target is required\n");
    return 2;
  }
  if (mode == "index") return govreport::bench::RunIndex();
  if (mode == "latency") return govreport::bench::RunLatency();
  std::fprintf(stderr, "query_bench: unknown --mode=%s\n", mode.c_str());
  return 2;
}
