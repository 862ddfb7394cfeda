#ifndef GOVREPORT_SERVICES_QUERY_PAGE_TOKEN_H_
#define GOVREPORT_SERVICES_QUERY_PAGE_TOKEN_H_

// Opaque page tokens. A token carries the offset of the next page and a fingerprint of the RPC
// and of every request field except page_size and page_token, so a token used with other filters
// (or another RPC) is rejected instead of silently paging through a different result. Tokens are
// stateless: each page recomputes the (deterministically ordered) result and skips `offset` rows.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/statusor.h"
#include "google/protobuf/message.h"

namespace govreport::query {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 1000;

// page_size <= 0 -> kDefaultPageSize; above kMaxPageSize -> kMaxPageSize.
int ClampPageSize(int32_t page_size);

// Stable 64-bit fingerprint of `rpc` and `request` with the named fields cleared (the paging
// fields). Same request content -> same fingerprint, across processes and restarts.
uint64_t RequestFingerprint(std::string_view rpc, const google::protobuf::Message& request,
                            std::initializer_list<std::string_view> ignored_fields = {
                                "page_size", "page_token"});

std::string EncodePageToken(uint64_t fingerprint, uint64_t offset);

// Offset stored in `token`; 0 for an empty token. INVALID_ARGUMENT when the token is not one of
// ours or was issued for a different request fingerprint.
absl::StatusOr<uint64_t> DecodePageToken(std::string_view token, uint64_t fingerprint);

// Rows [first, second) of a result of `rows` rows for the page starting at `offset`; sets
// *next_token when rows remain after it.
std::pair<size_t, size_t> PageRange(size_t rows, uint64_t offset, int page_size,
                                    uint64_t fingerprint, std::string* next_token);

// Stable FNV-1a 64 (exposed for tests and for other fingerprints).
uint64_t Fnv1a64(std::string_view bytes, uint64_t seed = 0xcbf29ce484222325ULL);

}  // namespace govreport::query

#endif  // GOVREPORT_SERVICES_QUERY_PAGE_TOKEN_H_
