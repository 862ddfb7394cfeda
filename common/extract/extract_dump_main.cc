// Dev tool for the scoring loop (not installed): extract_dump FILE... prints one JSON line per
// report found in each file, as `govreport extract` does.
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "common/extract/extractor.h"
#include "common/extract/facts.h"
#include "common/text/folded_text.h"
#include "common/text/normalize.h"
#include "common/text/split.h"
#include "google/protobuf/util/json_util.h"

namespace {

// Process CPU seconds: the machine is shared, wall time would measure the neighbours.
double CpuNow() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

std::vector<std::string> Split(const std::string& text) {
#if GOVREPORT_HAVE_SPLIT
  std::vector<std::string> out;
  for (auto& slice : govreport::text::SplitReports(text)) out.push_back(std::move(slice.text));
  return out;
#else
  // Stopgap until text::SplitReports exists: bundles separate reports with a line "-".
  std::vector<std::string> out(1);
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line == "-") {
      if (!out.back().empty()) out.emplace_back();
      continue;
    }
    out.back() += line;
    out.back() += '\n';
  }
  if (out.back().empty() && out.size() > 1) out.pop_back();
  return out;
#endif
}

}  // namespace

int main(int argc, char** argv) {
  auto extractor = govreport::extract::Extractor::Create();
  if (!extractor.ok()) {
    std::fprintf(stderr, "%s\n", extractor.status().ToString().c_str());
    return 1;
  }
  // --bench N: time N passes of Extract over the reports of the files instead of printing.
  int bench = 0;
  int first = 1;
  if (argc > 2 && std::strcmp(argv[1], "--bench") == 0) {
    bench = std::atoi(argv[2]);
    first = 3;
  }
  if (bench > 0) {
    std::vector<std::string> texts;
    size_t bytes = 0;
    for (int i = first; i < argc; ++i) {
      std::ifstream in(argv[i], std::ios::binary);
      std::stringstream buf;
      buf << in.rdbuf();
      auto doc = govreport::text::NormalizeDocument(buf.str(), {});
      if (!doc.ok()) continue;
      for (auto& t : Split(doc->text)) {
        bytes += t.size();
        texts.push_back(std::move(t));
      }
    }
    size_t facts = 0;
    if (!texts.empty()) (*extractor)->Extract(texts[0], {});  // first-use tables out of the timing
    auto start = CpuNow();
    for (int pass = 0; pass < bench; ++pass)
      for (const auto& t : texts) facts += (*extractor)->Extract(t, {}).facts_size();
    double secs = (CpuNow() - start);
    std::printf("%zu bytes x %d passes in %.3f s: %.1f MB/s (%zu facts)\n", bytes, bench, secs,
                bytes * bench / secs / 1e6, facts);
    // Where the time goes: folding alone, and the fact grammar alone on folded text.
    start = CpuNow();
    for (int pass = 0; pass < bench; ++pass)
      for (const auto& t : texts) facts += govreport::text::FoldedText(t).size();
    secs = (CpuNow() - start);
    std::printf("  folding: %.1f MB/s\n", bytes * bench / secs / 1e6);
    std::vector<govreport::text::FoldedText> folded;
    for (const auto& t : texts) folded.emplace_back(t);
    govreport::extract::FactGrammar grammar(govreport::extract::IndicatorCatalog::Default());
    govreport::extract::FactContext ctx;
    ctx.report_year = 2021;
    ctx.review_year = 2020;
    start = CpuNow();
    for (int pass = 0; pass < bench; ++pass)
      for (const auto& f : folded) facts += grammar.Extract(f, ctx).size();
    secs = (CpuNow() - start);
    std::printf("  fact grammar: %.1f MB/s\n", bytes * bench / secs / 1e6);
    return 0;
  }
  for (int i = first; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    auto doc = govreport::text::NormalizeDocument(buf.str(), {});
    if (!doc.ok()) {
      std::fprintf(stderr, "%s: %s\n", argv[i], doc.status().ToString().c_str());
      return 1;
    }
    std::vector<std::string> reports = Split(doc->text);
    int index = 0;
    for (const std::string& text : reports) {
      govreport::v1::Source source;
      source.set_uri(argv[i]);
      source.set_index_in_bundle(++index);
      source.set_bundle_size(static_cast<int>(reports.size()));
      govreport::v1::Report report = (*extractor)->Extract(text, source);
      std::string json;
      google::protobuf::util::JsonPrintOptions options;
      (void)google::protobuf::util::MessageToJsonString(report, &json, options);
      std::cout << json << "\n";
    }
  }
  return 0;
}
