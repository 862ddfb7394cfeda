#ifndef GOVREPORT_SERVICES_CLI_TABLE_H_
#define GOVREPORT_SERVICES_CLI_TABLE_H_

#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace govreport::cli {

// Terminal columns `utf8` occupies: East Asian wide and fullwidth characters (all CJK) count 2,
// combining marks and format characters 0, everything else 1. Byte or code point counts would
// misalign every table holding Chinese names.
int DisplayWidth(absl::string_view utf8);

// Cuts `utf8` to at most `max_width` columns, ending in "…" when something was cut. Never
// splits a character.
std::string TruncateToWidth(absl::string_view utf8, int max_width);

// TruncateToWidth for text with marked spans ("全年«地区生产总值»增长"): a cut never leaves a
// span open. When the cut falls inside a span, the close mark is kept (its width counted in
// `max_width`), or, when not even one character of the span fits, the cut moves before the open
// mark. Marks do not nest; `open` and `close` must differ and not be empty.
std::string TruncateMarkedToWidth(absl::string_view utf8, int max_width, absl::string_view open,
                                  absl::string_view close);

// A text table aligned by display width, for people (machines get --json).
class Table {
 public:
  enum class Align { kLeft, kRight };
  struct Column {
    std::string header;
    Align align = Align::kLeft;
    // Cells wider than this are truncated with "…"; 0 means no limit.
    int max_width = 0;
  };

  explicit Table(std::vector<Column> columns);

  // Adds one row; missing trailing cells are empty, extra cells are ignored.
  void AddRow(std::vector<std::string> cells);
  size_t size() const { return rows_.size(); }

  // Writes the header, a rule, and the rows; columns are separated by two spaces and trailing
  // spaces are not written.
  void Print(std::ostream& out) const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace govreport::cli

#endif  // GOVREPORT_SERVICES_CLI_TABLE_H_
