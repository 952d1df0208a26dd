#!/usr/bin/env python3
"""Two newsgrep executables side by side, with ripgrep beside: the whole-command searches of
bench/run.py (its query mix, `--all`/`--count`, quotes), each command of the two builds and
`rg -i -F` timed by hyperfine in the same round, the order turned round every round.

    bench/builds.py OLD NEW [--corpus reuters|wiki|PATH] [--rounds N] [--runs N] [--work DIR]

For weighing a build change (a profile, a linker flag, a dependency's features) where the
machine is loaded: each round gives every command's median wall time and its mean CPU time
(user + system); the report gives, per command, the median over the rounds, and the ratio
NEW/OLD of both. Each executable indexes the corpus into its own folder under --work first
(their index formats may differ). Needs hyperfine and rg; Python 3 standard library only.
"""

import argparse
import math
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import (  # noqa: E402
    ALL_QUERIES, CORPORA, QUERIES, QUOTE_WORDS, SHARED, have, hyperfine_cpu, log, machine,
    quotes_from, warm,
)


def corpus_folder(name, work):
    """The corpus folder: PATH as it is, or a shared corpus unpacked under `work` once."""
    if name not in CORPORA:
        return Path(name)
    folder = work / name
    if not folder.exists():
        log(f"unpacking {CORPORA[name]} into {work}")
        with tarfile.open(SHARED / CORPORA[name]) as tar:
            tar.extractall(work, filter="data")
    return folder


def commands(corpus, files):
    """(name, newsgrep arguments after --index, rg argv or None) of each whole command."""
    rg = ["rg", "-i", "-F", "--no-heading", "--color", "never"]
    out = []
    for name, _, q, pattern in QUERIES:
        out.append((name, ["search", q], rg + [pattern, str(corpus)] if pattern else None))
    out.append(("term rare, --no-update", ["search", "--no-update", "zanzibar"], None))
    out.append(("term common, --no-update", ["search", "--no-update", "said"], None))
    for name, q, pattern in ALL_QUERIES:
        out.append((name, ["search", "--all", q], rg + [pattern, str(corpus)]))
        out.append((name.replace("--all", "--count"), ["search", "--count", q],
                    rg + ["-c", pattern, str(corpus)]))
    for n, text in quotes_from(files, QUOTE_WORDS).items():
        out.append((f"quote {n} words", ["quote", text], rg + [text, str(corpus)]))
    return out


def geomean(xs):
    xs = [x for x in xs if x and x > 0]
    return math.exp(sum(map(math.log, xs)) / len(xs)) if xs else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("old", type=Path, help="the baseline executable")
    ap.add_argument("new", type=Path, help="the executable weighed against it")
    ap.add_argument("--corpus", default="wiki", help="reuters, wiki or a folder (default wiki)")
    ap.add_argument("--rounds", type=int, default=5, help="rounds (default 5)")
    ap.add_argument("--runs", type=int, default=10,
                    help="timed runs of each command per round, after 2 warm-ups (default 10)")
    ap.add_argument("--work", type=Path, help="folder for the corpus and the indexes (default: "
                    "a new one under /tmp, kept)")
    args = ap.parse_args()
    for tool in ("hyperfine", "rg"):
        if not have(tool):
            sys.exit(f"bench/builds.py: {tool} not found on PATH")
    work = args.work or Path(tempfile.mkdtemp(prefix="newsgrep-builds-", dir="/tmp"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = corpus_folder(args.corpus, work).resolve()
    files = sorted(corpus.rglob("*.txt"))
    builds = {"old": args.old.resolve(), "new": args.new.resolve()}
    ng = {}
    for label, exe in builds.items():
        index = work / f"idx-{label}-{corpus.name}"
        ng[label] = [str(exe), "--index", str(index), "--color", "never"]
        log(f"{label}: indexing {corpus} into {index}")
        subprocess.run(ng[label] + ["index", str(corpus)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    whole = commands(corpus, files)
    # A command one build refuses (exit 2) is left out for both.
    for name, argv, _ in list(whole):
        for label in builds:
            if subprocess.run(ng[label] + argv, capture_output=True).returncode == 2:
                log(f"{name}: {label} exits 2, left out")
                whole = [w for w in whole if w[0] != name]
                break
    # times[name][label] = [(wall ms, cpu ms) of each round]
    times = {name: {"old": [], "new": [], "rg": []} for name, _, _ in whole}
    for r in range(args.rounds):
        log(f"round {r + 1}/{args.rounds}")
        warm(files)
        for name, argv, rg in whole:
            cmds = [("old", ng["old"] + argv), ("new", ng["new"] + argv)]
            if rg:
                cmds.append(("rg", rg))
            if r % 2:
                cmds.reverse()
            for (label, _), measured in zip(cmds, hyperfine_cpu([c for _, c in cmds], args.runs)):
                times[name][label].append(measured)

    def med(name, label, i):
        xs = [m[i] for m in times[name][label]]
        return statistics.median(xs) if xs else None

    def ms(x):
        return "" if x is None else (f"{x:.1f}" if x < 100 else f"{x:.0f}")

    lines = [f"### {corpus.name}: {len(files):,} files, whole commands, OLD `{builds['old']}` vs "
             f"NEW `{builds['new']}`\n",
             f"Machine: {machine()}. Medians over {args.rounds} rounds of each command's median "
             f"wall time and mean CPU time (user + system) of {args.runs} runs, the three commands "
             f"of a row run side by side in each round, in turns.\n",
             "| command | old wall ms | new wall ms | new/old wall | old CPU ms | new CPU ms "
             "| new/old CPU | rg wall ms | rg CPU ms |",
             "|---|---|---|---|---|---|---|---|---|"]
    wall_ratios, cpu_ratios = [], []
    for name, _, _ in whole:
        ow, nw, oc, nc = med(name, "old", 0), med(name, "new", 0), med(name, "old", 1), med(name, "new", 1)
        wall_ratios.append(nw / ow)
        cpu_ratios.append(nc / oc)
        lines.append(f"| {name} | {ms(ow)} | {ms(nw)} | {nw / ow:.2f} | {ms(oc)} | {ms(nc)} "
                     f"| {nc / oc:.2f} | {ms(med(name, 'rg', 0))} | {ms(med(name, 'rg', 1))} |")
    lines.append(f"| **geometric mean of the ratios** | | | **{geomean(wall_ratios):.3f}** | | "
                 f"| **{geomean(cpu_ratios):.3f}** | | |")
    text = "\n".join(lines) + "\n"
    print(text, flush=True)
    log(f"corpus and indexes kept in {work}")


if __name__ == "__main__":
    main()
