#include "common/text/fold.h"

#include <string_view>
#include <vector>

#include "common/data/embedded.h"
#include "common/text/utf8.h"

namespace govreport::text {
namespace {

// Dense table over the BMP: folding is a single indexed load on the hot path. 128 KiB x 2.
class FoldTable {
 public:
  FoldTable() : map_(0x10000) {
    for (char32_t c = 0; c < 0x10000; ++c) map_[c] = static_cast<char16_t>(c);
    for (char32_t c = 0xFF01; c <= 0xFF5E; ++c) map_[c] = static_cast<char16_t>(c - 0xFEE0);
    for (char32_t c : {0x3000, 0x00A0, 0x2002, 0x2003, 0x2009, 0x200A, 0x202F, 0x205F})
      map_[c] = u' ';
    for (char32_t c : {0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE63, 0xFF0D})
      map_[c] = u'-';
    map_[0xFF5E] = u'~';
    map_[0x301C] = u'~';
    LoadTraditionalToSimplified(data::TraditionalToSimplifiedTsv());
  }
  char32_t Fold(char32_t c) const { return c < 0x10000 ? map_[c] : c; }
  const char16_t* data() const { return map_.data(); }

 private:
  // Lines "trad<TAB>simp"; '#' starts a comment line. Only one-code-point-to-one entries count.
  void LoadTraditionalToSimplified(std::string_view tsv) {
    size_t line_start = 0;
    while (line_start < tsv.size()) {
      size_t line_end = tsv.find('\n', line_start);
      if (line_end == std::string_view::npos) line_end = tsv.size();
      std::string_view line = tsv.substr(line_start, line_end - line_start);
      line_start = line_end + 1;
      if (line.empty() || line[0] == '#') continue;
      const size_t tab = line.find('\t');
      if (tab == std::string_view::npos) continue;
      std::string_view from = line.substr(0, tab), to = line.substr(tab + 1);
      size_t p = 0, q = 0;
      const char32_t f = DecodeUtf8(from, &p);
      const char32_t t = DecodeUtf8(to, &q);
      if (p != from.size() || q != to.size() || f >= 0x10000 || t >= 0x10000) continue;
      map_[f] = static_cast<char16_t>(t);
    }
  }
  std::vector<char16_t> map_;
};

const FoldTable& Table() {
  static const FoldTable* table = new FoldTable();
  return *table;
}

}  // namespace

char32_t FoldCodePoint(char32_t c) { return Table().Fold(c); }

const char16_t* BmpFoldTable() { return Table().data(); }

}  // namespace govreport::text
