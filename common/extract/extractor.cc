#include "common/extract/extractor.h"

#include <algorithm>
#include <string>

#include "common/data/embedded.h"
#include "common/extract/catalog.h"
#include "common/extract/facts.h"
#include "common/extract/metadata.h"
#include "common/extract/sections.h"
#include "common/regions/divisions.h"
#include "common/text/folded_text.h"
#include "common/util/content_id.h"

// The rule sources, embedded by CMakeLists.txt so that Version() changes with them.
namespace govreport::data {
std::string_view ExtractRulesFacts();
std::string_view ExtractRulesNumbers();
std::string_view ExtractRulesSections();
std::string_view ExtractRulesMatcher();
std::string_view ExtractRulesExtractor();
std::string_view ExtractRulesMetadata();
}  // namespace govreport::data

namespace govreport::extract {
namespace {

// Bump on notable rule changes; sources and data are hashed into Version() in any case.
constexpr char kRulesVersion[] = "1.0.0";

class ExtractorImpl : public Extractor {
 public:
  ExtractorImpl(std::unique_ptr<IndicatorCatalog> catalog,
                std::unique_ptr<regions::Divisions> divisions)
      : catalog_(std::move(catalog)), divisions_(std::move(divisions)), grammar_(*catalog_) {}

  govreport::v1::Report Extract(std::string_view normalized_text,
                                const govreport::v1::Source& source) const override {
    govreport::v1::Report report;
    // One hash for both the id and text_sha256.
    std::string sha = Sha256Hex(normalized_text);
    report.set_report_id(ReportIdFromSha256Hex(sha));
    report.set_text_sha256(std::move(sha));
    *report.mutable_source() = source;
    report.set_extractor_version(std::string(Version()));
    text::FoldedText text(normalized_text);
    govreport::v1::ReportMetadata* meta = report.mutable_meta();
    *meta = ExtractMetadata(text, *divisions_);
    if (meta->report_year() == 0) {
      // Metadata found no year (no date line, title year or review heading it trusts): take
      // the review heading's year loosely, so the facts still get periods.
      int year = GuessReportYear(text.folded());
      meta->set_report_year(year);
    }
    if (meta->review_year() == 0 && meta->report_year() > 0) {
      meta->set_review_year(meta->report_year() - 1);
    }
    if (meta->report_year() == 0) return report;  // no year, no period: no facts
    FactContext context;
    // Targets are for the year after the reviewed one: a plenary held late in the year reviews
    // that year and plans the next.
    context.report_year = std::max(meta->report_year(), meta->review_year() + 1);
    context.review_year = meta->review_year();
    text::FoldedText region_name(meta->region().name());
    context.region_name = region_name.folded();
    for (auto& fact : grammar_.Extract(text, context)) *report.add_facts() = std::move(fact);
    return report;
  }

 private:
  std::unique_ptr<IndicatorCatalog> catalog_;
  std::unique_ptr<regions::Divisions> divisions_;
  FactGrammar grammar_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Extractor>> Extractor::Create() {
  auto catalog = IndicatorCatalog::Parse(data::IndicatorCatalogTsv());
  if (!catalog.ok()) return catalog.status();
  auto divisions = regions::Divisions::Load();
  if (!divisions.ok()) return divisions.status();
  return std::unique_ptr<Extractor>(
      new ExtractorImpl(std::move(*catalog), std::move(*divisions)));
}

std::string_view Extractor::Version() {
  // "extract-<semver>+<hash>": the semver names the rule set for people; the hash covers the rule
  // sources and the data files, so the version changes whenever output can change.
  static const std::string* const version = [] {
    std::string all(kRulesVersion);
    for (std::string_view part :
         {data::ExtractRulesFacts(), data::ExtractRulesNumbers(), data::ExtractRulesSections(),
          data::ExtractRulesMatcher(), data::ExtractRulesExtractor(), data::ExtractRulesMetadata(),
          data::IndicatorCatalogTsv(), data::DivisionsTsv()}) {
      all += std::to_string(part.size());
      all += ':';
      all.append(part.data(), part.size());
    }
    return new std::string(std::string("extract-") + kRulesVersion + "+" +
                           Sha256Hex(all).substr(0, 12));
  }();
  return *version;
}

}  // namespace govreport::extract
