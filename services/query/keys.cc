#include "services/query/keys.h"

namespace govreport::query {

void AppendBigEndian32(uint32_t v, std::string* out) {
  char b[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
               static_cast<char>(v)};
  out->append(b, 4);
}

void AppendBigEndian16(uint16_t v, std::string* out) {
  char b[2] = {static_cast<char>(v >> 8), static_cast<char>(v)};
  out->append(b, 2);
}

uint32_t ReadBigEndian32(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

uint16_t ReadBigEndian16(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  return static_cast<uint16_t>((p[0] << 8) | p[1]);
}

namespace {
std::string TaggedDocnum(char tag, uint32_t docnum) {
  std::string k(1, tag);
  AppendBigEndian32(docnum, &k);
  return k;
}
}  // namespace

std::string DocKey(uint32_t docnum) { return TaggedDocnum(kDocTag, docnum); }
std::string TextKey(uint32_t docnum) { return TaggedDocnum(kTextTag, docnum); }

std::string FactKey(std::string_view indicator, uint32_t docnum, uint16_t index) {
  std::string k(1, kFactTag);
  k.append(indicator);
  k.push_back('\0');
  AppendBigEndian32(docnum, &k);
  AppendBigEndian16(index, &k);
  return k;
}

std::string RegionKey(std::string_view region_key) {
  std::string k(1, kRegionTag);
  k.append(region_key);
  return k;
}

std::string SegmentKey(uint32_t segment) {
  std::string k(1, kSegmentTag);
  AppendBigEndian32(segment, &k);
  return k;
}

std::string BlockPrefix(uint32_t segment) {
  std::string k(1, kBlockTag);
  AppendBigEndian32(segment, &k);
  return k;
}

void AssignBlockKey(uint32_t segment, std::string_view term, std::string* out) {
  if (term.size() > 255) term = term.substr(0, 255);
  out->clear();
  out->push_back(kBlockTag);
  AppendBigEndian32(segment, out);
  out->append(term);
}

std::string BlockKey(uint32_t segment, std::string_view term) {
  std::string k;
  AssignBlockKey(segment, term, &k);
  return k;
}

std::optional<std::string_view> TermOfBlockKey(std::string_view key) {
  if (key.size() < 5 || key[0] != kBlockTag) return std::nullopt;
  return key.substr(5);
}

std::optional<uint32_t> DocnumAfterPrefix(std::string_view key, std::string_view prefix) {
  if (key.size() != prefix.size() + 4 || key.substr(0, prefix.size()) != prefix) {
    return std::nullopt;
  }
  return ReadBigEndian32(key.substr(prefix.size()));
}

std::optional<ParsedFactKey> ParseFactKey(std::string_view key) {
  if (key.size() < 1 + 1 + 6 || key[0] != kFactTag) return std::nullopt;
  const size_t nul = key.find('\0', 1);
  if (nul == std::string_view::npos || key.size() != nul + 1 + 6) return std::nullopt;
  ParsedFactKey parsed;
  parsed.indicator = std::string(key.substr(1, nul - 1));
  parsed.docnum = ReadBigEndian32(key.substr(nul + 1));
  parsed.index = ReadBigEndian16(key.substr(nul + 5));
  return parsed;
}

std::string PrefixSuccessor(std::string_view prefix) {
  std::string s(prefix);
  while (!s.empty()) {
    unsigned char last = static_cast<unsigned char>(s.back());
    if (last != 0xFF) {
      s.back() = static_cast<char>(last + 1);
      return s;
    }
    s.pop_back();
  }
  return s;
}

}  // namespace govreport::query
