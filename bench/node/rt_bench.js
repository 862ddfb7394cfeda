#!/usr/bin/env node
// Baseline for the extraction benchmark: Microsoft Recognizers-Text, Chinese culture, with the
// number, percentage and currency models run over each sentence of a slice of report text.
//
//   node rt_bench.js --texts=FILE [--slice_kb=96] [--runs=5] [--label="RT simplified"]
//
// FILE holds normalized report texts (extraction_bench --mode=dump). The slice takes every k-th
// sentence so that it spans all reports. Sentences, not whole texts, are fed in: RT's regexes
// are superlinear on long inputs (a 100 KB text takes minutes), and sentence-at-a-time is how
// it is meant to be used. Prints one RESULT line in bench/bench_util.h's format.
'use strict';

const fs = require('fs');
const { Culture } = require('@microsoft/recognizers-text-suite');
const { NumberRecognizer } = require('@microsoft/recognizers-text-number');
const { NumberWithUnitRecognizer } = require('@microsoft/recognizers-text-number-with-unit');

function flag(name, fallback) {
  const prefix = `--${name}=`;
  const arg = process.argv.find((a) => a.startsWith(prefix));
  return arg ? arg.slice(prefix.length) : fallback;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

function main() {
  const textsPath = flag('texts', '');
  const sliceBytes = Number(flag('slice_kb', '96')) * 1000;
  const runs = Number(flag('runs', '5'));
  const label = flag('label', 'RT simplified');
  if (!textsPath) {
    console.error('rt_bench: --texts is required');
    process.exit(2);
  }
  const sentences = fs.readFileSync(textsPath, 'utf8')
    .split(/(?<=[。；;！？!?\n])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const totalBytes = sentences.reduce((n, s) => n + Buffer.byteLength(s), 0);
  const stride = Math.max(1, Math.floor(totalBytes / sliceBytes));
  const slice = [];
  let bytes = 0;
  for (let i = 0; i < sentences.length && bytes < sliceBytes; i += stride) {
    slice.push(sentences[i]);
    bytes += Buffer.byteLength(sentences[i]);
  }

  // Models are built once, as a long-running service would; the suite's recognizeX() helpers
  // rebuild them on every call.
  const culture = Culture.Chinese;
  const numbers = new NumberRecognizer(culture);
  const models = [
    numbers.getNumberModel(culture),
    numbers.getPercentageModel(culture),
    new NumberWithUnitRecognizer(culture).getCurrencyModel(culture),
  ];
  const parseAll = (subset) => {
    let found = 0;
    for (const s of subset) for (const m of models) found += m.parse(s).length;
    return found;
  };
  parseAll(slice.slice(0, 20)); // warm-up: regex compilation and JIT stay out of the timing

  const rates = [];
  for (let run = 0; run < runs; run++) {
    const start = process.hrtime.bigint();
    const found = parseAll(slice);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    rates.push(bytes / 1e6 / seconds);
    console.error(`  ${label} run ${run + 1}: ${seconds.toFixed(2)} s, ` +
                  `${(bytes / 1e6 / seconds).toFixed(4)} MB/s (${found} entities)`);
  }
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const fields = {
    mb_in: bytes / 1e6, runs, median: median(rates), min: Math.min(...rates),
    max: Math.max(...rates), peak_rss_mb: peakRssMb,
  };
  const line = ['RESULT', 'extraction', label]
    .concat(Object.entries(fields).map(([k, v]) => `${k}=${Number(v.toPrecision(6))}`));
  console.log(line.join('\t'));
}

main();
