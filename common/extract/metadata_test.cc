#include "common/extract/metadata.h"

#include <string>

#include "gtest/gtest.h"

namespace govreport::extract {
namespace {

using v1::ReportMetadata;

ReportMetadata Meta(const std::string& text) {
  return ExtractMetadata(text::FoldedText(text), regions::Divisions::Default());
}

TEST(MetadataTest, PrefectureReportWithBundleTitleAndMeetingLine) {
  const ReportMetadata m = Meta(
      "【云浮招商】云浮市政府工作报告\n"
      "2021年2月1日在云浮市第六届人民代表大会第七次会议上 云浮市市长王胜 各位代表: "
      "我代表市政府向大会作政府工作报告,请予审议。 2020年及“十三五”时期工作回顾 全市实现"
      "地区生产总值1002亿元。\n2025-07-08\n");
  EXPECT_EQ(m.region().name(), "云浮市");
  EXPECT_EQ(m.region().code(), "445300");
  EXPECT_EQ(m.region().level(), v1::LEVEL_PREFECTURE);
  EXPECT_EQ(m.region().parent(), "");
  EXPECT_EQ(m.region().province(), "广东省");
  EXPECT_EQ(m.report_year(), 2021);
  EXPECT_EQ(m.review_year(), 2020);
  EXPECT_EQ(m.meeting_date(), "2021-02-01");
  EXPECT_EQ(m.speaker().name(), "王胜");
  EXPECT_EQ(m.speaker().title(), "市长");
  EXPECT_EQ(m.doc_type(), v1::DOC_TYPE_GOVERNMENT_WORK_REPORT);
  EXPECT_EQ(m.title(), "【云浮招商】云浮市政府工作报告");
}

TEST(MetadataTest, DistrictFromMeetingChainWithNoisySpeakerName) {
  const ReportMetadata m = Meta(
      "【榕城区招商】2021年榕城区政府工作报告\n"
      "2021年3月1日在揭阳市榕城区第六届人民代表大会第六次会议上揭阳市榕城区人民政府区长郭;翔"
      "各位代表:现在,我代表区人民政府向大会作工作报告。一、2020年工作回顾\n");
  EXPECT_EQ(m.region().name(), "榕城区");
  EXPECT_EQ(m.region().code(), "445202");
  EXPECT_EQ(m.region().level(), v1::LEVEL_DISTRICT);
  EXPECT_EQ(m.region().parent(), "揭阳市");
  EXPECT_EQ(m.speaker().name(), "郭翔");
  EXPECT_EQ(m.speaker().title(), "区长");
  EXPECT_EQ(m.meeting_date(), "2021-03-01");
}

TEST(MetadataTest, ActingHeadAndSpacedName) {
  const ReportMetadata m = Meta(
      "2021年2月6日在阳江市阳东区第八届人民代表大会第六次会议上\n阳江市阳东区人民政府代区长 李坤\n"
      "各位代表:\n我代表区人民政府向大会作政府工作报告。\n");
  EXPECT_EQ(m.speaker().name(), "李坤");
  EXPECT_EQ(m.speaker().title(), "代区长");
  EXPECT_EQ(m.region().code(), "441704");
}

TEST(MetadataTest, TraditionalScriptIsReadSimplified) {
  const ReportMetadata m = Meta(
      "工作報告——2022年4月20日在河南省新鄉市鳳泉區第十屆人民代表大會第一次會議上\n"
      "信息來源: | 更新時間:2023-03-07 | 閱讀量:273次\n各位代表:\n"
      "現在,我代表區人民政府向大會報告過去五年政府工作,請予審議。\n一、2021年及過去五年工作回顧\n");
  EXPECT_EQ(m.region().name(), "凤泉区");
  EXPECT_EQ(m.region().code(), "410704");
  EXPECT_EQ(m.region().parent(), "新乡市");
  EXPECT_EQ(m.region().province(), "河南省");
  EXPECT_EQ(m.meeting_date(), "2022-04-20");  // not the page's 更新時間
  EXPECT_EQ(m.report_year(), 2022);
  EXPECT_EQ(m.review_year(), 2021);
  EXPECT_EQ(m.speaker().name(), "");
  EXPECT_EQ(m.title(), "工作報告");
}

TEST(MetadataTest, NoDateLineTakesYearsFromTitleAndReviewHeading) {
  const ReportMetadata m = Meta(
      "2020年花都區政府工作報告\n\n基本介紹\n中文名:2020年花都區政府工作報告\n各位代表:\n"
      "  現在,我代表花都區人民政府,向大會報告政府工作。\n  一、2019年工作回顧\n"
      "  2019年,是新中國成立70周年。在廣州市委、市政府的正確領導下……\n");
  EXPECT_EQ(m.region().name(), "花都区");
  EXPECT_EQ(m.region().code(), "440114");
  EXPECT_EQ(m.report_year(), 2020);
  EXPECT_EQ(m.review_year(), 2019);
  EXPECT_EQ(m.meeting_date(), "");
  EXPECT_EQ(m.doc_type(), v1::DOC_TYPE_GOVERNMENT_WORK_REPORT);
}

TEST(MetadataTest, ReviewHeadingAloneGivesBothYears) {
  const ReportMetadata m = Meta(
      "各位代表:\n我代表县人民政府向大会报告工作。\n一、2018年工作回顾\n过去一年,紫金县全县上下……\n");
  EXPECT_EQ(m.report_year(), 2019);
  EXPECT_EQ(m.review_year(), 2018);
  EXPECT_EQ(m.meeting_date(), "");
  // No line names the government: the county the opening names is taken.
  EXPECT_EQ(m.region().name(), "紫金县");
  EXPECT_EQ(m.region().level(), v1::LEVEL_COUNTY);
}

TEST(MetadataTest, TownSummaryResolvedFromBundleHeading) {
  const ReportMetadata m = Meta(
      "【高州市招商】2020年泗水镇政府工作报告\n"
      "2019年,泗水镇深入学习宣传贯彻落实党的十九大精神。现将2019年工作总结报告如下: "
      "一、着力招商引资\n2025-07-08\n");
  EXPECT_EQ(m.region().name(), "泗水镇");
  EXPECT_EQ(m.region().code(), "440981105");
  EXPECT_EQ(m.region().level(), v1::LEVEL_TOWN);
  EXPECT_EQ(m.region().parent(), "高州市");
  EXPECT_EQ(m.report_year(), 2020);
  EXPECT_EQ(m.review_year(), 2019);
  EXPECT_EQ(m.meeting_date(), "");
  EXPECT_EQ(m.speaker().name(), "");
}

TEST(MetadataTest, SharedTownNameWithoutCuesKeepsCodeEmpty) {
  const ReportMetadata m = Meta(
      "2019年荷塘镇政府工作报告\n2018年是全面实施“十三五规划”的重要一年。荷塘镇人民政府在"
      "上级党委、政府的坚强领导下,全镇各项事业稳步提升。现将2018年工作总结报告如下:\n");
  EXPECT_EQ(m.region().name(), "荷塘镇");
  EXPECT_EQ(m.region().code(), "");
  EXPECT_EQ(m.region().level(), v1::LEVEL_TOWN);
  EXPECT_EQ(m.report_year(), 2019);
  EXPECT_EQ(m.review_year(), 2018);
}

TEST(MetadataTest, TitleRegionWinsOverAMistakenSalutation) {
  const ReportMetadata m = Meta(
      "【高州市招商】2019年古丁镇政府工作报告\n政府工作报告古丁镇人民政府镇长李平各位代表:"
      "我代表市人民政府向大会作工作报告。古丁镇2018年工作回顾 一、2018年工作亮点\n");
  EXPECT_EQ(m.region().name(), "古丁镇");
  EXPECT_EQ(m.region().code(), "440981123");
  EXPECT_EQ(m.speaker().name(), "李平");
  EXPECT_EQ(m.speaker().title(), "镇长");
  EXPECT_EQ(m.review_year(), 2018);
  EXPECT_EQ(m.report_year(), 2019);
}

TEST(MetadataTest, NationalReport) {
  const ReportMetadata m = Meta(
      "政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理 李强\n"
      "各位代表:\n现在,我代表国务院,向大会报告政府工作,请予审议。\n一、2023年工作回顾\n"
      "过去一年是全面贯彻党的二十大精神的开局之年。广东、江苏等经济大省……\n");
  EXPECT_EQ(m.region().name(), "全国");
  EXPECT_EQ(m.region().level(), v1::LEVEL_NATIONAL);
  EXPECT_EQ(m.region().code(), "");
  EXPECT_EQ(m.report_year(), 2024);
  EXPECT_EQ(m.review_year(), 2023);
  EXPECT_EQ(m.meeting_date(), "2024-03-05");
  EXPECT_EQ(m.speaker().name(), "李强");
  EXPECT_EQ(m.doc_type(), v1::DOC_TYPE_GOVERNMENT_WORK_REPORT);
}

TEST(MetadataTest, NationalReportReviewingFiveYearsWithChineseNumeralDate) {
  const ReportMetadata m = Meta(
      "政府工作报告\n(二〇〇八年三月五日在第十一届全国人民代表大会第一次会议上)\n"
      "国务院总理 温家宝\n各位代表:\n现在,我代表国务院,向大会报告政府工作。\n"
      "一、过去五年工作回顾\n2007年,国内生产总值增长11.4%。二、2008年工作总体部署\n");
  EXPECT_EQ(m.region().level(), v1::LEVEL_NATIONAL);
  EXPECT_EQ(m.meeting_date(), "2008-03-05");
  EXPECT_EQ(m.report_year(), 2008);
  EXPECT_EQ(m.review_year(), 2007);
  EXPECT_EQ(m.speaker().name(), "温家宝");
}

TEST(MetadataTest, NationalDeputyIsNoNationalSession) {
  const ReportMetadata m = Meta(
      "云浮市政府工作报告\n云浮市市长、十三届全国人大代表 王胜\n各位代表:\n我代表市政府报告工作。\n");
  EXPECT_EQ(m.region().name(), "云浮市");
  EXPECT_EQ(m.region().level(), v1::LEVEL_PREFECTURE);
}

TEST(MetadataTest, NationalFromOnBehalfOfTheStateCouncilAlone) {
  const ReportMetadata m = Meta("各位代表:\n现在,我代表国务院,向大会报告政府工作。\n一、2015年工作回顾\n");
  EXPECT_EQ(m.region().name(), "全国");
  EXPECT_EQ(m.region().level(), v1::LEVEL_NATIONAL);
  EXPECT_EQ(m.report_year(), 2016);
}

TEST(MetadataTest, ProvinceReport) {
  const ReportMetadata m = Meta(
      "政府工作报告\n——2021年1月24日在广东省第十三届人民代表大会第四次会议上\n广东省省长 马兴瑞\n"
      "各位代表:\n现在,我代表省人民政府,向大会报告工作。\n一、2020年和“十三五”时期工作回顾\n");
  EXPECT_EQ(m.region().name(), "广东省");
  EXPECT_EQ(m.region().code(), "440000");
  EXPECT_EQ(m.region().level(), v1::LEVEL_PROVINCE);
  EXPECT_EQ(m.region().parent(), "");
  EXPECT_EQ(m.speaker().name(), "马兴瑞");
  EXPECT_EQ(m.speaker().title(), "省长");
}

TEST(MetadataTest, PartyCommitteePlenaryReport) {
  const ReportMetadata m = Meta(
      "在中国共产党云浮市第七届委员会第十四次全体会议上的报告\n(2020年12月28日)\n市委书记 张三丰\n"
      "同志们:\n现在,我代表市委常委会向全会报告工作。今年以来,面对突如其来的疫情……\n");
  EXPECT_EQ(m.doc_type(), v1::DOC_TYPE_PARTY_COMMITTEE_REPORT);
  EXPECT_EQ(m.region().name(), "云浮市");
  EXPECT_EQ(m.region().code(), "445300");
  EXPECT_EQ(m.meeting_date(), "2020-12-28");
  EXPECT_EQ(m.report_year(), 2020);
  EXPECT_EQ(m.review_year(), 2020);
  EXPECT_EQ(m.speaker().name(), "张三丰");
  EXPECT_EQ(m.speaker().title(), "市委书记");
}

TEST(MetadataTest, PartyPlenaryVariants) {
  EXPECT_EQ(Meta("在中共云浮市委七届十次全会上的报告\n市委书记 张三丰\n同志们:\n").doc_type(),
            v1::DOC_TYPE_PARTY_COMMITTEE_REPORT);
  EXPECT_EQ(Meta("在中共紫金县委十三届十次全体(扩大)会议上的报告\n同志们:\n").region().code(),
            "441621");
  // A government's own plenary is no party plenary.
  EXPECT_NE(Meta("县长在2017年县政府全体会议上的讲话\n同志们:今天,我们召开本届县政府第一次全体会议").doc_type(),
            v1::DOC_TYPE_PARTY_COMMITTEE_REPORT);
}

TEST(MetadataTest, PlenaryMentionedInAGovernmentReportDoesNotMakeItAPartyReport) {
  const ReportMetadata m = Meta(
      "2021年紫金县政府工作报告\n各位代表:\n现在,我代表县人民政府向大会作政府工作报告。"
      "一、2020年工作回顾 我们认真贯彻省委十二届十二次全会、县委十三届十次全会精神……\n");
  EXPECT_EQ(m.doc_type(), v1::DOC_TYPE_GOVERNMENT_WORK_REPORT);
  EXPECT_EQ(m.region().code(), "441621");
}

TEST(MetadataTest, NewsSummaryIsOther) {
  const ReportMetadata m = Meta(
      "云浮市六届人大七次会议开幕\n本报讯(记者 李明)2月1日上午,云浮市第六届人民代表大会第七次会议"
      "隆重开幕。市长王胜作政府工作报告,回顾2020年工作,部署2021年任务。\n");
  EXPECT_EQ(m.doc_type(), v1::DOC_TYPE_OTHER);
  EXPECT_EQ(m.region().name(), "云浮市");
  EXPECT_EQ(m.speaker().name(), "王胜");
  EXPECT_EQ(m.meeting_date(), "");
}

TEST(MetadataTest, PageSourceLineDoesNotMakeASummaryNews) {
  const ReportMetadata m = Meta(
      "2019年古丁镇政府工作报告\n信息来源:高州市人民政府 | 更新时间:2019-03-07\n"
      "古丁镇2018年工作回顾 一、2018年工作亮点\n");
  EXPECT_EQ(m.doc_type(), v1::DOC_TYPE_GOVERNMENT_WORK_REPORT);
  EXPECT_EQ(m.region().code(), "440981123");
}

TEST(MetadataTest, TitleDatedByTheReviewedYear) {
  const ReportMetadata m = Meta(
      "潭江镇2018年工作总结和2019年工作计划报告\n现将2018年工作总结报告如下:一、经济发展\n");
  EXPECT_EQ(m.report_year(), 2019);
  EXPECT_EQ(m.review_year(), 2018);
}

TEST(MetadataTest, TitleYearWinsOverAnImplausibleReviewHeading) {
  const ReportMetadata m = Meta(
      "2021年榕城区政府工作报告\n各位代表:\n我代表区人民政府报告工作。回顾2015年工作回顾的经验……\n");
  EXPECT_EQ(m.report_year(), 2021);
  EXPECT_EQ(m.review_year(), 2020);
}

TEST(MetadataTest, NationalNewsSummaries) {
  const ReportMetadata a = Meta(
      "3月5日,第十三届全国人民代表大会第五次会议在北京人民大会堂开幕。国务院总理李克强代表国务院"
      "向大会作政府工作报告。报告共分三个部分:一、2021年工作回顾;二、2022年经济社会发展总体要求。\n");
  EXPECT_EQ(a.doc_type(), v1::DOC_TYPE_OTHER);
  EXPECT_EQ(a.region().level(), v1::LEVEL_NATIONAL);
  EXPECT_EQ(a.speaker().name(), "李克强");
  const ReportMetadata b = Meta(
      "人民政协网北京3月5日电 十三届全国人大二次会议5日上午9时在人民大会堂开幕,听取国务院总理"
      "李克强关于政府工作的报告。\n");
  EXPECT_EQ(b.doc_type(), v1::DOC_TYPE_OTHER);
  EXPECT_EQ(b.region().name(), "全国");
  EXPECT_EQ(b.speaker().name(), "李克强");
  EXPECT_EQ(b.meeting_date(), "");
}

TEST(MetadataTest, TitleBelowAPageHeading) {
  const ReportMetadata m = Meta(
      "花都区人民政府门户网站\n首页 > 政务公开\n2020年花都区政府工作报告\n各位代表:\n"
      "现在,我代表区人民政府向大会报告工作,请予审议。\n一、2019年工作回顾\n");
  EXPECT_EQ(m.title(), "2020年花都区政府工作报告");
  EXPECT_EQ(m.region().code(), "440114");
  EXPECT_EQ(m.report_year(), 2020);
}

TEST(MetadataTest, OpeningSentenceIsNoTitle) {
  const ReportMetadata m = Meta(
      "各位代表:\n现在,我代表区人民政府向大会报告工作,请予审议。\n一、2019年工作回顾\n");
  EXPECT_EQ(m.title(), "");
  EXPECT_EQ(m.report_year(), 2020);
}

TEST(MetadataTest, TextWithoutAReportIsOther) {
  const ReportMetadata m = Meta("有想补充的信息?点我投稿\n- 联系我们\n- 企业入驻\n");
  EXPECT_EQ(m.doc_type(), v1::DOC_TYPE_OTHER);
  EXPECT_EQ(m.report_year(), 0);
  EXPECT_EQ(m.region().name(), "");
  const ReportMetadata empty = Meta("");
  EXPECT_EQ(empty.doc_type(), v1::DOC_TYPE_OTHER);
}

TEST(MetadataTest, PageDatesAreNotMeetingDates) {
  const ReportMetadata m = Meta(
      "2021年榕城区政府工作报告\n发布时间:2021年03月05日 来源:区政府办\n2025-07-08\n各位代表:\n"
      "我代表区人民政府向大会作工作报告。一、2020年工作回顾\n");
  EXPECT_EQ(m.meeting_date(), "");
  EXPECT_EQ(m.report_year(), 2021);
}

TEST(MetadataTest, FullWidthDigitsInTheDateLine) {
  const ReportMetadata m = Meta(
      "２０２１年２月７日在紫金县第十六届人民代表大会第六次会议上\n紫金县人民政府县长 邓红卫\n各位代表:\n");
  EXPECT_EQ(m.meeting_date(), "2021-02-07");
  EXPECT_EQ(m.speaker().name(), "邓红卫");
  EXPECT_EQ(m.region().level(), v1::LEVEL_COUNTY);
  EXPECT_EQ(m.region().code(), "441621");
}

TEST(MetadataTest, AutonomousRegionChairWithTransliteratedName) {
  const ReportMetadata m = Meta(
      "政府工作报告\n——2021年1月24日在新疆维吾尔自治区第十三届人民代表大会第四次会议上\n"
      "自治区主席 雪克来提·扎克尔\n各位代表:\n现在,我代表自治区人民政府,向大会报告工作。\n");
  EXPECT_EQ(m.speaker().name(), "雪克来提·扎克尔");
  EXPECT_EQ(m.speaker().title(), "主席");
  EXPECT_EQ(m.region().name(), "新疆维吾尔自治区");
  EXPECT_EQ(m.region().level(), v1::LEVEL_PROVINCE);
}

TEST(MetadataTest, SubdistrictOfficeReport) {
  const ReportMetadata m = Meta(
      "【深圳招商】2021年粤海街道办事处工作报告\n各位代表:\n一、2020年工作回顾\n粤海街道地处南山区……\n");
  EXPECT_EQ(m.region().name(), "粤海街道");
  EXPECT_EQ(m.region().level(), v1::LEVEL_TOWN);
  EXPECT_EQ(m.region().parent(), "南山区");
  EXPECT_EQ(m.report_year(), 2021);
}

TEST(MetadataTest, PlanExecutionReportIsNotAWorkReport) {
  const ReportMetadata m = Meta(
      "关于云浮市2020年国民经济和社会发展计划执行情况与2021年计划草案的报告\n各位代表:\n");
  EXPECT_EQ(m.doc_type(), v1::DOC_TYPE_OTHER);
}

TEST(MetadataTest, OtherBodiesReportsToTheCongressAreOther) {
  for (const char* title : {"云浮市人民代表大会常务委员会工作报告", "云浮市中级人民法院工作报告",
                            "云浮市人民检察院工作报告"}) {
    const ReportMetadata m =
        Meta(std::string(title) + "\n各位代表:\n现在,我代表市人大常委会报告工作。\n");
    EXPECT_EQ(m.doc_type(), v1::DOC_TYPE_OTHER) << title;
  }
}

TEST(MetadataTest, DatedNewsSummaryGivesTheReportYear) {
  const ReportMetadata m = Meta(
      "本报讯 记者 李明 2021年2月1日上午,云浮市第六届人民代表大会第七次会议开幕。"
      "市长王胜作政府工作报告,回顾2020年工作。\n");
  EXPECT_EQ(m.doc_type(), v1::DOC_TYPE_OTHER);
  EXPECT_EQ(m.report_year(), 2021);
  EXPECT_EQ(m.review_year(), 2020);
  EXPECT_EQ(m.region().name(), "云浮市");
}

TEST(MetadataTest, MostMentionedPlaceOfTheSpeakersLevel) {
  const ReportMetadata m = Meta(
      "各位代表:\n现在,我代表区人民政府向大会报告工作。\n一、2020年工作回顾\n"
      "过去一年,在深圳市委的领导下,南山区开发区建设加快,南山区经济稳中有进,龙岗区……\n");
  EXPECT_EQ(m.region().name(), "南山区");
  EXPECT_EQ(m.region().code(), "440305");  // 深圳 decides between 深圳 and 鹤岗
  EXPECT_EQ(m.region().level(), v1::LEVEL_DISTRICT);
}

TEST(MetadataTest, DateWithCircleZeroAndPdfSpaces) {
  EXPECT_EQ(Meta("二○二一年二月七日在紫金县第十六届人民代表大会第六次会议上\n各位代表:\n").meeting_date(),
            "2021-02-07");
  const ReportMetadata m = Meta(
      "2021 年 2 月 7 日在紫金县第十六届人民代表大会第六次会议上\n各位代表:\n一、2020 年工作回顾\n");
  EXPECT_EQ(m.meeting_date(), "2021-02-07");
  EXPECT_EQ(m.review_year(), 2020);
}

TEST(MetadataTest, ViceHeadIsNotTheSpeaker) {
  const ReportMetadata m = Meta(
      "2021年2月7日在紫金县第十六届人民代表大会第六次会议上\n副县长 王五 主持\n各位代表:\n");
  EXPECT_EQ(m.speaker().name(), "");
}

}  // namespace
}  // namespace govreport::extract
