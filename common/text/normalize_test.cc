#include "common/text/normalize.h"

#include <unicode/ucnv.h>

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace govreport::text {
namespace {

using ::testing::HasSubstr;

std::string Encode(std::string_view utf8, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  const int32_t n = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                                 utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  out.resize(n);
  return out;
}

absl::StatusOr<NormalizedDocument> Normalize(std::string_view bytes, std::string content_type = "",
                                             std::string hint = "") {
  NormalizeOptions options;
  options.content_type = std::move(content_type);
  options.charset_hint = std::move(hint);
  return NormalizeDocument(bytes, options);
}

TEST(NormalizeDocumentTest, PlainUtf8) {
  auto doc = Normalize("政府工作报告\r\n\r\n\r\n\r\n　　各位代表：  现在，\t我代表\r市人民政府。  \n");
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ(doc->text, "政府工作报告\n\n各位代表： 现在， 我代表\n市人民政府。");
  EXPECT_EQ(doc->charset, "UTF-8");
  EXPECT_EQ(doc->content_type, "text/plain");
}

TEST(NormalizeDocumentTest, RemovesControlAndZeroWidthCharacters) {
  constexpr char kBytes[] = "增\xE2\x80\x8B长\0 8.5%\x01\x7F，\xEF\xBB\xBF完成\xC2\x85目标";
  auto doc = Normalize(std::string_view(kBytes, sizeof(kBytes) - 1));
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ(doc->text, "增长 8.5%，完成\n目标");
}

TEST(NormalizeDocumentTest, KeepsTraditionalScriptAndFullWidth) {
  auto doc = Normalize("地區生產總值增長８．５％");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->text, "地區生產總值增長８．５％");
}

TEST(NormalizeDocumentTest, Gb18030Html) {
  const std::string html =
      "<html><head><meta charset=\"gb2312\"><title>t</title><script>x()</script></head><body>"
      "<h1>2021年政府工作报告</h1><p>各位代表：</p><p>全市地区生产总值增长8.5%&nbsp;。</p>"
      "</body></html>";
  auto doc = Normalize(Encode(html, "GB18030"));
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ(doc->charset, "GB18030");
  EXPECT_EQ(doc->content_type, "text/html");
  EXPECT_EQ(doc->text, "2021年政府工作报告\n各位代表：\n全市地区生产总值增长8.5% 。");
}

TEST(NormalizeDocumentTest, Big5WithHintInContentType) {
  const std::string text = "政府工作報告\n各位代表：全市地區生產總值增長百分之八。";
  auto doc = Normalize(Encode(text, "Big5"), "text/plain; charset=big5");
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ(doc->charset, "Big5");
  EXPECT_EQ(doc->text, text);
}

TEST(NormalizeDocumentTest, Utf16) {
  const std::string text = "各位代表：\n2021年全市地区生产总值增长8.5%。";
  auto doc = Normalize("\xFF\xFE" + Encode(text, "UTF-16LE"));
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ(doc->charset, "UTF-16LE");
  EXPECT_EQ(doc->text, text);
  auto no_bom = Normalize(Encode(text, "UTF-16BE"));
  ASSERT_TRUE(no_bom.ok()) << no_bom.status();
  EXPECT_EQ(no_bom->charset, "UTF-16BE");
  EXPECT_EQ(no_bom->text, text);
}

TEST(NormalizeDocumentTest, PlainContentTypeIsNotStripped) {
  auto doc = Normalize("<p>标签</p>", "text/plain");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->text, "<p>标签</p>");
  EXPECT_EQ(doc->content_type, "text/plain");
}

TEST(NormalizeDocumentTest, EmptyDocuments) {
  for (std::string bytes : {std::string(), std::string(" \r\n\t "), std::string("\xEF\xBB\xBF"),
                            std::string("\xFF\xFE \0\n\0", 6), std::string("<html><body> </body>"),
                            std::string("\xE3\x80\x80\xE2\x80\x8B")}) {
    auto doc = Normalize(bytes);
    ASSERT_FALSE(doc.ok()) << bytes;
    EXPECT_EQ(doc.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(doc.status().message(), "empty document");
  }
}

TEST(NormalizeDocumentTest, TooLarge) {
  NormalizeOptions options;
  options.max_bytes = 10;
  auto doc = NormalizeDocument("01234567890", options);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(doc.status().message(), "document is 11 bytes; the limit is 10");
}

TEST(NormalizeDocumentTest, UndecodableBytes) {
  std::string garbage;
  for (int i = 0; i < 200; ++i) garbage.push_back(static_cast<char>(0x80 + (i * 37) % 128));
  auto doc = Normalize(garbage);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(doc.status().message()), HasSubstr("not valid UTF-8"));
}

TEST(NormalizeDocumentTest, UnknownHint) {
  auto doc = Normalize("报告", "", "ebcdic");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace govreport::text
