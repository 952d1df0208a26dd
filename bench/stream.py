#!/usr/bin/env python3
"""Streaming output (issue 34): `newsgrep search WORD --all | head -1` against the same search
read to the end, side by side, alternating which goes first; medians of N runs.

    bench/stream.py [--corpus reuters|wiki] [--runs N] [--newsgrep PATH] [--work DIR]

Without --newsgrep it builds with `cargo build --release`. The corpus is unpacked from
../shared/bench into --work (a temporary folder by default) and indexed once."""

import argparse
import statistics
import subprocess
import tarfile
import tempfile
import time
from pathlib import Path

from built import release_executables

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "bench"
CORPORA = {"reuters": ("reuters.tar.gz", "reuters"), "wiki": ("wiki-100mb.tar.gz", "wiki")}
# A common word (thousands of hits) and a middling one.
WORDS = ("said", "oil")


def wall(cmd):
    """Wall seconds of a shell command, its output thrown away."""
    start = time.perf_counter()
    subprocess.run(cmd, shell=True, check=False, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="reuters", choices=CORPORA)
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--newsgrep")
    ap.add_argument("--work")
    args = ap.parse_args()
    newsgrep = args.newsgrep or release_executables(REPO, "--bin", "newsgrep")["newsgrep"]
    work = Path(args.work or tempfile.mkdtemp(prefix="newsgrep-stream-"))
    archive, folder = CORPORA[args.corpus]
    corpus = work / folder
    if not corpus.is_dir():
        with tarfile.open(SHARED / archive) as tar:
            tar.extractall(work, filter="data")
    index = work / f"index-{folder}"
    subprocess.run([str(newsgrep), "--index", str(index), "index", str(corpus)], check=True,
                   stderr=subprocess.DEVNULL)
    ng = f"{newsgrep} --index {index} --color never search"
    print(f"| `search WORD --all` on {args.corpus} | matching articles | read to the end | `\\| head -1` | ratio |")
    print("|---|---|---|---|---|")
    for word in WORDS:
        hits = subprocess.run(f"{ng} {word} --count --format csv", shell=True,
                              capture_output=True, text=True).stdout.count("\n") - 1
        full_cmd, head_cmd = f"{ng} {word} --all > /dev/null", f"{ng} {word} --all | head -1"
        full, head = [], []
        for r in range(args.runs + 1):
            pair = [(full, full_cmd), (head, head_cmd)]
            for times, cmd in pair if r % 2 == 0 else reversed(pair):
                t = wall(cmd)
                if r > 0:  # the first round warms the cache
                    times.append(t)
        f, h = statistics.median(full) * 1000, statistics.median(head) * 1000
        print(f"| `{word}` | {hits} | {f:.1f} ms | {h:.1f} ms | {f / h:.1f}x |")


if __name__ == "__main__":
    main()
