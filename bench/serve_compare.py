#!/usr/bin/env python3
"""The server time of a search page for several builds of newsgrep, side by side.

    bench/serve_compare.py INDEX ROUNDS PER_ROUND NAME=BIN [NAME=BIN ...] [--path P ...]

Starts `BIN serve --no-watch --refresh 0` for each build on the same INDEX (made beforehand
with `newsgrep --index INDEX index CORPUS`; bench/scale.py shows how the 190k corpus is made)
and, per request path, runs ROUNDS rounds of PER_ROUND requests to each build, the builds'
order swapped every round, so that the load of a shared machine falls on all of them alike.
A round's figure is the server's CPU time (user+sys, /proc, 10 ms ticks) over its requests
divided by PER_ROUND; printed are the median and range of the rounds, and the median wall
time of all the requests. The builds' answers are compared byte for byte. Python 3 only.
"""

import argparse
import os
import re
import statistics
import subprocess
import tempfile
import time
import urllib.request

PATHS = [
    "/?q=oil",
    "/?q=bank+OR+banks",
    "/?q=bank+OR+banks&tab=kwic",
    "/?q=%22crude+oil%22",
    "/?q=said",
    "/api/count?q=said&by=month",
]
TICK = os.sysconf("SC_CLK_TCK")


def start(name, binary, index, logs):
    log = open(os.path.join(logs, name + ".log"), "w+")
    server = subprocess.Popen(
        [binary, "--index", index, "serve", "--port", "0", "--refresh", "0", "--no-watch"],
        stdout=subprocess.DEVNULL, stderr=log)
    while True:
        log.seek(0)
        found = re.search(r"serving (http\S+)/", log.read())
        if found:
            return name, server, found.group(1)
        if server.poll() is not None:
            raise SystemExit(f"{name}: the server stopped (see {log.name})")
        time.sleep(0.2)


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def fetch(url):
    started = time.perf_counter()
    body = urllib.request.urlopen(url).read()
    return (time.perf_counter() - started) * 1000, body


def main():
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("index")
    args.add_argument("rounds", type=int)
    args.add_argument("per_round", type=int)
    args.add_argument("builds", nargs="+", help="NAME=BIN")
    args.add_argument("--path", action="append", help="a request path (repeatable)")
    a = args.parse_args()
    logs = tempfile.mkdtemp(prefix="serve-compare-")
    servers = []
    try:
        for build in a.builds:
            name, binary = build.split("=", 1)
            servers.append(start(name, os.path.realpath(binary), a.index, logs))
        print("| request | build | server CPU ms/page, median of rounds (range) | wall ms, median |")
        print("|---|---|---|---|")
        for path in a.path or PATHS:
            cpu = {name: [] for name, _, _ in servers}
            wall = {name: [] for name, _, _ in servers}
            answers = set()
            for name, _, base in servers:
                fetch(base + path)
                answers.add(fetch(base + path)[1])
            for r in range(a.rounds):
                for name, server, base in servers if r % 2 == 0 else servers[::-1]:
                    before = cpu_seconds(server.pid)
                    for _ in range(a.per_round):
                        wall[name].append(fetch(base + path)[0])
                    cpu[name].append((cpu_seconds(server.pid) - before) * 1000 / a.per_round)
            for name, _, _ in servers:
                c = cpu[name]
                print(f"| `{path}` | {name} | {statistics.median(c):.1f} ({min(c):.1f}-{max(c):.1f})"
                      f" | {statistics.median(wall[name]):.1f} |", flush=True)
            if len(servers) > 1:
                print(f"<!-- {path}: the builds' answers are "
                      f"{'identical' if len(answers) == 1 else 'DIFFERENT'} -->", flush=True)
    finally:
        for _, server, _ in servers:
            server.terminate()


if __name__ == "__main__":
    main()
