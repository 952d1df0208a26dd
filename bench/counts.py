#!/usr/bin/env python3
"""The counts benchmark (issues 31, 32, 29): counts, comparisons, collocates and the search
page of a common word, two builds side by side.

    python3 bench/counts.py --corpus DIR --base OLD_NEWSGREP [--new NEW_NEWSGREP]
                            [--work DIR] [--runs N] [--serve-runs N]

Each build indexes DIR into its own index under --work (default: a new folder under /tmp,
never the repository; an index already there is brought up to date, not rebuilt), since two
builds of different schema versions cannot share one. Then, one build after the other for
each run (so that the machine's load falls on both alike), the whole commands with
--no-update:

  * `search said --count`, `search said --count --by month`,
  * `compare oil gold --by month`, `collocates said`;

and, with `serve` started by each build on a free port, the search page `/?q=oil` and
`/?q=bank+OR+banks` and `/api/count?q=said&by=month`, timed as a client sees them.

Prints a markdown table: median wall time and median CPU time (user + system, the work
itself: on a shared machine the wall time is mostly the wait for a core) of each build, and
the ratio. The outputs of both builds are compared too (a count that changed is reported).
Python 3 standard library only. Run from a release build (see docs/benchmarks.md).
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

COMMANDS = {
    "search said --count": ["search", "said", "--count", "--format", "json"],
    "search said --count --by month": ["search", "said", "--count", "--by", "month",
                                       "--format", "json"],
    "compare oil gold --by month": ["compare", "oil", "gold", "--by", "month",
                                    "--format", "json"],
    "collocates said": ["collocates", "said", "--format", "json"],
}

PAGES = ["/?q=oil", "/?q=bank+OR+banks", "/api/count?q=said&by=month"]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run(cmd, cwd):
    """(wall s, CPU s, stdout) of one run of `cmd`."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"failed: {' '.join(map(str, cmd))}")
    return wall, usage.ru_utime + usage.ru_stime, out


def index(newsgrep, idx, corpus, cwd):
    wall, cpu, _ = run([newsgrep, "--index", idx, "index", corpus], cwd)
    log(f"{newsgrep}: indexed in {wall:.1f} s ({cpu:.1f} s CPU)")


def cpu_of(pid):
    """User + system seconds a process has used so far (from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def serve(newsgrep, idx, cwd):
    log_file = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)
    proc = subprocess.Popen([newsgrep, "--index", idx, "serve", "--port", "0", "--refresh",
                             "0"], cwd=cwd, stdout=subprocess.DEVNULL, stderr=log_file)
    for _ in range(600):
        text = Path(log_file.name).read_text()
        found = re.search(r"serving (http://\S+)/", text)
        if found:
            return proc, found.group(1)
        time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"{newsgrep} serve did not start: {Path(log_file.name).read_text()}")


def fetch(base, path, pid):
    start = time.perf_counter()
    cpu = cpu_of(pid)
    try:
        with urllib.request.urlopen(base + path, timeout=60) as response:
            body = response.read()
    except urllib.error.HTTPError as e:
        # A page not ready in the server's time limit is cut with a 503: timed as it is.
        body = f"HTTP {e.code}".encode()
    return time.perf_counter() - start, cpu_of(pid) - cpu, body


def median_ms(xs):
    return statistics.median(xs) * 1000


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", required=True, type=Path)
    ap.add_argument("--base", required=True, type=Path, help="the build to compare against")
    ap.add_argument("--new", type=Path, default=REPO / "target/release/newsgrep")
    ap.add_argument("--work", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--serve-runs", type=int, default=10)
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="newsgrep-counts-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = args.corpus.resolve()
    builds = {"base": args.base.resolve(), "new": args.new.resolve()}
    idx = {name: str(work / f"idx-{name}") for name in builds}
    for name, newsgrep in builds.items():
        index(newsgrep, idx[name], corpus, work)
    rows = []
    for label, cmd in COMMANDS.items():
        times = {name: ([], []) for name in builds}
        outs = {}
        for i in range(args.runs + 1):
            for name, newsgrep in builds.items():
                wall, cpu, out = run([newsgrep, "--index", idx[name], cmd[0], "--no-update",
                                      *cmd[1:]], work)
                outs[name] = out
                if i > 0:  # the first run warms the page cache
                    times[name][0].append(wall)
                    times[name][1].append(cpu)
        same = outs["base"] == outs["new"]
        rows.append((label, times, same))
        log(f"{label}: " + ", ".join(
            f"{n} {median_ms(t[0]):.0f} ms ({median_ms(t[1]):.0f} ms CPU)"
            for n, t in times.items()) + ("" if same else "  OUTPUTS DIFFER"))
    servers = {name: serve(newsgrep, idx[name], work) for name, newsgrep in builds.items()}
    try:
        for path in PAGES:
            times = {name: ([], []) for name in builds}
            outs = {}
            for i in range(args.serve_runs + 1):
                for name, (proc, base) in servers.items():
                    wall, cpu, body = fetch(base, path, proc.pid)
                    outs[name] = body
                    if i > 0:
                        times[name][0].append(wall)
                        times[name][1].append(cpu)
            same = outs["base"] == outs["new"] if path.startswith("/api") else None
            rows.append((f"serve {path}", times, same))
            log(f"serve {path}: " + ", ".join(
                f"{n} {median_ms(t[0]):.0f} ms ({median_ms(t[1]):.0f} ms CPU)"
                for n, t in times.items()))
    finally:
        for proc, _ in servers.values():
            proc.kill()
    files = sum(1 for _ in corpus.rglob("*") if _.is_file())
    print(f"\n{files:,} files in {corpus}; median of {args.runs} runs (serve: "
          f"{args.serve_runs} requests) after one warm-up, builds alternating.\n")
    print("| command | base wall | base CPU | new wall | new CPU | wall ratio | same output |")
    print("|---|---|---|---|---|---|---|")
    for label, times, same in rows:
        (bw, bc), (nw, nc) = ([median_ms(x) for x in times[n]] for n in ("base", "new"))
        same_text = "-" if same is None else ("yes" if same else "**no**")
        print(f"| `{label}` | {bw:.0f} ms | {bc:.0f} ms | {nw:.0f} ms | {nc:.0f} ms | "
              f"{bw / nw:.1f}x | {same_text} |")


if __name__ == "__main__":
    main()
