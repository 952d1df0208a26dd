#!/usr/bin/env python3
"""The scale benchmark (issue 29): how indexing and the costliest commands grow with the corpus.

    python3 bench/scale.py [--copies 1,10,30] [--runs N] [--query-runs N] [--work DIR]
                           [--newsgrep PATH] [--no-tantivy]

Unpacks ../shared/bench/reuters.tar.gz (19,043 files) into DIR (default: a new folder under
/tmp, never the repository) and makes corpora of 1, 10 and 30 copies of it, each copy a site
folder of hard links (`cp -al`): 19,043, 190,430 and 571,290 files. For each corpus it measures

  * `newsgrep index --rebuild` under /usr/bin/time -v: wall time, CPU time, peak RSS, MB/s of
    input (per wall and per CPU second), index size; beside it, when `tantivy` (tantivy-cli) is
    on PATH, `tantivy index` on the same text as NDJSON with the same threads and memory budget
    (the two tools take turns going first, from one corpus to the next);
  * with hyperfine (median of --query-runs runs after 2 warm-ups), the whole commands:
    `quote` of 20 and 40 words, `search --count` and `search --count --by month` of a common
    word (`said`), each with and without `--no-update`.

Prints a markdown table and writes it to bench/results-scale.md. The machine is shared: only
figures measured in one run compare. Python 3 standard library; needs /usr/bin/time and
hyperfine (see bench/run.py, which installs them).
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from built import release_executables  # noqa: E402
from run import (  # noqa: E402
    SHARED, TANTIVY_MEMORY, TANTIVY_THREADS, dir_bytes, have, hyperfine_cpu, log, machine,
    quotes_from, tantivy_meta, timed, warm,
)

REPO = Path(__file__).resolve().parent.parent
COMMON_WORD = "said"


def make_corpora(work, copies):
    """{copies: (folder, [files], input bytes)}: the Reuters corpus copied into site folders."""
    with tarfile.open(SHARED / "reuters.tar.gz") as tar:
        tar.extractall(work, filter="data")
    base = work / "reuters"
    files = sorted(base.glob("*.txt"))
    size = sum(f.stat().st_size for f in files)
    corpora = {}
    for n in copies:
        folder = work / f"copies-{n}"
        if not folder.exists():
            for i in range(n):
                site = folder / f"site{i:02}"
                site.mkdir(parents=True)
                for f in files:
                    os.link(f, site / f.name)
        corpora[n] = (folder, files, n * size)
    return corpora


def ndjson_of(work, n, files):
    """The corpus of n copies as tantivy-cli's input: one document a file."""
    out = work / f"copies-{n}.ndjson"
    if not out.exists():
        docs = [(f.name, f.read_bytes().decode("utf-8", errors="replace")) for f in files]
        with out.open("w", encoding="utf-8") as w:
            for i in range(n):
                for name, text in docs:
                    w.write(json.dumps({"path": f"site{i:02}/{name}", "body": text}) + "\n")
    return out


def bench_index(newsgrep, work, n, folder, files, runs, with_tantivy, turn):
    """Index runs of both tools on the corpus of n copies; `turn` (the corpus's place in the
    list) alternates which tool goes first from one corpus to the next as well as from one run
    to the next, so that with one run the same tool does not always go first."""
    out = {"newsgrep": [], "tantivy": []}
    ndjson = ndjson_of(work, n, files) if with_tantivy else None
    for r in range(runs):
        tools = ["newsgrep", "tantivy"] if with_tantivy else ["newsgrep"]
        if (r + turn) % 2:
            tools.reverse()
        for tool in tools:
            idx = Path(f"idx-{tool}-{n}")
            shutil.rmtree(idx, ignore_errors=True)
            if tool == "newsgrep":
                warm(p for p in folder.rglob("*.txt"))
                m = timed([str(newsgrep), "--index", str(idx), "index", "--rebuild", str(folder)])
            else:
                warm([ndjson])
                tantivy_meta(idx)
                m = timed(["tantivy", "index", "-i", str(idx), "-f", str(ndjson),
                           "-t", str(TANTIVY_THREADS), "-m", str(TANTIVY_MEMORY)])
            m["size"] = dir_bytes(idx)
            m["load"] = os.getloadavg()[0]
            del m["stderr"]
            out[tool].append(m)
            log(f"index {n} copies, run {r + 1}/{runs}, {tool}: {m['wall']:.1f} s, "
                f"{m['cpu_s']:.1f} s CPU, {m['rss_mb']:.0f} MB, {m['size'] / 1e6:.0f} MB index, "
                f"load {m['load']:.1f}")
    return out


def bench_commands(newsgrep, work, n, folder, files, query_runs):
    """Median ms of each whole command on the index of n copies (built by bench_index)."""
    idx = Path(f"idx-newsgrep-{n}")
    quotes = quotes_from(files, (20, 40))
    cmds = {}
    for words, quote in sorted(quotes.items()):
        cmds[f"quote, {words} words"] = ["quote", quote]
    cmds[f"search --count {COMMON_WORD}"] = ["search", "--count", COMMON_WORD]
    cmds[f"search --count --by month {COMMON_WORD}"] = ["search", "--count", "--by", "month",
                                                         COMMON_WORD]
    rows = {}
    for name, args in cmds.items():
        # Counts of a common word take seconds: fewer runs.
        runs = query_runs if args[0] == "quote" else max(3, query_runs // 4)
        whole = [str(newsgrep), "--index", str(idx), *args]
        # Runs from the folder the index was built in, as a user would (the corpus check
        # needs the corpus paths as recorded).
        bare = whole[:3] + [args[0], "--no-update", *args[1:]]
        (wall, cpu), (bare_wall, bare_cpu) = hyperfine_cpu([whole, bare], runs)
        rows[name] = (wall, cpu, bare_wall, bare_cpu)
        log(f"{n} copies, {name}: {wall:.0f} ms ({cpu:.0f} ms CPU), "
            f"--no-update {bare_wall:.0f} ms ({bare_cpu:.0f} ms CPU)")
    return rows


def fmt_s(x):
    return f"{x:.1f} s" if x >= 10 else f"{x:.2f} s"


def report(corpora, indexing, commands, build):
    copies = ", ".join(str(n) for n in corpora)
    lines = [
        f"## Scale: Reuters copied {copies} times (`bench/scale.py`)",
        "",
        f"{machine()}; {build}. Medians; the machine is shared, so only figures of one run "
        "compare. Nothing was tuned on these corpora.",
        "",
        "Indexing (`index --rebuild`; tantivy-cli: `tantivy index` of the same text as NDJSON, "
        f"{TANTIVY_THREADS} threads and {TANTIVY_MEMORY >> 20} MiB as newsgrep's writer); "
        "MB/s is input MB per second of wall and of CPU (user + sys); load is the 1-minute "
        "load average at the run's end:",
        "",
        "| files | input | tool | wall | CPU | MB/s wall / CPU | peak RSS | index size | load |",
        "|---:|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for n, (folder, files, size) in corpora.items():
        for tool, name in (("newsgrep", "newsgrep"), ("tantivy", "tantivy-cli")):
            ms = indexing[n][tool]
            if not ms:
                continue
            wall = statistics.median(m["wall"] for m in ms)
            cpu = statistics.median(m["cpu_s"] for m in ms)
            rss = max(m["rss_mb"] for m in ms)
            isize = statistics.median(m["size"] for m in ms)
            load = max(m["load"] for m in ms)
            lines.append(
                f"| {n * len(files):,} | {size / 1e6:.0f} MB | {name} | {fmt_s(wall)} "
                f"| {fmt_s(cpu)} | {size / 1e6 / wall:.1f} / {size / 1e6 / cpu:.1f} "
                f"| {rss:.0f} MB | {isize / 1e6:.0f} MB | {load:.1f} |")
    for n, rows in commands.items():
        lines += ["", f"Whole commands at {n * len(corpora[n][1]):,} files (hyperfine: median "
                  "wall ms, mean CPU ms; corpus check included / `--no-update`):", "",
                  "| command | wall | CPU | wall, --no-update | CPU |", "|---|---:|---:|---:|---:|"]
        for name, (wall, cpu, bare_wall, bare_cpu) in rows.items():
            lines.append(f"| `{name}` | {wall:.0f} | {cpu:.0f} | {bare_wall:.0f} | {bare_cpu:.0f} |")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", default="1,10,30")
    ap.add_argument("--runs", type=int, default=1, help="index runs per corpus")
    ap.add_argument("--query-runs", type=int, default=11)
    ap.add_argument("--query-copies", type=int, default=10,
                    help="the corpus the commands are timed on (10: 1.3 million passages)")
    ap.add_argument("--work", type=Path)
    ap.add_argument("--newsgrep", type=Path, help="use this binary instead of building one")
    ap.add_argument("--no-tantivy", action="store_true")
    args = ap.parse_args()
    copies = [int(c) for c in args.copies.split(",")]
    if args.newsgrep:
        newsgrep, build = args.newsgrep.resolve(), f"binary {args.newsgrep}"
    else:
        newsgrep = release_executables(REPO, "--bin", "newsgrep")["newsgrep"]
        build = "`cargo build --release`"
    with_tantivy = have("tantivy") and not args.no_tantivy
    if not with_tantivy:
        log("tantivy-cli is not on PATH (or --no-tantivy): newsgrep alone")
    work = args.work or Path(tempfile.mkdtemp(prefix="newsgrep-scale-", dir="/tmp"))
    work.mkdir(parents=True, exist_ok=True)
    corpora = make_corpora(work, copies)
    indexing, commands = {}, {}
    # From the work folder: the indexes record the corpus relative to it, as a user's would.
    os.chdir(work)
    for turn, (n, (folder, files, _)) in enumerate(corpora.items()):
        indexing[n] = bench_index(newsgrep, work, n, folder.relative_to(work), files,
                                  args.runs, with_tantivy, turn)
    # Every run's figures, for a rerun of one cell to be set beside the others.
    (work / "indexing.json").write_text(json.dumps(indexing, indent=1))
    q = args.query_copies if args.query_copies in corpora else max(copies)
    commands[q] = bench_commands(newsgrep, work, q, corpora[q][0], corpora[q][1],
                                 args.query_runs)
    text = report(corpora, indexing, commands, build)
    print(text)
    (REPO / "bench" / "results-scale.md").write_text(text)


if __name__ == "__main__":
    main()
