#ifndef GOVREPORT_SERVICES_QUERY_POSTINGS_H_
#define GOVREPORT_SERVICES_QUERY_POSTINGS_H_

// The value of one posting (one term in one document): varint term frequency, then the positions
// as varint deltas. Typical postings are a few bytes.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace govreport::query {

// `positions` must be ascending.
std::string EncodePosting(const std::vector<uint32_t>& positions);

// Term frequency only (reads one varint). 0 for a corrupt value.
uint32_t PostingTermFrequency(std::string_view value);

// All positions. DATA_LOSS for a corrupt value.
absl::StatusOr<std::vector<uint32_t>> DecodePositions(std::string_view value);

// DecodePositions into `*positions` (replacing its contents, reusing its capacity: phrase checks
// decode several postings per candidate document). DATA_LOSS for a corrupt value.
absl::Status DecodePositionsInto(std::string_view value, std::vector<uint32_t>* positions);

// Appends EncodePosting(positions) to `*out`.
void AppendPosting(const std::vector<uint32_t>& positions, std::string* out);

}  // namespace govreport::query

#endif  // GOVREPORT_SERVICES_QUERY_POSTINGS_H_
