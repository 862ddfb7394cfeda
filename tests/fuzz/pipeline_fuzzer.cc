// Fuzz target for the whole text pipeline a submitted document goes through:
// NormalizeDocument -> SplitReports -> Extractor::Extract. Besides crashes and sanitizer reports
// it checks the invariants later stages rely on (valid UTF-8, folding keeps offsets).
//
// Built as a libFuzzer binary with -DGOVREPORT_FUZZ=ON (clang), and linked into a plain main
// (seed_replay_main.cc) that replays tests/fuzz/seeds in every regular test run.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <vector>

#include "common/extract/extractor.h"
#include "common/text/folded_text.h"
#include "common/text/normalize.h"
#include "common/text/split.h"
#include "common/text/utf8.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

const govreport::extract::Extractor& SharedExtractor() {
  static const govreport::extract::Extractor* extractor = [] {
    auto created = govreport::extract::Extractor::Create();
    Check(created.ok());
    return created->release();
  }();
  return *extractor;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // Options vary with the input size so one corpus explores hints and declared types without
  // a selector byte that would spoil BOMs and magic at the start of the seeds.
  static constexpr const char* kHints[] = {"", "", "", "", "gbk", "big5", "utf-8", "utf-16"};
  static constexpr const char* kTypes[] = {"", "", "text/html", "text/plain"};
  govreport::text::NormalizeOptions options;
  options.charset_hint = kHints[(size / 3) % 8];
  options.content_type = kTypes[(size / 5) % 4];
  options.max_bytes = 1 << 20;

  auto doc = govreport::text::NormalizeDocument(bytes, options);
  if (!doc.ok()) {
    Check(!doc.status().message().empty());
    return 0;
  }
  Check(govreport::text::IsValidUtf8(doc->text));
  Check(!doc->charset.empty());

  const std::vector<govreport::text::ReportSlice> slices =
      govreport::text::SplitReports(doc->text);
  Check(!slices.empty());
  govreport::v1::Source source;
  source.set_uri("fuzz://input");
  source.set_content_type(doc->content_type);
  source.set_charset(doc->charset);
  source.set_bundle_size(static_cast<int32_t>(slices.size()));
  for (const govreport::text::ReportSlice& slice : slices) {
    source.set_index_in_bundle(source.index_in_bundle() + 1);
    Check(govreport::text::IsValidUtf8(slice.text));
    Check(govreport::text::IsValidUtf8(slice.title));
    const govreport::text::FoldedText folded(slice.text);
    Check(folded.size() == govreport::text::CountCodePoints(slice.text));
    Check(folded.ByteOffset(folded.size()) == slice.text.size());
    const govreport::v1::Report report = SharedExtractor().Extract(slice.text, source);
    Check(!report.extractor_version().empty());
  }
  return 0;
}
