#include "services/query/posting_list.h"

#include "services/query/keys.h"
#include "services/query/postings.h"

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

void PostingListBuilder::Add(uint32_t docnum, const std::vector<uint32_t>& positions) {
  docs_.push_back(docnum);
  AppendPosting(positions, &postings_);
  ends_.push_back(static_cast<uint32_t>(postings_.size()));
}

size_t PostingListBuilder::memory_bytes() const {
  return sizeof(*this) + docs_.capacity() * sizeof(uint32_t) + ends_.capacity() * sizeof(uint32_t) +
         postings_.capacity();
}

void PostingListBuilder::AppendTo(DocPredicate keep, TermPostings* out) const {
  const std::string_view all = postings_;
  uint32_t begin = 0;
  for (size_t i = 0; i < docs_.size(); ++i) {
    if (keep(docs_[i])) {
      out->docs.push_back(docs_[i]);
      out->postings.push_back(all.substr(begin, ends_[i] - begin));
    }
    begin = ends_[i];
  }
}

}  // namespace govreport::query
