#include "common/extract/facts.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <string_view>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "common/extract/numbers.h"
#include "common/extract/sections.h"
#include "common/extract/word_set.h"
#include "common/text/fold.h"
#include "common/text/utf8.h"

namespace govreport::extract {
namespace {

namespace v1 = ::govreport::v1;
using U32View = std::u32string_view;

bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool IsAsciiAlnum(char32_t c) {
  return IsDigit(c) || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
}
bool IsCjk(char32_t c) { return c >= 0x3400 && c <= 0x9FFF; }

bool At(U32View t, size_t pos, U32View w) {
  return t.size() >= pos + w.size() && t.compare(pos, w.size(), w) == 0;
}
bool EndsAt(U32View t, size_t end, U32View w) {
  return end >= w.size() && t.compare(end - w.size(), w.size(), w) == 0;
}
bool Contains(U32View t, size_t b, size_t e, U32View w) {
  if (e <= b || e - b < w.size()) return false;
  return t.substr(b, e - b).find(w) != U32View::npos;
}

std::u32string FoldName(std::string_view utf8) {
  std::u32string out;
  size_t pos = 0;
  while (pos < utf8.size()) out.push_back(text::FoldCodePoint(text::DecodeUtf8(utf8, &pos)));
  return out;
}

// One byte per BMP code point saying which of the per-character checks can fire there, so the
// scanning loops skip ordinary characters with a single table load.
enum CharClass : uint8_t {
  kBoundaryChar = 1,  // 。!?;:, space, line breaks
  kCueChar = 2,       // first character of a period cue (年, 十, 五, 今, 去, 上, 全, …)
  kNumberChar = 4,    // digit, Chinese numeral, '-'
  kSpecialChar = 8,   // 其 (其中), 第 (ranks)
};

const uint8_t* CharClasses() {
  static const uint8_t* const table = [] {
    auto* t = new uint8_t[0x10000]();
    for (char32_t c : U"。!?\n\r\t;:, ") t[c] |= kBoundaryChar;
    for (char32_t c : U"年十五过近今明未去上全下前季月") t[c] |= kCueChar;
    for (char32_t c = U'0'; c <= U'9'; ++c) t[c] |= kNumberChar;
    for (char32_t c : U"-零〇一二两三四五六七八九十百千") t[c] |= kNumberChar;
    t[U'其'] |= kSpecialChar;
    t[U'第'] |= kSpecialChar;
    t[0] = 0;
    return t;
  }();
  return table;
}

inline uint8_t ClassOf(char32_t c) { return c < 0x10000 ? CharClasses()[c] : 0; }

enum class Boundary { kNone, kClause, kSegment, kSentence };

Boundary BoundaryAt(U32View t, size_t i) {
  char32_t c = t[i];
  switch (c) {
    case U'。': case U'!': case U'?': case U'\t':
      return Boundary::kSentence;
    case U'\n': case U'\r': {
      // A long line that stops mid-sentence is a hard wrap (text taken from PDF or fixed-width
      // pages): "地区生产总值\n1002.18亿元" is one sentence. Short lines are headings.
      size_t k = i;
      while (k > 0 && (t[k - 1] == U' ' || t[k - 1] == U'\r')) --k;
      if (k == 0) return Boundary::kSentence;
      char32_t last = t[k - 1];
      if (last == U'。' || last == U'!' || last == U'?' || last == U';' || last == U':' ||
          last == U'\n' || last == U'”' || last == U'"')
        return Boundary::kSentence;
      size_t line = 0;
      while (k > 0 && t[k - 1] != U'\n' && line < 30) {
        --k;
        ++line;
      }
      return line >= 30 ? Boundary::kNone : Boundary::kSentence;
    }
    case U';': case U':':
      return Boundary::kSegment;
    case U',':
      return Boundary::kClause;
    case U' ':
      // A space between two Chinese characters is a paragraph break of a flattened page.
      if (i > 0 && i + 1 < t.size() && !IsAsciiAlnum(t[i - 1]) && !IsAsciiAlnum(t[i + 1]) &&
          t[i + 1] != U' ')
        return Boundary::kSentence;
      return Boundary::kNone;
    default:
      return Boundary::kNone;
  }
}

// Words that may stand between a subject and its number without changing what the number is
// about. Longest first where one is a prefix of another.
constexpr U32View kFillers[] = {
    U"按可比价格计算", U"按可比价计算", U"比上年同期", U"比年初", U"较年初", U"比上年", U"较上年", U"比去年", U"较去年",
    U"同比", U"可比", U"名义", U"实际", U"增长", U"增加", U"提高", U"上涨", U"上升", U"增速",
    U"增幅", U"涨幅", U"提升", U"下降", U"减少", U"降低", U"回落", U"下滑", U"降幅", U"分别",
    U"均", U"为", U"达到", U"达", U"实现", U"完成了", U"完成", U"突破", U"超过", U"约", U"共",
    U"预计", U"全年", U"总额", U"总量", U"规模", U"是", U"了", U"到", U"至", U"控制在", U"控制",
    U"不低于", U"不少于", U"不超过", U"不高于", U"高于", U"低于", U"力争", U"确保", U"年均",
    U"平均", U"累计", U"总计", U"合计", U"占", U"比重", U"的", U"额", U"值", U"年末", U"末",
    U"余额", U"保持", U"在", U"以上", U"左右", U"继续", U"稳定", U"增", U"降", U"涨", U"减",
    U"和", U"及", U"与", U"、", U"仍", U"已", U"将", U"预期", U"目标", U"同口径", U"口径",
    U"按", U"计算", U"元", U"逆势", U"分别为", U"总", U"跃", U"居", U"两年", U"三年", U"五年",
    U"首次", U"再次", U"历史性",
};

// Prefixes (within the clause before a subject) that make the figure someone else's: a company,
// industry, park, project, subgroup or sub-area.
constexpr U32View kAttribution[] = {
    U"产业", U"企业", U"园区", U"项目", U"公司", U"集团", U"行业", U"开发区", U"工业园",
    U"贫困", U"低收入", U"板块", U"片区", U"景区", U"基地", U"市场", U"民营", U"外资",
    U"外商", U"各镇", U"乡镇", U"村", U"农户", U"户均", U"个体", U"限额以上", U"限上", U"线上",
    U"网上", U"网络", U"一般贸易", U"加工贸易", U"跨境", U"高新技术", U"新兴", U"制造业",
    U"服务业", U"建筑业", U"房地产", U"农业", U"旅游", U"平台", U"商贸", U"对", U"港", U"口岸",
    U"海关", U"机电", U"产品", U"批发", U"零售业", U"住宿", U"餐饮", U"汽车", U"电子", U"商品",
    U"城区", U"街道", U"社区", U"新区", U"示范区", U"自贸", U"综保区", U"保税", U"商会",
    U"部门", U"单位", U"中心", U"医院", U"学校", U"人均", U"每",
};

// Words right after a name that make it a modifier ("固定资产投资项目", "出口企业").
constexpr U32View kModifierSuffix[] = {
    U"项目", U"企业", U"公司", U"园区", U"基金", U"平台", U"政策", U"优惠", U"奖补", U"结构",
    U"任务", U"工作", U"指标", U"专项", U"领域", U"行业", U"产品", U"市场", U"额度", U"计划",
    U"中", U"贡献", U"排名", U"位次", U"比重", U"占比", U"增量", U"净增",
};

struct Verb {
  U32View word;
  int sign;
};
constexpr Verb kVerbs[] = {
    {U"增长", 1}, {U"增加", 1}, {U"提高", 1}, {U"上涨", 1}, {U"上升", 1}, {U"增速", 1},
    {U"增幅", 1}, {U"涨幅", 1}, {U"提升", 1}, {U"扩大", 1}, {U"攀升", 1}, {U"下降", -1},
    {U"减少", -1}, {U"降低", -1}, {U"回落", -1}, {U"下跌", -1}, {U"下滑", -1}, {U"降幅", -1},
    {U"缩小", -1}, {U"增", 1},    {U"涨", 1},    {U"减", -1},   {U"降", -1},
};

struct VerbHit {
  int sign = 0;       // 0: no verb
  bool to_level = false;  // 提高到, 降至: the number is the new level
};

const WordSet& Verbs() {
  static const WordSet* const set = new WordSet(kVerbs, [](const Verb& v) { return v.word; });
  return *set;
}
const WordSet& Fillers() {
  static const WordSet* const set = new WordSet(kFillers);
  return *set;
}
const WordSet& Attribution() {
  static const WordSet* const set = new WordSet(kAttribution);
  return *set;
}
const WordSet& ModifierSuffixes() {
  static const WordSet* const set = new WordSet(kModifierSuffix);
  return *set;
}

VerbHit FindVerb(U32View t, size_t b, size_t e) {
  VerbHit hit;
  const WordSet& verbs = Verbs();
  for (size_t j = b; j < e;) {
    int tag;
    size_t len = verbs.MatchAt(t, j, e, &tag);
    if (len) {
      hit.sign = kVerbs[tag].sign;
      size_t k = j + len;
      hit.to_level = k < e && (t[k] == U'到' || t[k] == U'至');
      j = k;
    } else {
      ++j;
    }
  }
  return hit;
}

// Counts characters of t[b, e) that are not fillers, punctuation or parenthesized remarks.
size_t NonFillerChars(U32View t, size_t b, size_t e) {
  size_t rest = 0;
  for (size_t j = b; j < e;) {
    char32_t c = t[j];
    if (c == U'(' || c == U'（') {
      size_t k = j + 1;
      while (k < e && t[k] != U')' && t[k] != U'）') ++k;
      j = k + 1;
      continue;
    }
    if (c == U' ' || c == U'"' || c == U'“' || c == U'”' || c == U'\'' || c == U'‘' ||
        c == U'’' || c == U'、' || c == U',' || c == U'\n' || c == U'\r') {
      ++j;
      continue;
    }
    // "增加到2007年的": a year names the period, it is not a different subject.
    if (IsDigit(c)) {
      size_t k = j;
      while (k < e && IsDigit(t[k])) ++k;
      if (k - j == 4 && k < e && t[k] == U'年') {
        j = k + 1;
        continue;
      }
    }
    size_t len = Fillers().MatchAt(t, j, e);
    if (len) {
      j += len;
    } else {
      ++rest;
      ++j;
    }
  }
  return rest;
}

bool UnitFits(const std::string& unit_class, U32View unit) {
  if (unit.empty() || unit == U"年" || unit == U"月" || unit == U"天" || unit == U"倍" ||
      unit == U"次" || unit == U"位" || unit == U"%" || unit == U"个百分点")
    return false;
  if (unit_class == "money") {
    return unit == U"元" || unit == U"美元" || unit == U"港元" || unit == U"欧元";
  }
  if (unit_class == "people") return unit == U"人";
  if (unit_class == "weight") return unit == U"吨" || unit == U"斤" || unit == U"公斤";
  if (unit_class == "count") {
    return unit == U"个" || unit == U"家" || unit == U"项" || unit == U"件" || unit == U"户" ||
           unit == U"所" || unit == U"座" || unit == U"名" || unit == U"人";
  }
  if (unit_class == "area") {
    return unit == U"亩" || unit == U"公顷" || unit == U"平方公里" || unit == U"平方米";
  }
  if (unit_class == "percent" || unit_class == "index") return false;
  return true;
}

// --- periods ------------------------------------------------------------------------------

enum class CueType { kYear, kSpan, kQuarter, kPartial, kFullYear };
struct Cue {
  size_t pos;
  CueType type;
  int year = 0;
  int year_end = 0;  // kSpan
  int quarter = 0;   // kQuarter
  bool to_year = false;  // 到2025年: a goal
  // Five-year words (十三五, 五年来) inside a sentence speak only for their own segment.
  bool segment_only = false;
};

// A run of sentences about five years ("五年来,经济实力显著增强。…"): figures without a year of
// their own are about the span.
struct SpanMode {
  bool active = false;
  int first = 0, last = 0;
};

int FiveYearPlanStart(char32_t ordinal) {
  switch (ordinal) {
    case U'一': return 2006;
    case U'二': return 2011;
    case U'三': return 2016;
    case U'四': return 2021;
    case U'五': return 2026;
    default: return 0;
  }
}

void ScanCues(U32View t, size_t b, size_t e, const FactContext& ctx, std::vector<Cue>* cues) {
  cues->clear();
  for (size_t i = b; i < e; ++i) {
    char32_t c = t[i];
    if (!(ClassOf(c) & kCueChar)) continue;  // most characters start no cue
    if (c == U'年') {
      int y = YearEndingAt(t, i);
      if (y) {
        size_t ys = i - 4;
        char32_t before = ys > 0 ? t[ys - 1] : U' ';
        if ((before == U'比' || before == U'较') && y < ctx.review_year) {
          // 比2015年增长95%: a change over several years.
          cues->push_back({ys, CueType::kSpan, y + 1, ctx.review_year, 0, false, true});
          continue;
        }
        if (before == U'比' || before == U'较' || before == U'从' || before == U'由' ||
            before == U'于' || before == U'同' || before == U'-' || before == U'~')
          continue;
        if (At(t, i + 1, U"以来")) {
          cues->push_back({ys, CueType::kSpan, y, ctx.review_year});
          continue;
        }
        // 2016-2020年, 2016年至2020年, 2016～2020年
        size_t k = i + 1;
        if (k < e && (t[k] == U'-' || t[k] == U'~' || t[k] == U'至' || t[k] == U'到')) {
          if (k + 5 < e + 1 && t.size() > k + 5 && t[k + 5] == U'年') {
            int y2 = YearEndingAt(t, k + 5);
            if (y2 > y) {
              cues->push_back({ys, CueType::kSpan, y, y2});
              i = k + 5;
              continue;
            }
          }
        }
        bool to = before == U'到' || before == U'至';
        cues->push_back({ys, CueType::kYear, y, 0, 0, to});
        continue;
      }
      // 2016-2020年 written with the first year bare.
      continue;
    }
    if (c == U'十' && i + 2 < e && t[i + 2] == U'五' && FiveYearPlanStart(t[i + 1]) &&
        !(i > 0 && (t[i - 1] == U'二' || t[i - 1] == U'三'))) {
      int s = FiveYearPlanStart(t[i + 1]);
      cues->push_back({i, CueType::kSpan, s, s + 4, 0, false, true});
      i += 2;
      continue;
    }
    if (c == U'五' && (At(t, i, U"五年来") || At(t, i, U"五年间") || At(t, i, U"五年里"))) {
      cues->push_back({i, CueType::kSpan, ctx.review_year - 4, ctx.review_year, 0, false, true});
      continue;
    }
    if (At(t, i, U"过去五年") || At(t, i, U"近五年")) {
      cues->push_back({i, CueType::kSpan, ctx.review_year - 4, ctx.review_year});
      continue;
    }
    if (At(t, i, U"今后五年") || At(t, i, U"未来五年")) {
      cues->push_back({i, CueType::kSpan, ctx.report_year, ctx.report_year + 4});
      continue;
    }
    // The plan year: 今年 in a report delivered early in the year, 明年 in a plenary held late.
    if (At(t, i, U"今年") || At(t, i, U"明年")) {
      cues->push_back({i, CueType::kYear, ctx.report_year});
      continue;
    }
    if ((At(t, i, U"去年") || At(t, i, U"上年") || At(t, i, U"上一年")) &&
        !(i > 0 && (t[i - 1] == U'比' || t[i - 1] == U'较' || t[i - 1] == U'于'))) {
      cues->push_back({i, CueType::kYear, ctx.review_year});
      continue;
    }
    if (At(t, i, U"全年")) {
      cues->push_back({i, CueType::kFullYear});
      continue;
    }
    if (At(t, i, U"上半年") || At(t, i, U"下半年") || At(t, i, U"前三季度") ||
        At(t, i, U"前两季度")) {
      cues->push_back({i, CueType::kPartial});
      continue;
    }
    if (At(t, i, U"季度")) {
      char32_t q = i > 0 ? t[i - 1] : 0;
      int n = q == U'一' || q == U'1' ? 1 : q == U'二' || q == U'2' ? 2 : q == U'三' || q == U'3' ? 3
              : q == U'四' || q == U'4' ? 4 : 0;
      if (n) cues->push_back({i - 1, CueType::kQuarter, 0, 0, n});
      continue;
    }
    // 1-11月, 1至11月, 前11个月
    if (c == U'月' && i >= 2 && IsDigit(t[i - 1])) {
      size_t j = i - 1;
      while (j > b && IsDigit(t[j - 1])) --j;
      if (j > b && (t[j - 1] == U'-' || t[j - 1] == U'至' || t[j - 1] == U'~' || t[j - 1] == U'前'))
        cues->push_back({j, CueType::kPartial});
      continue;
    }
  }
}

// Sentences that open or close a run about five years. Only the start of a sentence counts
// (after enumerators and quotes): "五年来,…", "这五年,…", "“十三五”时期,…" open one;
// "2020年,…", "过去一年,…" close it.
void UpdateSpanMode(U32View t, size_t b, size_t e, const FactContext& ctx, SpanMode* mode) {
  size_t i = b;
  while (i < e) {
    char32_t c = t[i];
    if (At(t, i, U"各位代表")) {
      i += 4;
      continue;
    }
    if (c == U' ' || c == U'"' || c == U'“' || c == U'”' || c == U'、' || c == U'(' ||
        c == U')' || c == U'.' || c == U',' || c == U'一' || c == U'二' || c == U'三' || c == U'四' ||
        c == U'五' || c == U'六' || c == U'七' || c == U'八' || c == U'九' || c == U'十' ||
        IsDigit(c)) {
      // Enumerators ("一、", "(三)", "2.") — but not the words the checks below look for.
      if ((c == U'五' && At(t, i, U"五年")) || (c == U'十' && i + 2 < e && t[i + 2] == U'五' &&
                                                FiveYearPlanStart(t[i + 1])) ||
          (IsDigit(c) && YearEndingAt(t, std::min(e, i + 4)) && i + 4 < e && t[i + 4] == U'年') ||
          (c == U'一' && At(t, i, U"一年来")))
        break;
      ++i;
      continue;
    }
    break;
  }
  if (i >= e) return;
  if (At(t, i, U"五年来") || At(t, i, U"这五年") || At(t, i, U"过去五年") ||
      At(t, i, U"回顾五年") || At(t, i, U"近五年") || At(t, i, U"五年间")) {
    *mode = {true, ctx.review_year - 4, ctx.review_year};
    return;
  }
  if (t[i] == U'十' && i + 3 < e && t[i + 2] == U'五' && FiveYearPlanStart(t[i + 1])) {
    size_t k = i + 3;
    while (k < e && (t[k] == U'"' || t[k] == U'”')) ++k;
    if (At(t, k, U"时期") || At(t, k, U"期间") || At(t, k, U"以来") || At(t, k, U"规划")) {
      int first = FiveYearPlanStart(t[i + 1]);
      *mode = {true, first, first + 4};
    }
    return;
  }
  if (i + 4 < e && t[i + 4] == U'年' && YearEndingAt(t, i + 4)) {
    mode->active = false;
    return;
  }
  if (At(t, i, U"过去一年") || At(t, i, U"一年来") || At(t, i, U"去年") || At(t, i, U"今年")) {
    mode->active = false;
  }
}

struct Period {
  bool skip = false;
  std::string period;
  v1::Kind kind = v1::KIND_UNSPECIFIED;
};

}  // namespace

// Parses one sentence; lives only for the duration of FactGrammar::Extract.
class SentenceParser {
 public:
  SentenceParser(const FactGrammar& g, const text::FoldedText& text, const FactContext& ctx,
                 size_t plan_begin, std::vector<v1::Fact>* out)
      : g_(g), text_(text), t_(text.folded()), ctx_(ctx), plan_begin_(plan_begin), out_(out) {}

  void Parse(size_t sb, size_t se, const SpanMode& mode,
             const std::vector<IndicatorMatcher::Match>& mentions, size_t* mi);

 private:
  struct Subject {
    int id;  // -1: someone else's figure, swallow its numbers
    size_t begin, end;
    int clause;
  };

  void ResetSegment(size_t pos) {
    chain_.clear();
    group_.clear();
    attached_.clear();
    last_number_end_ = pos;
    list_.clear();
    list_index_ = 0;
    list_skip_ = 0;
    share_den_ = -1;
    segment_start_ = pos;
    last_mention_end_ = pos;
  }
  bool IsAttributed(size_t b, size_t e) const;
  int SharedTailSubject(const IndicatorMatcher::Match& m, size_t prefix_begin) const;
  bool HasModifierSuffix(size_t end) const {
    return ModifierSuffixes().MatchAt(t_, end, se_) > 0;
  }
  void OnMention(const IndicatorMatcher::Match& m);
  size_t OnNumber(size_t p, bool negative);
  size_t OnRank(size_t p);
  // level_at_end: a level read at the end of a span (stocks, 增加到/达到), so in a five-year run
  // it is the review year's.
  // in_clause_span: number of years of a several-year figure named in the clause, else 0.
  Period ResolvePeriod(size_t pos, int in_clause_span, bool level_at_end = false) const;
  void Emit(int indicator, v1::Measure measure, const Quantity& q, double value, size_t ev_begin,
            size_t ev_end, const Period& period, v1::Qualifier qualifier, std::string scope);
  int CountListNumbers(size_t p) const;
  // Whether the text after a name gives two figures for it (分别, or "X和Y").
  bool NamesAPair(size_t from) const;

  const FactGrammar& g_;
  const text::FoldedText& text_;
  U32View t_;
  const FactContext& ctx_;
  size_t plan_begin_;
  std::vector<v1::Fact>* out_;

  size_t sb_ = 0, se_ = 0;
  SpanMode mode_;
  size_t segment_start_ = 0;
  size_t last_mention_end_ = 0;
  std::vector<Cue> cues_;
  int clause_ = 0;
  size_t clause_start_ = 0;
  std::vector<Subject> chain_;
  std::vector<int> group_;
  std::vector<int> attached_;  // indicators that got a fact in this segment
  size_t last_number_end_ = 0;
  std::vector<int> list_;
  size_t list_index_ = 0;
  int list_skip_ = 0;
  int list_sign_ = 0;
  bool list_to_level_ = false;
  int share_den_ = -1;
  size_t share_end_ = 0;
};

void SentenceParser::Parse(size_t sb, size_t se, const SpanMode& mode,
                           const std::vector<IndicatorMatcher::Match>& mentions, size_t* mi) {
  sb_ = sb;
  se_ = se;
  mode_ = mode;
  ScanCues(t_, sb, se, ctx_, &cues_);
  clause_ = 0;
  clause_start_ = sb;
  ResetSegment(sb);
  size_t p = sb;
  while (p < se) {
    while (*mi < mentions.size() && mentions[*mi].begin < p) ++*mi;
    if (*mi < mentions.size() && mentions[*mi].begin == p) {
      OnMention(mentions[*mi]);
      p = mentions[*mi].end;
      ++*mi;
      continue;
    }
    char32_t c = t_[p];
    uint8_t cls = ClassOf(c);
    if (!(cls & (kBoundaryChar | kNumberChar | kSpecialChar))) {
      ++p;
      continue;
    }
    Boundary b = (cls & kBoundaryChar) ? BoundaryAt(t_, p) : Boundary::kNone;
    if (b == Boundary::kSegment) {
      ResetSegment(p + 1);
      ++clause_;
      clause_start_ = p + 1;
      ++p;
      continue;
    }
    if (b == Boundary::kClause) {
      ++clause_;
      clause_start_ = p + 1;
      share_den_ = -1;
      ++p;
      continue;
    }
    if (c == U'其' && At(t_, p, U"其中")) {
      // A sub-total follows: never the parent's figure.
      chain_.assign(1, Subject{-1, p, p + 2, clause_});
      group_.clear();
      ++clause_;
      clause_start_ = p + 2;
      p += 2;
      continue;
    }
    if (c == U'第') {
      p = OnRank(p);
      continue;
    }
    bool prev_ok = p == sb || !(IsAsciiAlnum(t_[p - 1]) || t_[p - 1] == U'.');
    if (prev_ok && c == U'-' && p + 1 < se && IsDigit(t_[p + 1])) {
      p = OnNumber(p + 1, true);
      continue;
    }
    if (prev_ok && MayStartNumber(c)) {
      p = OnNumber(p, false);
      continue;
    }
    ++p;
  }
}

void SentenceParser::OnMention(const IndicatorMatcher::Match& m) {
  // "…占地区生产总值2.68%": the name is the denominator of a share, not a new subject.
  if (m.begin > sb_ && t_[m.begin - 1] == U'占') {
    share_den_ = m.id;
    share_end_ = m.end;
    return;
  }
  size_t prefix_begin = std::max({clause_start_, last_number_end_, last_mention_end_});
  bool foreign = IsAttributed(prefix_begin, m.begin) || HasModifierSuffix(m.end);
  // A name listed right after someone else's figure shares its owner
  // (全市园区规上工业增加值增长8%、税收增长8%).
  if (!foreign && !chain_.empty() && chain_.back().clause == clause_ && chain_.back().id < 0 &&
      NonFillerChars(t_, prefix_begin, m.begin) == 0) {
    foreign = true;
  }
  last_mention_end_ = m.end;
  int id = foreign ? -1 : m.id;
  // "地区生产总值(GDP)": the same subject named again in brackets.
  if (!chain_.empty() && chain_.back().id == id && chain_.back().clause == clause_ &&
      m.begin == chain_.back().end + 1 && (t_[m.begin - 1] == U'(' || t_[m.begin - 1] == U'（')) {
    chain_.back().end = m.end;
    return;
  }
  bool joined = false;
  if (!chain_.empty() && chain_.back().clause == clause_) {
    size_t gb = chain_.back().end, ge = m.begin;
    U32View gap = t_.substr(gb, ge - gb);
    joined = gap == U"、" || gap == U"和" || gap == U"及" || gap == U"与" || gap == U"以及" ||
             gap == U"、和";
  }
  if (!joined) {
    chain_.clear();
    // "城镇、农村居民人均可支配收入", "存款、贷款余额": the word before the list separator shares
    // the tail of this name. It is a subject if word + tail is a catalog name.
    int shared = foreign ? -1 : SharedTailSubject(m, prefix_begin);
    if (shared >= 0) {
      chain_.push_back(Subject{shared, m.begin, m.begin, clause_});
      if (std::find(group_.begin(), group_.end(), shared) == group_.end()) group_.push_back(shared);
    }
  }
  std::vector<int> ids{id};
  if (id >= 0 && id == g_.resident_income_ && At(t_, m.begin, U"城乡") && g_.urban_income_ >= 0 &&
      g_.rural_income_ >= 0 && NamesAPair(m.end)) {
    // "城乡居民人均可支配收入分别达到68487元和35247元": the urban and the rural figure.
    ids = {g_.urban_income_, g_.rural_income_};
  }
  for (int sid : ids) {
    chain_.push_back(Subject{sid, m.begin, m.end, clause_});
    if (sid >= 0 && std::find(group_.begin(), group_.end(), sid) == group_.end())
      group_.push_back(sid);
  }
  list_.clear();
  list_skip_ = 0;
}

bool SentenceParser::NamesAPair(size_t from) const {
  size_t limit = std::min(se_, from + 24);
  for (size_t j = from; j < limit; ++j) {
    char32_t c = t_[j];
    if (c == U';' || c == U'。') return false;
    if (At(t_, j, U"分别")) return true;
    if (IsDigit(c)) return CountListNumbers(j) == 2;
  }
  return false;
}

// Words that may lead into a name without making the figure someone else's.
constexpr U32View kLeadIns[] = {
    U"经初步核算", U"初步核算", U"全年共", U"全年", U"实现了", U"实现", U"完成了", U"完成", U"预计",
    U"全社会", U"年末", U"年底", U"末", U"其中", U"同比", U"共计", U"共", U"累计", U"合计", U"总计",
    U"的", U"当年", U"全口径", U"全部", U"全体", U"金融机构", U"本外币", U"人民币", U"各项",
    U"主要", U"力争", U"确保", U"预期", U"目标", U"使", U"推动", U"促进", U"带动", U"拉动",
    U"保持", U"约", U"继续", U"进一步", U"是", U"为", U"和", U"及", U"与", U"今年", U"去年",
    U"上年", U"同期", U"年", U"月", U"季度", U"一", U"二", U"三", U"四", U"上半", U"前", U"实际",
    U"努力", U"争取", U"我们", U"政府", U"经济", U"稳定", U"持续", U"不断", U"确保", U"在",
    U"坚持", U"落实", U"就业", U"创造", U"新增", U"新", U"增加", U"提高", U"提升", U"达到",
    U"达", U"突破", U"首次", U"历史性", U"成功", U"其", U"此外", U"同时", U"另外", U"以及",
    U"将", U"要", U"把", U"按", U"可比价", U"计算", U"现价", U"本地", U"全域", U"辖区内",
    U"地方", U"本级", U"地区", U"居民", U"城乡", U"和", U"镇域", U"县域", U"市域", U"区域内",
};
// Jurisdiction words: right for the report's own level, someone else's figure otherwise
// (全市 in a district's report is the city's).
constexpr std::pair<U32View, char32_t> kJurisdictionWords[] = {
    {U"全市", U'市'}, {U"全区", U'区'}, {U"全县", U'县'}, {U"全镇", U'镇'}, {U"全乡", U'乡'},
    {U"全省", U'省'}, {U"全州", U'州'}, {U"全旗", U'旗'}, {U"全盟", U'盟'}, {U"全国", U'国'},
    {U"我市", U'市'}, {U"我区", U'区'}, {U"我县", U'县'}, {U"我镇", U'镇'}, {U"我乡", U'乡'},
    {U"我省", U'省'}, {U"我州", U'州'}, {U"我国", U'国'}, {U"本市", U'市'}, {U"本区", U'区'},
    {U"本县", U'县'}, {U"本镇", U'镇'}, {U"全街道", U'道'},
};

bool SentenceParser::IsAttributed(size_t b, size_t e) const {
  if (Attribution().AnyIn(t_, b, e)) return true;
  bool adjacent_unknown = false;
  for (size_t j = b; j < e;) {
    char32_t c = t_[j];
    if (c == U' ' || c == U'"' || c == U'“' || c == U'”' || c == U'、' || c == U'(' ||
        c == U')' || IsDigit(c) || c == U'.' || c == U'-' || c == U'\n' || c == U'\r') {
      ++j;
      adjacent_unknown = false;
      continue;
    }
    bool known = false;
    for (const auto& [word, suffix] : kJurisdictionWords) {
      if (j + word.size() <= e && At(t_, j, word)) {
        if (!ctx_.region_name.empty()) {
          char32_t own = ctx_.region_name.back();
          if (ctx_.region_name == U"全国") own = U'国';
          // 自治区 says 全区; 街道 says 全街道; 县级市 says 全市.
          if (own != suffix) return true;
        }
        j += word.size();
        known = true;
        break;
      }
    }
    if (!known && !ctx_.region_name.empty()) {
      // The jurisdiction's own name, also without its suffix ("云浮" for 云浮市).
      U32View own = ctx_.region_name;
      if (j + own.size() <= e && At(t_, j, own)) {
        j += own.size();
        known = true;
      } else if (own.size() >= 3 && j + own.size() - 1 <= e && At(t_, j, own.substr(0, own.size() - 1))) {
        j += own.size() - 1;
        known = true;
      }
    }
    if (!known) {
      static const WordSet* const lead_ins = new WordSet(kLeadIns);
      if (size_t len = lead_ins->MatchAt(t_, j, e)) {
        j += len;
        known = true;
      }
    }
    if (known) {
      adjacent_unknown = false;
    } else {
      adjacent_unknown = true;
      ++j;
    }
  }
  return adjacent_unknown;
}

int SentenceParser::SharedTailSubject(const IndicatorMatcher::Match& m, size_t prefix_begin) const {
  if (m.begin < prefix_begin + 3) return -1;
  char32_t sep = t_[m.begin - 1];
  if (sep != U'、' && sep != U'和' && sep != U'及' && sep != U'与') return -1;
  size_t word_end = m.begin - 1;
  U32View name = t_.substr(m.begin, m.end - m.begin);
  std::u32string candidate;
  for (size_t len = std::min<size_t>(4, word_end - prefix_begin); len >= 2; --len) {
    U32View word = t_.substr(word_end - len, len);
    for (size_t cut = 1; cut + 2 <= name.size() && cut <= 4; ++cut) {
      candidate.assign(word);
      candidate.append(name.substr(cut));
      int id;
      if (g_.matcher_.LongestAt(candidate, 0, &id) == candidate.size() && id != m.id) return id;
    }
  }
  return -1;
}

int SentenceParser::CountListNumbers(size_t p) const {
  int count = 0;
  size_t i = p;
  while (i < se_) {
    Quantity q;
    size_t start = i;
    if (t_[i] == U'-' && i + 1 < se_ && IsDigit(t_[i + 1])) ++i;
    if (!ParseQuantity(t_.substr(0, se_), i, &q)) break;
    ++count;
    i = q.end;
    (void)start;
    // qualifier words and separators between the numbers
    while (i < se_) {
      if (At(t_, i, U"左右") || At(t_, i, U"以上") || At(t_, i, U"以内")) {
        i += 2;
      } else if (t_[i] == U'、' || t_[i] == U'和' || t_[i] == U'及' || t_[i] == U'与' ||
                 t_[i] == U' ' || t_[i] == U',') {
        ++i;
      } else {
        break;
      }
    }
  }
  return count;
}

size_t SentenceParser::OnRank(size_t p) {
  double n;
  size_t end;
  if (!ParseBareNumber(t_.substr(0, se_), p + 1, &n, &end) || n < 1 || n > 200 ||
      n != std::floor(n))
    return p + 1;
  if (end < se_ && (t_[end] == U'位' || t_[end] == U'名')) {
    ++end;
  } else if (end < se_ && IsCjk(t_[end]) && t_[end] != U'和' && t_[end] != U'的') {
    // 第一产业, 第三方: not a rank. A rank ends the clause or is followed by 位/名.
    return end;
  }
  if (chain_.empty() || chain_.size() != 1 || chain_.back().id < 0) return end;
  size_t wb = std::max(clause_start_, last_number_end_);
  if (chain_.back().clause == clause_) wb = std::max(wb, chain_.back().end);
  // The scope is what stands between the ranking verb and 第.
  size_t scope_begin = wb;
  bool verb = false;
  constexpr U32View kRankVerbs[] = {U"排名", U"排在", U"排位", U"位居", U"位列", U"跃居",
                                   U"稳居", U"居于", U"排", U"居", U"列", U"增速", U"总量"};
  for (size_t j = wb; j < p; ++j) {
    for (U32View v : kRankVerbs) {
      if (j + v.size() <= p && At(t_, j, v)) {
        verb = true;
        scope_begin = j + v.size();
        j += v.size() - 1;
        break;
      }
    }
  }
  if (!verb) return end;
  size_t sb = scope_begin;
  while (sb < p && (t_[sb] == U'全' ? false : (t_[sb] == U'在' || t_[sb] == U'于'))) ++sb;
  if (p - sb == 0 || p - sb > 8) return end;
  for (size_t j = sb; j < p; ++j)
    if (IsDigit(t_[j])) return end;
  Period period = ResolvePeriod(p, 0);
  if (period.skip) return end;
  Quantity q;
  q.begin = p;
  q.end = end;
  q.value = n;
  q.unit = U"位";
  size_t ev_begin = chain_.back().clause == clause_ ? chain_.back().begin : clause_start_;
  Emit(chain_.back().id, v1::MEASURE_RANK, q, n, ev_begin, end, period, v1::QUALIFIER_UNSPECIFIED,
       std::string(text_.Slice(sb, p)));
  last_number_end_ = end;
  return end;
}

Period SentenceParser::ResolvePeriod(size_t pos, int in_clause_span, bool level_at_end) const {
  Period r;
  bool in_plan = pos >= plan_begin_;
  int year = in_plan ? ctx_.report_year : ctx_.review_year;
  r.kind = in_plan ? v1::KIND_TARGET : v1::KIND_ACTUAL;
  const Cue* cue = nullptr;
  int cue_year = 0;
  for (const Cue& c : cues_) {
    if (c.pos >= pos) break;
    if (c.segment_only && c.pos < segment_start_) continue;
    cue = &c;
    if (c.type == CueType::kYear) cue_year = c.year;
  }
  if (cue) {
    switch (cue->type) {
      case CueType::kYear:
        if (cue->year > ctx_.report_year) {
          r.kind = v1::KIND_PLAN_GOAL;
          r.period = cue->to_year ? absl::StrCat(ctx_.report_year, "-", cue->year)
                             : absl::StrCat(cue->year);
          return r;
        }
        year = cue->year;
        if (year < ctx_.report_year) {
          r.kind = v1::KIND_ACTUAL;
        } else if (!in_plan) {
          // The plan year named inside the review: a target only when the sentence says so.
          bool target = false;
          for (U32View w : {U32View(U"目标"), U32View(U"力争"), U32View(U"预期"), U32View(U"确保"),
                            U32View(U"争取"), U32View(U"左右"), U32View(U"以上"), U32View(U"以内")})
            target = target || Contains(t_, sb_, se_, w);
          r.kind = target ? v1::KIND_TARGET : v1::KIND_ACTUAL;
        } else {
          r.kind = v1::KIND_TARGET;
        }
        break;
      case CueType::kSpan:
        // "过去五年,国内生产总值增加到121万亿元": the level reached is the review year's.
        if (level_at_end && !in_clause_span && cue->year_end == ctx_.review_year && !in_plan) {
          year = ctx_.review_year;
          r.kind = v1::KIND_ACTUAL;
          break;
        }
        r.kind = cue->year_end > ctx_.review_year ? v1::KIND_PLAN_GOAL : v1::KIND_ACTUAL;
        r.period = absl::StrCat(cue->year, "-", cue->year_end);
        return r;
      case CueType::kQuarter:
        r.kind = v1::KIND_ACTUAL;
        r.period = absl::StrCat(cue_year ? cue_year : ctx_.review_year, "Q", cue->quarter);
        return r;
      case CueType::kPartial:
        r.skip = true;
        return r;
      case CueType::kFullYear:
        break;
    }
  }
  if ((!cue || cue->type == CueType::kFullYear) && mode_.active && !in_plan && !in_clause_span &&
      !(level_at_end && mode_.last == ctx_.review_year)) {
    r.kind = mode_.last > ctx_.review_year ? v1::KIND_PLAN_GOAL : v1::KIND_ACTUAL;
    r.period = absl::StrCat(mode_.first, "-", mode_.last);
    return r;
  }
  if (in_clause_span) {
    int years = in_clause_span;
    if (r.kind == v1::KIND_ACTUAL) {
      r.period = absl::StrCat(year - years + 1, "-", year);
    } else {
      r.kind = v1::KIND_PLAN_GOAL;
      r.period = absl::StrCat(year, "-", year + years - 1);
    }
    return r;
  }
  if (year <= 0) {
    r.skip = true;
    return r;
  }
  r.period = absl::StrCat(year);
  return r;
}

size_t SentenceParser::OnNumber(size_t p, bool negative) {
  Quantity q;
  U32View view = t_.substr(0, se_);
  if (!ParseQuantity(view, p, &q)) return p + 1;
  size_t qb = negative ? p - 1 : p;
  if (negative) {
    q.value = -q.value;
    q.value_high = -q.value_high;
  }
  size_t after = q.end;
  // Qualifier right after the number.
  v1::Qualifier suffix_qualifier = v1::QUALIFIER_UNSPECIFIED;
  {
    size_t j = after;
    if (j < se_ && t_[j] == U' ') ++j;
    if (At(view, j, U"左右")) {
      suffix_qualifier = v1::QUALIFIER_ABOUT;
      after = j + 2;
    } else if (At(view, j, U"以上")) {
      suffix_qualifier = v1::QUALIFIER_AT_LEAST;
      after = j + 2;
    } else if (At(view, j, U"以内") || At(view, j, U"之内") || At(view, j, U"以下")) {
      suffix_qualifier = v1::QUALIFIER_AT_MOST;
      after = j + 2;
    } else if (At(view, j, U"内")) {
      suffix_qualifier = v1::QUALIFIER_AT_MOST;
      after = j + 1;
    }
  }
  size_t number_end = after;
  size_t prev_end = last_number_end_;
  // Years and bare numbers are not figures: the words around them stay in the window.
  if (q.unit.empty() || q.unit == U"年" || q.unit == U"月") return q.end;
  last_number_end_ = number_end;

  // Which subjects does this number belong to?
  std::vector<int> targets;
  size_t wb = std::max(clause_start_, prev_end);
  bool same_clause = !chain_.empty() && chain_.back().clause == clause_;
  if (same_clause) wb = std::max(wb, chain_.back().end);
  size_t window_begin = wb;
  bool share = false;
  if (share_den_ >= 0 && share_end_ <= qb && share_end_ >= clause_start_) {
    share = true;
    window_begin = std::max(window_begin, share_end_);
  }
  VerbHit verb;
  bool in_list = false;
  if (list_skip_ > 0) {
    --list_skip_;
    return number_end;
  }
  if (!list_.empty()) {
    if (list_index_ < list_.size()) {
      targets.push_back(list_[list_index_++]);
      verb.sign = list_sign_;
      verb.to_level = list_to_level_;
      in_list = true;
      if (list_index_ == list_.size()) list_.clear();
    } else {
      list_.clear();
    }
  }
  if (!in_list) {
    if (chain_.empty()) return number_end;
    // "从54万亿元增加到…": the starting level is not the figure.
    // "从54万亿元增加到…", "由2002年的12万亿元…": the starting level is not the figure.
    for (size_t k = window_begin; k < qb; ++k) {
      if ((t_[k] == U'从' || t_[k] == U'由') && FindVerb(t_, k, qb).sign == 0) return number_end;
    }
    size_t allowance = same_clause ? 1 : 0;
    if (NonFillerChars(t_, window_begin, qb) > allowance) return number_end;
    verb = FindVerb(t_, window_begin, qb);
    bool respectively = Contains(t_, window_begin, qb, U"分别");
    // "存款余额、贷款余额增长4.2%、19.4%": a list of numbers after a list of names reads in order
    // even without 分别.
    if (!respectively && chain_.size() >= 2) {
      int n = CountListNumbers(p);
      respectively = n >= 2 && static_cast<size_t>(n) <= chain_.size();
    }
    bool each = false;
    for (size_t j = window_begin; j < qb; ++j) {
      if (t_[j] == U'均' &&
          !(j > 0 && (t_[j - 1] == U'年' || t_[j - 1] == U'人' || t_[j - 1] == U'平' ||
                      t_[j - 1] == U'户')))
        each = true;
    }
    std::vector<int> pool;
    if (chain_.size() >= 2) {
      for (const Subject& s : chain_) pool.push_back(s.id);
    } else {
      // "A 35340元, B 23049元, 分别增长3.4%和10.2%": only subjects that already carry a figure in
      // this segment form the list; a lone name before 分别 does not borrow earlier ones.
      for (int id : group_)
        if (std::find(attached_.begin(), attached_.end(), id) != attached_.end()) pool.push_back(id);
    }
    if (respectively) {
      int n = CountListNumbers(p);
      if (n < 2 || static_cast<int>(pool.size()) < n) {
        list_skip_ = n - 1;
        return number_end;
      }
      list_.assign(pool.end() - n, pool.end());
      list_sign_ = verb.sign;
      list_to_level_ = verb.to_level;
      list_index_ = 1;
      targets.push_back(list_[0]);
      if (n == 1) list_.clear();
    } else if (each && pool.size() >= 2) {
      targets = pool;
    } else {
      if (chain_.size() != 1) return number_end;
      targets.push_back(chain_.back().id);
    }
  }

  // Several-year figures within the clause: 年均/累计 (five years unless said), 两年平均 (2021
  // reports compare with 2019), 三年平均.
  int clause_span = 0;
  if (Contains(t_, clause_start_, qb, U"两年平均")) {
    clause_span = 2;
  } else if (Contains(t_, clause_start_, qb, U"三年平均")) {
    clause_span = 3;
  } else if (Contains(t_, clause_start_, qb, U"年均") || Contains(t_, clause_start_, qb, U"累计") ||
             Contains(t_, clause_start_, qb, U"年平均") ||
             Contains(t_, clause_start_, qb, U"平均增长")) {
    clause_span = 5;
  }
  Period period = ResolvePeriod(qb, clause_span);
  if (period.skip) return number_end;
  bool upper_bound = suffix_qualifier == v1::QUALIFIER_AT_MOST ||
                     (Contains(t_, window_begin, qb, U"低于") &&
                      !Contains(t_, window_begin, qb, U"不低于")) ||
                     Contains(t_, window_begin, qb, U"不超过");
  // "失业率控制在3.5%以内" in the review states the target was met, not the rate; "涨幅控制在2%"
  // (no bound word after the number) states the rate reached.
  if (period.kind == v1::KIND_ACTUAL && upper_bound) return number_end;
  // "年初确定的地区生产总值增长6%的目标": last year's target restated in the review.
  if (period.kind == v1::KIND_ACTUAL) {
    size_t k = number_end;
    if (k < se_ && t_[k] == U'的') ++k;
    if (At(t_, k, U"目标") || At(t_, k, U"预期目标") || At(t_, k, U"年度目标") ||
        At(t_, k, U"增长目标") || Contains(t_, window_begin, qb, U"目标"))
      return number_end;
  }

  v1::Qualifier qualifier = v1::QUALIFIER_UNSPECIFIED;
  if (period.kind == v1::KIND_TARGET || period.kind == v1::KIND_PLAN_GOAL) {
    qualifier = v1::QUALIFIER_EXACT;
    if (q.is_range) {
      qualifier = v1::QUALIFIER_RANGE;
    } else if (suffix_qualifier != v1::QUALIFIER_UNSPECIFIED) {
      qualifier = suffix_qualifier;
    } else if (Contains(t_, window_begin, qb, U"不超过") ||
               Contains(t_, window_begin, qb, U"不高于") ||
               (Contains(t_, window_begin, qb, U"低于") &&
                !Contains(t_, window_begin, qb, U"不低于")) ||
               Contains(t_, window_begin, qb, U"控制在")) {
      // Checked first: 不超过 contains 超过.
      qualifier = v1::QUALIFIER_AT_MOST;
    } else if (Contains(t_, window_begin, qb, U"不低于") ||
               Contains(t_, window_begin, qb, U"不少于") ||
               Contains(t_, window_begin, qb, U"超过") || Contains(t_, window_begin, qb, U"高于") ||
               Contains(t_, window_begin, qb, U"突破")) {
      // 力争进出口总额突破500亿元: a floor.
      qualifier = v1::QUALIFIER_AT_LEAST;
    }
  }

  bool rate_word = Contains(t_, window_begin, qb, U"增速") || Contains(t_, window_begin, qb, U"增幅") ||
                   Contains(t_, window_begin, qb, U"增长率") || Contains(t_, window_begin, qb, U"降幅");
  for (int id : targets) {
    if (id < 0) continue;
    const auto& ind = g_.indicators_[id];
    v1::Measure measure = v1::MEASURE_UNSPECIFIED;
    double value = q.value;
    int indicator = id;
    if (q.points) {
      measure = v1::MEASURE_POINT_CHANGE;
      if (verb.sign < 0) value = -value;
    } else if (q.percent) {
      if (share && !verb.sign) {
        indicator = -1;
        for (const auto& s : g_.shares_) {
          if (s.first.first == id && s.first.second == share_den_) indicator = s.second;
        }
        if (indicator < 0) continue;
        measure = v1::MEASURE_VALUE;
      } else if (ind.unit_class == "index") {
        // 上涨2%, 下降3%; but 涨幅回落到2.6% states the rise itself.
        measure = v1::MEASURE_GROWTH;
        if (verb.sign < 0 && !verb.to_level) value = -value;
      } else if (verb.to_level && rate_word) {
        // 增速回落到3%: the new growth rate.
        measure = v1::MEASURE_GROWTH;
        if (Contains(t_, window_begin, qb, U"降幅")) value = -value;
      } else if (ind.unit_class == "percent") {
        if (verb.sign && !verb.to_level) continue;  // a change of a rate in % is ambiguous
        measure = v1::MEASURE_VALUE;
      } else if (verb.sign && !verb.to_level) {
        measure = v1::MEASURE_GROWTH;
        if (verb.sign < 0) value = -value;
      } else if (!verb.sign && period.kind == v1::KIND_TARGET) {
        // Target lists drop the verb: "地区生产总值6.5%左右" is the growth target.
        measure = v1::MEASURE_GROWTH;
      } else {
        continue;
      }
    } else {
      if (verb.sign && !verb.to_level) continue;  // 增加1.2万人: an increment, not a level
      if (!UnitFits(ind.unit_class, q.unit)) continue;
      measure = v1::MEASURE_VALUE;
    }
    size_t ev_begin = same_clause && !in_list ? chain_.front().begin : wb;
    while (ev_begin < qb && (t_[ev_begin] == U' ' || t_[ev_begin] == U',')) ++ev_begin;
    Quantity signed_q = q;
    if (measure == v1::MEASURE_GROWTH && verb.sign < 0 && q.is_range) {
      signed_q.value_high = -q.value_high;
    }
    Period fact_period = period;
    // A level reached at the end of a span is the review year's; a flow summed over the span
    // (城镇新增就业5870万人) is not, whatever the verb.
    if (measure == v1::MEASURE_VALUE && (mode_.active || period.period.find('-') != std::string::npos) &&
        !g_.indicators_[indicator].increment) {
      bool level_at_end = g_.indicators_[indicator].stock || verb.to_level ||
                          Contains(t_, window_begin, qb, U"达") ||
                          Contains(t_, window_begin, qb, U"突破") ||
                          Contains(t_, clause_start_, qb, U"预计");
      if (level_at_end) fact_period = ResolvePeriod(qb, clause_span, true);
      if (fact_period.skip) continue;
    }
    Emit(indicator, measure, signed_q, value, ev_begin, number_end, fact_period,
         measure == v1::MEASURE_POINT_CHANGE ? v1::QUALIFIER_UNSPECIFIED : qualifier, "");
  }
  return number_end;
}

void SentenceParser::Emit(int indicator, v1::Measure measure, const Quantity& q, double value,
                          size_t ev_begin, size_t ev_end, const Period& period,
                          v1::Qualifier qualifier, std::string scope) {
  v1::Fact f;
  f.set_indicator(g_.indicators_[indicator].id);
  f.set_measure(measure);
  f.set_period(period.period);
  f.set_kind(period.kind);
  f.set_value(value);
  if (q.is_range && qualifier == v1::QUALIFIER_RANGE) {
    double high = q.value_high;
    if (measure == v1::MEASURE_GROWTH && value < 0) {
      // 下降6-7%: keep value <= value_high.
      f.set_value(std::min(value, high));
      high = std::max(value, high);
    }
    f.set_value_high(high);
  }
  std::string unit = measure == v1::MEASURE_GROWTH ? "%" : text::ToUtf8(q.unit);
  if (measure == v1::MEASURE_POINT_CHANGE) unit = "个百分点";
  f.set_unit(unit);
  f.set_qualifier(qualifier);
  auto* ev = f.mutable_evidence();
  ev->set_begin(static_cast<int32_t>(ev_begin));
  ev->set_end(static_cast<int32_t>(ev_end));
  ev->set_text(std::string(text_.Slice(ev_begin, ev_end)));
  ev->set_sentence(std::string(text_.Slice(sb_, se_)));
  if (!scope.empty()) f.set_scope(scope);
  out_->push_back(std::move(f));
  if (std::find(attached_.begin(), attached_.end(), indicator) == attached_.end())
    attached_.push_back(indicator);
}

FactGrammar::FactGrammar(const IndicatorCatalog& catalog) {
  const auto& all = catalog.all();
  for (size_t i = 0; i < all.size(); ++i) {
    // Stocks and ratios (balances, per-capita figures, rates) are read at a point in time.
    bool stock = false;
    std::vector<std::string> names = all[i].aliases;
    names.push_back(all[i].name);
    // The main name says what the indicator is; aliases may name a related stock.
    bool increment = all[i].name.find("新增") != std::string::npos;
    for (const std::string& n : names) {
      for (const char* w : {"余额", "人均", "率", "比重", "强度"})
        if (n.find(w) != std::string::npos) stock = true;
    }
    indicators_.push_back({all[i].id, all[i].unit_class, stock, increment});
    if (all[i].id == "resident_income") resident_income_ = static_cast<int>(i);
    if (all[i].id == "urban_income") urban_income_ = static_cast<int>(i);
    if (all[i].id == "rural_income") rural_income_ = static_cast<int>(i);
  }
  for (size_t i = 0; i < all.size(); ++i) {
    matcher_.Add(FoldName(all[i].name), static_cast<int>(i));
    for (const std::string& alias : all[i].aliases) {
      if (!alias.empty() && alias[0] == '=') {
        size_t slash = alias.find('/');
        if (slash == std::string::npos) continue;
        const IndicatorDef* num = catalog.Find(std::string_view(alias).substr(1, slash - 1));
        const IndicatorDef* den = catalog.Find(std::string_view(alias).substr(slash + 1));
        if (!num || !den) continue;
        shares_.push_back({{static_cast<int>(num - all.data()), static_cast<int>(den - all.data())},
                           static_cast<int>(i)});
        continue;
      }
      matcher_.Add(FoldName(alias), static_cast<int>(i));
    }
  }
}

std::vector<v1::Fact> FactGrammar::Extract(const text::FoldedText& text,
                                           const FactContext& context) const {
  U32View t = text.folded();
  std::vector<IndicatorMatcher::Match> mentions;
  matcher_.FindAll(t, &mentions);
  ReportLayout layout = FindLayout(t, context.report_year);
  std::vector<v1::Fact> facts;
  SentenceParser parser(*this, text, context, layout.plan_begin, &facts);
  size_t mi = 0;
  size_t sb = 0;
  SpanMode mode;
  for (size_t i = 0; i <= t.size(); ++i) {
    if (i == t.size() ||
        ((ClassOf(t[i]) & kBoundaryChar) && BoundaryAt(t, i) == Boundary::kSentence)) {
      if (i > sb) {
        if (sb >= layout.plan_begin) mode.active = false;
        UpdateSpanMode(t, sb, i, context, &mode);
        parser.Parse(sb, i, mode, mentions, &mi);
      }
      sb = i + 1;
    }
  }
  // One fact per (indicator, measure, period, kind, value, value_high): the first statement wins.
  std::vector<v1::Fact> unique;
  std::set<std::tuple<std::string, int, std::string, int, double, double>> seen;
  for (auto& f : facts) {
    auto key = std::make_tuple(f.indicator(), static_cast<int>(f.measure()), f.period(),
                               static_cast<int>(f.kind()), f.value(),
                               f.has_value_high() ? f.value_high() : NAN);
    if (!f.has_value_high()) std::get<5>(key) = -1e300;
    if (seen.insert(key).second) unique.push_back(std::move(f));
  }
  return unique;
}

}  // namespace govreport::extract
