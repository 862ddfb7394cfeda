#include "services/query/page_token.h"

#include <algorithm>
#include <random>
#include <vector>

#include "services/query/page_sort.h"

#include "govreport/v1/query.pb.h"
#include "gtest/gtest.h"

namespace govreport::query {
namespace {

TEST(PageTokenTest, ClampsPageSize) {
  EXPECT_EQ(ClampPageSize(0), kDefaultPageSize);
  EXPECT_EQ(ClampPageSize(-5), kDefaultPageSize);
  EXPECT_EQ(ClampPageSize(7), 7);
  EXPECT_EQ(ClampPageSize(1000000), kMaxPageSize);
}

TEST(PageTokenTest, RoundTripsForTheSameRequest) {
  v1::QueryFactsRequest request;
  request.add_indicators("gdp");
  request.set_page_size(10);
  const uint64_t fp = RequestFingerprint("QueryFacts", request);
  // Paging fields do not change the fingerprint.
  request.set_page_size(20);
  request.set_page_token("whatever");
  EXPECT_EQ(RequestFingerprint("QueryFacts", request), fp);
  auto offset = DecodePageToken(EncodePageToken(fp, 42), fp);
  ASSERT_TRUE(offset.ok()) << offset.status();
  EXPECT_EQ(*offset, 42u);
  EXPECT_EQ(*DecodePageToken("", fp), 0u);
}

TEST(PageTokenTest, RejectsTokensOfOtherFiltersOrRpcs) {
  v1::QueryFactsRequest a;
  a.add_indicators("gdp");
  v1::QueryFactsRequest b = a;
  b.set_period_from("2020");
  const uint64_t fa = RequestFingerprint("QueryFacts", a);
  EXPECT_NE(fa, RequestFingerprint("QueryFacts", b));
  EXPECT_NE(fa, RequestFingerprint("TargetAttainment", a));
  auto decoded = DecodePageToken(EncodePageToken(fa, 5), RequestFingerprint("QueryFacts", b));
  EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(decoded.status().message().find("different request"), std::string::npos);
}

TEST(PageTokenTest, RejectsGarbage) {
  for (const char* garbage : {"abc", "!!!!", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}) {
    auto decoded = DecodePageToken(garbage, 1);
    EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument) << garbage;
  }
  std::string token = EncodePageToken(1, 2);
  token[3] = token[3] == 'A' ? 'B' : 'A';  // flips bits: the checksum catches it
  EXPECT_EQ(DecodePageToken(token, 1).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace govreport::query

namespace govreport::query {
namespace {

TEST(PageRangeTest, SlicesAndIssuesTokensOnlyWhenRowsRemain) {
  std::string token;
  EXPECT_EQ(PageRange(10, 0, 4, 7, &token), (std::pair<size_t, size_t>{0, 4}));
  EXPECT_EQ(*DecodePageToken(token, 7), 4u);
  token.clear();
  EXPECT_EQ(PageRange(10, 8, 4, 7, &token), (std::pair<size_t, size_t>{8, 10}));
  EXPECT_TRUE(token.empty());
  EXPECT_EQ(PageRange(10, 50, 4, 7, &token), (std::pair<size_t, size_t>{10, 10}));
  EXPECT_TRUE(token.empty());
}

// Every page of every size, first, middle, last and past the end, holds what a full sort holds.
TEST(SortPageTest, PagesMatchAFullSort) {
  std::mt19937 rng(3);
  std::vector<int> all(257);
  for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
  std::shuffle(all.begin(), all.end(), rng);
  for (int page_size : {0, 1, 7, 50, 300}) {
    for (uint64_t offset : {0, 1, 49, 250, 256, 257, 1000}) {
      std::vector<int> rows = all;
      SortPage(rows, offset, page_size, std::less<int>());
      ASSERT_EQ(rows.size(), all.size());
      const size_t end = std::min<uint64_t>(all.size(), offset + page_size);
      for (size_t i = offset; i < end; ++i) ASSERT_EQ(rows[i], static_cast<int>(i)) << offset << "+" << page_size;
      std::sort(rows.begin(), rows.end());
      for (size_t i = 0; i < rows.size(); ++i) ASSERT_EQ(rows[i], static_cast<int>(i));  // a permutation
    }
  }
  std::vector<int> empty;
  SortPage(empty, 0, 10, std::less<int>());
  EXPECT_TRUE(empty.empty());
}

}  // namespace
}  // namespace govreport::query
