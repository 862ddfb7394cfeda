#include "common/storage/database.h"

#include <cstdlib>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"

namespace govreport::storage {
namespace {

// A fresh directory under the test's temporary directory.
std::string FreshDir(const std::string& name) {
  const char* tmp = std::getenv("TEST_TMPDIR");
  std::filesystem::path dir = std::filesystem::path(tmp ? tmp : "/tmp") /
                              ("govreport_storage_test_" + std::to_string(getpid())) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir.parent_path());
  return dir.string();
}

TEST(DatabaseTest, WritesSurviveReopen) {
  const std::string dir = FreshDir("reopen");
  {
    auto db = Database::Open(dir, {"reports"});
    ASSERT_TRUE(db.ok()) << db.status();
    rocksdb::WriteBatch batch;
    batch.Put((*db)->family("reports"), "k1", "v1");
    batch.Put((*db)->family("default"), "k2", "v2");
    ASSERT_TRUE((*db)->WriteSynced(&batch).ok());
    ASSERT_TRUE((*db)->PutSynced((*db)->family("reports"), "k3", "v3").ok());
  }
  // Reopening without naming the family still works: families already present are opened.
  auto db = Database::Open(dir);
  ASSERT_TRUE(db.ok()) << db.status();
  ASSERT_NE((*db)->family("reports"), nullptr);
  auto v1 = (*db)->Get((*db)->family("reports"), "k1");
  ASSERT_TRUE(v1.ok());
  EXPECT_EQ(v1->value_or("missing"), "v1");
  auto v2 = (*db)->Get((*db)->family("default"), "k2");
  EXPECT_EQ(v2->value_or("missing"), "v2");
  auto absent = (*db)->Get((*db)->family("reports"), "k2");
  ASSERT_TRUE(absent.ok());
  EXPECT_FALSE(absent->has_value());
}

TEST(DatabaseTest, UnknownFamilyIsNull) {
  auto db = Database::Open(FreshDir("unknown"), {"a"});
  ASSERT_TRUE(db.ok());
  EXPECT_EQ((*db)->family("b"), nullptr);
  EXPECT_NE((*db)->family("a"), nullptr);
}

TEST(DatabaseTest, SecondOpenOfSameDirectoryIsUnavailable) {
  const std::string dir = FreshDir("locked");
  auto first = Database::Open(dir);
  ASSERT_TRUE(first.ok());
  auto second = Database::Open(dir);
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable) << second.status();
  EXPECT_NE(second.status().message().find(dir), std::string_view::npos);
}

TEST(DatabaseTest, EmptyDirectoryIsInvalid) {
  EXPECT_EQ(Database::Open("").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(DatabaseTest, ScanHonoursPrefixStartAfterAndStop) {
  auto db = Database::Open(FreshDir("scan"));
  ASSERT_TRUE(db.ok());
  rocksdb::ColumnFamilyHandle* cf = (*db)->family("default");
  for (const char* key : {"a/1", "a/2", "a/3", "b/1", "a"}) {
    ASSERT_TRUE((*db)->Put(cf, key, std::string("v") + key).ok());
  }
  auto collect = [&](std::string_view prefix, std::string_view after, size_t limit) {
    std::vector<std::string> keys;
    EXPECT_TRUE((*db)->Scan(cf, prefix, after, [&](std::string_view key, std::string_view value) {
                        EXPECT_EQ(value, "v" + std::string(key));
                        keys.emplace_back(key);
                        return keys.size() < limit;
                      }).ok());
    return keys;
  };
  EXPECT_EQ(collect("a/", "", 100), (std::vector<std::string>{"a/1", "a/2", "a/3"}));
  EXPECT_EQ(collect("a/", "a/1", 100), (std::vector<std::string>{"a/2", "a/3"}));
  EXPECT_EQ(collect("a/", "a/15", 100), (std::vector<std::string>{"a/2", "a/3"}));
  EXPECT_EQ(collect("", "", 2), (std::vector<std::string>{"a", "a/1"}));
  EXPECT_EQ(collect("", "a/3", 100), (std::vector<std::string>{"b/1"}));
}

}  // namespace
}  // namespace govreport::storage
