#include "common/util/content_id.h"

#include <openssl/sha.h>

namespace govreport {

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * SHA256_DIGEST_LENGTH);
  for (unsigned char b : digest) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

std::string ReportIdFromSha256Hex(std::string_view sha256_hex) {
  return "r" + std::string(sha256_hex.substr(0, 24));
}

std::string ReportIdForText(std::string_view normalized_text) {
  return ReportIdFromSha256Hex(Sha256Hex(normalized_text));
}

}  // namespace govreport
