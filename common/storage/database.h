#ifndef GOVREPORT_COMMON_STORAGE_DATABASE_H_
#define GOVREPORT_COMMON_STORAGE_DATABASE_H_

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"

namespace govreport::storage {

// WriteOptions whose writes are on disk (WAL fsync'd) when the write returns: use them for
// anything acknowledged to a client.
rocksdb::WriteOptions SyncedWriteOptions();

// A RocksDB database in one directory, with its column families open. Thread-safe (RocksDB is);
// destroying it closes the database cleanly, so destroy it only after every user is gone.
class Database {
 public:
  // Opens the database in `dir`, creating the directory's database when missing. Opens the
  // "default" family, every family in `column_families` (created when missing) and any other
  // family the database already has (RocksDB refuses to open without them).
  // Errors: ToAbslStatus of the RocksDB error with the directory named; UNAVAILABLE when another
  // process has the database open; INVALID_ARGUMENT for an empty `dir`.
  static absl::StatusOr<std::unique_ptr<Database>> Open(
      const std::string& dir, const std::vector<std::string>& column_families = {});

  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  const std::string& dir() const { return dir_; }
  rocksdb::DB* db() const { return db_; }
  // Handle of an open family ("default" included); nullptr for a name Open did not open.
  rocksdb::ColumnFamilyHandle* family(std::string_view name) const;

  // The value under `key`, or nullopt when there is none.
  absl::StatusOr<std::optional<std::string>> Get(rocksdb::ColumnFamilyHandle* family,
                                                 std::string_view key) const;

  // Applies `batch` atomically and returns once it is durable (survives a crash or power loss).
  absl::Status WriteSynced(rocksdb::WriteBatch* batch);
  absl::Status PutSynced(rocksdb::ColumnFamilyHandle* family, std::string_view key,
                         std::string_view value);
  // Unsynced write, for data that can be recomputed (caches): a crash may lose the last writes,
  // never corrupt older ones.
  absl::Status Put(rocksdb::ColumnFamilyHandle* family, std::string_view key,
                   std::string_view value);

  // Calls `visit(key, value)` for the keys of `family` that start with `prefix`, in key order,
  // beginning after `start_after` when it is not empty, until `visit` returns false. Sees one
  // consistent snapshot.
  absl::Status Scan(rocksdb::ColumnFamilyHandle* family, std::string_view prefix,
                    std::string_view start_after,
                    const std::function<bool(std::string_view key, std::string_view value)>& visit)
      const;

 private:
  Database(std::string dir, rocksdb::DB* db, std::vector<rocksdb::ColumnFamilyHandle*> handles);

  std::string dir_;
  rocksdb::DB* db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  std::map<std::string, rocksdb::ColumnFamilyHandle*, std::less<>> by_name_;
};

}  // namespace govreport::storage

#endif  // GOVREPORT_COMMON_STORAGE_DATABASE_H_
