#!/usr/bin/env bash
# Regenerates tests/fuzz/seeds/: small documents in every shape NormalizeDocument accepts
# (snippets of data/samples in UTF-8, GB18030, Big5, UTF-16; HTML; made-up bundles; edge cases).
# Needs iconv. Keep the total small (< 300 KB): the seeds also run in every ctest run.
set -euo pipefail
cd "$(dirname "$0")"
samples=../../data/samples
out=seeds
rm -rf "$out" && mkdir -p "$out"

# First N bytes of a file, cut back to a whole UTF-8 character.
head_utf8() { head -c "$2" "$1" | { iconv -f UTF-8 -t UTF-8 -c 2>/dev/null || true; }; }

head_utf8 $samples/000_8a7bc9ce6e61cdbb.txt 6000 > $out/bundle_head.txt
tail -c 3000 $samples/000_8a7bc9ce6e61cdbb.txt | { iconv -f UTF-8 -t UTF-8 -c 2>/dev/null || true; } > $out/bundle_tail.txt
head_utf8 $samples/001_58fcb929861e5ebb.txt 5000 > $out/encyclopedia_trad.txt
head_utf8 $samples/002_7d54046d113e74f1.txt 5000 > $out/gov_site_trad.txt

head_utf8 $samples/000_8a7bc9ce6e61cdbb.txt 4000 | iconv -f UTF-8 -t GB18030 -c > $out/bundle.gb18030
head_utf8 $samples/001_58fcb929861e5ebb.txt 4000 | iconv -f UTF-8 -t BIG5 -c > $out/encyclopedia.big5
head_utf8 $samples/002_7d54046d113e74f1.txt 3000 | iconv -f UTF-8 -t BIG5 -c > $out/gov_site.big5
{ printf '\xff\xfe'; head_utf8 $samples/002_7d54046d113e74f1.txt 2000 | iconv -f UTF-8 -t UTF-16LE; } > $out/gov_site_bom.utf16le
head_utf8 $samples/000_8a7bc9ce6e61cdbb.txt 2000 | iconv -f UTF-8 -t UTF-16BE > $out/bundle_nobom.utf16be
{ printf '\xef\xbb\xbf'; head_utf8 $samples/001_58fcb929861e5ebb.txt 1500; } > $out/bom.txt

cat > $out/page.html <<'HTML'
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>2021年某市政府工作报告</title>
<style>p { margin: 0 }</style><script>var x = "<p>not text</p>";</script></head>
<body><div class="nav">首页 &gt; 政务公开 &gt; 政府工作报告</div>
<h1>2021年某市政府工作报告</h1>
<p>——2021年1月20日在某市第十五届人民代表大会第五次会议上</p>
<p>各位代表：</p><p>现在，我代表市人民政府向大会报告工作，请予审议。</p>
<p>全市地区生产总值增长&nbsp;6.5%，达到&#49;&#x32;00亿元；一般公共预算收入增长8.1%。
城镇居民人均可支配收入达到5.2万元&mdash;增长7%。</p>
<table><tr><td>指标</td><td>增长</td></tr><tr><td>固定资产投资</td><td>10%</td></tr></table>
<!-- footer --><div>版权所有 某市人民政府 ICP备12345号</div></body></html>
HTML
iconv -f UTF-8 -t GB18030 $out/page.html | sed 's/charset="utf-8"/charset="gb2312"/' > $out/page_gbk.html

body() {
  echo "各位代表：现在，我代表$1人民政府向大会报告工作，请予审议。"
  for i in 1 2 3 4 5 6; do
    echo "过去一年，$1地区生产总值增长6.${i}%，一般公共预算收入增长${i}%，固定资产投资增长1${i}%，城镇新增就业${i}000人。"
  done
}
{
  echo "-"; echo "【甲市招商】2021年甲市政府工作报告"; body 甲市; echo "2025-07-08"
  echo "-"; echo "【乙县招商】2021年乙县政府工作報告"; body 乙縣; echo "2025-07-08"
  echo "-"; echo "丙镇政府工作报告（摘要）"; echo "2021年1月5日在丙镇第三届人民代表大会第五次会议上"; body 丙镇
  echo "2025-07-08"; echo "有想补充的信息?点我投稿"; echo "- 联系我们"; echo "- 企业入驻"
} > $out/made_up_bundle3.txt
{
  echo "【甲區招商】２０２１年甲區政府工作報告"; body 甲區 | sed 's/6\./６．/; s/%/％/'
  echo "２０２５－０７－０８"; echo "【乙區招商】２０２１年乙區政府工作報告"; body 乙區
  echo "更新時間：２０２３－０３－０７　閱讀量：２７３次"
} > $out/made_up_bundle2_fullwidth.txt
{
  echo "政府工作报告"; echo "——2024年3月5日在第十四届全国人民代表大会第二次会议上"
  echo "国务院总理 李强"; body 国务院
  echo "今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上，城镇调查失业率5.5%左右；居民消费价格涨幅3%左右。"
} > $out/national.txt

printf '' > $out/empty.txt
printf '\xef\xbb\xbf \r\n\t' > $out/blank_bom.txt
printf 'abc\xff\xfe\x80\x81\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80' > $out/invalid_utf8.bin
head -c 512 /dev/zero | tr '\0' '\236' > $out/high_bytes.bin
printf '<html><body><p>&#x110000;&#0;&#99999999999;&amp&nbsp<script>' > $out/bad_entities.html
printf '增长\xe2\x80\x8b率\x00 8.5%%\x01\x7f，\r\n\r\n\r\n完成\xc2\x85目标\xe3\x80\x80\xe3\x80\x80' > $out/controls.txt
echo "wrote $(ls $out | wc -l) seeds, $(du -sb $out | cut -f1) bytes" >&2
