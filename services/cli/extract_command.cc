// `govreport extract FILE...`: the local pipeline (normalize, split, extract) without any server.
// Its output is the scorer's contract: one Report JSON object per report, per line, in document
// order.
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "common/extract/extractor.h"
#include "common/text/normalize.h"
#include "common/text/split.h"
#include "services/cli/command.h"
#include "services/cli/format.h"

namespace govreport::cli {

namespace {

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError("cannot open file");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return absl::DataLossError("read error");
  return bytes.str();
}

int RunExtract(const CommandLine& line, Environment& env) {
  if (line.positional().empty()) {
    *env.err << "govreport extract: give at least one FILE\n";
    return kExitUsage;
  }
  auto max_bytes = line.GetInt("max_bytes", 16 << 20);
  if (!max_bytes.ok() || *max_bytes <= 0) {
    *env.err << "govreport extract: --max_bytes needs a positive integer\n";
    return kExitUsage;
  }
  auto extractor = extract::Extractor::Create();
  if (!extractor.ok()) {
    *env.err << "govreport extract: cannot load the extractor: " << extractor.status() << "\n";
    return kExitFailure;
  }
  text::NormalizeOptions options;
  options.content_type = line.Get("content_type");
  options.charset_hint = line.Get("charset");
  options.max_bytes = static_cast<size_t>(*max_bytes);
  const bool with_text = line.Has("with_text");

  int failures = 0;
  for (const std::string& path : line.positional()) {
    // Every file is attempted even after a failure, so one bad file in a batch does not hide
    // the results of the others; the exit code still reports the failure.
    auto bytes = ReadFile(path);
    if (!bytes.ok()) {
      *env.err << "govreport extract: " << path << ": " << bytes.status().message() << "\n";
      ++failures;
      continue;
    }
    auto document = text::NormalizeDocument(*bytes, options);
    if (!document.ok()) {
      *env.err << "govreport extract: " << path << ": " << document.status().message() << "\n";
      ++failures;
      continue;
    }
    const std::vector<text::ReportSlice> slices = text::SplitReports(document->text);
    for (size_t i = 0; i < slices.size(); ++i) {
      v1::Source source;
      source.set_uri(path);
      source.set_content_type(document->content_type);
      source.set_charset(document->charset);
      source.set_index_in_bundle(static_cast<int>(i + 1));
      source.set_bundle_size(static_cast<int>(slices.size()));
      v1::Report report = (*extractor)->Extract(slices[i].text, source);
      if (with_text) report.set_normalized_text(slices[i].text);
      *env.out << ToJsonLine(report) << "\n";
    }
    env.out->flush();
  }
  if (failures > 0) {
    *env.err << "govreport extract: " << failures << " of " << line.positional().size()
             << " files failed\n";
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

std::vector<Command> ExtractCommands() {
  return {{"extract",
           "FILE...",
           "extract reports and facts from files locally (no server); one JSON line per report",
           {{"with_text", false, "include each report's normalized_text"},
            {"content_type", true, "MIME type of every FILE (sniffed when unset)"},
            {"charset", true, "charset of every FILE (detected when unset)"},
            {"max_bytes", true, "largest accepted file (default 16 MiB)"}},
           RunExtract}};
}

}  // namespace govreport::cli
