#include "common/extract/extractor.h"

#include <string>

#include "common/data/embedded.h"
#include "common/extract/catalog.h"
#include "common/extract/facts.h"
#include "common/extract/sections.h"
#include "common/text/folded_text.h"
#include "common/util/content_id.h"

#if GOVREPORT_HAVE_METADATA
#include "common/extract/metadata.h"
#include "common/regions/divisions.h"
#endif

namespace govreport::extract {
namespace {

// Bump when the rules change output; the data files are hashed into Version() on their own.
constexpr char kRulesVersion[] = "0.2.0";

class ExtractorImpl : public Extractor {
 public:
  explicit ExtractorImpl(std::unique_ptr<IndicatorCatalog> catalog)
      : catalog_(std::move(catalog)), grammar_(*catalog_) {}

  govreport::v1::Report Extract(std::string_view normalized_text,
                                const govreport::v1::Source& source) const override {
    govreport::v1::Report report;
    // One hash for both: the report id is "r" + the first 24 hex digits of the text's SHA-256
    // (util/content_id.h); ExtractorTest checks the two agree.
    std::string sha = Sha256Hex(normalized_text);
    report.set_report_id("r" + sha.substr(0, 24));
    report.set_text_sha256(std::move(sha));
    *report.mutable_source() = source;
    report.set_extractor_version(std::string(Version()));
    text::FoldedText text(normalized_text);
    govreport::v1::ReportMetadata* meta = report.mutable_meta();
#if GOVREPORT_HAVE_METADATA
    *meta = ExtractMetadata(text, regions::Divisions::Default());
#endif
    if (meta->report_year() == 0) {
      // Without metadata (or when it found no year) fall back to the review heading.
      int year = GuessReportYear(text.folded());
      meta->set_report_year(year);
    }
    if (meta->review_year() == 0 && meta->report_year() > 0) {
      meta->set_review_year(meta->report_year() - 1);
    }
    if (meta->doc_type() == govreport::v1::DOC_TYPE_UNSPECIFIED) {
      bool report_like = normalized_text.find("工作报告") != std::string_view::npos ||
                         normalized_text.find("工作報告") != std::string_view::npos;
      meta->set_doc_type(report_like ? govreport::v1::DOC_TYPE_GOVERNMENT_WORK_REPORT
                                     : govreport::v1::DOC_TYPE_OTHER);
    }
    if (meta->report_year() == 0) return report;  // no year, no period: no facts
    FactContext context;
    context.report_year = meta->report_year();
    context.review_year = meta->review_year();
    text::FoldedText region_name(meta->region().name());
    context.region_name = region_name.folded();
    for (auto& fact : grammar_.Extract(text, context)) *report.add_facts() = std::move(fact);
    return report;
  }

 private:
  std::unique_ptr<IndicatorCatalog> catalog_;
  FactGrammar grammar_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Extractor>> Extractor::Create() {
  auto catalog = IndicatorCatalog::Parse(data::IndicatorCatalogTsv());
  if (!catalog.ok()) return catalog.status();
#if GOVREPORT_HAVE_METADATA
  auto divisions = regions::Divisions::Load();
  if (!divisions.ok()) return divisions.status();
#endif
  return std::unique_ptr<Extractor>(new ExtractorImpl(std::move(*catalog)));
}

std::string_view Extractor::Version() {
  static const std::string* const version = [] {
    std::string data = std::string(kRulesVersion) + "\n" + std::string(data::IndicatorCatalogTsv()) +
                       "\n" + std::string(data::DivisionsTsv());
    return new std::string(std::string("extract-") + kRulesVersion + "+" +
                           Sha256Hex(data).substr(0, 12));
  }();
  return *version;
}

}  // namespace govreport::extract
