#!/usr/bin/env python3
"""Baseline for the query benchmark: SQLite FTS5 with the trigram tokenizer.

Builds an on-disk FTS5 index of the same corpus texts (one transaction, timed: MB/s), then runs
the same search queries as query_bench (single thread, in-process: no RPC cost, which favours
FTS5) and prints RESULT lines in bench/bench_util.h's format.

Query translation: each term of 3+ characters becomes a quoted FTS5 string (trigram: substring
match, ranked by bm25 with a snippet, LIMIT 50, like a Search page). A term shorter than 3
characters cannot use the trigram index; it becomes `instr(body, term) > 0`, which scans the
table when no longer term narrows it (`body LIKE '%教育%'` would be the natural form, but SQLite
3.40's trigram tokenizer answers it with no rows at all). Those queries are reported as a separate row. FTS5 does not fold
traditional to simplified, so a traditional query finds only traditional reports (govreport's
Search finds both): hit counts differ, the latency comparison still holds.
"""

import argparse
import os
import random
import shlex
import sqlite3
import sys
import time


def percentile(values, p):
    if not values:
        return 0.0
    s = sorted(values)
    rank = max(1, min(len(s), int(p / 100.0 * len(s) + 0.999999)))
    return s[rank - 1]


def result(table, row, **fields):
    print("\t".join(["RESULT", table, row] + [f"{k}={v:.6g}" for k, v in fields.items()]),
          flush=True)


def read_queries(path):
    queries = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                queries.append(line)
    return queries


def to_sql(query):
    """(sql, params, uses_index) for one govreport-syntax query."""
    terms = [t for t in shlex.split(query) if t]
    long_terms = [t for t in terms if len(t) >= 3]
    short_terms = [t for t in terms if len(t) < 3]
    where, params = [], []
    if long_terms:
        where.append("docs MATCH ?")
        params.append(" ".join('"' + t.replace('"', '""') + '"' for t in long_terms))
    for t in short_terms:
        where.append("instr(body, ?) > 0")
        params.append(t)
    order = "ORDER BY rank" if long_terms else ""
    sql = (f"SELECT rowid, bm25(docs), snippet(docs, 0, '[', ']', '…', 32) FROM docs "
           f"WHERE {' AND '.join(where)} {order} LIMIT 50")
    return sql, params, not short_terms


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus_dir", required=True)
    ap.add_argument("--terms_file", required=True)
    ap.add_argument("--db", required=True, help="index file to create (replaced)")
    ap.add_argument("--limit", type=int, default=0, help="index at most this many files")
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--max_seconds", type=float, default=60)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    files = sorted(f for f in os.listdir(args.corpus_dir) if f.endswith(".txt"))
    if args.limit:
        files = files[:args.limit]
    texts = []
    for name in files:
        with open(os.path.join(args.corpus_dir, name), encoding="utf-8", errors="replace") as f:
            texts.append(f.read())
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    for suffix in ("", "-wal", "-journal"):
        if os.path.exists(args.db + suffix):
            os.remove(args.db + suffix)
    db = sqlite3.connect(args.db)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(body, tokenize='trigram')")
    start, cpu_start = time.perf_counter(), time.process_time()
    with db:
        db.executemany("INSERT INTO docs(body) VALUES (?)", ((t,) for t in texts))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    start = time.perf_counter()
    db.execute("INSERT INTO docs(docs) VALUES ('optimize')")
    db.commit()
    optimize_seconds = time.perf_counter() - start
    size = os.path.getsize(args.db)
    print(f"fts5_bench: SQLite {sqlite3.sqlite_version}, {len(texts)} reports, {mb:.1f} MB, "
          f"built in {seconds:.1f} s, optimize {optimize_seconds:.1f} s", file=sys.stderr)
    result("index", "SQLite FTS5 trigram", reports=len(texts), mb=mb, seconds=seconds,
           mb_per_s=mb / seconds, cpu_s=cpu, reports_per_s=len(texts) / seconds, facts=0, errors=0,
           concurrency=1, bytes_on_disk=size, bytes_per_report=size / max(1, len(texts)))

    queries = read_queries(args.terms_file)
    compiled = [to_sql(q) for q in queries]
    indexed = [c for c in compiled if c[2]]
    scans = [c for c in compiled if not c[2]]
    rng = random.Random(args.seed)
    for row, pool in (("Search c=1", indexed), ("Search c=1 short terms (scan)", scans)):
        if not pool:
            continue
        for sql, params, _ in pool[:20]:  # warm-up: page cache and statement cache
            db.execute(sql, params).fetchall()
        latencies, hits = [], 0
        deadline = time.perf_counter() + args.max_seconds
        start = time.perf_counter()
        while len(latencies) < args.requests and time.perf_counter() < deadline:
            sql, params, _ = rng.choice(pool)
            t0 = time.perf_counter()
            hits += len(db.execute(sql, params).fetchall())
            latencies.append((time.perf_counter() - t0) * 1e3)
        elapsed = time.perf_counter() - start
        result("fts5", row, requests=len(latencies), errors=0, p50_ms=percentile(latencies, 50),
               p99_ms=percentile(latencies, 99), qps=len(latencies) / elapsed,
               mean_results=hits / max(1, len(latencies)))
    db.close()


if __name__ == "__main__":
    main()
