#include "services/cli/command_line.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace govreport::cli {
namespace {

using ::testing::ElementsAre;

const std::vector<FlagSpec> kSpecs = {
    {"region", true, ""}, {"json", false, ""}, {"limit", true, ""}, {"timeout", true, ""}};

TEST(CommandLineTest, SplitsPositionalsAndFlagsInBothSpellings) {
  auto line = CommandLine::Parse({"a", "--region=云浮市", "b", "--limit", "5", "--json"}, kSpecs);
  ASSERT_TRUE(line.ok()) << line.status();
  EXPECT_THAT(line->positional(), ElementsAre("a", "b"));
  EXPECT_EQ(line->Get("region"), "云浮市");
  EXPECT_EQ(*line->GetInt("limit", 0), 5);
  EXPECT_TRUE(line->Has("json"));
  EXPECT_FALSE(line->Has("timeout"));
  EXPECT_EQ(line->Get("timeout", "30"), "30");
}

TEST(CommandLineTest, ListValuesAccumulateAndSplitAtCommas) {
  auto line = CommandLine::Parse({"--region", "a,b", "--region=c,,"}, kSpecs);
  ASSERT_TRUE(line.ok());
  EXPECT_THAT(line->GetList("region"), ElementsAre("a", "b", "c"));
}

TEST(CommandLineTest, BooleanCanBeTurnedOff) {
  auto line = CommandLine::Parse({"--json=false"}, kSpecs);
  ASSERT_TRUE(line.ok());
  EXPECT_FALSE(line->Has("json"));
}

TEST(CommandLineTest, DoubleDashEndsFlags) {
  auto line = CommandLine::Parse({"--", "--json"}, kSpecs);
  ASSERT_TRUE(line.ok());
  EXPECT_THAT(line->positional(), ElementsAre("--json"));
  EXPECT_FALSE(line->Has("json"));
}

TEST(CommandLineTest, RejectsUnknownFlag) {
  auto line = CommandLine::Parse({"--regoin=x"}, kSpecs);
  EXPECT_EQ(line.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(line.status().message()), ::testing::HasSubstr("--regoin"));
}

TEST(CommandLineTest, RejectsMissingValue) {
  EXPECT_FALSE(CommandLine::Parse({"--limit"}, kSpecs).ok());
}

TEST(CommandLineTest, RejectsValueOnBoolean) {
  EXPECT_FALSE(CommandLine::Parse({"--json=yes"}, kSpecs).ok());
}

TEST(CommandLineTest, RejectsNonNumericInteger) {
  auto line = CommandLine::Parse({"--limit=ten"}, kSpecs);
  ASSERT_TRUE(line.ok());
  EXPECT_FALSE(line->GetInt("limit", 0).ok());
}

}  // namespace
}  // namespace govreport::cli
