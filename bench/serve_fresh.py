#!/usr/bin/env python3
"""How soon `newsgrep serve` finds an article added to its corpus, and what keeping fresh costs
while nothing changes: the file watcher (the default) beside the periodic check alone (the
behaviour before the watcher, `--no-watch --refresh 5`), side by side in one run.

    bench/serve_fresh.py CORPUS_DIR [TRIALS]     e.g. bench/serve_fresh.py /tmp/data/reuters 7

CORPUS_DIR is only read: it is copied as hard links into a temporary folder, where the new
articles are written (new files only; no linked file is ever written). Uses the release binary
(build it first). Prints, per mode: the median and spread of the time from writing a new file to
the first /api/search answer that finds it (polled every 20 ms), the same for its removal, and the
server's CPU time (user+sys) and wall time over an idle minute.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

IDLE_SECONDS = 60
POLL = 0.02


def cpu_seconds(pid):
    """User+sys CPU seconds of process `pid` and its threads so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def total(base, word):
    with urllib.request.urlopen(f"{base}/api/search?q={word}&limit=0") as r:
        return json.load(r)["total"]


def wait_until(base, word, found, limit=120):
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if (total(base, word) > 0) == found:
            return time.monotonic() - started
        time.sleep(POLL)
    raise SystemExit(f"{word}: not {'found' if found else 'gone'} after {limit} s")


def run(binary, project, args, trials, tag):
    index = os.path.join(project, f"index-{tag}")
    shutil.rmtree(index, ignore_errors=True)
    subprocess.run([binary, "--index", index, "index", "corpus"], cwd=project, check=True,
                   stderr=subprocess.DEVNULL)
    log = open(os.path.join(project, f"log-{tag}"), "w+")
    server = subprocess.Popen([binary, "--index", index, "serve", "--port", "0", *args],
                              cwd=project, stderr=log)
    try:
        base = None
        while base is None:
            time.sleep(0.2)
            log.seek(0)
            for line in log:
                if line.startswith("newsgrep: serving "):
                    base = line.split()[-1].rstrip("/")
        time.sleep(2)
        cpu0, wall0 = cpu_seconds(server.pid), time.monotonic()
        time.sleep(IDLE_SECONDS)
        idle_cpu = cpu_seconds(server.pid) - cpu0
        idle_wall = time.monotonic() - wall0
        added, removed = [], []
        for i in range(trials):
            word = f"zqxfresh{tag}{i}"
            path = os.path.join(project, "corpus", f"zz_fresh_{tag}_{i}.txt")
            with open(path, "w") as f:
                f.write(f"Fresh note {i}\n\nThe {word} report came in today.\n")
            added.append(wait_until(base, word, True))
            os.remove(path)
            removed.append(wait_until(base, word, False))
            time.sleep(1)
        return added, removed, idle_cpu, idle_wall
    finally:
        server.terminate()
        server.wait()


def describe(times):
    return (f"{statistics.median(times) * 1000:.0f} ms "
            f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})")


def main():
    corpus = os.path.realpath(sys.argv[1])
    trials = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    binary = os.path.realpath(os.path.join(os.path.dirname(__file__), "..", "target",
                                           "release", "newsgrep"))
    with tempfile.TemporaryDirectory() as project:
        subprocess.run(["cp", "-al", corpus, os.path.join(project, "corpus")], check=True)
        files = len(os.listdir(os.path.join(project, "corpus")))
        print(f"corpus: {corpus} ({files} files), {trials} trials per mode\n")
        print("| mode | new article found | removed article gone | idle CPU (user+sys) per wall |")
        print("|---|---|---|---|")
        for tag, args, name in [
            ("poll", ["--no-watch", "--refresh", "5"], "check every 5 s, no watcher (before)"),
            ("watch", [], "watcher + check every 60 s (default)"),
        ]:
            added, removed, cpu, wall = run(binary, project, args, trials, tag)
            print(f"| {name} | {describe(added)} | {describe(removed)} | "
                  f"{cpu:.2f} s in {wall:.0f} s |", flush=True)


if __name__ == "__main__":
    main()
