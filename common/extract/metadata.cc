#include "common/extract/metadata.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/regions/names.h"
#include "common/regions/resolver.h"
#include "common/text/utf8.h"

namespace govreport::extract {
namespace {

using std::u32string_view;
using govreport::v1::RegionLevel;
constexpr size_t kNpos = u32string_view::npos;

// How far into a report each kind of clue is looked for. The meeting line and the speaker sit
// right below the title; the review heading follows the salutation, but national reports open
// with a long preamble in some years.
constexpr size_t kTitleMaxLength = 120;
constexpr size_t kHeaderSpan = 800;
constexpr size_t kShortHeaderSpan = 300;
constexpr size_t kMentionSpan = 1500;
constexpr size_t kCueSpan = 3000;
constexpr size_t kReviewSpan = 8000;
constexpr size_t kNewsSpan = 300;

bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == U'〇';
}
bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 || c == 0xA0;
}

std::string Utf8(u32string_view s) { return text::ToUtf8(s); }

size_t Find(u32string_view s, u32string_view needle, size_t from = 0) {
  return from > s.size() ? kNpos : s.find(needle, from);
}
bool StartsAt(u32string_view s, size_t pos, u32string_view needle) {
  return pos <= s.size() && s.substr(pos, needle.size()) == needle;
}
bool EndsWith(u32string_view s, u32string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool StartsWith(u32string_view s, u32string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool Contains(u32string_view s, u32string_view needle) { return s.find(needle) != kNpos; }

// Value of a Chinese digit (〇一二…九, 零), -1 otherwise.
int ChineseDigit(char32_t c) {
  static constexpr std::u32string_view kDigits = U"〇一二三四五六七八九";
  // 零, and the circles that stand in for 〇 in many documents (二○二一年).
  if (c == U'零' || c == U'○' || c == U'◯') return 0;
  const size_t i = kDigits.find(c);
  return i == kNpos ? -1 : static_cast<int>(i);
}

// Parses a number 1..99 at s[*pos] written in ASCII digits or Chinese numerals (十二, 二十一).
int ParseSmallNumber(u32string_view s, size_t* pos) {
  size_t i = *pos;
  int value = 0;
  if (i < s.size() && IsAsciiDigit(s[i])) {
    while (i < s.size() && IsAsciiDigit(s[i]) && i - *pos < 2) value = value * 10 + (s[i++] - '0');
  } else {
    int tens = 0, units = -1;
    if (i < s.size() && ChineseDigit(s[i]) > 0 && i + 1 < s.size() && s[i + 1] == U'十') {
      tens = ChineseDigit(s[i]);
      i += 2;
    } else if (i < s.size() && s[i] == U'十') {
      tens = 1;
      ++i;
    }
    if (i < s.size() && ChineseDigit(s[i]) > 0) units = ChineseDigit(s[i++]);
    if (tens == 0 && units < 0) return -1;
    value = tens * 10 + std::max(units, 0);
  }
  *pos = i;
  return value;
}

// Parses a 4-digit year 1949..2100 at s[pos] (ASCII or Chinese digits, 二〇二一).
int ParseYearAt(u32string_view s, size_t pos, size_t* end) {
  if (pos + 4 > s.size()) return 0;
  int year = 0;
  const bool ascii = IsAsciiDigit(s[pos]);
  for (size_t k = 0; k < 4; ++k) {
    const char32_t c = s[pos + k];
    const int d = ascii ? (IsAsciiDigit(c) ? c - '0' : -1) : ChineseDigit(c);
    if (d < 0) return 0;
    year = year * 10 + d;
  }
  // A longer digit run is a number, not a year.
  if (pos > 0 && (IsAsciiDigit(s[pos - 1]) || (!ascii && ChineseDigit(s[pos - 1]) >= 0))) return 0;
  if (pos + 4 < s.size() && (ascii ? IsAsciiDigit(s[pos + 4]) : ChineseDigit(s[pos + 4]) >= 0)) {
    return 0;
  }
  if (year < 1949 || year > 2100) return 0;
  if (end != nullptr) *end = pos + 4;
  return year;
}

// The year written right before position `nian` (which holds 年), 0 if none.
int YearBefore(u32string_view s, size_t nian) {
  if (nian > 0 && s[nian - 1] == U' ') --nian;  // "2020 年" (text extracted from PDF)
  if (nian < 4) return 0;
  return ParseYearAt(s, nian - 4, nullptr);
}

// Skips the single spaces that PDF-extracted text puts around date parts ("2021 年 2 月").
void SkipSpaces(u32string_view s, size_t* i) {
  while (*i < s.size() && s[*i] == U' ') ++*i;
}

struct Date {
  int year = 0, month = 0, day = 0;
  size_t begin = 0, end = 0;
};

// Parses "2021年2月1日" / "二〇二一年二月一日" at s[pos].
bool ParseDateAt(u32string_view s, size_t pos, Date* date) {
  size_t i = 0;
  const int year = ParseYearAt(s, pos, &i);
  if (year == 0) return false;
  SkipSpaces(s, &i);
  if (i >= s.size() || s[i] != U'年') return false;
  ++i;
  SkipSpaces(s, &i);
  const int month = ParseSmallNumber(s, &i);
  SkipSpaces(s, &i);
  if (month < 1 || month > 12 || i >= s.size() || s[i] != U'月') return false;
  ++i;
  SkipSpaces(s, &i);
  const int day = ParseSmallNumber(s, &i);
  SkipSpaces(s, &i);
  if (day < 1 || day > 31 || i >= s.size() || (s[i] != U'日' && s[i] != U'号')) return false;
  *date = Date{year, month, day, pos, i + 1};
  return true;
}

// The date a report was delivered: a date directly followed by the meeting ("2021年2月1日在
// 云浮市第六届人民代表大会第七次会议上"). Page dates carry no meeting and are skipped.
bool FindMeetingDate(u32string_view s, Date* out) {
  const u32string_view head = s.substr(0, kHeaderSpan);
  for (size_t pos = 0; pos + 8 < head.size(); ++pos) {
    Date date;
    if (!ParseDateAt(head, pos, &date)) continue;
    size_t i = date.end;
    while (i < head.size() && (IsSpace(head[i]) || head[i] == U',')) ++i;
    // "(2020年12月28日)" under a plenary report's title: the date alone, in brackets.
    if (date.begin > 0 && head[date.begin - 1] == U'(' && i < head.size() && head[i] == U')') {
      *out = date;
      return true;
    }
    if (i < head.size() && head[i] == U'在') {
      const u32string_view after = head.substr(i, 80);
      if (Contains(after, U"会议") || Contains(after, U"大会") || Contains(after, U"全会") ||
          Contains(after, U"会上")) {
        *out = date;
        return true;
      }
    }
    pos = date.end - 1;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Title.

struct Title {
  size_t begin = 0, end = 0;  // code points of the title in the text; end == 0 when none
  size_t body = 0;            // where the body starts
};

// A line that names a report rather than speaking it: short, and called a report
// ("2021年榕城区政府工作报告", "【高州市招商】2019年荷塘镇政府工作报告", "在中共X市委…全会上的
// 报告"); the salutation and the opening sentence of the speech ("我代表…请予审议") are not.
bool IsTitleText(u32string_view text) {
  if (text.size() > kTitleMaxLength) return false;
  for (u32string_view speech : {U"各位代表", U"我代表", U"请予审议", U"同志们"}) {
    if (Contains(text, speech)) return false;
  }
  return Contains(text, U"报告") || Contains(text, U"政府工作");
}

// The title line: the first line called a report among the first few lines with text (a page
// heading may sit above it).
Title FindTitle(u32string_view s) {
  constexpr int kMaxLinesBeforeTitle = 5;
  Title t;
  size_t line = 0;
  for (int seen = 0; line < s.size() && seen < kMaxLinesBeforeTitle;) {
    size_t eol = s.find(U'\n', line);
    if (eol == kNpos) eol = s.size();
    // Leading list bullets and spaces ("- 工作报告——…").
    size_t b = line;
    while (b < eol && (IsSpace(s[b]) || s[b] == U'-' || s[b] == U'•' || s[b] == U'·')) ++b;
    size_t e = eol;
    while (e > b && IsSpace(s[e - 1])) --e;
    line = eol + 1;
    size_t han = 0;
    for (size_t k = b; k < e && han < 2; ++k) han += IsHan(s[k]) ? 1 : 0;
    if (han < 2) continue;  // blank, "-" separators, bare page dates
    ++seen;
    const u32string_view text = s.substr(b, e - b);
    if (!IsTitleText(text)) {
      // The speech has begun: whatever follows is no title.
      if (text.size() > kTitleMaxLength || Contains(text, U"各位代表")) break;
      continue;
    }
    // "工作报告--2022年4月20日在…会议上": the title is the part before the dash.
    const size_t dash = text.find(U"--");
    if (dash != kNpos && dash > 0 && Contains(text.substr(0, dash), U"报告")) e = b + dash;
    t.begin = b;
    t.end = e;
    t.body = eol;
    return t;
  }
  return t;
}

// ---------------------------------------------------------------------------------------------
// Region names in running text.

// Turns the text right before a marker ("2021年揭阳市榕城区" before 第六届人民代表大会, "中共云浮
// 市委" before 七届) into the speaking jurisdiction's name: the longest known division name that
// ends the chain; else, for places missing from the table, what is left after the known names
// that open it, when it ends like a division name.
std::string NameFromChain(u32string_view chain, const regions::Divisions& divisions) {
  for (u32string_view prefix : {U"中国共产党", U"中共"}) {
    const size_t at = chain.rfind(prefix);
    if (at != kNpos) chain = chain.substr(at + prefix.size());
  }
  const size_t year = chain.rfind(U'年');
  if (year != kNpos) chain = chain.substr(year + 1);
  for (u32string_view suffix : {U"人民政府", U"政府", U"办事处", U"管委会"}) {
    if (EndsWith(chain, suffix)) {
      chain.remove_suffix(suffix.size());
      break;
    }
  }
  // 市委 / 县委 of party plenaries.
  if (chain.size() >= 3 && chain.back() == U'委') chain.remove_suffix(1);
  for (size_t start = 0; start + 2 <= chain.size(); ++start) {
    const std::string name = Utf8(chain.substr(start));
    if (!divisions.FindByName(name).empty()) return name;
  }
  // Drop leading known names ("揭阳市增城市"), keep the rest if it looks like a place.
  size_t start = 0;
  for (bool advanced = true; advanced && start < chain.size();) {
    advanced = false;
    for (size_t end = chain.size(); end >= start + 2 && end > 0; --end) {
      if (end == chain.size() && start == 0) continue;
      if (!divisions.FindByName(Utf8(chain.substr(start, end - start))).empty()) {
        start = end;
        advanced = true;
        break;
      }
    }
  }
  const u32string_view rest = chain.substr(start);
  if (rest.size() < 2 || rest.size() > 10) return "";
  const std::string name = Utf8(rest);
  if (regions::EndsWithDivisionSuffix(name)) return name;
  if (!divisions.FindByShortName(name).empty() && rest.size() <= 4) return name;
  return "";
}

// The run of Han characters that ends at `end` (exclusive), at most `max` long, stopping after
// a 在 ("在揭阳市榕城区").
u32string_view HanRunBefore(u32string_view s, size_t end, size_t max = 30) {
  size_t b = end;
  while (b > 0 && end - b < max && IsHan(s[b - 1]) && s[b - 1] != U'在') --b;
  return s.substr(b, end - b);
}

bool IsOrdinalChar(char32_t c) {
  return IsAsciiDigit(c) || ChineseDigit(c) >= 0 || c == U'十' || c == U'百';
}

// What a session marker tells: the region chain before it, and whether it is the national
// congress or a party plenary.
struct Session {
  bool found = false;
  bool national = false;
  bool party = false;
  u32string_view chain;
};

// The first "…第N届人民代表大会" / "…N届人大" / "…第N届委员会" / "…N届N次全会" in the header.
Session FindSession(u32string_view head) {
  Session session;
  for (size_t pos = head.find(U'届'); pos != kNpos; pos = head.find(U'届', pos + 1)) {
    const u32string_view after = head.substr(pos + 1, 24);
    // A congress session goes on to its meeting ("人民代表大会第七次会议", "人大五次会议");
    // "十三届全国人大代表" names a deputy, not the session.
    auto session_of = [&](u32string_view body) {
      if (!StartsWith(after, body)) return false;
      const size_t next = body.size();
      return next < after.size() && (after[next] == U'第' || IsOrdinalChar(after[next]));
    };
    const bool congress = session_of(U"人民代表大会") || session_of(U"人大");
    const bool national = session_of(U"全国人民代表大会") || session_of(U"全国人大");
    bool party = StartsWith(after, U"委员会") || StartsWith(after, U"委");
    if (!party) {
      // "七届十次全会", "十二届九次全体会议"
      size_t i = 0;
      while (i < after.size() && IsOrdinalChar(after[i])) ++i;
      party = i > 0 && StartsAt(after, i, U"次") &&
              (StartsAt(after, i + 1, U"全会") || StartsAt(after, i + 1, U"全体"));
    }
    if (!congress && !national && !party) continue;
    size_t b = pos;
    while (b > 0 && IsOrdinalChar(head[b - 1])) --b;
    if (b == pos) continue;  // "届" without a number
    if (b > 0 && head[b - 1] == U'第') --b;
    session.found = true;
    session.national = national;
    session.party = party;
    session.chain = HanRunBefore(head, b);
    return session;
  }
  return session;
}

RegionLevel LevelOfChar(char32_t c) {
  switch (c) {
    case U'区': return v1::LEVEL_DISTRICT;
    case U'县': case U'旗': return v1::LEVEL_COUNTY;
    case U'镇': case U'乡': return v1::LEVEL_TOWN;
    case U'省': return v1::LEVEL_PROVINCE;
    case U'州': case U'盟': return v1::LEVEL_PREFECTURE;
    default: return v1::LEVEL_UNSPECIFIED;
  }
}

// ---------------------------------------------------------------------------------------------
// Speaker.

struct Speaker {
  std::string name;
  std::string title;
  u32string_view source;   // the text searched
  size_t title_begin = 0;  // where the title word starts in `source` (the region may precede it)
  // Level the title implies: 区长 -> district, 县长 -> county, 镇长 -> town (市长: unspecified,
  // a prefecture or a county-level city).
  RegionLevel level = v1::LEVEL_UNSPECIFIED;
};

bool IsNameSeparator(char32_t c) {
  return IsSpace(c) || c == U';' || c == U':' || c == U'：' || c == U'·' || c == U'•' ||
         c == U'、' || c == U'|' || c == U',';
}

bool IsMiddleDot(char32_t c) {
  return c == U'·' || c == U'•' || c == U'・' || c == U'‧' || c == U'.';
}

// The person's name right after a title word ("王胜", "郭;翔", " 温家宝 ", "雪克来提·扎克尔"),
// "" if none.
std::string NameAfter(u32string_view s, size_t pos) {
  std::u32string name;
  size_t han = 0;
  bool dotted = false;
  size_t i = pos;
  while (i < s.size() && i < pos + 24) {
    const char32_t c = s[i];
    bool stop = false;
    for (u32string_view word : {U"各位", U"同志", U"代表", U"现在", U"关于", U"指出", U"表示",
                                U"强调", U"主持", U"出席", U"提出", U"介绍"}) {
      stop = stop || StartsAt(s, i, word);
    }
    if (stop) break;
    // Transliterated names keep their dot ("雪克来提·扎克尔").
    if (IsMiddleDot(c) && han > 0 && i + 1 < s.size() && IsHan(s[i + 1])) {
      name.push_back(U'·');
      dotted = true;
      ++i;
      continue;
    }
    if (IsNameSeparator(c)) {
      if (c == U'\n' && han > 0) break;
      ++i;
      continue;
    }
    if (!IsHan(c)) break;
    // One-character words that end a news sentence ("市长王胜作报告"); a surname such as 向
    // may open the name, so they end it only once two characters were read.
    if (han >= 2 && !dotted && std::u32string_view(U"作在向说的于").find(c) != kNpos) break;
    name.push_back(c);
    ++han;
    ++i;
    if (han > (dotted ? 12u : 4u)) return "";
  }
  if (han < 2 || name.back() == U'·') return "";
  for (u32string_view bad : {U"人民", U"政府", U"代表", U"大会", U"委员", U"工作", U"报告",
                             U"会议", U"主持"}) {
    if (Contains(name, bad)) return "";
  }
  return Utf8(name);
}

// Head of government (or party secretary) named in the header: "云浮市市长王胜", "代区长;李坤",
// "国务院总理 李强", "自治区主席 蓝天立", "市委书记 张三".
Speaker FindSpeaker(u32string_view head) {
  static constexpr std::array<std::u32string_view, 10> kTitles = {
      U"总理", U"省长", U"主席", U"市长", U"区长", U"县长", U"旗长", U"州长", U"镇长",
      U"乡长"};
  Speaker best;
  size_t best_pos = kNpos;
  auto consider = [&](size_t pos, size_t len, std::u32string title) {
    if (pos >= best_pos) return;
    size_t begin = pos;
    if (begin > 0 && head[begin - 1] == U'代') {
      --begin;
      title = U"代" + title;
    }
    if (begin > 0 && head[begin - 1] == U'副') return;
    const std::string name = NameAfter(head, pos + len);
    if (name.empty()) return;
    // The level character follows an optional 代 ("代区长"); 委书记 titles name none.
    const char32_t level_char = title[0] == U'代' && title.size() > 1 ? title[1] : title[0];
    best = Speaker{name, Utf8(title), head, begin,
                   title.size() == 2 || title[0] == U'代' ? LevelOfChar(level_char)
                                                            : v1::LEVEL_UNSPECIFIED};
    best_pos = pos;
  };
  for (std::u32string_view title : kTitles) {
    for (size_t pos = head.find(title); pos != kNpos; pos = head.find(title, pos + 1)) {
      if (title == U"主席" && !(pos >= 3 && (head.substr(pos - 3, 3) == U"自治区" ||
                                             head.substr(pos - 2, 2) == U"政府"))) {
        continue;
      }
      consider(pos, title.size(), std::u32string(title));
    }
  }
  // Party secretaries only in the header of a plenary report: "市委书记", "县委书记".
  for (size_t pos = head.find(U"委书记"); pos != kNpos; pos = head.find(U"委书记", pos + 1)) {
    if (pos > 0 && head[pos - 1] == U'副') continue;
    std::u32string title = U"书记";
    if (pos > 0 && LevelOfChar(head[pos - 1]) != v1::LEVEL_UNSPECIFIED) {
      title = std::u32string(1, head[pos - 1]) + U"委书记";
    } else if (pos > 0 && head[pos - 1] == U'市') {
      title = U"市委书记";
    }
    consider(pos + 1, 2, title);
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Years.

// The reviewed year named by a heading or lead-in, 0 if none.
int FindReviewYear(u32string_view body) {
  const u32string_view s = body.substr(0, kReviewSpan);
  size_t best_pos = kNpos;
  int best_year = 0;
  auto take = [&](size_t pos, int year) {
    if (year != 0 && pos < best_pos) {
      best_pos = pos;
      best_year = year;
    }
  };
  // "一、2020年工作回顾", "2020年及“十三五”时期工作回顾", "2021年及过去五年工作回顾".
  for (size_t pos = s.find(U"工作回顾"); pos != kNpos; pos = s.find(U"工作回顾", pos + 1)) {
    const size_t from = pos >= 16 ? pos - 16 : 0;
    for (size_t n = pos; n > from; --n) {
      if (s[n - 1] == U'年') {
        const int year = YearBefore(s, n - 1);
        if (year != 0) {
          take(n - 5, year);
          break;
        }
      }
    }
  }
  // "2020年主要工作" (not 主要工作安排/任务), "2019年工作总结", "2019年工作情况".
  for (size_t pos = s.find(U'年'); pos != kNpos; pos = s.find(U'年', pos + 1)) {
    const int year = YearBefore(s, pos);
    if (year == 0) continue;
    const u32string_view after = s.substr(pos + 1, 10);
    const bool review =
        (StartsWith(after, U"主要工作") && !StartsWith(after.substr(4), U"安排") &&
         !StartsWith(after.substr(4), U"任务") && !StartsWith(after.substr(4), U"目标")) ||
        StartsWith(after, U"工作总结") || StartsWith(after, U"工作情况") ||
        StartsWith(after, U"政府工作回顾") ||
        (pos >= 6 && s.substr(pos - 6, 2) == U"回顾");  // news: "回顾2020年工作"
    if (review) take(pos - 4, year);
  }
  return best_year;
}

// The year a title dates a report by ("2020年花都区政府工作报告"), 0 if none.
int TitleYear(u32string_view title) {
  for (size_t pos = title.find(U'年'); pos != kNpos; pos = title.find(U'年', pos + 1)) {
    const int year = YearBefore(title, pos);
    if (year != 0) return year;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Document type.

// A report about the report: a byline, or the congress seen from outside (开幕, 听取, someone
// 作政府工作报告). The speech itself never talks about itself in the third person.
bool LooksLikeNews(u32string_view opening) {
  for (u32string_view marker :
       {U"记者", U"本报讯", U"讯(", U"讯 ", U"通讯员", U"报道", U"新华社", U"日电", U"开幕",
        U"闭幕", U"听取", U"作政府工作报告", U"报告中指出", U"报告指出", U"报告共分"}) {
    if (Contains(opening, marker)) return true;
  }
  return false;
}

// Last resort when no line names the speaking government: the division the opening names most
// often ("我代表区人民政府…过去一年,南山区…"), restricted to `level` when known. Generic words
// that happen to be division names somewhere (开发区, 城区) do not count.
std::string MostMentionedDivision(u32string_view opening, RegionLevel level,
                                  const regions::Divisions& divisions) {
  static constexpr std::array<std::u32string_view, 14> kGeneric = {
      U"开发区", U"高新区", U"保税区", U"城区", U"郊区", U"矿区", U"新区", U"市区", U"园区",
      U"东区", U"西区", U"南区", U"北区", U"城关镇"};
  std::unordered_map<std::string, int> counts;
  std::string best;
  int best_count = 0;
  for (size_t pos = 0; pos + 3 <= opening.size(); ++pos) {
    for (size_t len = std::min<size_t>(10, opening.size() - pos); len >= 3; --len) {
      const u32string_view word = opening.substr(pos, len);
      // Cheap filter before the table lookup: full names end in one of these.
      if (std::u32string_view(U"省市区县旗州盟镇乡道木").find(word.back()) == kNpos) continue;
      if (std::find(kGeneric.begin(), kGeneric.end(), word) != kGeneric.end()) continue;
      const std::string name = Utf8(word);
      const std::vector<int>& found = divisions.FindByName(name);
      if (found.empty()) continue;
      bool level_ok = level == v1::LEVEL_UNSPECIFIED;
      for (int i : found) level_ok = level_ok || divisions.all()[i].level == level;
      if (level_ok) {
        const int n = ++counts[name];
        if (n > best_count) {
          best_count = n;
          best = name;
        }
      }
      pos += len - 1;
      break;
    }
  }
  return best;
}

// A party committee's plenary report: its session line ("在中共X市委员会第N次全体会议上",
// "市委七届十次全会上的报告") or the standing committee reporting to the plenary ("我代表市委
// 常委会向全会报告工作"). A government's own plenary (县政府全体会议) is not one.
bool LooksLikePartyPlenary(u32string_view head, u32string_view opening, u32string_view title) {
  for (u32string_view zone : {title, head}) {
    // The session itself ("全体会议上"), not a plenary cited in passing ("全会精神").
    for (u32string_view marker : {U"全体会议上", U"全体(扩大)会议上", U"全会上", U"全会(扩大)上"}) {
      for (size_t at = zone.find(marker); at != kNpos; at = zone.find(marker, at + 1)) {
        const size_t from = at >= 25 ? at - 25 : 0;
        const u32string_view before = zone.substr(from, at - from);
        if (Contains(before, U"委") && !Contains(before, U"政府")) return true;
      }
    }
  }
  const size_t at = opening.substr(0, 600).find(U"我代表");
  if (at != kNpos) {
    const u32string_view who = opening.substr(at + 3, 8);
    if (Contains(who, U"委常委会") || Contains(who, U"委员会常务委员会")) return true;
  }
  return false;
}

// The parts of a report the metadata is read from (views of the folded text).
struct Layout {
  u32string_view all;
  u32string_view title;  // empty when the report has no title line
  u32string_view body;   // everything after the title line
  // Title, meeting and speaker lines: up to the salutation (各位代表, 同志们), else a few lines.
  u32string_view head;
  // Title plus the first kHeaderSpan code points of the body, salutation or not.
  u32string_view head_full;
  u32string_view opening;  // first kCueSpan code points of the body
  size_t body_begin = 0;
};

Layout MakeLayout(u32string_view all) {
  Layout l;
  l.all = all;
  const Title title = FindTitle(all);
  l.title = all.substr(title.begin, title.end - title.begin);
  l.body_begin = title.body;
  l.body = all.substr(title.body);
  l.head_full = all.substr(0, title.body + kHeaderSpan);
  size_t salutation = kNpos;
  for (u32string_view s : {U"各位代表", U"同志们"}) {
    const size_t at = l.head_full.find(s, title.body);
    if (at != kNpos) salutation = std::min(salutation, at);
  }
  // Without a salutation (town summaries, news) only the lines right below the title count.
  l.head = salutation == kNpos ? all.substr(0, title.body + kShortHeaderSpan)
                               : all.substr(0, salutation);
  l.opening = l.body.substr(0, kCueSpan);
  return l;
}

// Reports to the same congress by other bodies (人大常委会, 法院, 检察院, 政协) and its
// companion plan and budget reports are not government work reports.
bool IsOtherBodysReport(u32string_view title) {
  if (Contains(title, U"政府工作报告")) return false;
  for (u32string_view marker : {U"计划执行情况", U"预算执行情况", U"常务委员会", U"常委会",
                                U"法院", U"检察院", U"政协"}) {
    if (Contains(title, marker)) return true;
  }
  return false;
}

v1::DocType ClassifyDocument(const Layout& l, bool* news) {
  *news = LooksLikeNews(l.all.substr(0, l.body_begin + kNewsSpan)) &&
          !Contains(l.body.substr(0, 1000), U"各位代表");
  if (*news || IsOtherBodysReport(l.title)) return v1::DOC_TYPE_OTHER;
  if (LooksLikePartyPlenary(l.head, l.opening, l.title)) {
    return v1::DOC_TYPE_PARTY_COMMITTEE_REPORT;
  }
  if (Contains(l.title, U"工作报告") || Contains(l.body.substr(0, 1000), U"各位代表") ||
      Contains(l.opening, U"我代表") || FindReviewYear(l.body) != 0) {
    return v1::DOC_TYPE_GOVERNMENT_WORK_REPORT;
  }
  return v1::DOC_TYPE_OTHER;
}

// The speaking jurisdiction. Each source proposes a name; the first one found in the divisions
// table wins, else the first one at all (a place missing from the table keeps its written name).
v1::Region FindRegion(const Layout& l, v1::DocType doc_type, const Speaker& speaker,
                      const regions::Divisions& divisions) {
  const bool party = doc_type == v1::DOC_TYPE_PARTY_COMMITTEE_REPORT;
  std::vector<std::string> proposals;
  bool national = false;
  RegionLevel level_hint = v1::LEVEL_UNSPECIFIED;
  auto propose = [&](std::string name) {
    if (!name.empty()) proposals.push_back(std::move(name));
  };
  const Session session = FindSession(l.head);
  if (session.found && session.national) {
    national = true;
  } else if (session.found && (party || !session.party)) {
    propose(NameFromChain(session.chain, divisions));
    if (!session.chain.empty()) level_hint = LevelOfChar(session.chain.back());
  }
  for (u32string_view marker : {U"人民政府工作报告", U"政府工作报告", U"工作报告"}) {
    const size_t at = l.title.rfind(marker);
    if (at == kNpos) continue;
    const u32string_view chain = HanRunBefore(l.title, at);
    if (EndsWith(chain, U"国务院")) national = true;
    propose(NameFromChain(chain, divisions));
    break;
  }
  if (party) {
    // "中共云浮市委员会", "中共云浮市委七届十次全会".
    for (u32string_view marker : {U"中国共产党", U"中共"}) {
      const size_t at = l.head.find(marker);
      if (at == kNpos) continue;
      size_t e = at + marker.size();
      while (e < l.head.size() && IsHan(l.head[e]) && e - at < 20 && l.head[e] != U'第' &&
             !IsOrdinalChar(l.head[e])) {
        ++e;
      }
      u32string_view chain = l.head.substr(at, e - at);
      for (u32string_view tail : {U"委员会", U"委"}) {
        if (EndsWith(chain, tail)) {
          chain.remove_suffix(tail.size());
          break;
        }
      }
      propose(NameFromChain(chain, divisions));
    }
  }
  if (!speaker.name.empty()) {
    if (speaker.title == "总理") national = true;
    if (level_hint == v1::LEVEL_UNSPECIFIED) level_hint = speaker.level;
    propose(NameFromChain(HanRunBefore(speaker.source, speaker.title_begin), divisions));
  }
  // "我代表国务院", "我代表区人民政府", "我代表南山区人民政府".
  const size_t on_behalf = l.opening.find(U"我代表");
  if (on_behalf != kNpos) {
    const u32string_view rest = l.opening.substr(on_behalf + 3, 16);
    if (StartsWith(rest, U"国务院")) {
      national = true;
    } else if (const size_t gov = rest.find(U"政府"); gov != kNpos) {
      u32string_view who = rest.substr(0, gov);
      if (EndsWith(who, U"人民")) who.remove_suffix(2);
      if (who.size() == 1) {
        if (level_hint == v1::LEVEL_UNSPECIFIED) level_hint = LevelOfChar(who[0]);
      } else {
        propose(NameFromChain(who, divisions));
      }
    }
  }

  v1::Region region;
  if (national) {
    region.set_name("全国");
    region.set_level(v1::LEVEL_NATIONAL);
    return region;
  }
  std::string name;
  for (const std::string& proposal : proposals) {
    if (!divisions.FindByName(proposal).empty() || !divisions.FindByShortName(proposal).empty()) {
      name = proposal;
      break;
    }
  }
  if (name.empty() && !proposals.empty()) name = proposals.front();
  if (name.empty() && doc_type != v1::DOC_TYPE_OTHER) {
    name = MostMentionedDivision(l.body.substr(0, kMentionSpan), level_hint, divisions);
  }
  if (name.empty()) {
    region.set_level(level_hint);
    return region;
  }
  return regions::RegionResolver(divisions).ResolveRegion(name, Utf8(l.opening), level_hint,
                                                          Utf8(l.title));
}

struct Years {
  int report = 0;
  int review = 0;
};

Years FindYears(const Layout& l, v1::DocType doc_type, bool news, const Date* meeting) {
  const bool party = doc_type == v1::DOC_TYPE_PARTY_COMMITTEE_REPORT;
  int report_year = meeting != nullptr ? meeting->year : 0;
  int review_year = FindReviewYear(l.body);
  if (report_year == 0) {
    // Page titles sometimes date a report by the year it reviews ("古丁镇2018年工作总结"); the
    // speech's own review heading settles it when the two are a year apart or equal.
    const int title_year = TitleYear(l.title);
    if (title_year != 0 && review_year != 0 &&
        (title_year == review_year || title_year == review_year + 1)) {
      report_year = review_year + 1;
    } else {
      report_year = title_year;
    }
  }
  if (report_year == 0 && review_year != 0) report_year = review_year + 1;
  if (report_year == 0) {
    const size_t at = l.head_full.find(U"年政府工作报告");
    if (at != kNpos) report_year = YearBefore(l.head_full, at);
  }
  if (report_year == 0 && news) {
    // A dated news summary: "2021年2月1日上午,…会议开幕".
    const u32string_view top = l.all.substr(0, l.body_begin + kShortHeaderSpan);
    for (size_t pos = 0; pos + 8 < top.size() && report_year == 0; ++pos) {
      Date d;
      if (ParseDateAt(top, pos, &d)) report_year = d.year;
    }
  }
  if (report_year == 0) {
    // Bodies that open on the reviewed year: "2019年，泗水镇深入学习…".
    size_t i = 0;
    while (i < l.body.size() && IsSpace(l.body[i])) ++i;
    size_t end = 0;
    const int year = ParseYearAt(l.body, i, &end);
    if (year != 0 && end < l.body.size() && l.body[end] == U'年') report_year = year + 1;
  }
  // Only a plenary late in the year reviews the year it is held in; a government report
  // naming its own year in a heading ("2021年主要工作") is planning, not reviewing.
  const int latest_review = party ? report_year : report_year - 1;
  if (review_year != 0 && report_year != 0 &&
      (review_year > latest_review || review_year < report_year - 2)) {
    review_year = 0;
  }
  if (review_year == 0 && report_year != 0) {
    const bool late_plenary = party && meeting != nullptr && meeting->month >= 7;
    review_year = late_plenary ? report_year : report_year - 1;
  }
  return Years{report_year, review_year};
}

}  // namespace

govreport::v1::ReportMetadata ExtractMetadata(const text::FoldedText& text,
                                              const regions::Divisions& divisions) {
  govreport::v1::ReportMetadata meta;
  const Layout layout = MakeLayout(text.folded());
  if (!layout.title.empty()) {
    const size_t begin = static_cast<size_t>(layout.title.data() - layout.all.data());
    meta.set_title(std::string(text.Slice(begin, begin + layout.title.size())));
  }
  bool news = false;
  meta.set_doc_type(ClassifyDocument(layout, &news));

  Date date;
  const bool dated = FindMeetingDate(layout.head, &date);
  if (dated) {
    char buf[16];
    std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", date.year, date.month, date.day);
    meta.set_meeting_date(buf);
  }
  // News name the speaker in running text, after the headline.
  const Speaker speaker =
      FindSpeaker(news ? layout.all.substr(0, layout.body_begin + kNewsSpan) : layout.head);
  if (!speaker.name.empty()) {
    meta.mutable_speaker()->set_name(speaker.name);
    meta.mutable_speaker()->set_title(speaker.title);
  }
  *meta.mutable_region() = FindRegion(layout, meta.doc_type(), speaker, divisions);
  const Years years = FindYears(layout, meta.doc_type(), news, dated ? &date : nullptr);
  meta.set_report_year(years.report);
  meta.set_review_year(years.review);
  return meta;
}

}  // namespace govreport::extract
