#include "services/query/postings.h"

#include "services/query/keys.h"

namespace govreport::query {

void AppendPosting(const std::vector<uint32_t>& positions, std::string* out) {
  AppendVarint32(static_cast<uint32_t>(positions.size()), out);
  uint32_t previous = 0;
  for (uint32_t p : positions) {
    AppendVarint32(p - previous, out);
    previous = p;
  }
}

std::string EncodePosting(const std::vector<uint32_t>& positions) {
  std::string out;
  out.reserve(1 + positions.size() * 2);
  AppendPosting(positions, &out);
  return out;
}

uint32_t PostingTermFrequency(std::string_view value) {
  uint32_t tf = 0;
  return GetVarint32(&value, &tf) ? tf : 0;
}

absl::Status DecodePositionsInto(std::string_view value, std::vector<uint32_t>* positions) {
  positions->clear();
  uint32_t tf = 0;
  if (!GetVarint32(&value, &tf) || tf > value.size()) {
    return absl::DataLossError("corrupt posting: bad term frequency");
  }
  positions->reserve(tf);
  uint32_t position = 0;
  for (uint32_t i = 0; i < tf; ++i) {
    uint32_t delta = 0;
    if (!GetVarint32(&value, &delta)) return absl::DataLossError("corrupt posting: truncated");
    position += delta;
    positions->push_back(position);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<uint32_t>> DecodePositions(std::string_view value) {
  std::vector<uint32_t> positions;
  if (absl::Status s = DecodePositionsInto(value, &positions); !s.ok()) return s;
  return positions;
}

}  // namespace govreport::query
