#include "services/query/page_token.h"

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

}  // namespace
}  // namespace govreport::query
