#ifndef GOVREPORT_COMMON_STORAGE_STATUS_H_
#define GOVREPORT_COMMON_STORAGE_STATUS_H_

#include <string_view>

#include "absl/status/status.h"
#include "rocksdb/status.h"

namespace govreport::storage {

// Converts a RocksDB status to an absl::Status whose message starts with `context` ("open
// /var/lib/x", "write report r12..."). OK stays OK. Mapping: NotFound -> NOT_FOUND,
// Corruption -> DATA_LOSS, InvalidArgument -> INVALID_ARGUMENT, NotSupported -> UNIMPLEMENTED,
// IOError with no space left -> RESOURCE_EXHAUSTED, other IOError (including a database locked
// by another process), Busy, TryAgain, ShutdownInProgress -> UNAVAILABLE, TimedOut ->
// DEADLINE_EXCEEDED, Aborted -> ABORTED, anything else -> INTERNAL.
absl::Status ToAbslStatus(const rocksdb::Status& status, std::string_view context);

}  // namespace govreport::storage

#endif  // GOVREPORT_COMMON_STORAGE_STATUS_H_
