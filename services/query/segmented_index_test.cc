#include "services/query/segmented_index.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>

#include "common/testing/scratch_dir.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "services/query/keys.h"
#include "services/query/postings.h"
#include "services/query/report_store.h"
#include "services/query/test_reports.h"

namespace govreport::query {
namespace {

bool All(uint32_t) { return true; }

class SegmentedIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test_support::FreshScratchDir("segmented_index");
    options_.create_if_missing = true;
    Reopen();
  }
  void Reopen() {
    index_.reset();
    db_.reset();
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options_, dir_, &raw).ok());
    db_.reset(raw);
    SegmentedIndexOptions seg;
    seg.merge_factor = 2;
    index_ = std::make_unique<SegmentedIndex>(raw, options_, dir_, seg);
    auto covered = index_->Load();
    ASSERT_TRUE(covered.ok()) << covered.status();
    covered_end_ = *covered;
  }
  void Add(uint32_t docnum, const std::string& text) {
    DocTermList terms;
    TokenizeForIndex(text, &terms);
    index_->Add(docnum, terms);
  }
  void Flush(uint32_t end_doc, DocPredicate live = All) {
    index_->FreezeBuffer(end_doc);
    auto flush = index_->WriteFrozen(live);
    ASSERT_TRUE(flush.ok()) << flush.status();
    index_->InstallFrozen(*flush);
  }
  std::vector<uint32_t> Docs(const std::string& term, DocPredicate live = All) {
    BlockPins pins;
    TermPostings out;
    EXPECT_TRUE(index_->Collect(term, live, &pins, &out).ok());
    return out.docs;
  }

  std::string dir_;
  rocksdb::Options options_;
  std::unique_ptr<rocksdb::DB> db_;
  std::unique_ptr<SegmentedIndex> index_;
  uint32_t covered_end_ = 0;
};

TEST_F(SegmentedIndexTest, CollectsFromSegmentsAndBufferInDocOrder) {
  EXPECT_EQ(covered_end_, 0u);
  Add(0, "地区生产总值");
  Add(1, "财政收入");
  Flush(2);
  ASSERT_EQ(index_->segments().size(), 1u);
  EXPECT_EQ(index_->covered_end(), 2u);
  EXPECT_EQ(index_->buffer_bytes(), 0u);
  Add(2, "地区财政");
  EXPECT_EQ(Docs("地区"), (std::vector<uint32_t>{0, 2}));
  EXPECT_EQ(Docs("财政"), (std::vector<uint32_t>{1, 2}));
  EXPECT_EQ(Docs("地区", [](uint32_t d) { return d != 0; }), std::vector<uint32_t>{2});
  EXPECT_TRUE(Docs("没有").empty());
  BlockPins pins;
  TermPostings out;
  ASSERT_TRUE(index_->Collect("生产", All, &pins, &out).ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out.postings[0], EncodePosting({2}));
}

TEST_F(SegmentedIndexTest, FrozenBufferStaysVisibleUntilItsSegmentIsInstalled) {
  Add(0, "营商环境");
  index_->FreezeBuffer(1);
  EXPECT_TRUE(index_->has_frozen());
  EXPECT_EQ(index_->frozen_first(), 0u);
  EXPECT_EQ(index_->frozen_end(), 1u);
  EXPECT_EQ(index_->buffer_bytes(), 0u);
  Add(1, "环境保护");  // the new buffer takes writes meanwhile
  EXPECT_EQ(Docs("环境"), (std::vector<uint32_t>{0, 1}));
  auto flush = index_->WriteFrozen(All);
  ASSERT_TRUE(flush.ok()) << flush.status();
  EXPECT_EQ(Docs("环境"), (std::vector<uint32_t>{0, 1}));  // written, not yet installed
  EXPECT_NE(index_->InstallFrozen(*flush), nullptr);
  EXPECT_FALSE(index_->has_frozen());
  EXPECT_EQ(index_->covered_end(), 1u);
  EXPECT_EQ(index_->segments().size(), 1u);
  EXPECT_EQ(Docs("环境"), (std::vector<uint32_t>{0, 1}));
}

TEST_F(SegmentedIndexTest, ReloadReportsWhatTheSegmentsCover) {
  Add(0, "乡村振兴");
  Add(1, "乡村");
  Flush(3);  // docnum 2 was deleted before it was flushed: still covered
  Add(3, "振兴");  // buffered only: lost with the process, rebuilt by the owner from texts
  Reopen();
  EXPECT_EQ(covered_end_, 3u);
  EXPECT_EQ(Docs("乡村"), (std::vector<uint32_t>{0, 1}));
  EXPECT_EQ(Docs("振兴"), std::vector<uint32_t>{0});
}

TEST_F(SegmentedIndexTest, MergeDropsDeadDocumentsAndOldBlocks) {
  Add(0, "营商环境");
  Flush(1);
  Add(1, "营商环境优化");
  Flush(2);
  const auto live = [](uint32_t d) { return d != 0; };
  auto plan = index_->PlanMerge();
  ASSERT_TRUE(plan.has_value());
  EXPECT_EQ(plan->inputs.size(), 2u);
  ASSERT_TRUE(index_->WriteMerge(&*plan, live).ok());
  index_->InstallMerge(*plan);
  ASSERT_TRUE(index_->DropMergedInputs(*plan).ok());
  ASSERT_EQ(index_->segments().size(), 1u);
  EXPECT_EQ(index_->segments()[0].first_doc, 0u);
  EXPECT_EQ(index_->segments()[0].end_doc, 2u);
  EXPECT_EQ(index_->segments()[0].docs, 1u);
  EXPECT_EQ(Docs("营商"), std::vector<uint32_t>{1});  // gone from storage, not just filtered
  for (const SegmentInfo& input : plan->inputs) {
    std::string value;
    EXPECT_TRUE(db_->Get(rocksdb::ReadOptions(), BlockKey(input.id, "营商"), &value).IsNotFound());
  }
  Reopen();
  EXPECT_EQ(covered_end_, 2u);
  EXPECT_EQ(Docs("优化"), std::vector<uint32_t>{1});
}

TEST_F(SegmentedIndexTest, UnfinishedSegmentsAndOldLayoutAreDroppedAtLoad) {
  Add(0, "污染防治");
  Flush(1);
  // A crash between ingesting a segment's blocks and writing its manifest leaves blocks of an
  // unknown segment; the layout before segments left 'P' keys.
  ASSERT_TRUE(db_->Put(rocksdb::WriteOptions(), BlockKey(77, "污染"), "garbage").ok());
  // ... or a segment file written but never ingested.
  { std::ofstream(dir_ + "/segment-78.sst") << "partial"; }
  ASSERT_TRUE(db_->Put(rocksdb::WriteOptions(), std::string("P\x06污染") + std::string(4, '\0'), "x").ok());
  Reopen();
  std::string value;
  EXPECT_TRUE(db_->Get(rocksdb::ReadOptions(), BlockKey(77, "污染"), &value).IsNotFound());
  EXPECT_TRUE(db_->Get(rocksdb::ReadOptions(), std::string("P\x06污染") + std::string(4, '\0'), &value)
                  .IsNotFound());
  EXPECT_EQ(Docs("污染"), std::vector<uint32_t>{0});
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/segment-78.sst"));
  // New segments never reuse the orphan's number.
  Add(1, "污染");
  Flush(2);
  EXPECT_GT(index_->segments().back().id, 77u);
  EXPECT_EQ(Docs("污染"), (std::vector<uint32_t>{0, 1}));
}

TEST_F(SegmentedIndexTest, FlushOfOnlyDeadDocumentsWritesNoSegment) {
  Add(0, "高质量发展");
  Flush(1, [](uint32_t) { return false; });
  EXPECT_TRUE(index_->segments().empty());
  EXPECT_TRUE(Docs("发展").empty());
}

// The store over many flushes and merges, against a model: every term's document frequency and
// the documents a search finds must match brute force, before and after a restart.
TEST(SegmentedStoreTest, ManyFlushesAndMergesMatchAModel) {
  const std::string dir = test_support::FreshScratchDir("segmented_store");
  testing::TestHierarchy hierarchy;
  ReportStoreOptions options;
  options.path = dir;
  options.hierarchy = &hierarchy;
  options.block_cache_bytes = 8 << 20;
  options.search.flush_bytes = 2000;  // a few documents per segment
  options.search.merge_factor = 3;
  auto opened = ReportStore::Open(options);
  ASSERT_TRUE(opened.ok()) << opened.status();
  std::unique_ptr<ReportStore> store = *std::move(opened);

  const std::vector<std::string> words = {"地区", "生产", "总值", "财政", "收入", "乡村", "振兴",
                                          "营商", "环境", "创新", "开放", "民生"};
  std::mt19937 rng(7);
  std::map<std::string, std::string> model;  // report id -> text
  const auto random_text = [&] {
    std::string text;
    const int n = 3 + static_cast<int>(rng() % 12);
    for (int i = 0; i < n; ++i) text += words[rng() % words.size()] + "，";
    return text;
  };
  for (int step = 0; step < 300; ++step) {
    const std::string id = "r" + std::to_string(rng() % 60);
    const int action = static_cast<int>(rng() % 10);
    if (action == 0 && model.count(id)) {
      ASSERT_TRUE(store->Delete(id).ok());
      model.erase(id);
    } else {
      const std::string text = random_text();
      auto outcome = store->Index(
          testing::MakeReport(id, testing::Yunfu(), 2021, text, {}, "v" + std::to_string(step)));
      ASSERT_TRUE(outcome.ok()) << outcome.status();
      model[id] = text;
    }
  }
  const auto check = [&](const char* when) {
    SCOPED_TRACE(when);
    for (const std::string& word : words) {
      std::set<std::string> expected;
      for (const auto& [id, text] : model) {
        if (text.find(word) != std::string::npos) expected.insert(id);
      }
      const auto df = store->DocFrequencies({word});
      ASSERT_TRUE(df.ok());
      EXPECT_EQ((*df)[0], expected.size()) << word;
      ReportStore::Reader reader(*store);
      BlockPins pins;
      TermPostings postings;
      ASSERT_TRUE(reader.CollectPostings(word, &pins, &postings).ok());
      std::set<std::string> found;
      for (uint32_t d : postings.docs) found.insert(reader.Get(d)->report.report_id());
      EXPECT_EQ(found, expected) << word;
    }
  };
  check("while segments are written");
  store->WaitForPostingsWriter();
  EXPECT_GT(store->Segments().size(), 1u);
  check("live");
  store.reset();
  opened = ReportStore::Open(options);
  ASSERT_TRUE(opened.ok()) << opened.status();
  store = *std::move(opened);
  check("after reopen");
  // Still writable after the restart, without reusing a docnum a segment may name.
  ASSERT_TRUE(store->Index(testing::MakeReport("new", testing::Yunfu(), 2022, "民生开放")).ok());
  model["new"] = "民生开放";
  check("after a write");
}

}  // namespace
}  // namespace govreport::query
