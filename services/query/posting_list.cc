#include "services/query/posting_list.h"

#include "services/query/keys.h"
#include "services/query/postings.h"
#include "services/query/varint.h"

namespace govreport::query {

void AppendPostingBlock(const TermPostings& postings, std::string* out) {
  size_t payload = 0;
  for (std::string_view p : postings.postings) payload += p.size();
  out->reserve(out->size() + 5 + postings.size() * 4 + payload);
  AppendVarint32(static_cast<uint32_t>(postings.size()), out);
  uint32_t previous = 0;
  for (uint32_t doc : postings.docs) {
    AppendVarint32(doc - previous, out);
    previous = doc;
  }
  for (std::string_view p : postings.postings) AppendVarint32(static_cast<uint32_t>(p.size()), out);
  for (std::string_view p : postings.postings) out->append(p);
}

absl::Status DecodePostingBlock(std::string_view block, DocPredicate keep, TermPostings* out) {
  const auto corrupt = [](const char* what) {
    return absl::DataLossError(std::string("corrupt posting block: ") + what);
  };
  uint32_t n = 0;
  // Each document takes at least three bytes (delta, length, tf): a larger n is garbage.
  if (!GetVarint32(&block, &n) || n > block.size() / 3 + 1) return corrupt("bad document count");
  // Docnums and lengths are both read before any posting; decode them in two passes over the
  // header so no scratch array is needed.
  std::string_view lengths = block;
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t delta = 0;
    if (!GetVarint32(&lengths, &delta)) return corrupt("truncated docnums");
  }
  std::string_view payload = lengths;
  uint64_t total = 0;
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t length = 0;
    if (!GetVarint32(&payload, &length)) return corrupt("truncated lengths");
    total += length;
  }
  if (total != payload.size()) return corrupt("lengths do not match the payload");
  const uint32_t floor = out->docs.empty() ? 0 : out->docs.back() + 1;
  uint32_t doc = 0;
  size_t offset = 0;
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t delta = 0, length = 0;
    GetVarint32(&block, &delta);
    GetVarint32(&lengths, &length);
    if ((i > 0 && delta == 0) || doc + delta < doc) return corrupt("docnums not ascending");
    doc += delta;
    if (doc < floor) return corrupt("docnums overlap an earlier block");
    if (keep(doc)) {
      out->docs.push_back(doc);
      out->postings.push_back(payload.substr(offset, length));
    }
    offset += length;
  }
  return absl::OkStatus();
}

void PostingListBuilder::Add(uint32_t docnum, const uint32_t* positions, size_t count) {
  const uint32_t tf = static_cast<uint32_t>(count);
  uint32_t length = static_cast<uint32_t>(Varint32Length(tf));
  uint32_t previous = 0;
  for (size_t i = 0; i < count; ++i) {
    length += static_cast<uint32_t>(Varint32Length(positions[i] - previous));
    previous = positions[i];
  }
  // Encoded on the stack and appended once: resize() would zero-fill first, and a buffer holds
  // hundreds of millions of these small appends (that fill was 14% of an index build).
  constexpr size_t kStackPositions = 256;
  char stack[3 * kMaxVarint32Bytes + kStackPositions * kMaxVarint32Bytes];
  std::string heap;
  char* const begin = count <= kStackPositions
                          ? stack
                          : (heap.resize(3 * kMaxVarint32Bytes + count * kMaxVarint32Bytes), heap.data());
  char* out = begin;
  out = EncodeVarint32(out, docnum - last_doc_);
  out = EncodeVarint32(out, length);
  out = EncodeVarint32(out, tf);
  previous = 0;
  for (size_t i = 0; i < count; ++i) {
    out = EncodeVarint32(out, positions[i] - previous);
    previous = positions[i];
  }
  data_.append(begin, static_cast<size_t>(out - begin));
  last_doc_ = docnum;
  ++count_;
}

void PostingListBuilder::AppendTo(DocPredicate keep, TermPostings* out) const {
  std::string_view in = data_;
  uint32_t doc = 0;
  for (uint32_t i = 0; i < count_; ++i) {
    uint32_t delta = 0, length = 0;
    // Written by Add above: well-formed by construction.
    GetVarint32(&in, &delta);
    GetVarint32(&in, &length);
    doc += delta;
    if (keep(doc)) {
      out->docs.push_back(doc);
      out->postings.push_back(in.substr(0, length));
    }
    in.remove_prefix(length);
  }
}

}  // namespace govreport::query
