#include "services/query/snippets.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "common/text/utf8.h"
#include "gtest/gtest.h"

namespace govreport::query {
namespace {

TEST(SnippetsTest, HighlightsInCodePointsOfTheOriginalText) {
  const std::string text = "去年全市地區生產總值增長5%，今年預期地區生產總值增長6%左右。";
  SnippetOptions options;
  options.window = 12;
  options.lead = 2;
  auto snippets = MakeSnippets(text, ParseQuery("地区生产总值"), options);
  ASSERT_EQ(snippets.size(), 2u);
  EXPECT_EQ(snippets[0].offset(), 2);
  EXPECT_EQ(snippets[0].text(), "全市地區生產總值增長5%");
  ASSERT_EQ(snippets[0].highlights_size(), 1);
  EXPECT_EQ(snippets[0].highlights(0).begin(), 2);
  EXPECT_EQ(snippets[0].highlights(0).end(), 8);
  EXPECT_EQ(snippets[1].offset(), 17);
}

TEST(SnippetsTest, NoOccurrenceNoSnippet) {
  EXPECT_TRUE(MakeSnippets("没有相关内容", ParseQuery("财政"), {}).empty());
}

}  // namespace
}  // namespace govreport::query

namespace govreport::query {
namespace {

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST(SnippetsTest, FindsMatchesAcrossFoldingChunksAndLateInLongTexts) {
  // The first match straddles the 2048-code-point chunk boundary; the second phrase comes late.
  const std::string text = Repeat("。", 2046) + "地區生產總值" + Repeat("，", 6000) + "财政收入" + "。";
  auto snippets = MakeSnippets(text, ParseQuery("地区生产总值 财政收入"), {});
  ASSERT_EQ(snippets.size(), 2u);
  ASSERT_EQ(snippets[0].highlights_size(), 1);
  EXPECT_EQ(snippets[0].offset() + snippets[0].highlights(0).begin(), 2046);
  EXPECT_EQ(snippets[0].highlights(0).end() - snippets[0].highlights(0).begin(), 6);
  ASSERT_EQ(snippets[1].highlights_size(), 1);
  EXPECT_EQ(snippets[1].offset() + snippets[1].highlights(0).begin(), 2046 + 6 + 6000);
}

}  // namespace
}  // namespace govreport::query

namespace govreport::query {
namespace {

// MakeSnippets by definition: fold the whole text, take each phrase's first 32 occurrences,
// give each phrase's first occurrence a window first, then the others, in text order.
std::vector<v1::Snippet> ReferenceSnippets(std::string_view text, const std::vector<QueryPhrase>& phrases,
                                           const SnippetOptions& options) {
  struct Range {
    size_t begin, end;
  };
  const std::u32string folded = FoldForSearch(text);
  std::vector<size_t> bytes;
  for (size_t pos = 0; pos < text.size();) {
    bytes.push_back(pos);
    text::DecodeUtf8(text, &pos);
  }
  bytes.push_back(text.size());
  std::vector<Range> firsts, all;
  for (const QueryPhrase& phrase : phrases) {
    if (phrase.folded.empty()) continue;
    size_t n = 0;
    for (size_t at = folded.find(phrase.folded); at != std::u32string::npos && n < 32;
         at = folded.find(phrase.folded, at + 1), ++n) {
      if (n == 0) firsts.push_back({at, at + phrase.folded.size()});
      all.push_back({at, at + phrase.folded.size()});
    }
  }
  auto by_begin = [](const Range& a, const Range& b) { return a.begin < b.begin; };
  std::sort(firsts.begin(), firsts.end(), by_begin);
  std::stable_sort(all.begin(), all.end(), by_begin);
  std::vector<Range> windows;
  for (const std::vector<Range>* list : {&firsts, &all}) {
    for (const Range& r : *list) {
      if (windows.size() >= static_cast<size_t>(options.max_snippets)) break;
      bool skip = false;
      for (const Range& w : windows) skip |= r.begin >= w.begin && r.end <= w.end;
      if (skip) continue;
      Range w{r.begin > static_cast<size_t>(options.lead) ? r.begin - options.lead : 0, 0};
      w.end = std::min(folded.size(), std::max(w.begin + options.window, r.end));
      for (const Range& o : windows) skip |= w.begin < o.end && o.begin < w.end;
      if (skip) continue;
      windows.push_back(w);
    }
  }
  std::sort(windows.begin(), windows.end(), by_begin);
  std::vector<v1::Snippet> out;
  for (const Range& w : windows) {
    v1::Snippet& s = out.emplace_back();
    s.set_text(std::string(text.substr(bytes[w.begin], bytes[w.end] - bytes[w.begin])));
    s.set_offset(static_cast<int32_t>(w.begin));
    size_t last_end = w.begin;
    for (const Range& r : all) {
      if (r.begin < last_end || r.begin >= w.end) continue;
      v1::Highlight* h = s.add_highlights();
      h->set_begin(static_cast<int32_t>(r.begin - w.begin));
      h->set_end(static_cast<int32_t>(std::min(r.end, w.end) - w.begin));
      last_end = r.end;
    }
  }
  return out;
}

std::string Describe(const std::vector<v1::Snippet>& snippets) {
  std::string out;
  for (const v1::Snippet& s : snippets) out += s.ShortDebugString() + "\n";
  return out;
}

// Texts of simplified and traditional spellings, full-width and upper-case letters, spaces of
// several kinds, ideographs beyond the BMP and malformed UTF-8 (which decodes to U+FFFD).
const std::vector<std::string>& TextPieces() {
  static const std::vector<std::string>* pieces = new std::vector<std::string>{
      "地区", "地區", "生产总值", "生產總值", "增长", "增長", "经济", "經濟", "财政", "財政", "发展",
      "發展", "GDP", "ＧＤＰ", "gdp", "Gdp", "2021", "１２", "，", "。", " ", "　", "\xC2\xA0", "%",
      "\xF0\xA0\x80\x80", "\xEF\xBF\xBD", "\x80", "\xE5\xA2", "\xC0\xAF", "的", "和", "年"};
  return *pieces;
}

TEST(SnippetsTest, SameAsFoldingTheWholeTextOnRandomTexts) {
  std::mt19937 random(11);
  const auto& pieces = TextPieces();
  const std::vector<std::string> queries = {
      "地区生产总值", "地區", "gdp", "ＧＤＰ 增长", "\"经济 增长\"", "财政 发展 年", "的", "2021",
      "\xF0\xA0\x80\x80", "生产总值 生产", "增长，", "没有"};
  for (int doc = 0; doc < 200; ++doc) {
    std::string text;
    const int length = static_cast<int>(random() % 300);
    for (int i = 0; i < length; ++i) text += pieces[random() % pieces.size()];
    SnippetOptions options;
    options.max_snippets = 1 + static_cast<int>(random() % 4);
    options.window = 1 + static_cast<int>(random() % 40);
    options.lead = static_cast<int>(random() % 10);
    for (const std::string& query : queries) {
      std::vector<QueryPhrase> phrases = ParseQuery(query);
      SCOPED_TRACE(testing::Message() << "document " << doc << " query " << query);
      EXPECT_EQ(Describe(MakeSnippets(text, phrases, options)), Describe(ReferenceSnippets(text, phrases, options)));
    }
    // Phrases ParseQuery does not make: U+FFFD (malformed bytes) first or inside, a code point
    // that nothing folds to (a traditional character), an unpaired surrogate.
    std::vector<QueryPhrase> odd(4);
    odd[0].folded = U"\uFFFD";
    odd[1].folded = U"\uFFFD地";
    odd[2].folded = U"地\uFFFD";
    odd[3].folded = U"區";
    for (const QueryPhrase& phrase : odd) {
      SCOPED_TRACE(testing::Message() << "document " << doc << " odd phrase");
      EXPECT_EQ(Describe(MakeSnippets(text, {phrase}, options)), Describe(ReferenceSnippets(text, {phrase}, options)));
    }
  }
}

TEST(SnippetsTest, ManyOccurrencesKeepTheFirstOnesOfEachSpelling) {
  // 40 simplified then 40 traditional occurrences: the first 32 in text order are simplified.
  const std::string text = Repeat("地区，", 40) + Repeat("地區，", 40);
  SnippetOptions options;
  options.max_snippets = 50;
  options.window = 2;
  options.lead = 0;
  auto snippets = MakeSnippets(text, ParseQuery("地区"), options);
  ASSERT_EQ(snippets.size(), 32u);
  EXPECT_EQ(snippets.back().offset(), 31 * 3);
  EXPECT_EQ(Describe(snippets), Describe(ReferenceSnippets(text, ParseQuery("地区"), options)));
}

}  // namespace
}  // namespace govreport::query
