// Dev tool for the scoring loop (not installed): extract_dump FILE... prints one JSON line per
// report found in each file, as `govreport extract` does.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "common/extract/extractor.h"
#include "common/text/normalize.h"
#include "common/text/split.h"
#include "google/protobuf/util/json_util.h"

namespace {

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
  for (int i = 1; i < argc; ++i) {
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
