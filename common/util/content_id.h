#ifndef GOVREPORT_COMMON_UTIL_CONTENT_ID_H_
#define GOVREPORT_COMMON_UTIL_CONTENT_ID_H_

#include <string>
#include <string_view>

namespace govreport {

// Lower-case hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

// Content-addressed report id: "r" followed by the first 24 hex digits of the SHA-256 of the
// report's normalized text. The same text always yields the same id, so ingesting a report twice
// stores it once; 96 bits keep accidental collisions out of reach for any realistic corpus.
std::string ReportIdForText(std::string_view normalized_text);

// The same id from an already computed Sha256Hex of the text (saves hashing a report twice).
std::string ReportIdFromSha256Hex(std::string_view sha256_hex);

}  // namespace govreport

#endif  // GOVREPORT_COMMON_UTIL_CONTENT_ID_H_
