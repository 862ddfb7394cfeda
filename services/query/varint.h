#ifndef GOVREPORT_SERVICES_QUERY_VARINT_H_
#define GOVREPORT_SERVICES_QUERY_VARINT_H_

// LEB128 varints (7 bits per byte, low bits first), inline: postings are strings of them and the
// index build and search decode hundreds of millions.

#include <cstdint>
#include <string>
#include <string_view>

namespace govreport::query {

inline constexpr int kMaxVarint32Bytes = 5;

// Bytes AppendVarint32 writes for `v`.
inline int Varint32Length(uint32_t v) {
  int n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

// Writes `v` at `p` (room for kMaxVarint32Bytes) and returns the end.
inline char* EncodeVarint32(char* p, uint32_t v) {
  while (v >= 0x80) {
    *p++ = static_cast<char>(v | 0x80);
    v >>= 7;
  }
  *p++ = static_cast<char>(v);
  return p;
}

inline void AppendVarint32(uint32_t v, std::string* out) {
  if (v < 0x80) {
    out->push_back(static_cast<char>(v));
    return;
  }
  char buf[kMaxVarint32Bytes];
  out->append(buf, static_cast<size_t>(EncodeVarint32(buf, v) - buf));
}

// Reads a varint from the front of `*in` and advances it. False on truncated or overlong input.
inline bool GetVarint32(std::string_view* in, uint32_t* v) {
  if (!in->empty() && static_cast<unsigned char>((*in)[0]) < 0x80) {
    *v = static_cast<unsigned char>((*in)[0]);
    in->remove_prefix(1);
    return true;
  }
  uint32_t result = 0;
  for (int shift = 0, i = 0; shift <= 28 && i < static_cast<int>(in->size()); shift += 7, ++i) {
    const uint32_t byte = static_cast<unsigned char>((*in)[i]);
    if (shift == 28 && byte > 0x0F) return false;
    result |= (byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) {
      in->remove_prefix(static_cast<size_t>(i) + 1);
      *v = result;
      return true;
    }
  }
  return false;
}

}  // namespace govreport::query

#endif  // GOVREPORT_SERVICES_QUERY_VARINT_H_
