// The launcher itself, against /bin/sh stand-ins, so harness bugs are not mistaken for server
// bugs.
#include "tests/integration/server_process.h"

#include <sys/wait.h>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace govreport::testing {
namespace {

using ::testing::HasSubstr;

TEST(FindListeningAddressTest, ParsesCompleteLineOnly) {
  EXPECT_EQ(FindListeningAddress("x\nfoo: listening on 127.0.0.1:4242\n", "foo"), "127.0.0.1:4242");
  EXPECT_EQ(FindListeningAddress("foo: listening on 127.0.0.1:42", "foo"), "");
  EXPECT_EQ(FindListeningAddress("bar: listening on 127.0.0.1:1\n", "foo"), "");
}

TEST(ServerProcessTest, LearnsAddressAndStopsWithSigterm) {
  const std::string dir = MakeTempDir("proc-");
  auto process = ServerProcess::Start(
      "fake", "/bin/sh",
      {"-c", "trap 'exit 0' TERM; echo 'fake: listening on 127.0.0.1:5555' >&2; "
             "while :; do sleep 0.05; done"},
      dir + "/fake.log");
  ASSERT_TRUE(process.ok()) << process.status();
  EXPECT_EQ((*process)->address(), "127.0.0.1:5555");
  auto status = (*process)->Stop();
  ASSERT_TRUE(status.ok()) << status.status();
  EXPECT_TRUE(WIFEXITED(*status));
  EXPECT_EQ(WEXITSTATUS(*status), 0);
  EXPECT_FALSE((*process)->running());
}

TEST(ServerProcessTest, ReportsEarlyExitWithLog) {
  const std::string dir = MakeTempDir("proc-");
  auto process = ServerProcess::Start("fake", "/bin/sh", {"-c", "echo 'bad flag --x' >&2; exit 2"},
                                      dir + "/fake.log");
  ASSERT_FALSE(process.ok());
  EXPECT_EQ(process.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(process.status().message()), HasSubstr("bad flag --x"));
}

TEST(ServerProcessTest, KillsServerThatNeverListens) {
  const std::string dir = MakeTempDir("proc-");
  auto process = ServerProcess::Start("fake", "/bin/sh", {"-c", "exec sleep 30"},
                                      dir + "/fake.log", absl::Milliseconds(200));
  EXPECT_EQ(process.status().code(), absl::StatusCode::kDeadlineExceeded);
}

TEST(ServerProcessTest, SigkillsWhenSigtermIsIgnored) {
  const std::string dir = MakeTempDir("proc-");
  auto process = ServerProcess::Start(
      "fake", "/bin/sh",
      {"-c", "trap '' TERM; echo 'fake: listening on h:1' >&2; while :; do sleep 0.05; done"},
      dir + "/fake.log");
  ASSERT_TRUE(process.ok()) << process.status();
  auto status = (*process)->Stop(absl::Milliseconds(200));
  EXPECT_EQ(status.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_FALSE((*process)->running());
}

TEST(PickFreePortTest, GivesUsablePort) {
  auto port = PickFreePort();
  ASSERT_TRUE(port.ok()) << port.status();
  EXPECT_GT(*port, 0);
  EXPECT_LT(*port, 65536);
}

}  // namespace
}  // namespace govreport::testing
