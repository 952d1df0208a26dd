#!/usr/bin/env python3
"""Ranking quality on the Reuters topic queries (issue 30): newsgrep against whole-article BM25.

    bench/relevance.py [--binary target/release/newsgrep] [--workdir /tmp/newsgrep-relevance]
                       [--reindex] [--queries ../shared/eval/relevance/reuters-queries-dev.tsv]

Unpacks ../shared/bench/reuters.tar.gz under the work folder (never into the repository), builds
a newsgrep index of it (once; --reindex builds it again, as after a format change), runs every
query with `search --format jsonl --limit 200 --no-update`, keeps each article once in the order
of its best passage, and scores the first ten articles against the Reuters editors' topics
(../shared/eval/relevance/): precision at 10 and nDCG@10 (binary gains), per query and averaged.

The baseline is whole-article BM25 over the same files, each article one document of the
`en_stem` tokenizer, with the `tantivy` package from PyPI (`pip install tantivy`), in the same
run. The queries are split by their line number into a tuning half (odd lines: 16 queries) and a
held-out half (even lines: 15 queries); figures are given for both, and a ranking change is
tuned on the first half only and checked on the second. `--split halves` splits them another
way (the first 16 queries against the last 15), to see that a rule is not fitted to one split.

Python 3 standard library plus `tantivy`.
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tarfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SHARED = os.path.join(os.path.dirname(REPO), "shared")
DEPTH = 10


def unpack(archive, workdir):
    corpus = os.path.join(workdir, "reuters")
    if not os.path.isdir(corpus):
        os.makedirs(workdir, exist_ok=True)
        with tarfile.open(archive) as tar:
            tar.extractall(workdir, filter="data")
    return corpus


def read_queries(path):
    queries = []
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            line = line.rstrip("\n")
            if line:
                query, topic = line.split("\t")
                queries.append((query, topic))
    return queries


def relevant_sets(path, queries):
    with open(path, encoding="utf-8") as f:
        topics = json.load(f)
    wanted = {topic for _, topic in queries}
    rel = {topic: set() for topic in wanted}
    for name, labels in topics.items():
        for topic in labels:
            if topic in rel:
                rel[topic].add(name)
    return rel


def newsgrep_ranking(binary, index, query, limit=200, extra=()):
    out = subprocess.run(
        [binary, "--index", index, "search", "--format", "jsonl", "--limit", str(limit),
         "--no-update", *extra, query],
        capture_output=True, text=True, check=False,
    )
    if out.returncode not in (0, 1):
        sys.exit(f"newsgrep failed on {query!r}: {out.stderr}")
    seen, ranked = set(), []
    for line in out.stdout.splitlines():
        line = line.strip()
        if not line.startswith("{"):
            continue
        hit = json.loads(line)
        path = hit.get("path")
        if path is None:
            continue
        name = os.path.basename(path)
        if name not in seen:
            seen.add(name)
            ranked.append(name)
    return ranked


def bm25_searcher(corpus, workdir):
    import tantivy

    path = os.path.join(workdir, "bm25-index")
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("name", stored=True, tokenizer_name="raw")
    builder.add_text_field("body", stored=False, tokenizer_name="en_stem")
    schema = builder.build()
    fresh = not os.path.isdir(path)
    os.makedirs(path, exist_ok=True)
    index = tantivy.Index(schema, path=path)
    if fresh:
        writer = index.writer(heap_size=100_000_000, num_threads=1)
        for name in sorted(os.listdir(corpus)):
            with open(os.path.join(corpus, name), encoding="utf-8", errors="replace") as f:
                writer.add_document(tantivy.Document(name=name, body=f.read()))
        writer.commit()
        writer.wait_merging_threads()
    index.reload()
    return index


def bm25_ranking(index, query):
    import tantivy

    searcher = index.searcher()
    # Every word of the query may match (OR), as a BM25 engine does by default.
    parsed = index.parse_query(query, ["body"])
    hits = searcher.search(parsed, DEPTH).hits
    return [searcher.doc(address)["name"][0] for _, address in hits]


def precision(ranked, rel):
    top = ranked[:DEPTH]
    return sum(1 for name in top if name in rel) / DEPTH


def ndcg(ranked, rel):
    dcg = sum(1 / math.log2(i + 2) for i, name in enumerate(ranked[:DEPTH]) if name in rel)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(DEPTH, len(rel))))
    return dcg / ideal if ideal else 0.0


def mean(values):
    return sum(values) / len(values) if values else 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=os.path.join(REPO, "target", "release", "newsgrep"))
    ap.add_argument("--workdir", default="/tmp/newsgrep-relevance")
    ap.add_argument("--archive", default=os.path.join(SHARED, "bench", "reuters.tar.gz"))
    ap.add_argument("--queries",
                    default=os.path.join(SHARED, "eval", "relevance", "reuters-queries-dev.tsv"))
    ap.add_argument("--topics",
                    default=os.path.join(SHARED, "eval", "relevance", "reuters-topics-dev.json"))
    ap.add_argument("--reindex", action="store_true", help="build the newsgrep index again")
    ap.add_argument("--no-baseline", action="store_true", help="skip whole-article BM25")
    ap.add_argument("--show", action="store_true", help="print the top ten of each query")
    ap.add_argument("--split", choices=["parity", "halves"], default="parity",
                    help="tune/held-out split: odd/even lines (the one tuned on), or the first "
                         "16 queries against the last 15 (a second check that a rule generalises)")
    ap.add_argument("--search-arg", action="append", default=[],
                    help="an extra argument for `newsgrep search` (e.g. --dedup); repeatable")
    args = ap.parse_args()

    corpus = unpack(args.archive, args.workdir)
    index = os.path.join(args.workdir, "newsgrep-index")
    if args.reindex or not os.path.isdir(index):
        subprocess.run([args.binary, "--index", index, "index", "--rebuild", corpus],
                       check=True, stdout=subprocess.DEVNULL)
    queries = read_queries(args.queries)
    rel = relevant_sets(args.topics, queries)
    bm25 = None if args.no_baseline else bm25_searcher(corpus, args.workdir)

    rows = []
    for i, (query, topic) in enumerate(queries):
        if args.split == "parity":
            half = "tune" if i % 2 == 0 else "held-out"
        else:
            half = "tune" if i < (len(queries) + 1) // 2 else "held-out"
        ours = newsgrep_ranking(args.binary, index, query, extra=args.search_arg)
        row = {"query": query, "half": half,
               "p10": precision(ours, rel[topic]), "ndcg": ndcg(ours, rel[topic])}
        if bm25 is not None:
            theirs = bm25_ranking(bm25, query)
            row["bm25_p10"] = precision(theirs, rel[topic])
            row["bm25_ndcg"] = ndcg(theirs, rel[topic])
        if args.show:
            marks = " ".join(("+" if n in rel[topic] else "-") + n for n in ours[:DEPTH])
            print(f"# {query}: {marks}")
        rows.append(row)

    print(f"| query | half | newsgrep P@10 | nDCG@10 | BM25 P@10 | nDCG@10 |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['query']} | {r['half']} | {r['p10']:.1f} | {r['ndcg']:.3f} | "
              f"{r.get('bm25_p10', float('nan')):.1f} | {r.get('bm25_ndcg', float('nan')):.3f} |")
    print()
    print("| set | queries | newsgrep P@10 | newsgrep nDCG@10 | BM25 P@10 | BM25 nDCG@10 |")
    print("|---|---|---|---|---|---|")
    for name, part in (("tune", [r for r in rows if r["half"] == "tune"]),
                       ("held-out", [r for r in rows if r["half"] == "held-out"]),
                       ("all dev", rows)):
        print(f"| {name} | {len(part)} | {mean([r['p10'] for r in part]):.3f} | "
              f"{mean([r['ndcg'] for r in part]):.3f} | "
              f"{mean([r.get('bm25_p10', 0) for r in part]):.3f} | "
              f"{mean([r.get('bm25_ndcg', 0) for r in part]):.3f} |")


if __name__ == "__main__":
    main()
