#include "services/ingest/work_queue.h"

#include <thread>

#include "absl/time/clock.h"
#include "gtest/gtest.h"

namespace govreport::ingest {
namespace {

TEST(WorkQueueTest, TakesInOrderWithoutDuplicates) {
  WorkQueue queue;
  queue.Add("a");
  queue.Add("b");
  queue.Add("a");
  EXPECT_EQ(queue.size(), 2u);
  EXPECT_EQ(queue.Take(), "a");
  EXPECT_EQ(queue.Take(), "b");
  queue.Done("a");
  queue.Done("b");
  EXPECT_EQ(queue.size(), 0u);
}

TEST(WorkQueueTest, AddWhileRunningRunsAgainAfterDone) {
  WorkQueue queue;
  queue.Add("a");
  ASSERT_EQ(queue.Take(), "a");
  queue.Add("a");  // e.g. Reextract while a worker extracts it
  EXPECT_EQ(queue.size(), 1u);
  queue.Done("a", absl::Now() + absl::Hours(1));  // the rerun wins over the retry time
  EXPECT_EQ(queue.Take(), "a");
  queue.Done("a");
  EXPECT_EQ(queue.size(), 0u);
}

TEST(WorkQueueTest, RetryBecomesReadyAtItsTime) {
  WorkQueue queue;
  queue.Add("a");
  ASSERT_EQ(queue.Take(), "a");
  queue.Done("a", absl::Now() + absl::Milliseconds(20));
  EXPECT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue.Take(), "a");  // blocks until due, without anyone calling Add
}

TEST(WorkQueueTest, AddPullsDelayedRetryForward) {
  WorkQueue queue;
  queue.Add("a");
  ASSERT_EQ(queue.Take(), "a");
  queue.Done("a", absl::Now() + absl::Hours(1));
  queue.Add("a");
  EXPECT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue.Take(), "a");
}

TEST(WorkQueueTest, CloseWakesBlockedTake) {
  WorkQueue queue;
  std::optional<std::string> taken = "unset";
  std::thread taker([&] { taken = queue.Take(); });
  queue.Close();
  taker.join();
  EXPECT_EQ(taken, std::nullopt);
  queue.Add("a");
  EXPECT_EQ(queue.Take(), std::nullopt);
}

TEST(WorkQueueTest, WaitUntilIdleReturnsOnceEverythingIsDone) {
  WorkQueue queue;
  queue.Add("a");
  queue.Add("b");
  std::thread worker([&] {
    for (int i = 0; i < 2; ++i) {
      std::optional<std::string> id = queue.Take();
      queue.Done(*id);
    }
  });
  queue.WaitUntilIdle();
  EXPECT_EQ(queue.size(), 0u);
  worker.join();
}

}  // namespace
}  // namespace govreport::ingest
