#include "services/query/report_queries.h"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/query/filters.h"
#include "services/query/page_token.h"
#include "services/query/search_index.h"
#include "services/query/snippets.h"
#include "services/query/tokenizer.h"

namespace govreport::query {
namespace {
bool NewerFirst(const IndexedDoc* a, const IndexedDoc* b) {
  const int ya = a->report.meta().report_year(), yb = b->report.meta().report_year();
  if (ya != yb) return ya > yb;
  return a->report.report_id() < b->report.report_id();
}
}  // namespace

absl::StatusOr<v1::Report> GetReport(const ReportStore& store, const v1::GetReportRequest& request) {
  if (request.report_id().empty()) return absl::InvalidArgumentError("report_id is required");
  v1::Report report;
  uint32_t docnum = 0;
  {
    ReportStore::Reader reader(store);
    const IndexedDoc* doc = reader.Find(request.report_id());
    if (doc == nullptr) {
      return absl::NotFoundError(absl::StrCat("no report with id ", request.report_id()));
    }
    report = doc->report;
    for (const v1::Fact& f : doc->facts) *report.add_facts() = f;
    docnum = doc->docnum;
  }
  if (!request.omit_text()) {
    absl::StatusOr<std::string> text = store.ReadText(docnum);
    // Deleted between the two reads: report what the caller would see now.
    if (absl::IsNotFound(text.status())) {
      return absl::NotFoundError(absl::StrCat("no report with id ", request.report_id()));
    }
    if (!text.ok()) return text.status();
    report.set_normalized_text(*std::move(text));
  }
  return report;
}

absl::StatusOr<v1::ListReportsResponse> ListReports(const ReportStore& store,
                                                    const v1::ListReportsRequest& request) {
  const uint64_t fingerprint = RequestFingerprint("ListReports", request);
  auto offset = DecodePageToken(request.page_token(), fingerprint);
  if (!offset.ok()) return offset.status();
  const ReportFilter filter(request.region(), request.year_from(), request.year_to(),
                            request.doc_type());
  ReportStore::Reader reader(store);
  std::vector<const IndexedDoc*> docs;
  for (const auto& doc : reader.docs()) {
    if (doc != nullptr && filter.Matches(*doc)) docs.push_back(doc.get());
  }
  std::sort(docs.begin(), docs.end(), NewerFirst);
  v1::ListReportsResponse response;
  auto [begin, end] = PageRange(docs.size(), *offset, ClampPageSize(request.page_size()),
                                              fingerprint, response.mutable_next_page_token());
  for (size_t i = begin; i < end; ++i) {
    const IndexedDoc& doc = *docs[i];
    v1::ReportSummary* summary = response.add_reports();
    summary->set_report_id(doc.report.report_id());
    *summary->mutable_meta() = doc.report.meta();
    summary->set_fact_count(static_cast<int32_t>(doc.facts.size()));
    summary->set_extractor_version(doc.report.extractor_version());
    summary->set_source_uri(doc.report.source().uri());
  }
  return response;
}

absl::StatusOr<v1::ListRegionsResponse> ListRegions(const ReportStore& store,
                                                    const v1::ListRegionsRequest& request) {
  const uint64_t fingerprint = RequestFingerprint("ListRegions", request);
  auto offset = DecodePageToken(request.page_token(), fingerprint);
  if (!offset.ok()) return offset.status();
  const ReportFilter filter(request.region(), 0, 0, v1::DOC_TYPE_UNSPECIFIED);
  ReportStore::Reader reader(store);
  struct Entry {
    const IndexedDoc* latest = nullptr;
    int count = 0;
    int first_year = 0;
    int last_year = 0;
  };
  std::map<std::pair<int, std::string>, Entry> regions;
  for (const auto& doc : reader.docs()) {
    if (doc == nullptr || !filter.Matches(*doc)) continue;
    const int year = doc->report.meta().report_year();
    Entry& e = regions[{doc->report.meta().region().level(), doc->region.key}];
    if (e.latest == nullptr || NewerFirst(doc.get(), e.latest)) e.latest = doc.get();
    e.first_year = e.count == 0 ? year : std::min(e.first_year, year);
    e.last_year = e.count == 0 ? year : std::max(e.last_year, year);
    ++e.count;
  }
  v1::ListRegionsResponse response;
  auto [begin, end] = PageRange(regions.size(), *offset, ClampPageSize(request.page_size()),
                                  fingerprint, response.mutable_next_page_token());
  auto it = regions.begin();
  std::advance(it, begin);
  for (size_t i = begin; i < end; ++i, ++it) {
    v1::RegionSummary* summary = response.add_regions();
    *summary->mutable_region() = it->second.latest->report.meta().region();
    summary->set_region_key(it->first.second);
    summary->set_report_count(it->second.count);
    summary->set_first_year(it->second.first_year);
    summary->set_last_year(it->second.last_year);
  }
  return response;
}

absl::StatusOr<v1::SearchResponse> Search(const ReportStore& store, const v1::SearchRequest& request,
                                          std::chrono::steady_clock::time_point deadline) {
  if (absl::StripAsciiWhitespace(request.query()).empty()) {
    return absl::InvalidArgumentError("query is empty: give words or \"quoted phrases\"");
  }
  std::vector<QueryPhrase> phrases = ParseQuery(request.query());
  if (phrases.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "query \"", request.query(), "\" has nothing searchable (Chinese characters, letters or digits)"));
  }
  const uint64_t fingerprint = RequestFingerprint("Search", request);
  auto offset = DecodePageToken(request.page_token(), fingerprint);
  if (!offset.ok()) return offset.status();
  const ReportFilter filter(request.region(), request.year_from(), request.year_to(),
                            request.doc_type());

  ReportStore::Reader reader(store);
  SearchParams params;
  params.phrases = phrases;
  // Postings are already restricted to live documents; filters read the packed summaries, and
  // the document itself only for a region filter.
  const std::vector<DocSummary>& summaries = reader.summaries();
  if (filter.needs_document()) {
    params.accept = [&](uint32_t docnum) {
      const IndexedDoc* doc = reader.Get(docnum);
      return doc != nullptr && filter.Matches(*doc);
    };
  } else if (!filter.empty()) {
    params.accept = [&](uint32_t docnum) { return filter.MatchesSummary(summaries[docnum]); };
  }
  params.doc_length = [&](uint32_t docnum) { return summaries[docnum].search_length; };
  params.stats.live_docs = reader.live_docs();
  params.stats.average_length = reader.average_search_length();
  params.deadline = deadline;
  BlockPins pins;  // the postings' memory, until the evaluation ends
  absl::StatusOr<std::vector<ScoredDoc>> scored =
      EvaluateQuery(params, [&](std::string_view term, TermPostings* out) {
        return reader.CollectPostings(term, &pins, out);
      });
  if (!scored.ok()) return scored.status();

  // Ranked by score, then newer report first, then docnum: all from the packed summaries, so
  // ranking thousands of hits touches no document; only the page's hits are read.
  struct Hit {
    double score;
    int16_t year;
    uint32_t docnum;
  };
  std::vector<Hit> hits;
  hits.reserve(scored->size());
  for (const ScoredDoc& s : *scored) hits.push_back({s.score, summaries[s.docnum].report_year, s.docnum});
  const int page_size = ClampPageSize(request.page_size());
  const size_t needed = std::min<uint64_t>(hits.size(), *offset + static_cast<uint64_t>(page_size));
  std::partial_sort(hits.begin(), hits.begin() + needed, hits.end(), [](const Hit& a, const Hit& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.year != b.year) return a.year > b.year;
    return a.docnum < b.docnum;
  });
  v1::SearchResponse response;
  response.set_total_hits(static_cast<int64_t>(hits.size()));
  auto [begin, end] = PageRange(hits.size(), *offset, page_size,
                                fingerprint, response.mutable_next_page_token());
  for (size_t i = begin; i < end; ++i) {
    const IndexedDoc& doc = *reader.Get(hits[i].docnum);
    v1::SearchHit* hit = response.add_hits();
    hit->set_report_id(doc.report.report_id());
    *hit->mutable_meta() = doc.report.meta();
    hit->set_score(hits[i].score);
    absl::StatusOr<std::string> text = store.ReadText(doc.docnum);
    if (!text.ok()) return text.status();
    for (v1::Snippet& s : MakeSnippets(*text, phrases)) *hit->add_snippets() = std::move(s);
  }
  return response;
}

}  // namespace govreport::query
