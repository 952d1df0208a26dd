#!/usr/bin/env python3
"""Whole-command time of ranked searches: two newsgrep builds side by side (issue 30).

    bench/ranked_speed.py --base BASE_BINARY --new NEW_BINARY --corpus DIR
                          [--workdir /tmp/newsgrep-ranked-speed] [--runs 15]

Each binary indexes the corpus into its own folder under the work folder (never into the
repository or the corpus), then every query of the mix runs as `newsgrep search --no-update`
(ranked, ten hits), the two binaries alternating run by run after two warm-ups each, so that
the machine's load falls on both alike. For each query: the median wall time and the median CPU
time (user + sys) of each binary, and their ratios new / base; then the medians of the ratios.

Python 3 standard library only.
"""

import argparse
import os
import resource
import statistics
import subprocess
import time

# Ranked searches of the kinds the ranking touches: one word (rare to common), several words
# (the proximity lift), a phrase, a title field.
QUERIES = [
    "said",
    "government",
    "coffee",
    "earthquake",
    "zanzibar",
    "oil prices",
    "central bank interest",
    '"central bank"',
    "title:oil",
]


def run(cmd):
    """Wall and CPU (user + sys) seconds of one run of `cmd`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", required=True, help="the newsgrep binary to compare against")
    ap.add_argument("--new", required=True, help="the newsgrep binary measured")
    ap.add_argument("--corpus", required=True, help="folder of articles (e.g. unpacked wiki)")
    ap.add_argument("--workdir", default="/tmp/newsgrep-ranked-speed")
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()

    binaries = {"base": args.base, "new": args.new}
    indexes = {}
    for name, binary in binaries.items():
        index = os.path.join(args.workdir, f"index-{name}")
        if not os.path.isdir(index):
            subprocess.run([binary, "--index", index, "index", args.corpus], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        indexes[name] = index

    def command(name, query):
        return [binaries[name], "--index", indexes[name], "search", "--no-update", query]

    print("| query | base wall ms | new wall ms | ratio | base CPU ms | new CPU ms | ratio |")
    print("|---|---|---|---|---|---|---|")
    wall_ratios, cpu_ratios = [], []
    for query in QUERIES:
        times = {"base": [], "new": []}
        for name in binaries:
            for _ in range(2):
                run(command(name, query))
        for _ in range(args.runs):
            for name in binaries:
                times[name].append(run(command(name, query)))
        wall = {n: statistics.median(t[0] for t in times[n]) * 1000 for n in times}
        cpu = {n: statistics.median(t[1] for t in times[n]) * 1000 for n in times}
        wall_ratios.append(wall["new"] / wall["base"])
        cpu_ratios.append(cpu["new"] / cpu["base"])
        print(f"| `{query}` | {wall['base']:.1f} | {wall['new']:.1f} | {wall_ratios[-1]:.2f} | "
              f"{cpu['base']:.1f} | {cpu['new']:.1f} | {cpu_ratios[-1]:.2f} |")
    print()
    print(f"median ratio new/base: wall {statistics.median(wall_ratios):.3f}, "
          f"CPU {statistics.median(cpu_ratios):.3f}")


if __name__ == "__main__":
    main()
