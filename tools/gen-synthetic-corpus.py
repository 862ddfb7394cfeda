#!/usr/bin/env python3
"""Generates a synthetic corpus of government work reports for the query benchmark.

The sample reports (data/samples/*.txt) are cut into single reports; each synthetic report is
one of them with its own region name replaced by another division's name (data/divisions.tsv,
same administrative suffix), every year shifted by one offset, and every other multi-digit or
decimal number rescaled. Sentence structure, indicator phrasing and script (simplified or
traditional) stay those of the sample, so the extractor and the search index see realistic text.

The output is deterministic for a given --seed, --count and sample set:
  OUT/NNNNN.txt      one report per file (UTF-8, plain text)
  OUT/manifest.tsv   file, region, script, year_shift, sample file, sample report index

Python 3 standard library only.
"""

import argparse
import collections
import os
import random
import re
import sys

# Used when data/divisions.tsv is missing or empty: enough names of each suffix for variety.
BUILTIN_NAMES = {
    "市": "广州市 韶关市 深圳市 珠海市 汕头市 佛山市 江门市 湛江市 茂名市 肇庆市 惠州市 梅州市 汕尾市 "
         "河源市 阳江市 清远市 东莞市 中山市 潮州市 揭阳市 新乡市 郑州市 开封市 洛阳市 安阳市 鹤壁市 "
         "焦作市 濮阳市 许昌市 漯河市 南阳市 商丘市 信阳市 周口市 长沙市 株洲市 湘潭市 衡阳市 岳阳市",
    "区": "越秀区 海珠区 天河区 白云区 黄埔区 番禺区 南沙区 从化区 增城区 福田区 罗湖区 宝安区 龙岗区 "
          "香洲区 斗门区 金湾区 禅城区 南海区 顺德区 三水区 高明区 红旗区 卫滨区 牧野区 金水区 二七区",
    "县": "始兴县 仁化县 翁源县 乳源县 新丰县 南雄县 大埔县 五华县 平远县 蕉岭县 龙川县 连平县 和平县 "
          "东源县 阳西县 佛冈县 阳山县 饶平县 揭西县 惠来县 新安县 原阳县 延津县 封丘县 获嘉县",
    "镇": "石龙镇 石碣镇 虎门镇 长安镇 厚街镇 塘厦镇 常平镇 樟木头镇 大朗镇 黄江镇 清溪镇 凤岗镇 "
          "谢岗镇 茶山镇 寮步镇 大岭山镇 横沥镇 东坑镇 企石镇 桥头镇 洪梅镇 望牛墩镇 麻涌镇 沙田镇",
}

ZONE_WORDS = ("开发区", "园区", "新区", "示范区", "度假区", "管理区", "地区", "实验区", "合作区",
              "试验区", "工业区", "农场")
TRADITIONAL_SUFFIX = {"區": "区", "縣": "县", "鎮": "镇"}
REGION_CHARS = "市区區县縣镇鎮旗"
YEAR_RE = re.compile(r"(?<![\d.])(19[5-9]\d|20[0-4]\d)(?![\d.])")
NUMBER_RE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?![\d.])")
# Parts of dates ("4月20日", "2022-10-10") stay as they are.
DATE_PART_RE = re.compile(r"[月日号號时時]|-\d")
TITLE_RE = re.compile(r"^【[^】]*】")
# "在云浮市第六届人民代表大会" / "在河南省新鄉市鳳泉區第十屆人民代表大會": the speaking region.
CONGRESS_RE = re.compile(
    r"在(?:[\u4e00-\u9fff]{2,7}?[省区區])?(?:[\u4e00-\u9fff]{2,7}?[市州盟])?"
    r"([\u4e00-\u9fff]{1,7}?[" + REGION_CHARS + r"])第[一二三四五六七八九十]{1,3}[届屆]")
TITLE_REGION_RE = re.compile(
    r"(?:\d{4}年)?([\u4e00-\u9fff]{1,7}?[" + REGION_CHARS + r"])(?:人民)?政府工作[报報]告")


def read_divisions(path):
    """Returns {suffix: [names]} from code<TAB>name<TAB>level<TAB>parent_code, or {}."""
    by_suffix = collections.defaultdict(list)
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.strip() or line.startswith("#"):
                    continue
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 2 or len(cols[1]) < 2:
                    continue
                name = cols[1]
                if len(name) > 5 or any(w in name for w in ZONE_WORDS):
                    continue  # development zones and the like are not report-giving governments
                if name[-1] in "市区县镇旗":
                    by_suffix[name[-1]].append(name)
    except FileNotFoundError:
        pass
    return {k: sorted(set(v)) for k, v in by_suffix.items() if len(v) >= 5}


def read_s2t(path):
    """Simplified -> traditional character map, reversed from the t2s table (one-to-one only)."""
    s2t = {}
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#"):
                    continue
                cols = line.rstrip("\n").split("\t")
                if len(cols) != 2 or len(cols[0]) != 1 or len(cols[1]) != 1:
                    continue
                trad, simp = cols
                if trad != simp and 0x4E00 <= ord(trad) <= 0x9FFF:
                    s2t.setdefault(simp, trad)
    except FileNotFoundError:
        pass
    return s2t


def split_sample(text):
    """Cuts one sample document into report texts (the service's splitter does the real work
    later; this only has to keep one report per synthetic file)."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if TITLE_RE.match(line)]
    if len(starts) < 2:
        return [text.strip()]
    reports = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        body = lines[start:end]
        # Drop the page's separator line "-" and trailing date/footer lines of the bundle.
        while body and (body[-1].strip() in ("", "-") or len(body[-1].strip()) < 40):
            body.pop()
        reports.append("\n".join(body).strip())
    return [r for r in reports if r]


def find_region(report):
    head = report[:3000]
    m = CONGRESS_RE.search(head)
    if m:
        return m.group(1)
    title = TITLE_RE.sub("", head.split("\n", 1)[0])
    m = TITLE_REGION_RE.search(title) or TITLE_REGION_RE.search(head)
    return m.group(1) if m else None


def is_traditional(text, s2t):
    trad_chars = set(s2t.values())
    sample = text[:5000]
    hits = sum(1 for c in sample if c in trad_chars)
    return hits > len(sample) // 200


def to_traditional(name, s2t):
    return "".join(s2t.get(c, c) for c in name)


def rescale_number(match, rng):
    s = match.group(1)
    after = match.string[match.end():match.end() + 2]
    before = match.string[max(0, match.start() - 1):match.start()]
    if "." not in s and (DATE_PART_RE.match(after) or before in ("-", "月")):
        return s
    if "." not in s and len(s) < 2:
        return s  # ranks and ordinals: 第3位, 3个
    decimals = len(s.split(".")[1]) if "." in s else 0
    value = float(s) * rng.uniform(0.5, 2.0)
    if decimals == 0:
        return str(max(10, int(round(value))))
    return f"{value:.{decimals}f}"


def synthesize(report, region, new_region, year_shift, rng):
    text = report
    if region:
        # Short form too ("云浮" of "云浮市"), when it is long enough not to hit common words.
        text = text.replace(region, "\0")
        if len(region) >= 3:
            text = text.replace(region[:-1], new_region[:-1] if len(new_region) >= 3 else new_region)
        text = text.replace("\0", new_region)
    # Years first (placeholders keep them out of the number rescaling).
    years = []

    def shift_year(m):
        years.append(str(int(m.group(1)) + year_shift))
        return chr(0xE000 + len(years) - 1)  # private use: no digit for the number pass

    text = YEAR_RE.sub(shift_year, text)
    text = NUMBER_RE.sub(lambda m: rescale_number(m, rng), text)
    return re.sub("[\ue000-\uf8ff]", lambda m: years[ord(m.group(0)) - 0xE000], text)


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", help="output directory (created)")
    ap.add_argument("--classify", nargs="+", metavar="FILE",
                    help="only print 'simplified|traditional<TAB>FILE' for each FILE and exit")
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--samples", nargs="*",
                    default=None, help="sample files (default data/samples/*.txt)")
    ap.add_argument("--divisions", default=os.path.join(root, "data", "divisions.tsv"))
    ap.add_argument("--t2s", default=os.path.join(root, "data", "t2s_chars.tsv"))
    args = ap.parse_args()

    if args.classify:
        s2t = read_s2t(args.t2s)
        for path in args.classify:
            with open(path, encoding="utf-8", errors="replace") as f:
                script = "traditional" if is_traditional(f.read(), s2t) else "simplified"
            print(f"{script}\t{path}")
        return
    if not args.out:
        ap.error("--out is required")
    samples = args.samples
    if not samples:
        d = os.path.join(root, "data", "samples")
        samples = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".txt"))
    s2t = read_s2t(args.t2s)
    names = read_divisions(args.divisions)
    source = "divisions.tsv" if names else "built-in list"
    for suffix, spaced in BUILTIN_NAMES.items():
        names.setdefault(suffix, spaced.split())

    templates = []  # (sample, index, text, region, traditional)
    for path in samples:
        with open(path, encoding="utf-8", errors="replace") as f:
            for i, report in enumerate(split_sample(f.read())):
                if len(report) < 1000:
                    continue
                templates.append((os.path.basename(path), i, report, find_region(report),
                                  is_traditional(report, s2t)))
    if not templates:
        sys.exit("gen-synthetic-corpus: no report found in the samples")

    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    total = 0
    with open(os.path.join(args.out, "manifest.tsv"), "w", encoding="utf-8") as manifest:
        manifest.write("file\tregion\tscript\tyear_shift\tsample\tsample_report\n")
        for n in range(args.count):
            sample, index, report, region, traditional = templates[n % len(templates)]
            suffix = region[-1] if region else "市"
            suffix = TRADITIONAL_SUFFIX.get(suffix, suffix)
            pool = names.get(suffix) or names["市"]
            new_region = rng.choice(pool)
            year_shift = rng.randint(-12, 3)
            out_region = to_traditional(new_region, s2t) if traditional else new_region
            text = synthesize(report, region, out_region, year_shift, rng)
            name = f"{n:05d}.txt"
            with open(os.path.join(args.out, name), "w", encoding="utf-8") as f:
                f.write(text + "\n")
            total += len(text.encode("utf-8")) + 1
            manifest.write(f"{name}\t{new_region}\t{'traditional' if traditional else 'simplified'}"
                           f"\t{year_shift}\t{sample}\t{index}\n")
    print(f"gen-synthetic-corpus: {args.count} reports, {total / 1e6:.1f} MB from "
          f"{len(templates)} sample reports, region names from {source}, seed {args.seed}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
