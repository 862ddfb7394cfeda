#include "common/storage/database.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/storage/status.h"
#include "rocksdb/options.h"

namespace govreport::storage {

rocksdb::WriteOptions SyncedWriteOptions() {
  rocksdb::WriteOptions options;
  options.sync = true;
  return options;
}

absl::StatusOr<std::unique_ptr<Database>> Database::Open(
    const std::string& dir, const std::vector<std::string>& column_families) {
  if (dir.empty()) return absl::InvalidArgumentError("database directory is empty");
  rocksdb::Options options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  // The services run beside each other on small machines: two background threads are plenty.
  options.IncreaseParallelism(2);
  options.OptimizeLevelStyleCompaction();
  options.keep_log_file_num = 5;

  std::vector<std::string> names = {rocksdb::kDefaultColumnFamilyName};
  std::vector<std::string> existing;
  // Fails for a database that does not exist yet, which then has only the requested families.
  if (rocksdb::DB::ListColumnFamilies(options, dir, &existing).ok()) {
    names.insert(names.end(), existing.begin(), existing.end());
  }
  names.insert(names.end(), column_families.begin(), column_families.end());
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());

  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const std::string& name : names) {
    descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions(options));
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  rocksdb::Status status = rocksdb::DB::Open(options, dir, descriptors, &handles, &db);
  if (!status.ok()) return ToAbslStatus(status, absl::StrCat("open database ", dir));
  return std::unique_ptr<Database>(new Database(dir, db, std::move(handles)));
}

Database::Database(std::string dir, rocksdb::DB* db,
                   std::vector<rocksdb::ColumnFamilyHandle*> handles)
    : dir_(std::move(dir)), db_(db), handles_(std::move(handles)) {
  for (rocksdb::ColumnFamilyHandle* handle : handles_) by_name_[handle->GetName()] = handle;
}

Database::~Database() {
  for (rocksdb::ColumnFamilyHandle* handle : handles_) db_->DestroyColumnFamilyHandle(handle);
  // Close() waits for background work and reports errors that a bare delete would drop.
  rocksdb::Status status = db_->Close();
  if (!status.ok()) {
    std::fprintf(stderr, "closing database %s: %s\n", dir_.c_str(), status.ToString().c_str());
  }
  delete db_;
}

rocksdb::ColumnFamilyHandle* Database::family(std::string_view name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : it->second;
}

absl::StatusOr<std::optional<std::string>> Database::Get(rocksdb::ColumnFamilyHandle* family,
                                                         std::string_view key) const {
  std::string value;
  rocksdb::Status status =
      db_->Get(rocksdb::ReadOptions(), family, rocksdb::Slice(key.data(), key.size()), &value);
  if (status.IsNotFound()) return std::nullopt;
  if (!status.ok()) return ToAbslStatus(status, absl::StrCat("read ", std::string(key), " in ", dir_));
  return std::optional<std::string>(std::move(value));
}

absl::Status Database::WriteSynced(rocksdb::WriteBatch* batch) {
  return ToAbslStatus(db_->Write(SyncedWriteOptions(), batch), absl::StrCat("write to ", dir_));
}

absl::Status Database::PutSynced(rocksdb::ColumnFamilyHandle* family, std::string_view key,
                                 std::string_view value) {
  return ToAbslStatus(db_->Put(SyncedWriteOptions(), family, rocksdb::Slice(key.data(), key.size()),
                               rocksdb::Slice(value.data(), value.size())),
                      absl::StrCat("write ", std::string(key), " to ", dir_));
}

absl::Status Database::Put(rocksdb::ColumnFamilyHandle* family, std::string_view key,
                           std::string_view value) {
  return ToAbslStatus(
      db_->Put(rocksdb::WriteOptions(), family, rocksdb::Slice(key.data(), key.size()),
               rocksdb::Slice(value.data(), value.size())),
      absl::StrCat("write ", std::string(key), " to ", dir_));
}

absl::Status Database::Scan(
    rocksdb::ColumnFamilyHandle* family, std::string_view prefix, std::string_view start_after,
    const std::function<bool(std::string_view key, std::string_view value)>& visit) const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), family));
  if (!start_after.empty() && start_after >= prefix) {
    it->Seek(rocksdb::Slice(start_after.data(), start_after.size()));
    if (it->Valid() && it->key() == rocksdb::Slice(start_after.data(), start_after.size())) {
      it->Next();
    }
  } else {
    it->Seek(rocksdb::Slice(prefix.data(), prefix.size()));
  }
  for (; it->Valid(); it->Next()) {
    std::string_view key(it->key().data(), it->key().size());
    if (key.substr(0, prefix.size()) != prefix) break;
    if (!visit(key, std::string_view(it->value().data(), it->value().size()))) break;
  }
  return ToAbslStatus(it->status(), absl::StrCat("scan ", dir_));
}

}  // namespace govreport::storage
