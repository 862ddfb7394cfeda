#include "services/query/tokenizer.h"

#include <random>
#include <string>
#include <vector>

#include "common/text/utf8.h"
#include "gtest/gtest.h"

namespace govreport::query {
namespace {

TEST(TokenizerTest, UnigramsBigramsAndWords) {
  DocTerms terms = TokenizeDocument("GDP增长6%，地区");
  EXPECT_EQ(terms.positions["gdp"], std::vector<uint32_t>{0});
  EXPECT_EQ(terms.positions["增长"], std::vector<uint32_t>{3});
  EXPECT_EQ(terms.positions["增"], std::vector<uint32_t>{3});
  EXPECT_EQ(terms.positions["长"], std::vector<uint32_t>{4});
  EXPECT_EQ(terms.positions["6"], std::vector<uint32_t>{5});
  EXPECT_EQ(terms.positions["地区"], std::vector<uint32_t>{8});
  EXPECT_FALSE(terms.positions.contains("长6"));
  EXPECT_FALSE(terms.positions.contains("，地"));
  // gdp, 增, 增长, 长, 6, 地, 地区, 区
  EXPECT_EQ(terms.length, 8u);
}

TEST(TokenizerTest, FoldsTraditionalAndFullWidth) {
  DocTerms simplified = TokenizeDocument("地区生产总值ＧＤＰ　１２");
  DocTerms traditional = TokenizeDocument("地區生產總值GDP 12");
  EXPECT_EQ(simplified.positions, traditional.positions);
  EXPECT_TRUE(simplified.positions.contains("gdp"));
  EXPECT_TRUE(simplified.positions.contains("12"));
}

TEST(TokenizerTest, QueryPhrasesAndQuotes) {
  auto phrases = ParseQuery("地区生产总值  \"一般 公共\" 省");
  ASSERT_EQ(phrases.size(), 3u);
  // A word of ideographs is its bigrams at their offsets (covered unigrams dropped).
  ASSERT_EQ(phrases[0].terms.size(), 5u);
  EXPECT_EQ(phrases[0].terms[0].term, "地区");
  EXPECT_EQ(phrases[0].terms[4].term, "总值");
  EXPECT_EQ(phrases[0].terms[4].offset, 4u);
  // The quoted phrase keeps the space between its words as an offset gap.
  ASSERT_EQ(phrases[1].terms.size(), 2u);
  EXPECT_EQ(phrases[1].terms[1].term, "公共");
  EXPECT_EQ(phrases[1].terms[1].offset, 3u);
  // One character: a unigram.
  ASSERT_EQ(phrases[2].terms.size(), 1u);
  EXPECT_EQ(phrases[2].terms[0].term, "省");
}

TEST(TokenizerTest, PunctuationOnlyQueryHasNoPhrases) {
  EXPECT_TRUE(ParseQuery("，。！ \"\"").empty());
  EXPECT_TRUE(ParseQuery("").empty());
}

}  // namespace
}  // namespace govreport::query

namespace govreport::query {
namespace {

// The definition of the terms: ForEachTerm over FoldForSearch, a string and a map probe per
// occurrence. TokenizeDocument must give exactly this.
DocTerms ReferenceTokenize(std::string_view utf8) {
  DocTerms terms;
  ForEachTerm(FoldForSearch(utf8), [&](std::string term, uint32_t position) {
    terms.positions[std::move(term)].push_back(position);
    ++terms.length;
  });
  return terms;
}

void ExpectSameAsReference(std::string_view text) {
  const DocTerms fast = TokenizeDocument(text);
  const DocTerms reference = ReferenceTokenize(text);
  EXPECT_EQ(fast.length, reference.length);
  EXPECT_EQ(fast.positions.size(), reference.positions.size());
  for (const auto& [term, positions] : reference.positions) {
    auto it = fast.positions.find(term);
    ASSERT_NE(it, fast.positions.end()) << "missing term " << term;
    EXPECT_EQ(it->second, positions) << "term " << term;
  }
}

// Pieces that exercise every branch of the decoder and the term kinds: simplified and
// traditional ideographs, full-width letters and digits, upper-case ASCII, words at the 7/8
// byte packing boundary, punctuation, ideographs beyond the BMP (U+20000, U+2A6D6), 〇, a
// compatibility ideograph, 2-byte and 4-byte non-ideographs, and malformed UTF-8 (stray
// continuation byte, truncated sequences, an overlong encoding, an encoded surrogate).
const std::vector<std::string>& Pieces() {
  static const std::vector<std::string>* pieces = new std::vector<std::string>{
      "地区", "地區", "生产总值", "生產總值", "增长", "經濟", "发", "發", "髮", "〇", "\xEF\xA4\x80",
      "ＧＤＰ", "Ｇdp", "GDP", "gdp", "１２", "2021", "abcdefg", "abcdefgh", "ABCDEFGHIJKL",
      "x", "7", "，", "。", " ", "　", "%", "-", "é", "€", "\xF0\xA0\x80\x80", "\xF0\xAA\x9B\x96",
      "\xF0\x9F\x98\x80", "\x80", "\xE5\xA2", "\xE5", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
      "\n"};
  return *pieces;
}

TEST(TokenizerTest, SameTermsAsTheReferenceOnRandomMixedText) {
  std::mt19937 random(20240501);
  const auto& pieces = Pieces();
  for (int doc = 0; doc < 300; ++doc) {
    std::string text;
    const int length = static_cast<int>(random() % 400);
    for (int i = 0; i < length; ++i) text += pieces[random() % pieces.size()];
    SCOPED_TRACE(testing::Message() << "document " << doc);
    ExpectSameAsReference(text);
  }
}

TEST(TokenizerTest, SameTermsAsTheReferenceOnLongAndEdgeTexts) {
  ExpectSameAsReference("");
  ExpectSameAsReference("\xE5");
  ExpectSameAsReference("地");
  ExpectSameAsReference("abcdefgh");
  // Enough distinct bigrams to grow the bigram table several times within one document.
  std::mt19937 random(7);
  std::string text;
  for (int i = 0; i < 60000; ++i) text::AppendUtf8(0x4E00 + random() % 3000, &text);
  ExpectSameAsReference(text);
  // A short document after a long one: the per-thread tables must hold nothing of the last one.
  ExpectSameAsReference("地区生产总值GDP");
}

TEST(TokenizerTest, TermsOfTheEarlierDocumentDoNotLeakIntoTheNext) {
  TokenizeDocument("地区生产总值增长GDP abcdefghij");
  DocTerms terms = TokenizeDocument("财政");
  EXPECT_EQ(terms.positions.size(), 3u);
  EXPECT_EQ(terms.length, 3u);
  EXPECT_FALSE(terms.positions.contains("地区"));
}

}  // namespace
}  // namespace govreport::query

namespace govreport::query {
namespace {

TEST(TokenizeForIndexTest, SameTermsAsTokenizeDocumentWithConsistentKeys) {
  const std::string text =
      "全年地區生產總值GDP增长5.2%，ABCDEFGHIJ长词与短词ab，𠀀𠀁扩展区，〇一二。地区生产总值";
  DocTermList list;
  list.terms.push_back("stale");  // cleared by the call
  TokenizeForIndex(text, &list);
  const DocTerms map = TokenizeDocument(text);
  ASSERT_EQ(list.size(), map.positions.size());
  ASSERT_EQ(list.keys.size(), list.size());
  EXPECT_EQ(list.length, map.length);
  absl::flat_hash_map<uint64_t, std::string> seen_keys;
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string& term = list.terms[i];
    auto it = map.positions.find(term);
    ASSERT_NE(it, map.positions.end()) << term;
    EXPECT_EQ(std::vector<uint32_t>(list.positions.begin() + list.begin(i),
                                    list.positions.begin() + list.ends[i]),
              it->second)
        << term;
    EXPECT_EQ(list.keys[i], PackedTermKey(term)) << term;
    if (list.keys[i] != 0) EXPECT_EQ(TermOfPackedKey(list.keys[i]), term);
    if (list.keys[i] != 0) {
      auto [seen, inserted] = seen_keys.emplace(list.keys[i], term);
      EXPECT_TRUE(inserted) << term << " and " << seen->second << " share a key";
    }
  }
  EXPECT_EQ(PackedTermKey("abcdefghij"), 0u);  // too long to pack: looked up by text
  EXPECT_NE(PackedTermKey("gdp"), 0u);
  EXPECT_NE(PackedTermKey("地区"), PackedTermKey("区地"));
  EXPECT_EQ(PackedTermKey(""), 0u);
}

}  // namespace
}  // namespace govreport::query
