#ifndef GOVREPORT_BENCH_BENCH_UTIL_H_
#define GOVREPORT_BENCH_BENCH_UTIL_H_

// Small helpers shared by the benchmark programs: timing, order statistics, peak memory, and the
// result line format that bench/format_table.py turns into tables.

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace govreport::bench {

inline double NowSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Nearest-rank percentile (p in [0, 100]) of `values`; 0 for an empty vector. Sorts a copy.
inline double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  size_t rank = static_cast<size_t>(p / 100.0 * values.size() + 0.999999);
  rank = std::clamp<size_t>(rank, 1, values.size());
  return values[rank - 1];
}

// Median as the mean of the two middle values for even counts.
inline double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// Peak resident set size of this process so far, in MB (Linux reports ru_maxrss in KiB).
inline double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

// One machine-readable result: "RESULT<TAB>table<TAB>row<TAB>key=value<TAB>...". Everything
// else a benchmark prints is commentary; the formatter reads only these lines.
inline void PrintResult(const std::string& table, const std::string& row,
                        const std::vector<std::pair<std::string, double>>& fields) {
  std::string line = "RESULT\t" + table + "\t" + row;
  for (const auto& [key, value] : fields) {
    char buf[64];
    std::snprintf(buf, sizeof(buf), "%.6g", value);
    line += "\t" + key + "=" + buf;
  }
  std::printf("%s\n", line.c_str());
  std::fflush(stdout);
}

}  // namespace govreport::bench

#endif  // GOVREPORT_BENCH_BENCH_UTIL_H_
