// The program as scripts see it: exit codes, output shape, error messages (run in-process).
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/cli/command.h"

namespace govreport::cli {
namespace {

using ::testing::HasSubstr;

struct CliRun {
  int code;
  std::string out;
  std::string err;
};

CliRun RunCli(const std::vector<std::string>& args,
           std::function<const char*(const char*)> getenv = nullptr) {
  std::ostringstream out, err;
  Environment env{&out, &err, getenv ? getenv : [](const char*) -> const char* { return nullptr; },
                  false};
  const int code = RunMain(args, env);
  return {code, out.str(), err.str()};
}

std::string Sample(const std::string& name) {
  const char* dir = std::getenv("GOVREPORT_SOURCE_DIR");
  return std::string(dir != nullptr ? dir : ".") + "/data/samples/" + name;
}

TEST(CliTest, NoArgumentsIsUsageError) {
  const CliRun run = RunCli({});
  EXPECT_EQ(run.code, kExitUsage);
  EXPECT_THAT(run.err, HasSubstr("usage: govreport"));
}

TEST(CliTest, HelpListsEveryCommand) {
  const CliRun run = RunCli({"--help"});
  EXPECT_EQ(run.code, kExitOk);
  for (const char* command : {"extract", "ingest", "status", "wait", "reports", "facts", "get",
                              "series", "compare", "attainment", "search", "regions",
                              "indicators", "overview"}) {
    EXPECT_THAT(run.out, HasSubstr(std::string("  ") + command + " ")) << command;
  }
}

TEST(CliTest, CommandHelpListsItsFlags) {
  const CliRun run = RunCli({"facts", "--help"});
  EXPECT_EQ(run.code, kExitOk);
  EXPECT_THAT(run.out, HasSubstr("--indicator"));
  EXPECT_THAT(run.out, HasSubstr("--within"));
}

TEST(CliTest, UnknownCommandAndFlagAreUsageErrors) {
  EXPECT_EQ(RunCli({"frobnicate"}).code, kExitUsage);
  const CliRun run = RunCli({"facts", "--indicatr=gdp"});
  EXPECT_EQ(run.code, kExitUsage);
  EXPECT_THAT(run.err, HasSubstr("--indicatr"));
}

TEST(CliTest, BadEnumWordIsUsageErrorListingChoices) {
  const CliRun run = RunCli({"facts", "--kind=sometimes", "--query=127.0.0.1:1"});
  EXPECT_EQ(run.code, kExitUsage);
  EXPECT_THAT(run.err, HasSubstr("actual"));
}

TEST(CliTest, UnreachableServiceNamesCodeAndTarget) {
  // Port 1 on loopback: nothing listens, the connection is refused at once.
  const CliRun run = RunCli({"indicators", "--query=127.0.0.1:1", "--deadline=5"});
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr("127.0.0.1:1"));
  EXPECT_THAT(run.err, ::testing::AnyOf(HasSubstr("UNAVAILABLE"), HasSubstr("DEADLINE_EXCEEDED")));
}

TEST(CliTest, TargetComesFromEnvironmentWhenNoFlag) {
  const CliRun run = RunCli({"indicators", "--deadline=5"}, [](const char* name) -> const char* {
    return std::string(name) == "GOVREPORT_QUERY" ? "127.0.0.1:1" : nullptr;
  });
  EXPECT_THAT(run.err, HasSubstr("127.0.0.1:1"));
}

TEST(CliTest, ExtractPrintsOneJsonLinePerReportInOrder) {
  const CliRun run = RunCli({"extract", Sample("000_8a7bc9ce6e61cdbb.txt")});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  std::vector<std::string> lines;
  std::istringstream in(run.out);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 10u);
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i].front(), '{');
    EXPECT_THAT(lines[i], HasSubstr("\"indexInBundle\":" + std::to_string(i + 1)));
    EXPECT_THAT(lines[i], ::testing::Not(HasSubstr("normalizedText")));
  }
  EXPECT_THAT(lines[0], HasSubstr("云浮市"));
}

TEST(CliTest, ExtractWithTextIncludesIt) {
  const CliRun run = RunCli({"extract", "--with_text", Sample("002_7d54046d113e74f1.txt")});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr("\"normalizedText\":"));
}

TEST(CliTest, ExtractKeepsGoingAfterABadFileAndFailsAtTheEnd) {
  const CliRun run = RunCli({"extract", "/no/such/file", Sample("002_7d54046d113e74f1.txt")});
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr("/no/such/file"));
  EXPECT_THAT(run.out, HasSubstr("凤泉区"));
}

TEST(CliTest, ExtractNamesTheProblemWithAnEmptyFile) {
  const std::string path = ::testing::TempDir() + "/empty.txt";
  { std::ofstream(path).flush(); }
  const CliRun run = RunCli({"extract", path});
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr(path));
  EXPECT_THAT(run.err, HasSubstr("empty document"));
}

}  // namespace
}  // namespace govreport::cli
