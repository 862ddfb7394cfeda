#include "services/query/postings_buffer.h"

#include <set>

#include "gtest/gtest.h"
#include "services/query/postings.h"

namespace govreport::query {
namespace {

bool All(uint32_t) { return true; }

std::vector<uint32_t> DocsOf(const PostingsBuffer& buffer, std::string_view term) {
  const PostingListBuilder* list = buffer.Find(term);
  if (list == nullptr) return {};
  TermPostings out;
  list->AppendTo(All, &out);
  return out.docs;
}

void AddText(PostingsBuffer* buffer, uint32_t docnum, const std::string& text) {
  DocTermList terms;
  TokenizeForIndex(text, &terms);
  buffer->Add(docnum, terms, /*max_term_bytes=*/12);
}

class PostingsBufferTest : public ::testing::TestWithParam<bool> {};

TEST_P(PostingsBufferTest, FindsEveryTermWithItsDocumentsAndPositions) {
  PostingsBuffer buffer(GetParam());
  EXPECT_EQ(buffer.bytes(), 0u);
  AddText(&buffer, 3, "地区生产总值GDP增长，verylongword");
  AddText(&buffer, 7, "地区财政收入增长");
  EXPECT_GT(buffer.bytes(), 0u);
  EXPECT_EQ(DocsOf(buffer, "地区"), (std::vector<uint32_t>{3, 7}));
  EXPECT_EQ(DocsOf(buffer, "增长"), (std::vector<uint32_t>{3, 7}));
  EXPECT_EQ(DocsOf(buffer, "gdp"), std::vector<uint32_t>{3});
  EXPECT_EQ(DocsOf(buffer, "verylongword"), std::vector<uint32_t>{3});  // no packed key
  EXPECT_TRUE(DocsOf(buffer, "没有").empty());
  TermPostings postings;
  buffer.Find("增长")->AppendTo(All, &postings);
  EXPECT_EQ(postings.postings[0], EncodePosting({9}));
  EXPECT_EQ(postings.postings[1], EncodePosting({6}));
}

TEST_P(PostingsBufferTest, SortedListsCoverEveryTermOnceInOrder) {
  PostingsBuffer buffer(GetParam());
  AddText(&buffer, 0, "乡村振兴，营商环境，abc");
  AddText(&buffer, 1, "振兴乡村，环境〇𠀀𠀁 z9 longerword");
  const auto lists = buffer.SortedLists();
  DocTermList a, b;
  TokenizeForIndex("乡村振兴，营商环境，abc", &a);
  TokenizeForIndex("振兴乡村，环境〇𠀀𠀁 z9 longerword", &b);
  std::set<std::string> expected(a.terms.begin(), a.terms.end());
  expected.insert(b.terms.begin(), b.terms.end());
  ASSERT_EQ(lists.size(), expected.size());
  for (size_t i = 1; i < lists.size(); ++i) EXPECT_LT(lists[i - 1].first, lists[i].first);
  for (const auto& [term, list] : lists) EXPECT_EQ(list, buffer.Find(term)) << term;
}

TEST_P(PostingsBufferTest, SkipsOverlongTermsAndClears) {
  PostingsBuffer buffer(GetParam());
  AddText(&buffer, 0, "abcdefghijklmnopqrstuvwxyz 数字");
  EXPECT_EQ(buffer.Find("abcdefghijklmnopqrstuvwxyz"), nullptr);  // over max_term_bytes
  EXPECT_NE(buffer.Find("数字"), nullptr);
  buffer.Clear();
  EXPECT_EQ(buffer.bytes(), 0u);
  EXPECT_TRUE(buffer.SortedLists().empty());
  EXPECT_EQ(buffer.Find("数字"), nullptr);
  AddText(&buffer, 1, "数字");  // docnums restart after a clear
  EXPECT_EQ(DocsOf(buffer, "数字"), std::vector<uint32_t>{1});
}

TEST(PostingsBufferParallelTest, SameContentsWithAndWithoutTheHelperThread) {
  PostingsBuffer serial(false), parallel(true);
  std::string text;
  for (int doc = 0; doc < 50; ++doc) {
    text += "第" + std::to_string(doc) + "年地区生产总值增长，财政收入";
    AddText(&serial, static_cast<uint32_t>(doc), text);
    AddText(&parallel, static_cast<uint32_t>(doc), text);
  }
  const auto a = serial.SortedLists(), b = parallel.SortedLists();
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a[i].first, b[i].first);
    TermPostings x, y;
    a[i].second->AppendTo(All, &x);
    b[i].second->AppendTo(All, &y);
    EXPECT_EQ(x.docs, y.docs) << a[i].first;
    EXPECT_EQ(x.postings, y.postings) << a[i].first;
  }
  EXPECT_EQ(serial.bytes(), parallel.bytes());
}

INSTANTIATE_TEST_SUITE_P(SerialAndParallel, PostingsBufferTest, ::testing::Bool());

}  // namespace
}  // namespace govreport::query
