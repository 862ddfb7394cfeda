#include "services/query/report_store.h"

#include <filesystem>

#include "common/testing/scratch_dir.h"
#include "gtest/gtest.h"
#include "services/query/keys.h"
#include "services/query/search_index.h"
#include "services/query/test_reports.h"

namespace govreport::query {
namespace {

using testing::MakeFact;
using testing::MakeReport;


class ReportStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(test_support::FreshScratchDir("query_store")); }
  void Open(const std::string& dir) {
    dir_ = dir;
    store_.reset();
    ReportStoreOptions options;
    options.path = dir;
    options.hierarchy = &hierarchy_;
    options.block_cache_bytes = 8 << 20;
    auto store = ReportStore::Open(options);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
  }
  std::optional<std::string> Get(const std::string& key) {
    std::string value;
    auto s = store_->db()->Get(rocksdb::ReadOptions(), key, &value);
    if (s.IsNotFound()) return std::nullopt;
    EXPECT_TRUE(s.ok()) << s.ToString();
    return value;
  }
  // Every key in the database.
  std::vector<std::string> AllKeys() {
    std::vector<std::string> keys;
    rocksdb::ReadOptions read;
    read.total_order_seek = true;
    std::unique_ptr<rocksdb::Iterator> it(store_->db()->NewIterator(read));
    for (it->SeekToFirst(); it->Valid(); it->Next()) keys.push_back(it->key().ToString());
    return keys;
  }

  testing::TestHierarchy hierarchy_;
  std::string dir_;
  std::unique_ptr<ReportStore> store_;
};

v1::Report Yunfu2021(std::string version = "v1") {
  return MakeReport("r1", testing::Yunfu(), 2021, "全市地区生产总值增长2.5%。财政收入稳定。",
                    {MakeFact("gdp", v1::MEASURE_GROWTH, "2020", v1::KIND_ACTUAL, 2.5, "%")},
                    std::move(version));
}

TEST_F(ReportStoreTest, RejectsReportsWithoutIdOrText) {
  v1::Report r = Yunfu2021();
  r.clear_report_id();
  EXPECT_EQ(store_->Index(r).status().code(), absl::StatusCode::kInvalidArgument);
  r = Yunfu2021();
  r.clear_normalized_text();
  EXPECT_EQ(store_->Index(r).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(ReportStoreTest, IndexesFactsTextAndPostings) {
  auto outcome = store_->Index(Yunfu2021());
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_FALSE(outcome->unchanged);
  EXPECT_EQ(outcome->facts_indexed, 1);
  ReportStore::Reader reader(*store_);
  const IndexedDoc* doc = reader.Find("r1");
  ASSERT_NE(doc, nullptr);
  EXPECT_EQ(doc->facts.size(), 1u);
  EXPECT_TRUE(doc->report.normalized_text().empty());
  EXPECT_EQ(*store_->DocFrequencies({"生产"}), std::vector<uint32_t>{1});
  EXPECT_TRUE(Get(FactKey("gdp", doc->docnum, 0)).has_value());
  EXPECT_TRUE(Get(RegionKey("445300")).has_value());
  EXPECT_EQ(*store_->ReadText(doc->docnum), "全市地区生产总值增长2.5%。财政收入稳定。");
}

TEST_F(ReportStoreTest, SameExtractorVersionIsUnchanged) {
  ASSERT_TRUE(store_->Index(Yunfu2021()).ok());
  auto again = store_->Index(Yunfu2021());
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->unchanged);
  EXPECT_EQ(again->facts_indexed, 1);
  auto newer = store_->Index(Yunfu2021("v2"));
  ASSERT_TRUE(newer.ok());
  EXPECT_FALSE(newer->unchanged);
}

TEST_F(ReportStoreTest, ReindexReplacesFactsAndPostings) {
  ASSERT_TRUE(store_->Index(Yunfu2021()).ok());
  ASSERT_TRUE(store_->Index(MakeReport("other", testing::Fengquan(), 2022, "财政收入增长")).ok());
  // Cached before the re-index: the cache must follow the write.
  EXPECT_EQ(*store_->DocFrequencies({"财政", "生产"}), (std::vector<uint32_t>{2, 1}));
  v1::Report changed = MakeReport(
      "r1", testing::Yunfu(), 2021, "一般公共预算收入增长3%。财政收入稳定。",
      {MakeFact("budget_revenue", v1::MEASURE_GROWTH, "2020", v1::KIND_ACTUAL, 3, "%")}, "v2");
  ASSERT_TRUE(store_->Index(changed).ok());
  ReportStore::Reader reader(*store_);
  const IndexedDoc* doc = reader.Find("r1");
  ASSERT_NE(doc, nullptr);
  ASSERT_EQ(doc->facts.size(), 1u);
  EXPECT_EQ(doc->facts[0].indicator(), "budget_revenue");
  EXPECT_EQ(reader.DocsWithIndicator("gdp"), nullptr);
  EXPECT_FALSE(Get(FactKey("gdp", doc->docnum, 0)).has_value());
  // A term both versions and another document share keeps the right count.
  EXPECT_EQ(*store_->DocFrequencies({"财政", "生产", "预算"}), (std::vector<uint32_t>{2, 0, 1}));
  EXPECT_EQ(reader.live_docs(), 2u);
  // A new text is a new docnum: postings of the old one are ignored, whatever segment holds them.
  EXPECT_NE(doc->docnum, 0u);
}

TEST_F(ReportStoreTest, NewExtractionOfTheSameTextKeepsDocnumAndPostings) {
  ASSERT_TRUE(store_->Index(Yunfu2021()).ok());
  const uint32_t docnum = ReportStore::Reader(*store_).Find("r1")->docnum;
  const uint32_t length = ReportStore::Reader(*store_).Find("r1")->search_length;
  ASSERT_TRUE(store_->Index(Yunfu2021("v2")).ok());
  EXPECT_EQ(*store_->DocFrequencies({"生产"}), std::vector<uint32_t>{1});
  ReportStore::Reader reader(*store_);
  EXPECT_EQ(reader.Find("r1")->docnum, docnum);
  EXPECT_EQ(reader.Find("r1")->search_length, length);
  EXPECT_GT(length, 0u);
  EXPECT_EQ(reader.Find("r1")->report.extractor_version(), "v2");
}

TEST_F(ReportStoreTest, DeleteRemovesEverything) {
  ASSERT_TRUE(store_->Index(Yunfu2021()).ok());
  ASSERT_TRUE(store_->Delete("r1").ok());
  EXPECT_EQ(store_->Delete("r1").code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(AllKeys().empty());
  ReportStore::Reader reader(*store_);
  EXPECT_EQ(reader.Find("r1"), nullptr);
  EXPECT_EQ(reader.live_docs(), 0u);
}

TEST_F(ReportStoreTest, ReopenKeepsTheIndex) {
  ASSERT_TRUE(store_->Index(Yunfu2021()).ok());
  ASSERT_TRUE(store_->Index(MakeReport("r2", testing::Sishui(), 2020, "泗水镇财政")).ok());
  ASSERT_TRUE(store_->Delete("r2").ok());
  ASSERT_TRUE(store_->Index(MakeReport("r3", testing::Fengquan(), 2022, "凤泉区")).ok());
  ASSERT_TRUE(store_->CompactAll().ok());
  Open(dir_);
  {
    ReportStore::Reader reader(*store_);
    EXPECT_EQ(reader.live_docs(), 2u);
    const IndexedDoc* doc = reader.Find("r1");
    ASSERT_NE(doc, nullptr);
    ASSERT_EQ(doc->facts.size(), 1u);
    EXPECT_EQ(doc->facts[0].value(), 2.5);
    EXPECT_EQ(doc->region.key, "445300");
    EXPECT_EQ(reader.Find("r2"), nullptr);
    EXPECT_NE(reader.Find("r3"), nullptr);
    EXPECT_GT(doc->search_length, 0u);
  }
  // Still writable, and unchanged detection survives the restart.
  auto again = store_->Index(Yunfu2021());
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->unchanged);
  ASSERT_TRUE(store_->Index(MakeReport("r4", testing::Yunfu(), 2019, "新报告")).ok());
  EXPECT_EQ(*store_->DocFrequencies({"凤泉", "泗水"}), (std::vector<uint32_t>{1, 0}));
  ReportStore::Reader reader(*store_);
  EXPECT_NE(reader.Find("r4")->docnum, reader.Find("r3")->docnum);
}

}  // namespace
}  // namespace govreport::query

namespace govreport::query {
namespace {

TEST(ReportStoreYearIndexTest, FollowsIndexReindexAndDelete) {
  const std::string dir = test_support::FreshScratchDir("query_store");
  ReportStoreOptions options;
  options.path = dir;
  options.block_cache_bytes = 8 << 20;
  auto opened = ReportStore::Open(options);
  ASSERT_TRUE(opened.ok()) << opened.status();
  std::unique_ptr<ReportStore> store = *std::move(opened);
  ASSERT_TRUE(store->Index(MakeReport("a", testing::Yunfu(), 2021, "文本甲",
                                      {MakeFact("gdp", v1::MEASURE_GROWTH, "2020", v1::KIND_ACTUAL, 2.5, "%"),
                                       MakeFact("gdp", v1::MEASURE_GROWTH, "2021-2025", v1::KIND_TARGET, 6, "%")}))
                  .ok());
  const auto docs = [&](const char* indicator, int year) {
    ReportStore::Reader reader(*store);
    std::vector<std::string> ids;
    if (const auto* set = reader.DocsWithIndicatorFrom(indicator, year)) {
      for (uint32_t d : *set) ids.push_back(reader.Get(d)->report.report_id());
    }
    return ids;
  };
  EXPECT_EQ(docs("gdp", 2020), std::vector<std::string>{"a"});
  EXPECT_EQ(docs("gdp", 2021), std::vector<std::string>{"a"});  // the span starts there
  EXPECT_TRUE(docs("gdp", 2022).empty());
  // A new version moves the fact to another year; the old entry goes.
  ASSERT_TRUE(store->Index(MakeReport("a", testing::Yunfu(), 2021, "文本甲",
                                      {MakeFact("gdp", v1::MEASURE_GROWTH, "2019", v1::KIND_ACTUAL, 2.5, "%")},
                                      "v2"))
                  .ok());
  EXPECT_TRUE(docs("gdp", 2020).empty());
  EXPECT_EQ(docs("gdp", 2019), std::vector<std::string>{"a"});
  ASSERT_TRUE(store->Delete("a").ok());
  EXPECT_TRUE(docs("gdp", 2019).empty());
}

}  // namespace
}  // namespace govreport::query
