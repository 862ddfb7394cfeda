#ifndef GOVREPORT_COMMON_EXTRACT_EXTRACTOR_H_
#define GOVREPORT_COMMON_EXTRACT_EXTRACTOR_H_

#include <memory>
#include <string_view>

#include "absl/status/statusor.h"
#include "govreport/v1/report.pb.h"

namespace govreport::extract {

// Turns one normalized report (output of text::SplitReports) into metadata and facts.
//
// Create() loads the indicator catalog and the administrative divisions once (embedded data);
// the object is then immutable and Extract() is safe to call from many threads at once.
class Extractor {
 public:
  // Fails only when the embedded data files are malformed (a build error, reported clearly).
  static absl::StatusOr<std::unique_ptr<Extractor>> Create();
  virtual ~Extractor() = default;

  // Extracts meta and facts from `normalized_text`. Sets report_id (content id of the text),
  // text_sha256, meta, facts and extractor_version; copies `source`; does not copy the text.
  // Never fails: text in which no report is recognized yields doc_type OTHER and no facts.
  virtual govreport::v1::Report Extract(std::string_view normalized_text,
                                        const govreport::v1::Source& source) const = 0;

  // Version of the extraction rules and data. Changes whenever output can change, so caches and
  // stored results keyed on it are refreshed after an upgrade.
  static std::string_view Version();
};

}  // namespace govreport::extract

#endif  // GOVREPORT_COMMON_EXTRACT_EXTRACTOR_H_
