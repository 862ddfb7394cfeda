// Single-thread extraction throughput: govreport::extract::Extractor::Extract over sample report
// texts repeated to a fixed volume, and (as context) OpenCC's whole-text t2s conversion of the
// same texts. One process per measured row so that each row's peak RSS is its own.
//
//   extraction_bench --mode=extract --label="govreport simplified" --files=a.txt,b.txt
//   extraction_bench --mode=opencc  --label="OpenCC t2s" --files=...
//   extraction_bench --mode=dump --out=texts.txt --files=...   (normalized report texts, for RT)
//
// Prints RESULT lines (bench_util.h) read by bench/format_table.py, plus commentary.

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_split.h"
#include "bench/bench_util.h"
#include "common/extract/extractor.h"
#include "common/text/normalize.h"
#include "common/text/split.h"

#ifdef GOVREPORT_HAVE_OPENCC
#include <opencc/opencc.h>
#endif

ABSL_FLAG(std::string, mode, "extract", "extract | opencc | dump");
ABSL_FLAG(std::string, label, "govreport", "row name in the result table");
ABSL_FLAG(std::string, files, "", "comma-separated raw documents (normalized and split once)");
ABSL_FLAG(double, target_mb, 50, "repeat the report texts until at least this many MB");
ABSL_FLAG(int, runs, 5, "timed passes over the whole volume");
ABSL_FLAG(std::string, out, "", "--mode=dump: file to write the normalized report texts to");
ABSL_FLAG(std::string, opencc_config, "t2s.json", "--mode=opencc: OpenCC configuration");

namespace govreport::bench {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Each report of each file, normalized and split once (not part of the timed work).
std::vector<std::string> LoadReports(const std::string& files) {
  std::vector<std::string> reports;
  for (absl::string_view piece : absl::StrSplit(files, ',', absl::SkipEmpty())) {
    std::string path(piece.data(), piece.size());
    std::string bytes = ReadFile(path);
    auto doc = text::NormalizeDocument(bytes, text::NormalizeOptions{});
    if (!doc.ok()) {
      std::fprintf(stderr, "extraction_bench: %s: %s\n", path.c_str(),
                   doc.status().ToString().c_str());
      continue;
    }
    for (text::ReportSlice& slice : text::SplitReports(doc->text)) {
      reports.push_back(std::move(slice.text));
    }
  }
  return reports;
}

// The report texts laid end to end, repeated until `target_bytes`, in one buffer: the timed passes
// stream through memory the way a large batch would instead of re-reading a few cached reports.
struct Volume {
  std::string buffer;
  std::vector<std::string_view> reports;
};

Volume Repeat(const std::vector<std::string>& reports, size_t target_bytes) {
  size_t unit = 0;
  for (const auto& r : reports) unit += r.size();
  Volume v;
  if (unit == 0) return v;
  size_t copies = (target_bytes + unit - 1) / unit;
  v.buffer.reserve(copies * unit);
  std::vector<std::pair<size_t, size_t>> spans;
  for (size_t c = 0; c < copies; ++c) {
    for (const auto& r : reports) {
      spans.emplace_back(v.buffer.size(), r.size());
      v.buffer += r;
    }
  }
  for (auto [begin, size] : spans) v.reports.emplace_back(v.buffer.data() + begin, size);
  return v;
}

template <typename Pass>
void TimeRuns(const std::string& label, const Volume& volume, int runs, Pass pass) {
  double mb = volume.buffer.size() / 1e6;
  std::vector<double> rates;
  for (int run = 0; run < runs; ++run) {
    double start = NowSeconds();
    size_t check = pass();
    double seconds = NowSeconds() - start;
    rates.push_back(mb / seconds);
    std::fprintf(stderr, "  %s run %d: %.2f s, %.1f MB/s (checksum %zu)\n", label.c_str(),
                 run + 1, seconds, mb / seconds, check);
  }
  PrintResult("extraction", label,
              {{"mb_in", mb},
               {"runs", static_cast<double>(runs)},
               {"median", Median(rates)},
               {"min", *std::min_element(rates.begin(), rates.end())},
               {"max", *std::max_element(rates.begin(), rates.end())},
               {"peak_rss_mb", PeakRssMb()}});
}

int RunExtract(const Volume& volume, int runs, const std::string& label) {
  auto extractor = extract::Extractor::Create();
  if (!extractor.ok()) {
    std::fprintf(stderr, "extraction_bench: %s\n", extractor.status().ToString().c_str());
    return 1;
  }
  govreport::v1::Source source;
  // Warm-up on one copy of the distinct reports: lazy tables and page faults stay out of timing.
  size_t facts = 0;
  for (size_t i = 0; i < volume.reports.size() && i < 16; ++i) {
    facts += (*extractor)->Extract(volume.reports[i], source).facts_size();
  }
  TimeRuns(label, volume, runs, [&] {
    size_t n = 0;
    for (std::string_view report : volume.reports) {
      n += (*extractor)->Extract(report, source).facts_size();
    }
    return n;
  });
  return 0;
}

int RunOpenCC(const Volume& volume, int runs, const std::string& label) {
#ifdef GOVREPORT_HAVE_OPENCC
  opencc_t converter = opencc_open(absl::GetFlag(FLAGS_opencc_config).c_str());
  if (converter == reinterpret_cast<opencc_t>(-1)) {
    std::fprintf(stderr, "extraction_bench: opencc_open: %s\n", opencc_error());
    return 1;
  }
  TimeRuns(label, volume, runs, [&] {
    size_t n = 0;
    for (std::string_view report : volume.reports) {
      char* converted = opencc_convert_utf8(converter, report.data(), report.size());
      if (converted != nullptr) n += converted[0] != 0;
      opencc_convert_utf8_free(converted);
    }
    return n;
  });
  opencc_close(converter);
  return 0;
#else
  (void)volume;
  (void)runs;
  std::fprintf(stderr, "extraction_bench: built without libopencc (apt-get install "
                       "libopencc-dev and reconfigure); row %s skipped\n", label.c_str());
  return 0;
#endif
}

int Main() {
  std::vector<std::string> reports = LoadReports(absl::GetFlag(FLAGS_files));
  if (reports.empty()) {
    std::fprintf(stderr, "extraction_bench: no report text in --files\n");
    return 1;
  }
  const std::string mode = absl::GetFlag(FLAGS_mode);
  if (mode == "dump") {
    std::ofstream out(absl::GetFlag(FLAGS_out), std::ios::binary);
    for (const auto& r : reports) out << r << "\n";
    return out ? 0 : 1;
  }
  Volume volume = Repeat(reports, static_cast<size_t>(absl::GetFlag(FLAGS_target_mb) * 1e6));
  const std::string label = absl::GetFlag(FLAGS_label);
  std::fprintf(stderr, "%s: %zu distinct reports, %zu in the volume, %.1f MB\n", label.c_str(),
               reports.size(), volume.reports.size(), volume.buffer.size() / 1e6);
  reports.clear();
  reports.shrink_to_fit();
  const int runs = absl::GetFlag(FLAGS_runs);
  if (mode == "extract") return RunExtract(volume, runs, label);
  if (mode == "opencc") return RunOpenCC(volume, runs, label);
  std::fprintf(stderr, "extraction_bench: unknown --mode=%s\n", mode.c_str());
  return 2;
}

}  // namespace
}  // namespace govreport::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return govreport::bench::Main();
}
