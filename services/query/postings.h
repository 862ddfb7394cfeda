#ifndef GOVREPORT_SERVICES_QUERY_POSTINGS_H_
#define GOVREPORT_SERVICES_QUERY_POSTINGS_H_

// The value of one posting (one term in one document): varint term frequency, then the positions
// as varint deltas. Typical postings are a few bytes.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "services/query/varint.h"

namespace govreport::query {

// `positions` must be ascending.
std::string EncodePosting(const std::vector<uint32_t>& positions);

// Term frequency only (reads one varint). 0 for a corrupt value.
uint32_t PostingTermFrequency(std::string_view value);

// Reads a posting's positions one at a time, so a phrase check that succeeds early (the usual
// case: a document's first occurrences tend to be the phrase) decodes only a prefix.
class PositionCursor {
 public:
  explicit PositionCursor(std::string_view posting) : rest_(posting) {
    if (!GetVarint32(&rest_, &left_) || left_ > rest_.size()) {
      corrupt_ = true;
      return;
    }
    Next();
  }
  bool Valid() const { return valid_; }
  uint32_t position() const { return position_; }
  // Term frequency left to read, including the current position.
  uint32_t remaining() const { return left_ + (valid_ ? 1 : 0); }
  // True when the posting ended early or had a bad varint (Valid() is then false).
  bool corrupt() const { return corrupt_; }
  void Next() {
    valid_ = false;
    if (left_ == 0) return;
    uint32_t delta = 0;
    if (!GetVarint32(&rest_, &delta)) {
      corrupt_ = true;
      return;
    }
    position_ += delta;
    --left_;
    valid_ = true;
  }
  // Moves to the first position >= target (or past the end).
  void SeekTo(uint32_t target) {
    while (valid_ && position_ < target) Next();
  }

 private:
  std::string_view rest_;
  uint32_t left_ = 0;
  uint32_t position_ = 0;
  bool valid_ = false;
  bool corrupt_ = false;
};

// Appends EncodePosting(positions) to `*out`.
void AppendPosting(const std::vector<uint32_t>& positions, std::string* out);

}  // namespace govreport::query

#endif  // GOVREPORT_SERVICES_QUERY_POSTINGS_H_
