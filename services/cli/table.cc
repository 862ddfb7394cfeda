#include "services/cli/table.h"

#include <algorithm>

#include "absl/strings/match.h"

#include "unicode/uchar.h"

namespace govreport::cli {

namespace {

// Decodes one code point at s[*pos]; malformed bytes count as one replacement character so
// that widths stay defined for any input.
char32_t NextCodePoint(absl::string_view s, size_t* pos) {
  const unsigned char lead = static_cast<unsigned char>(s[*pos]);
  int length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3
                                 : (lead >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || *pos + length > s.size()) {
    ++*pos;
    return 0xFFFD;
  }
  char32_t c = length == 1 ? lead : lead & (0x7F >> length);
  for (int i = 1; i < length; ++i) {
    const unsigned char next = static_cast<unsigned char>(s[*pos + i]);
    if ((next & 0xC0) != 0x80) {
      ++*pos;
      return 0xFFFD;
    }
    c = (c << 6) | (next & 0x3F);
  }
  *pos += length;
  return c;
}

int CodePointWidth(char32_t c) {
  const int category = u_charType(static_cast<UChar32>(c));
  if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK ||
      category == U_FORMAT_CHAR || category == U_CONTROL_CHAR) {
    return 0;
  }
  const int east_asian = u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_EAST_ASIAN_WIDTH);
  return east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH ? 2 : 1;
}

}  // namespace

int DisplayWidth(absl::string_view utf8) {
  int width = 0;
  for (size_t pos = 0; pos < utf8.size();) width += CodePointWidth(NextCodePoint(utf8, &pos));
  return width;
}

std::string TruncateToWidth(absl::string_view utf8, int max_width) {
  if (DisplayWidth(utf8) <= max_width) return std::string(utf8);
  const int budget = max_width - 1;  // room for the ellipsis
  int width = 0;
  size_t pos = 0;
  while (pos < utf8.size()) {
    size_t next = pos;
    const int w = CodePointWidth(NextCodePoint(utf8, &next));
    if (width + w > budget) break;
    width += w;
    pos = next;
  }
  return std::string(utf8.substr(0, pos)) + (max_width > 0 ? "…" : "");
}

std::string TruncateMarkedToWidth(absl::string_view utf8, int max_width, absl::string_view open,
                                  absl::string_view close) {
  if (DisplayWidth(utf8) <= max_width) return std::string(utf8);
  if (max_width <= 0) return "";
  const int budget = max_width - 1;  // room for the ellipsis
  const int open_width = DisplayWidth(open);
  const int close_width = DisplayWidth(close);
  std::string kept;
  int width = 0;
  // While inside a span, the close mark's width stays reserved so it can always be written.
  bool inside = false;
  size_t open_at = 0;  // where the open span's mark starts in `kept`
  size_t pos = 0;
  while (pos < utf8.size()) {
    const absl::string_view rest = utf8.substr(pos);
    if (!inside && absl::StartsWith(rest, open)) {
      if (width + open_width + close_width > budget) break;
      open_at = kept.size();
      kept.append(open.data(), open.size());
      width += open_width;
      pos += open.size();
      inside = true;
      continue;
    }
    if (inside && absl::StartsWith(rest, close)) {
      kept.append(close.data(), close.size());
      width += close_width;
      pos += close.size();
      inside = false;
      continue;
    }
    size_t next = pos;
    const int w = CodePointWidth(NextCodePoint(utf8, &next));
    if (width + w + (inside ? close_width : 0) > budget) break;
    kept.append(utf8.data() + pos, next - pos);
    width += w;
    pos = next;
  }
  if (inside) {
    // An empty span ("«»") would show a highlight of nothing: cut before it instead.
    if (kept.size() == open_at + open.size()) {
      kept.resize(open_at);
    } else {
      kept.append(close.data(), close.size());
    }
  }
  return kept + "…";
}

Table::Table(std::vector<Column> columns) : columns_(std::move(columns)) {}

void Table::AddRow(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  for (size_t i = 0; i < cells.size(); ++i) {
    // A newline inside a cell would break the row apart.
    std::replace(cells[i].begin(), cells[i].end(), '\n', ' ');
    if (columns_[i].max_width > 0) cells[i] = TruncateToWidth(cells[i], columns_[i].max_width);
  }
  rows_.push_back(std::move(cells));
}

void Table::Print(std::ostream& out) const {
  std::vector<int> widths(columns_.size());
  for (size_t i = 0; i < columns_.size(); ++i) widths[i] = DisplayWidth(columns_[i].header);
  for (const auto& row : rows_) {
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], DisplayWidth(row[i]));
  }
  auto print_row = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (size_t i = 0; i < cells.size(); ++i) {
      const std::string padding(widths[i] - DisplayWidth(cells[i]), ' ');
      if (i > 0) line += "  ";
      if (columns_[i].align == Align::kRight) {
        line += padding + cells[i];
      } else {
        line += cells[i] + padding;
      }
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out << line << '\n';
  };
  std::vector<std::string> headers;
  std::vector<std::string> rules;
  for (size_t i = 0; i < columns_.size(); ++i) {
    headers.push_back(columns_[i].header);
    rules.push_back(std::string(widths[i], '-'));
  }
  print_row(headers);
  print_row(rules);
  for (const auto& row : rows_) print_row(row);
}

}  // namespace govreport::cli
