#include "common/text/encoding.h"

#include <unicode/ucnv.h>

#include <random>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace govreport::text {
namespace {

using ::testing::HasSubstr;

constexpr char kSimplified[] =
    "过去一年，全市地区生产总值增长8.5%，达到1200亿元。各位代表，我代表市人民政府向大会报告工作，"
    "请予审议，并请市政协委员和其他列席人员提出意见。";
constexpr char kTraditional[] =
    "過去一年，全市地區生產總值增長8.5%，達到1200億元。各位代表，我代表市人民政府向大會報告工作，"
    "請予審議，並請市政協委員和其他列席人員提出意見。";

// Encodes UTF-8 text in `charset` with ICU, as a real GBK or Big5 page would arrive.
std::string Encode(std::string_view utf8, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  const int32_t n = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                                 utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  out.resize(n);
  return out;
}

TEST(DecodeToUtf8Test, Utf8PassesThrough) {
  auto decoded = DecodeToUtf8(kSimplified, "");
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->utf8, kSimplified);
  EXPECT_EQ(decoded->charset, "UTF-8");
}

TEST(DecodeToUtf8Test, Utf8BomIsDropped) {
  auto decoded = DecodeToUtf8(std::string("\xEF\xBB\xBF") + kSimplified, "");
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->utf8, kSimplified);
  EXPECT_EQ(decoded->charset, "UTF-8");
}

TEST(DecodeToUtf8Test, DetectsGb18030) {
  const std::string bytes = Encode(kSimplified, "GB18030");
  ASSERT_NE(bytes, kSimplified);
  auto decoded = DecodeToUtf8(bytes, "");
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->charset, "GB18030");
  EXPECT_EQ(decoded->utf8, kSimplified);
}

TEST(DecodeToUtf8Test, DetectsGbkOfTraditionalText) {
  // GBK can encode traditional characters too; the GB decoding must still win over Big5.
  auto decoded = DecodeToUtf8(Encode(kTraditional, "GBK"), "");
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->charset, "GB18030");
  EXPECT_EQ(decoded->utf8, kTraditional);
}

TEST(DecodeToUtf8Test, DetectsBig5) {
  auto decoded = DecodeToUtf8(Encode(kTraditional, "Big5"), "");
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->charset, "Big5");
  EXPECT_EQ(decoded->utf8, kTraditional);
}

TEST(DecodeToUtf8Test, ShortTitlesAreDetected) {
  auto gb = DecodeToUtf8(Encode("政府工作报告", "GB18030"), "");
  ASSERT_TRUE(gb.ok()) << gb.status();
  EXPECT_EQ(gb->utf8, "政府工作报告");
  auto big5 = DecodeToUtf8(Encode("政府工作報告", "Big5"), "");
  ASSERT_TRUE(big5.ok()) << big5.status();
  EXPECT_EQ(big5->utf8, "政府工作報告");
}

TEST(DecodeToUtf8Test, Utf16WithBom) {
  for (const char* charset : {"UTF-16LE", "UTF-16BE"}) {
    const std::string bom = charset[6] == 'L' ? "\xFF\xFE" : "\xFE\xFF";
    auto decoded = DecodeToUtf8(bom + Encode(kSimplified, charset), "");
    ASSERT_TRUE(decoded.ok()) << charset << decoded.status();
    EXPECT_EQ(decoded->charset, charset);
    EXPECT_EQ(decoded->utf8, kSimplified);
  }
}

TEST(DecodeToUtf8Test, Utf16WithoutBomByNulPattern) {
  const std::string text = std::string(kSimplified) + "\n2021年1月1日\n";
  for (const char* charset : {"UTF-16LE", "UTF-16BE"}) {
    auto decoded = DecodeToUtf8(Encode(text, charset), "");
    ASSERT_TRUE(decoded.ok()) << charset << decoded.status();
    EXPECT_EQ(decoded->charset, charset);
    EXPECT_EQ(decoded->utf8, text);
  }
}

TEST(DecodeToUtf8Test, Utf16WithoutBomOrAscii) {
  const std::string text = "各位代表我代表市人民政府向大会报告工作请予审议全市地区生产总值增长";
  for (const char* charset : {"UTF-16LE", "UTF-16BE"}) {
    auto decoded = DecodeToUtf8(Encode(text, charset), "");
    ASSERT_TRUE(decoded.ok()) << charset << decoded.status();
    EXPECT_EQ(decoded->charset, charset);
    EXPECT_EQ(decoded->utf8, text);
  }
}

TEST(DecodeToUtf8Test, AsciiUtf16IsNotTakenForUtf8) {
  auto decoded = DecodeToUtf8(Encode("GDP grew 8.5% in 2021.\n", "UTF-16LE"), "");
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->charset, "UTF-16LE");
  EXPECT_EQ(decoded->utf8, "GDP grew 8.5% in 2021.\n");
}

TEST(DecodeToUtf8Test, GarbageIsRejected) {
  std::mt19937 rng(42);
  for (size_t size : {300, 301, 4096}) {
    std::string garbage;
    for (size_t i = 0; i < size; ++i) garbage.push_back(static_cast<char>(0x80 + rng() % 0x80));
    auto decoded = DecodeToUtf8(garbage, "");
    ASSERT_FALSE(decoded.ok()) << size << " decoded as " << decoded->charset;
    EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(decoded.status().message()),
                HasSubstr("not valid UTF-8, UTF-16, GB18030 or Big5 (first bad byte at offset"));
  }
}

TEST(DecodeToUtf8Test, ReportsOffsetOfFirstBadByte) {
  auto decoded = DecodeToUtf8(std::string("abc\xFF\xFF\xFF\x80\x80", 8), "");
  ASSERT_FALSE(decoded.ok());
  EXPECT_THAT(std::string(decoded.status().message()), HasSubstr("offset 3)"));
}

TEST(DecodeToUtf8Test, HintAliases) {
  const std::string gb = Encode(kSimplified, "GB18030");
  for (const char* hint : {"gbk", "GB2312", "gb18030", "x-gbk", "CP936"}) {
    auto decoded = DecodeToUtf8(gb, hint);
    ASSERT_TRUE(decoded.ok()) << hint << decoded.status();
    EXPECT_EQ(decoded->charset, "GB18030");
    EXPECT_EQ(decoded->utf8, kSimplified);
  }
  auto big5 = DecodeToUtf8(Encode(kTraditional, "Big5"), "BIG5");
  ASSERT_TRUE(big5.ok()) << big5.status();
  EXPECT_EQ(big5->utf8, kTraditional);
  auto utf16 = DecodeToUtf8(Encode(kSimplified, "UTF-16BE"), "utf-16");
  ASSERT_TRUE(utf16.ok()) << utf16.status();
  EXPECT_EQ(utf16->utf8, kSimplified);
}

TEST(DecodeToUtf8Test, HintThatDoesNotDecodeFails) {
  auto decoded = DecodeToUtf8(Encode(kSimplified, "GB18030"), "utf8");
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(decoded.status().message()), HasSubstr("not valid UTF-8"));
}

TEST(DecodeToUtf8Test, UnknownHintFails) {
  auto decoded = DecodeToUtf8(kSimplified, "klingon-8");
  ASSERT_FALSE(decoded.ok());
  EXPECT_THAT(std::string(decoded.status().message()), HasSubstr("klingon-8"));
}

TEST(DecodeToUtf8Test, MislabelledUtf8WinsOverLegacyHint) {
  auto decoded = DecodeToUtf8(kSimplified, "gb2312");
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->charset, "UTF-8");
  EXPECT_EQ(decoded->utf8, kSimplified);
}

TEST(DecodeToUtf8Test, Latin1HintMeansDetect) {
  auto decoded = DecodeToUtf8(Encode(kSimplified, "GB18030"), "iso-8859-1");
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->charset, "GB18030");
}

TEST(DecodeToUtf8Test, TruncatedLastCharacterIsDropped) {
  std::string utf8 = kSimplified;
  utf8 += "增";
  utf8.pop_back();
  auto decoded = DecodeToUtf8(utf8, "");
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->utf8, kSimplified);

  std::string gb = Encode(std::string(kSimplified) + "增", "GB18030");
  gb.pop_back();
  auto gb_decoded = DecodeToUtf8(gb, "");
  ASSERT_TRUE(gb_decoded.ok()) << gb_decoded.status();
  EXPECT_EQ(gb_decoded->utf8, kSimplified);
}

TEST(FirstInvalidUtf8OffsetTest, FindsIllFormedSequences) {
  EXPECT_EQ(FirstInvalidUtf8Offset("plain ascii text, long enough"), 29u);
  EXPECT_EQ(FirstInvalidUtf8Offset("增长"), 6u);
  EXPECT_EQ(FirstInvalidUtf8Offset("abcdefghij\xC0\x80"), 10u);         // overlong
  EXPECT_EQ(FirstInvalidUtf8Offset("ab\xED\xA0\x80"), 2u);               // surrogate
  EXPECT_EQ(FirstInvalidUtf8Offset("ab\xF4\x90\x80\x80"), 2u);           // > U+10FFFF
  EXPECT_EQ(FirstInvalidUtf8Offset("\xE5\xA2"), 0u);                     // truncated
}

TEST(CanonicalCharsetTest, Aliases) {
  EXPECT_EQ(*CanonicalCharset("UTF8"), "UTF-8");
  EXPECT_EQ(*CanonicalCharset("utf-16le"), "UTF-16LE");
  EXPECT_EQ(*CanonicalCharset("GB_2312-80"), "GB18030");
  EXPECT_EQ(*CanonicalCharset("Big5"), "Big5");
  EXPECT_EQ(*CanonicalCharset(""), "");
  EXPECT_FALSE(CanonicalCharset("ebcdic").ok());
}

}  // namespace
}  // namespace govreport::text
