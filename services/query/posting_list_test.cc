#include "services/query/posting_list.h"

#include "gtest/gtest.h"
#include "services/query/postings.h"

namespace govreport::query {
namespace {

bool All(uint32_t) { return true; }

TEST(PostingListTest, BuilderBlockRoundTrip) {
  PostingListBuilder builder;
  builder.Add(3, {0, 7});
  builder.Add(9, {4});
  builder.Add(70000, {1, 2, 3, 100000});
  TermPostings built;
  builder.AppendTo(All, &built);
  ASSERT_EQ(built.docs, (std::vector<uint32_t>{3, 9, 70000}));
  EXPECT_EQ(built.postings[0], EncodePosting({0, 7}));
  EXPECT_EQ(built.postings[2], EncodePosting({1, 2, 3, 100000}));

  std::string block;
  AppendPostingBlock(built, &block);
  TermPostings decoded;
  ASSERT_TRUE(DecodePostingBlock(block, All, &decoded).ok());
  EXPECT_EQ(decoded.docs, built.docs);
  EXPECT_EQ(decoded.postings, built.postings);
}

TEST(PostingListTest, FiltersAndAppendsAfterEarlierBlocks) {
  PostingListBuilder first, second;
  first.Add(1, {0});
  first.Add(2, {5});
  second.Add(10, {1});
  second.Add(11, {2});
  std::string a, b;
  TermPostings tmp;
  first.AppendTo(All, &tmp);
  AppendPostingBlock(tmp, &a);
  tmp.clear();
  second.AppendTo(All, &tmp);
  AppendPostingBlock(tmp, &b);

  TermPostings out;
  const auto odd = [](uint32_t d) { return d % 2 == 1; };
  ASSERT_TRUE(DecodePostingBlock(a, odd, &out).ok());
  ASSERT_TRUE(DecodePostingBlock(b, odd, &out).ok());
  EXPECT_EQ(out.docs, (std::vector<uint32_t>{1, 11}));
  EXPECT_EQ(out.postings[1], EncodePosting({2}));
  // The same block again would go backwards: refused, not silently unsorted.
  EXPECT_EQ(DecodePostingBlock(b, All, &out).code(), absl::StatusCode::kDataLoss);
}

TEST(PostingListTest, CorruptBlocksAreDataLoss) {
  PostingListBuilder builder;
  builder.Add(5, {1, 2});
  builder.Add(6, {3});
  TermPostings tmp;
  builder.AppendTo(All, &tmp);
  std::string block;
  AppendPostingBlock(tmp, &block);
  for (size_t cut = 0; cut < block.size(); ++cut) {
    TermPostings out;
    EXPECT_EQ(DecodePostingBlock(block.substr(0, cut), All, &out).code(),
              absl::StatusCode::kDataLoss)
        << "cut at " << cut;
  }
  std::string huge_count = "\xff\xff\xff\x0f";
  TermPostings out;
  EXPECT_EQ(DecodePostingBlock(huge_count, All, &out).code(), absl::StatusCode::kDataLoss);
  TermPostings empty;
  EXPECT_TRUE(DecodePostingBlock(std::string(1, '\0'), All, &empty).ok());
  EXPECT_EQ(empty.size(), 0u);
}

}  // namespace
}  // namespace govreport::query
