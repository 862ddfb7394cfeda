#include "services/query/page_token.h"

#include <algorithm>
#include <memory>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "services/query/keys.h"

namespace govreport::query {
namespace {
constexpr char kTokenVersion = 1;

void AppendFixed64(uint64_t v, std::string* out) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>(v >> (8 * i)));
}
uint64_t ReadFixed64(std::string_view s) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(s[i]);
  return v;
}
}  // namespace

int ClampPageSize(int32_t page_size) {
  if (page_size <= 0) return kDefaultPageSize;
  return page_size > kMaxPageSize ? kMaxPageSize : page_size;
}

std::pair<size_t, size_t> PageRange(size_t rows, uint64_t offset, int page_size,
                                    uint64_t fingerprint, std::string* next_token) {
  const size_t begin = offset < rows ? static_cast<size_t>(offset) : rows;
  const size_t end = std::min(rows, begin + static_cast<size_t>(page_size));
  if (end < rows) *next_token = EncodePageToken(fingerprint, end);
  return {begin, end};
}

uint64_t Fnv1a64(std::string_view bytes, uint64_t seed) {
  uint64_t h = seed;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

uint64_t RequestFingerprint(std::string_view rpc, const google::protobuf::Message& request,
                            std::initializer_list<std::string_view> ignored_fields) {
  std::unique_ptr<google::protobuf::Message> copy(request.New());
  copy->CopyFrom(request);
  const auto* descriptor = copy->GetDescriptor();
  for (std::string_view name : ignored_fields) {
    if (const auto* field = descriptor->FindFieldByName(std::string(name))) {
      copy->GetReflection()->ClearField(copy.get(), field);
    }
  }
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    copy->SerializeToCodedStream(&coded);
  }
  return Fnv1a64(bytes, Fnv1a64(rpc));
}

std::string EncodePageToken(uint64_t fingerprint, uint64_t offset) {
  std::string raw(1, kTokenVersion);
  AppendFixed64(fingerprint, &raw);
  AppendFixed64(offset, &raw);
  // A checksum so that a mangled token is reported as malformed, not as "other filters".
  AppendFixed64(Fnv1a64(raw), &raw);
  return absl::WebSafeBase64Escape(raw);
}

absl::StatusOr<uint64_t> DecodePageToken(std::string_view token, uint64_t fingerprint) {
  if (token.empty()) return 0;
  std::string raw;
  if (!absl::WebSafeBase64Unescape(absl::string_view(token.data(), token.size()), &raw) || raw.size() != 25 || raw[0] != kTokenVersion ||
      ReadFixed64(std::string_view(raw).substr(17)) != Fnv1a64(std::string_view(raw).substr(0, 17))) {
    return absl::InvalidArgumentError(
        "malformed page_token: pass next_page_token from the previous response unchanged");
  }
  if (ReadFixed64(std::string_view(raw).substr(1)) != fingerprint) {
    return absl::InvalidArgumentError(
        "page_token was issued for a different request: keep the filters of the request that "
        "returned it, or start again without a page_token");
  }
  return ReadFixed64(std::string_view(raw).substr(9));
}

}  // namespace govreport::query
