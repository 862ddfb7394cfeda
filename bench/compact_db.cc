// Fully compacts a RocksDB directory offline (every column family), so that the query benchmark
// measures the on-disk size of the index as it settles, not of whatever flush state the server
// happened to stop in.
//
//   compact_db DIR
//
// The server must be stopped (RocksDB holds a lock on DIR). Prints the column families compacted.

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "rocksdb/convenience.h"

#include "rocksdb/db.h"
#include "rocksdb/options.h"
#include "rocksdb/utilities/options_util.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: compact_db DIR\n");
    return 2;
  }
  const std::string dir = argv[1];
  // The options the server wrote (compression, table format, bloom filters), so the compacted
  // files are the ones the server itself would write.
  rocksdb::ConfigOptions config;
  config.ignore_unknown_options = true;
  rocksdb::DBOptions db_options;
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  rocksdb::Status s = rocksdb::LoadLatestOptions(config, dir, &db_options, &families);
  if (!s.ok()) {
    std::fprintf(stderr, "compact_db: %s\n", s.ToString().c_str());
    return 1;
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  s = rocksdb::DB::Open(db_options, dir, families, &handles, &raw);
  if (!s.ok()) {
    std::fprintf(stderr, "compact_db: %s\n", s.ToString().c_str());
    return 1;
  }
  std::unique_ptr<rocksdb::DB> db(raw);
  rocksdb::CompactRangeOptions options;
  options.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  for (auto* handle : handles) {
    db->Flush(rocksdb::FlushOptions(), handle);
    s = db->CompactRange(options, handle, nullptr, nullptr);
    if (!s.ok()) {
      std::fprintf(stderr, "compact_db: %s: %s\n", handle->GetName().c_str(),
                   s.ToString().c_str());
      return 1;
    }
    std::fprintf(stderr, "compact_db: compacted %s\n", handle->GetName().c_str());
  }
  for (auto* handle : handles) db->DestroyColumnFamilyHandle(handle);
  return 0;
}
