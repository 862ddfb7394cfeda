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

}  // namespace govreport::query
