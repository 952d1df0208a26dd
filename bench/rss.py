#!/usr/bin/env python3
"""Runs a command and samples its memory every 0.25 s (issue 29: what grows while indexing).

    python3 bench/rss.py LOG COMMAND [ARGS...]

Writes to LOG one line per sample: seconds since the start, then the RSS, its anonymous and
file-mapped parts and the high-water mark, in MB, read from /proc/PID/status (Linux). Prints
the command's exit code, wall and CPU time (user + sys, getrusage), its peak RSS, and the
parts of the largest sample: anonymous memory is the process's own (buffers, per-file
records), file-mapped memory is index files read through memory maps (merges). Sampling can
miss a peak shorter than 0.25 s; the high-water mark does not. Python 3 standard library.
"""

import resource
import subprocess
import sys
import time


def sample(pid):
    """{field: MB} of the process's memory, or None once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            lines = f.read().splitlines()
    except OSError:
        return None
    fields = ("VmRSS", "RssAnon", "RssFile", "VmHWM")
    return {line.split(":")[0]: int(line.split()[1]) // 1024
            for line in lines if line.startswith(fields)}


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    started = time.time()
    proc = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = {}
    with open(sys.argv[1], "w", buffering=1) as log:
        while proc.poll() is None:
            s = sample(proc.pid)
            if s:
                log.write(f"{time.time() - started:.1f} rss={s.get('VmRSS', 0)} "
                          f"anon={s.get('RssAnon', 0)} file={s.get('RssFile', 0)} "
                          f"hwm={s.get('VmHWM', 0)}\n")
                if s.get("VmRSS", 0) > peak.get("VmRSS", 0):
                    peak = s
            time.sleep(0.25)
        err = proc.stderr.read().decode(errors="replace")
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        summary = (f"rc={proc.returncode} wall={time.time() - started:.1f}s "
                   f"cpu={usage.ru_utime + usage.ru_stime:.1f}s "
                   f"maxrss={usage.ru_maxrss // 1024}MB largest sample: "
                   f"rss={peak.get('VmRSS', 0)} anon={peak.get('RssAnon', 0)} "
                   f"file={peak.get('RssFile', 0)}")
        log.write(summary + "\n" + err[-2000:])
    print(summary)


if __name__ == "__main__":
    main()
