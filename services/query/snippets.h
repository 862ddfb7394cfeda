#ifndef GOVREPORT_SERVICES_QUERY_SNIPPETS_H_
#define GOVREPORT_SERVICES_QUERY_SNIPPETS_H_

// Search snippets: windows of the original text around occurrences of the query phrases, with
// highlight ranges. Occurrences are found on folded text, so a simplified query highlights
// traditional text; the snippet shows the original script.

#include <string_view>
#include <vector>

#include "govreport/v1/query.pb.h"
#include "services/query/tokenizer.h"

namespace govreport::query {

struct SnippetOptions {
  int max_snippets = 3;
  int window = 100;      // code points per snippet
  int lead = 30;         // code points shown before the first highlight
};

// Snippets for `text` (a report's normalized text). Each phrase's first occurrence gets a snippet
// first (in text order), then later occurrences fill the remaining slots. Offsets and highlights
// are code points.
std::vector<v1::Snippet> MakeSnippets(std::string_view text, const std::vector<QueryPhrase>& phrases,
                                      const SnippetOptions& options = {});

}  // namespace govreport::query

#endif  // GOVREPORT_SERVICES_QUERY_SNIPPETS_H_
