#ifndef GOVREPORT_SERVICES_QUERY_PAGE_SORT_H_
#define GOVREPORT_SERVICES_QUERY_PAGE_SORT_H_

// Ordering only the page a paged RPC returns. Pages are recomputed per request (page_token.h),
// so sorting every row up to the page's end made page k cost O(n log(k * page_size)); selecting
// the page's first row and sorting the page alone costs O(n + page_size log page_size).

#include <algorithm>
#include <cstdint>
#include <vector>

namespace govreport::query {

// Puts at positions [offset, offset + page_size) of `rows` (clamped to its size) the rows a full
// std::sort by `less` would put there, in that order; the other rows end up in unspecified
// order. `less` must be a strict total order (with ties, which of equal rows land on a page
// would depend on the algorithm).
template <typename T, typename Less>
void SortPage(std::vector<T>& rows, uint64_t offset, int page_size, Less less) {
  const size_t begin = static_cast<size_t>(std::min<uint64_t>(rows.size(), offset));
  const size_t end = std::min(rows.size(), begin + static_cast<size_t>(std::max(page_size, 0)));
  if (begin == end) return;
  if (begin > 0) std::nth_element(rows.begin(), rows.begin() + begin, rows.end(), less);
  std::partial_sort(rows.begin() + begin, rows.begin() + end, rows.end(), less);
}

}  // namespace govreport::query

#endif  // GOVREPORT_SERVICES_QUERY_PAGE_SORT_H_
