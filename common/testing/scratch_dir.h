#ifndef GOVREPORT_COMMON_TESTING_SCRATCH_DIR_H_
#define GOVREPORT_COMMON_TESTING_SCRATCH_DIR_H_

#include <unistd.h>

#include <filesystem>
#include <string>

#include "gtest/gtest.h"

namespace govreport::test_support {

// An empty directory for the running gtest test: <tmp>/<prefix>_<pid>_<test name>, removed
// first so a crashed earlier run cannot leak state into this one. Distinct per process and per
// test, so ctest -j runs do not share RocksDB directories. Call from SetUp() or a test body.
inline std::string FreshScratchDir(const std::string& prefix) {
  const std::string dir =
      (std::filesystem::temp_directory_path() /
       (prefix + "_" + std::to_string(getpid()) + "_" +
        ::testing::UnitTest::GetInstance()->current_test_info()->name()))
          .string();
  std::filesystem::remove_all(dir);
  return dir;
}

}  // namespace govreport::test_support

#endif  // GOVREPORT_COMMON_TESTING_SCRATCH_DIR_H_
