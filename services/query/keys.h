#ifndef GOVREPORT_SERVICES_QUERY_KEYS_H_
#define GOVREPORT_SERVICES_QUERY_KEYS_H_

// Key layout of the query index (one RocksDB database, one column family). Every key starts with
// a one-byte tag; numbers are big-endian so byte order is numeric order and a term's postings are
// one contiguous, docnum-ordered range (a prefix seek, no sort).
//
//   'D' docnum:u32                      -> DocRecord (doc length + Report without text and facts)
//   'T' docnum:u32                      -> normalized_text (raw UTF-8)
//   'F' indicator 0x00 docnum:u32 i:u16 -> Fact (serialized), the fact index
//   'R' region_key                      -> Region (serialized), the region entity
//   'S' segment:u32                     -> SegmentManifest (docnum range of a search segment)
//   'B' segment:u32 term                -> posting block: the term's postings in that segment
//
// Search postings live in immutable segments (see segmented_index.h): a segment's blocks are one
// contiguous key range, written once and deleted once. Layouts before segments kept one
// 'P' len:u8 term docnum:u32 key per posting; a store that still has them drops them at Open and
// rebuilds its segments from the 'T' texts.
//
// Docnums are dense u32 handles assigned in index order and never reused; a report re-indexed
// with a different text gets a new docnum (its old postings stay in their segment, ignored as
// deleted, until segments are merged).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "services/query/varint.h"

namespace govreport::query {

inline constexpr char kDocTag = 'D';
inline constexpr char kTextTag = 'T';
inline constexpr char kFactTag = 'F';
inline constexpr char kRegionTag = 'R';
inline constexpr char kLegacyPostingTag = 'P';
inline constexpr char kSegmentTag = 'S';
inline constexpr char kBlockTag = 'B';

// Big-endian fixed-width integers.
void AppendBigEndian32(uint32_t v, std::string* out);
void AppendBigEndian16(uint16_t v, std::string* out);
uint32_t ReadBigEndian32(std::string_view s);  // s.size() >= 4
uint16_t ReadBigEndian16(std::string_view s);  // s.size() >= 2

// Varints: varint.h (included here for the callers that always found them in keys.h).

std::string DocKey(uint32_t docnum);
std::string TextKey(uint32_t docnum);
std::string FactKey(std::string_view indicator, uint32_t docnum, uint16_t index);
std::string RegionKey(std::string_view region_key);
std::string SegmentKey(uint32_t segment);
// Every block of `segment` starts with BlockPrefix(segment).
std::string BlockPrefix(uint32_t segment);
// Terms longer than 255 bytes are truncated (at a byte: terms are only compared, never shown).
std::string BlockKey(uint32_t segment, std::string_view term);
// Appends BlockKey(segment, term) to `out` after clearing it (reuses its capacity).
void AssignBlockKey(uint32_t segment, std::string_view term, std::string* out);
// The term of a block key (nullopt when `key` is not one).
std::optional<std::string_view> TermOfBlockKey(std::string_view key);

// Docnum (or segment number) of a key that starts with `prefix` (DocKey/TextKey/SegmentKey), or
// nullopt when the key is not `prefix` followed by exactly four bytes.
std::optional<uint32_t> DocnumAfterPrefix(std::string_view key, std::string_view prefix);

struct ParsedFactKey {
  std::string indicator;
  uint32_t docnum = 0;
  uint16_t index = 0;
};
std::optional<ParsedFactKey> ParseFactKey(std::string_view key);

// The smallest key greater than every key starting with `prefix` ("" when there is none).
std::string PrefixSuccessor(std::string_view prefix);

}  // namespace govreport::query

#endif  // GOVREPORT_SERVICES_QUERY_KEYS_H_
