#include "services/query/search_index.h"

#include <filesystem>

#include "common/testing/scratch_dir.h"
#include "gtest/gtest.h"
#include "services/query/report_store.h"
#include "services/query/test_reports.h"

namespace govreport::query {
namespace {

using testing::MakeReport;

class SearchIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string dir = test_support::FreshScratchDir("query_search");
    ReportStoreOptions options;
    options.path = dir;
    options.block_cache_bytes = 8 << 20;
    options.search.flush_bytes = 5000;  // a segment every few documents, the rest buffered
    auto store = ReportStore::Open(options);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    Add("a", "全年地区生产总值增长5%，地区生产总值突破千亿。");
    Add("b", "全年地區生產總值增長6%。");
    Add("c", "地区的生产和总值没有连在一起。");
    Add("d", "GDP增长与财政收入。");
  }
  void Add(const std::string& id, const std::string& text) {
    ASSERT_TRUE(store_->Index(MakeReport(id, testing::Yunfu(), 2021, text)).ok());
  }
  std::vector<std::string> Run(const std::string& query,
                               std::chrono::steady_clock::time_point deadline =
                                   std::chrono::steady_clock::time_point::max()) {
    SearchParams params;
    params.phrases = ParseQuery(query);
    ReportStore::Reader reader(*store_);
    params.accept = [&](uint32_t d) { return reader.Get(d) != nullptr; };
    params.doc_length = [&](uint32_t d) { return reader.Get(d)->search_length; };
    params.stats = {reader.live_docs(), reader.average_search_length()};
    params.deadline = deadline;
    BlockPins pins;
    auto result = EvaluateQuery(params, [&](std::string_view term, TermPostings* out) {
      return reader.CollectPostings(term, &pins, out);
    });
    status_ = result.status();
    std::vector<std::string> ids;
    if (!result.ok()) return ids;
    std::sort(result->begin(), result->end(),
              [](const ScoredDoc& x, const ScoredDoc& y) { return x.score > y.score; });
    for (const ScoredDoc& s : *result) ids.push_back(reader.Get(s.docnum)->report.report_id());
    return ids;
  }
  std::unique_ptr<ReportStore> store_;
  absl::Status status_;
};

TEST_F(SearchIndexTest, PhraseNeedsAdjacentTermsAndMatchesBothScripts) {
  // c has every bigram's characters but not the phrase; a mentions it twice and ranks first.
  EXPECT_EQ(Run("地区生产总值"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(Run("地區生產總值"), (std::vector<std::string>{"a", "b"}));
}

TEST_F(SearchIndexTest, WordsAreAndedAndAsciiIsCaseFolded) {
  EXPECT_EQ(Run("gdp 财政"), std::vector<std::string>{"d"});
  auto both = Run("增长 地区");
  std::sort(both.begin(), both.end());
  EXPECT_EQ(both, (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(Run("增长 没有").empty());
  EXPECT_TRUE(Run("不存在的词").empty());
}

TEST_F(SearchIndexTest, SingleCharacterAndQuotedPhrase) {
  auto hits = Run("突");
  EXPECT_EQ(hits, std::vector<std::string>{"a"});
  EXPECT_EQ(Run("\"GDP增长\""), std::vector<std::string>{"d"});
  EXPECT_TRUE(Run("\"增长 收入\"").empty());
}

TEST_F(SearchIndexTest, ExpiredDeadlineIsDeadlineExceeded) {
  Run("地区", std::chrono::steady_clock::now() - std::chrono::seconds(1));
  EXPECT_EQ(status_.code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_NE(status_.message().find("time limit"), std::string::npos);
}

TEST(CoveringTermsTest, NonOverlappingBigramsCoverAPhrase) {
  const auto cover = [](const std::string& query) {
    std::vector<std::string> terms;
    for (const QueryPhrase& phrase : ParseQuery(query)) {
      for (size_t i : CoveringTerms(phrase)) {
        terms.push_back(phrase.terms[i].term + "@" + std::to_string(phrase.terms[i].offset));
      }
    }
    return terms;
  };
  EXPECT_EQ(cover("地区生产总值"), (std::vector<std::string>{"地区@0", "生产@2", "总值@4"}));
  // Odd length: the last bigram overlaps.
  EXPECT_EQ(cover("乡村振兴战"), (std::vector<std::string>{"乡村@0", "振兴@2", "兴战@3"}));
  EXPECT_EQ(cover("GDP增长"), (std::vector<std::string>{"gdp@0", "增长@3"}));
  // Punctuation keeps its place; isolated characters are their own terms.
  EXPECT_EQ(cover("\"增长，收入\""), (std::vector<std::string>{"增长@0", "收入@3"}));
  EXPECT_EQ(cover("突"), std::vector<std::string>{"突@0"});
}

TEST_F(SearchIndexTest, PhraseMatchesAcrossSegmentsAndBuffer) {
  // Documents a-d are in the buffer; more in a segment must be found the same way.
  ASSERT_TRUE(store_->Index(MakeReport("e", testing::Yunfu(), 2022, "乡村振兴战略，地区生产总值。")).ok());
  store_->WaitForPostingsWriter();
  EXPECT_FALSE(store_->Segments().empty());
  auto hits = Run("地区生产总值");
  std::sort(hits.begin(), hits.end());
  EXPECT_EQ(hits, (std::vector<std::string>{"a", "b", "e"}));
}

TEST_F(SearchIndexTest, PhraseFoundAtALaterOccurrenceOfItsTerms) {
  // Every covering bigram occurs first elsewhere; the phrase itself comes last.
  Add("f", "总值与生产，地区和生产和总值，最后是地区生产总值。");
  Add("g", "总值与生产，地区和生产和总值。");
  auto hits = Run("地区生产总值");
  std::sort(hits.begin(), hits.end());
  EXPECT_EQ(hits, (std::vector<std::string>{"a", "b", "f"}));
}

TEST_F(SearchIndexTest, DeletedDocumentsDisappear) {
  ASSERT_TRUE(store_->Delete("a").ok());
  EXPECT_EQ(Run("地区生产总值"), std::vector<std::string>{"b"});
}

}  // namespace
}  // namespace govreport::query
