#include "common/text/split.h"

#include <array>
#include <string>
#include <vector>

#include "common/text/fold.h"
#include "common/text/utf8.h"

namespace govreport::text {
namespace {

// A body shorter than this (in code points) does not make a report of its own: a second title
// line with little under it is a page heading, a "related reading" link or a repeated title.
constexpr size_t kMinReportBody = 300;
// Boilerplate and metadata lines are short; anything longer is text and is never dropped.
constexpr size_t kMaxBoilerplateLine = 120;
constexpr size_t kMaxTitleLine = 60;

struct Line {
  std::string_view original;  // without the list marker and surrounding spaces
  std::string folded;         // FoldCodePoint applied, UTF-8
  size_t length = 0;          // code points
};

std::string FoldLine(std::string_view s, size_t* length) {
  std::string out;
  out.reserve(s.size());
  size_t pos = 0, n = 0;
  while (pos < s.size()) {
    AppendUtf8(FoldCodePoint(DecodeUtf8(s, &pos)), &out);
    ++n;
  }
  *length = n;
  return out;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}
bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool Contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

std::string_view TrimSpaces(std::string_view s) {
  auto space = [](std::string_view t, size_t i) { return t[i] == ' ' || t[i] == '\t' || t[i] == '\r'; };
  while (!s.empty() && space(s, 0)) s.remove_prefix(1);
  while (!s.empty() && space(s, s.size() - 1)) s.remove_suffix(1);
  // Ideographic space (U+3000) indents Chinese paragraphs.
  while (StartsWith(s, "\u3000")) s.remove_prefix(3);
  while (EndsWith(s, "\u3000")) s.remove_suffix(3);
  return s;
}

// Drops a leading list marker as scraped pages render <li>: "- ", "• ", "* ", "· ".
std::string_view StripListMarker(std::string_view s) {
  for (std::string_view marker : {"- ", "* ", "\u2022 ", "\u00B7 ", "\u2022", "\u25CF "}) {
    if (StartsWith(s, marker)) return TrimSpaces(s.substr(marker.size()));
  }
  return s;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// "2025-07-08", "2021/02/03 10:20", "2021年2月1日": a page date with nothing else on the line.
bool IsDateOnly(std::string_view s) {
  size_t i = 0;
  auto digits = [&](size_t min, size_t max) {
    const size_t start = i;
    while (i < s.size() && IsDigit(s[i]) && i - start < max) ++i;
    return i - start >= min;
  };
  auto one_of = [&](std::initializer_list<std::string_view> seps) {
    for (std::string_view sep : seps) {
      if (s.substr(i, sep.size()) == sep) {
        i += sep.size();
        return true;
      }
    }
    return false;
  };
  if (!digits(4, 4) || !one_of({"-", "/", ".", "年"}) || !digits(1, 2) ||
      !one_of({"-", "/", ".", "月"}) || !digits(1, 2)) {
    return false;
  }
  one_of({"日"});
  while (i < s.size() && s[i] == ' ') ++i;
  if (i < s.size()) {  // optional time of day
    if (!digits(1, 2) || !one_of({":"}) || !digits(2, 2)) return false;
    if (one_of({":"}) && !digits(2, 2)) return false;
  }
  return i == s.size();
}

// Site chrome that can appear anywhere on a short line.
constexpr std::array<std::string_view, 30> kBoilerplateParts = {
    "信息来源", "更新时间", "阅读量", "阅读次数", "浏览次数", "浏览量", "点击数", "点击量",
    "访问量", "发布时间:", "发布日期:", "责任编辑", "打印本页", "关闭窗口", "分享到",
    "扫一扫", "有想补充的信息", "点我投稿", "版权所有", "ICP备", "网站地图", "返回顶部",
    "相关词条", "热门词条", "当前位置", "您现在的位置", "相关阅读", "延伸阅读", "推荐阅读",
    "【字体"};
// Lines that are boilerplate when they are the whole line.
constexpr std::array<std::string_view, 20> kBoilerplateLines = {
    "联系我们", "联络我们", "企业入驻", "基本介绍", "基本信息", "目录", "上一篇", "下一篇",
    "相关链接", "相关文章", "相关新闻", "首页", "返回", "打印", "关闭", "收藏", "分享",
    "-", "词条标签", "参考资料"};
// Encyclopedia info-box and document-header fields ("中文名:2020年花都区政府工作报告").
constexpr std::array<std::string_view, 22> kInfoBoxFields = {
    "中文名", "外文名", "档案类型", "文件类型", "发布单位", "发布机关", "发文机关", "发文字号",
    "成文日期", "发布日期", "实施日期", "类别", "别名", "所属地区", "出处", "页数",
    "作者", "主题分类", "索引号", "文号", "来源", "编辑"};

bool IsBoilerplate(const Line& line) {
  const std::string_view f = line.folded;
  if (f.empty()) return true;
  if (line.length > kMaxBoilerplateLine) return false;
  for (std::string_view s : kBoilerplateLines) {
    if (f == s) return true;
  }
  for (std::string_view s : kBoilerplateParts) {
    if (Contains(f, s)) return true;
  }
  for (std::string_view field : kInfoBoxFields) {
    if (StartsWith(f, field)) {
      std::string_view rest = f.substr(field.size());
      while (StartsWith(rest, " ")) rest.remove_prefix(1);
      if (StartsWith(rest, ":")) return true;
    }
  }
  if (IsDateOnly(f)) return true;
  // A site name alone in brackets: "【中国中小城市指数网】".
  if (StartsWith(f, "【") && EndsWith(f, "】") && f.find("】") == f.size() - 3 &&
      (EndsWith(f, "网】") || EndsWith(f, "网站】"))) {
    return true;
  }
  // The encyclopedia's lead sentence: "2020年花都区政府工作报告是由花都区发布的报告。"
  if (line.length <= 80 && Contains(f, "是由") && Contains(f, "发布")) return true;
  return false;
}

// A line that names one report and nothing else: "【云浮招商】云浮市政府工作报告",
// "2021年榕城区政府工作报告", "政府工作报告(摘要)".
bool IsTitleLine(const Line& line) {
  if (line.length > kMaxTitleLine) return false;
  std::string_view f = line.folded;
  for (std::string_view punct : {"。", ",", ";", ":", "!", "?", "、"}) {
    if (Contains(f, punct)) return false;
  }
  if (StartsWith(f, "各位代表") || StartsWith(f, "关于")) return false;
  // Trailing edition marks: "(全文)", "(摘要)", "全文", "摘登".
  if (EndsWith(f, ")")) {
    const size_t open = f.rfind('(');
    if (open != std::string_view::npos && f.size() - open <= 20) f = f.substr(0, open);
  }
  for (std::string_view mark : {"全文", "摘要", "摘登", "节选"}) {
    if (EndsWith(f, mark)) f.remove_suffix(mark.size());
  }
  while (!f.empty() && f.back() == ' ') f.remove_suffix(1);
  if (EndsWith(f, "工作报告")) return true;
  // A bracketed heading in front of a report name: "【某某招商】某镇政府报告".
  return StartsWith(f, "【") && Contains(f, "】") && EndsWith(f, "报告");
}

// The line to report as the title when no strict title line exists: the meeting line
// "工作报告——2022年4月20日在...会议上" near the top of the text.
bool IsTitleLike(const Line& line) {
  return line.length <= 100 && Contains(line.folded, "工作报告") &&
         !StartsWith(line.folded, "各位代表");
}

struct Segment {
  std::vector<const Line*> lines;
  const Line* title = nullptr;
  size_t body_length = 0;
};

ReportSlice ToSlice(const Segment& segment) {
  ReportSlice slice;
  const Line* title = segment.title;
  for (size_t i = 0; title == nullptr && i < segment.lines.size() && i < 5; ++i) {
    if (IsTitleLike(*segment.lines[i])) title = segment.lines[i];
  }
  if (title != nullptr) slice.title = std::string(title->original);
  for (const Line* line : segment.lines) {
    if (!slice.text.empty()) slice.text.push_back('\n');
    slice.text.append(line->original);
  }
  return slice;
}

}  // namespace

std::vector<ReportSlice> SplitReports(std::string_view normalized_text) {
  std::vector<Line> all;
  bool any_visible = false;
  size_t start = 0;
  while (start <= normalized_text.size()) {
    size_t end = normalized_text.find('\n', start);
    if (end == std::string_view::npos) end = normalized_text.size();
    Line line;
    const std::string_view trimmed = TrimSpaces(normalized_text.substr(start, end - start));
    if (!trimmed.empty()) any_visible = true;  // a lone list marker is still text
    line.original = StripListMarker(trimmed);
    line.folded = FoldLine(line.original, &line.length);
    if (!IsBoilerplate(line)) all.push_back(std::move(line));
    start = end + 1;
  }
  if (!any_visible) return {};

  // Cut at title lines, but only once the current report has a body: a repeated title, or a
  // short page heading above the first title, belongs to the report that follows.
  std::vector<Segment> segments(1);
  for (const Line& line : all) {
    const bool title = IsTitleLine(line);
    if (title && segments.back().body_length >= kMinReportBody) segments.emplace_back();
    Segment& current = segments.back();
    if (title && current.title == nullptr) {
      current.title = &line;
    } else if (!title) {
      current.body_length += line.length;
    }
    current.lines.push_back(&line);
  }
  // A last segment too short to be a report ("相关: 2020年政府工作报告" trailer) rejoins the one
  // before it.
  while (segments.size() > 1 && segments.back().body_length < kMinReportBody) {
    Segment tail = std::move(segments.back());
    segments.pop_back();
    Segment& previous = segments.back();
    previous.lines.insert(previous.lines.end(), tail.lines.begin(), tail.lines.end());
    previous.body_length += tail.body_length;
  }

  std::vector<ReportSlice> slices;
  for (const Segment& segment : segments) slices.push_back(ToSlice(segment));
  if (slices.size() == 1 && slices[0].text.empty()) {
    // Nothing but boilerplate: still one slice, holding what there was.
    slices[0].text = std::string(TrimSpaces(normalized_text));
  }
  return slices;
}

}  // namespace govreport::text
