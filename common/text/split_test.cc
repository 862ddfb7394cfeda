#include "common/text/split.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "common/text/normalize.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace govreport::text {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

std::string ReadSample(const std::string& name) {
  const char* root = std::getenv("GOVREPORT_SOURCE_DIR");
  const std::string path = std::string(root ? root : ".") + "/data/samples/" + name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto doc = NormalizeDocument(buffer.str(), NormalizeOptions());
  EXPECT_TRUE(doc.ok()) << doc.status();
  return doc.ok() ? doc->text : std::string();
}

std::vector<std::string> Titles(const std::vector<ReportSlice>& slices) {
  std::vector<std::string> titles;
  for (const ReportSlice& s : slices) titles.push_back(s.title);
  return titles;
}

// A body long enough to count as a report.
std::string Body(const std::string& place) {
  std::string body = "各位代表：现在，我代表" + place + "人民政府向大会报告工作，请予审议。";
  for (int i = 0; i < 12; ++i) {
    body += "过去一年，" + place + "地区生产总值增长6.5%，一般公共预算收入增长8%，固定资产投资增长10%。";
  }
  return body;
}

TEST(SplitReportsTest, InvestmentSiteBundleGivesTenReports) {
  const std::vector<ReportSlice> slices = SplitReports(ReadSample("000_8a7bc9ce6e61cdbb.txt"));
  EXPECT_THAT(Titles(slices),
              ElementsAre("【云浮招商】云浮市政府工作报告", "【榕城区招商】2021年榕城区政府工作报告",
                          "【阳东区招商】2021年阳东区政府工作报告",
                          "【江城区招商】2021年江城区政府工作报告",
                          "【紫金县招商】2021年紫金县政府工作报告",
                          "【南山区招商】2021年南山区政府工作报告",
                          "【高州市招商】2020年泗水镇政府工作报告",
                          "【高州市招商】2019年荷塘镇政府工作报告",
                          "【丰顺县招商】2019年潭江镇政府工作报告",
                          "【高州市招商】2019年古丁镇政府工作报告"));
  for (const ReportSlice& slice : slices) {
    EXPECT_TRUE(slice.text.rfind(slice.title, 0) == 0) << slice.title;
    EXPECT_THAT(slice.text, Not(HasSubstr("2025-07-08")));
    EXPECT_THAT(slice.text, Not(HasSubstr("点我投稿")));
    EXPECT_THAT(slice.text, Not(HasSubstr("联系我们")));
    EXPECT_THAT(slice.text, Not(HasSubstr("企业入驻")));
    EXPECT_GT(slice.text.size(), 5000u);
  }
  EXPECT_THAT(slices[0].text, HasSubstr("2021年2月1日在云浮市第六届人民代表大会第七次会议上 云浮市市长王胜"));
}

TEST(SplitReportsTest, EncyclopediaPageIsOneReportWithoutInfoBox) {
  const std::vector<ReportSlice> slices = SplitReports(ReadSample("001_58fcb929861e5ebb.txt"));
  ASSERT_EQ(slices.size(), 1u);
  EXPECT_EQ(slices[0].title, "2020年花都區政府工作報告");
  EXPECT_THAT(slices[0].text, HasSubstr("各位代表"));
  for (const char* junk : {"基本介紹", "中文名", "檔案類型", "是由花都區發布", "相關詞條", "熱門詞條",
                           "聯絡我們"}) {
    EXPECT_THAT(slices[0].text, Not(HasSubstr(junk)));
  }
}

TEST(SplitReportsTest, GovernmentSiteKeepsMeetingLineDropsPageMetadata) {
  const std::vector<ReportSlice> slices = SplitReports(ReadSample("002_7d54046d113e74f1.txt"));
  ASSERT_EQ(slices.size(), 1u);
  EXPECT_EQ(slices[0].title,
            "工作報告——2022年4月20日在河南省新鄉市鳳泉區第十屆人民代表大會第一次會議上");
  EXPECT_EQ(slices[0].text.rfind("工作報告——2022年4月20日在河南省新鄉市鳳泉區", 0), 0u);
  EXPECT_THAT(slices[0].text, Not(HasSubstr("信息來源")));
  EXPECT_THAT(slices[0].text, Not(HasSubstr("閱讀量")));
  EXPECT_THAT(slices[0].text, Not(HasSubstr("中國中小城市指數網")));
  EXPECT_THAT(slices[0].text, HasSubstr("各位代表,實干書寫精彩答卷"));
}

TEST(SplitReportsTest, MadeUpBundleOfThree) {
  const std::string text = "2021年各地政府工作报告汇编\n首页\n" 
                           "-\n【甲市招商】甲市政府工作报告\n" + Body("甲市") + "\n2025-07-08\n"
                           "-\n【乙县招商】2021年乙县政府工作報告\n" + Body("乙縣") + "\n2025-07-08\n"
                           "-\n丙镇政府工作报告（摘要）\n2021年1月5日在丙镇第三届人民代表大会第五次会议上\n" +
                           Body("丙镇") + "\n2025-07-08\n有想补充的信息?点我投稿\n- 联系我们\n";
  const std::vector<ReportSlice> slices = SplitReports(text);
  EXPECT_THAT(Titles(slices), ElementsAre("【甲市招商】甲市政府工作报告",
                                          "【乙县招商】2021年乙县政府工作報告",
                                          "丙镇政府工作报告（摘要）"));
  ASSERT_EQ(slices.size(), 3u);
  EXPECT_THAT(slices[1].text, HasSubstr("乙縣地区生产总值"));
  EXPECT_THAT(slices[1].text, Not(HasSubstr("甲市")));
  EXPECT_THAT(slices[2].text, HasSubstr("2021年1月5日在丙镇第三届人民代表大会第五次会议上"));
  EXPECT_THAT(slices[2].text, Not(HasSubstr("点我投稿")));
  EXPECT_THAT(slices[2].text, Not(HasSubstr("2025-07-08")));
}

TEST(SplitReportsTest, TraditionalFullWidthBundleOfTwo) {
  const std::string text = "【甲區招商】２０２１年甲區政府工作報告\n" + Body("甲區") +
                           "\n２０２５－０７－０８\n【乙區招商】２０２１年乙區政府工作報告\n" + Body("乙區") +
                           "\n更新時間：２０２３－０３－０７　閱讀量：２７３次\n";
  const std::vector<ReportSlice> slices = SplitReports(text);
  EXPECT_THAT(Titles(slices), ElementsAre("【甲區招商】２０２１年甲區政府工作報告",
                                          "【乙區招商】２０２１年乙區政府工作報告"));
  for (const ReportSlice& slice : slices) {
    EXPECT_THAT(slice.text, Not(HasSubstr("２０２５")));
    EXPECT_THAT(slice.text, Not(HasSubstr("閱讀量")));
  }
}

TEST(SplitReportsTest, RepeatedTitleAndTrailingLinkStayInOneReport) {
  const std::string text = "2021年政府工作报告\n政府工作报告\n——2021年3月5日在第十三届全国人民代表大会第四次会议上\n" +
                           Body("国务院") + "\n2020年政府工作报告\n";
  const std::vector<ReportSlice> slices = SplitReports(text);
  ASSERT_EQ(slices.size(), 1u);
  EXPECT_EQ(slices[0].title, "2021年政府工作报告");
  EXPECT_THAT(slices[0].text, HasSubstr("——2021年3月5日在第十三届全国人民代表大会第四次会议上"));
}

TEST(SplitReportsTest, TextWithoutReportIsOneSlice) {
  const std::vector<ReportSlice> slices = SplitReports("今天天气很好。\n我们去公园散步。\n2025-07-08");
  ASSERT_EQ(slices.size(), 1u);
  EXPECT_EQ(slices[0].title, "");
  EXPECT_EQ(slices[0].text, "今天天气很好。\n我们去公园散步。");
}

TEST(SplitReportsTest, OnlyBoilerplateStillGivesOneSlice) {
  const std::vector<ReportSlice> slices = SplitReports("联系我们\n2025-07-08");
  ASSERT_EQ(slices.size(), 1u);
  EXPECT_FALSE(slices[0].text.empty());
}

TEST(SplitReportsTest, LoneListMarkerIsStillText) {
  const std::vector<ReportSlice> slices = SplitReports("\u2022");
  ASSERT_EQ(slices.size(), 1u);
  EXPECT_EQ(slices[0].text, "\u2022");
}

TEST(SplitReportsTest, BlankTextGivesNoSlice) {
  EXPECT_TRUE(SplitReports("").empty());
  EXPECT_TRUE(SplitReports(" \n\n ").empty());
}

TEST(SplitReportsTest, LongLinesAreNeverDroppedAsBoilerplate) {
  const std::string body = "阅读量" + Body("某市");
  const std::vector<ReportSlice> slices = SplitReports(body);
  ASSERT_EQ(slices.size(), 1u);
  EXPECT_EQ(slices[0].text, body);
}

}  // namespace
}  // namespace govreport::text
