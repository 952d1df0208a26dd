#!/usr/bin/env python3
"""The newsgrep benchmark (issue 6): indexing, queries and incremental updates, each figure
measured side by side with its peer in the same run and reported as medians of several runs.

    bench/run.sh [reuters|wiki|all] [--runs N] [--query-runs N]

Unpacks ../shared/bench/<corpus>.tar.gz into a temporary folder (never into the repository),
and compares:
  * indexing: `newsgrep index --rebuild` against tantivy-cli (`tantivy index`, same text as
    NDJSON, stored positioned en_stem body, same threads and memory budget) at 25, 50 and 100%
    of the corpus: wall time, MB/s of input, peak RSS, CPU use, index size / input size;
  * queries: a fixed mix of 30+ queries, in-process (examples/query_times.rs: p50, p95) and as a
    whole command (`newsgrep search`, warm cache) against `rg -i -F` over the same files;
  * incremental updates: one edited file, 100 added files, 100 removed files, nothing changed.

Prints a markdown report and writes it to bench/results-<corpus>.md. Python 3 standard library
only; needs /usr/bin/time, hyperfine, tantivy (tantivy-cli) and rg, and installs the missing ones
(apt-get for the first two, cargo install for the others).
"""

import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from built import release_executables

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "bench"
CORPORA = {"reuters": "reuters.tar.gz", "wiki": "wiki-100mb.tar.gz"}
FRACTIONS = (25, 50, 100)
# newsgrep's writer: 2 threads on this machine (min(cores, 4)) and 200 MB; tantivy-cli gets the same.
TANTIVY_THREADS = max(1, min(os.cpu_count() or 2, 4))
TANTIVY_MEMORY = 200 * 1024 * 1024

# The query mix: (name, kind, newsgrep query, rg pattern or None when grep has no equivalent).
# Words chosen to occur in both corpora (1987 newswire and Wikipedia), rare to very common.
QUERIES = [
    ("term common", "term", "said", "said"),
    ("term common 2", "term", "government", "government"),
    ("term mid", "term", "coffee", "coffee"),
    ("term mid 2", "term", "earthquake", "earthquake"),
    ("term rare", "term", "zanzibar", "zanzibar"),
    ("term rare 2", "term", "saxophone", "saxophone"),
    ("term stemmed", "term", "algorithms", "algorithms"),
    ("and 2 words", "and", "oil prices", None),
    ("and 2 words rare", "and", "coffee brazil", None),
    ("and 3 words", "and", "central bank interest", None),
    ("phrase 2", "phrase", '"central bank"', "central bank"),
    ("phrase 2 common", "phrase", '"united states"', "united states"),
    ("phrase 3", "phrase", '"the united states"', "the united states"),
    ("phrase rare", "phrase", '"coffee prices"', "coffee prices"),
    ("phrase slop", "phrase", '"bank rates"~3', None),
    ("near", "near", "NEAR(oil prices, 5)", None),
    ("or 2", "or", "coffee OR cocoa", None),
    ("or 3", "or", "gold OR silver OR copper", None),
    ("or grouped", "or", "(oil OR gas) prices", None),
    ("exclusion", "not", "oil -opec", None),
    ("exclusion NOT", "not", "bank NOT central", None),
    ("prefix", "prefix", "petro*", None),
    ("prefix short", "prefix", "in*", None),
    ("fuzzy 1", "fuzzy", "goverment~1", None),
    ("fuzzy 2", "fuzzy", "brazil~2", None),
    ("exact word", "exact", "=prices", None),
    ("field title", "field", "title:oil", None),
    ("field title + body", "field", "title:bank rates", None),
    ("field source", "field", "source:reuters oil", None),
    ("field path", "field", "path:*1.txt oil", None),
    ("field date", "field", "date:1987-03-01..1987-03-31 oil", None),
]
# Words for --all / --count: the rarest and the most common single terms of the mix.
ALL_QUERIES = [("--all rare", "zanzibar", "zanzibar"), ("--all common", "said", "said")]
QUOTE_WORDS = (20, 40)
# Timed runs of each whole command per round (after 2 warm-ups): a search takes 6-12 ms and
# this machine's noise moves single runs by a few ms, so the median needs more than ten.
WHOLE_RUNS = 20


def log(msg):
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def have(tool):
    return shutil.which(tool) is not None


def ensure_tools():
    if not Path("/usr/bin/time").exists():
        log("installing GNU time (apt-get)")
        run(["apt-get", "install", "-y", "time"], stdout=subprocess.DEVNULL)
    if not have("hyperfine"):
        log("installing hyperfine (apt-get)")
        subprocess.run(["apt-get", "install", "-y", "hyperfine"], stdout=subprocess.DEVNULL)
    missing = [c for t, c in (("tantivy", "tantivy-cli"), ("rg", "ripgrep")) if not have(t)]
    if missing:
        log(f"installing {' '.join(missing)} (cargo install; takes several minutes)")
        for crate in missing:
            # tantivy-cli 0.24's lock file pins traitobject 0.1.0, which rustc 1.9x rejects:
            # without --locked cargo takes the fixed 0.1.1 (same API, a patch release).
            if subprocess.run(["cargo", "install", "--locked", crate]).returncode != 0:
                log(f"{crate}: the locked build failed; trying the newest compatible versions")
                run(["cargo", "install", crate])
    for tool in ("tantivy", "rg"):
        if not have(tool):
            sys.exit(f"bench: {tool} not found on PATH after installing (is ~/.cargo/bin on PATH?)")
    log("building newsgrep (release) and examples/query_times")
    built = release_executables(REPO, "--bin", "newsgrep", "--example", "query_times")
    return built["newsgrep"], built["query_times"]


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def spread(xs, fmt):
    """'median (min–max)' of xs, formatted with fmt."""
    xs = [x for x in xs if x is not None]
    if not xs:
        return "n/a"
    if len(xs) == 1 or min(xs) == max(xs):
        return fmt.format(xs[0])
    return f"{fmt.format(statistics.median(xs))} ({fmt.format(min(xs))}–{fmt.format(max(xs))})"


def dir_bytes(path):
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def timed(cmd, **kw):
    """Runs cmd under /usr/bin/time -v: wall s, peak RSS MB, CPU %, user+sys s."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        proc = subprocess.run(
            ["/usr/bin/time", "-v", "-o", tf.name, *cmd],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            **kw,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"{cmd[0]} failed ({proc.returncode}): {proc.stderr[-2000:]}")
        stats = {}
        for line in Path(tf.name).read_text().splitlines():
            key, _, value = line.strip().rpartition(": ")
            stats[key] = value
    h, m, s = (["0", "0"] + stats["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":"))[-3:]
    return {
        "wall": int(h) * 3600 + int(m) * 60 + float(s),
        "rss_mb": int(stats["Maximum resident set size (kbytes)"]) / 1024,
        "cpu": int(stats["Percent of CPU this job got"].rstrip("%")),
        "cpu_s": float(stats["User time (seconds)"]) + float(stats["System time (seconds)"]),
        "stderr": proc.stderr,
    }


# ---------------------------------------------------------------- corpus preparation


def prepare_corpus(name, work):
    log(f"unpacking {CORPORA[name]} into {work}")
    with tarfile.open(SHARED / CORPORA[name]) as tar:
        tar.extractall(work, filter="data")
    full = work / name
    files = sorted(p for p in full.rglob("*.txt"))
    subsets = {100: full}
    for pct in FRACTIONS:
        if pct == 100:
            continue
        sub = work / f"{name}-{pct}"
        sub.mkdir()
        for f in files[: len(files) * pct // 100]:
            os.link(f, sub / f.name)
        subsets[pct] = sub
    ndjson = {}
    for pct, folder in subsets.items():
        out = work / f"{name}-{pct}.ndjson"
        with out.open("w", encoding="utf-8") as w:
            for f in sorted(folder.glob("*.txt")):
                text = f.read_bytes().decode("utf-8", errors="replace")
                w.write(json.dumps({"path": str(f), "body": text}) + "\n")
        ndjson[pct] = out
    return files, subsets, ndjson


def tantivy_meta(index_dir):
    """A tantivy-cli index folder: stored path, stored + positioned en_stem body."""
    index_dir.mkdir(parents=True)
    schema = [
        {"name": "path", "type": "text", "options": {"indexing": None, "stored": True}},
        {
            "name": "body",
            "type": "text",
            "options": {
                "indexing": {"record": "position", "fieldnorms": True, "tokenizer": "en_stem"},
                "stored": True,
            },
        },
    ]
    meta = {"index_settings": {"docstore_compression": "lz4", "docstore_blocksize": 16384},
            "segments": [], "schema": schema, "opstamp": 0}
    (index_dir / "meta.json").write_text(json.dumps(meta))


# ---------------------------------------------------------------- indexing


def warm(paths):
    """Reads every file of paths, so that a timed run finds its input in the page cache. The
    machine's kernel pages out file data left unread for about a minute (DAMON), and a corpus of
    19,000 small files read back from disk costs far more than one NDJSON file read ahead."""
    for path in paths:
        with open(path, "rb") as f:
            while f.read(1 << 20):
                pass


def bench_indexing(newsgrep, subsets, ndjson, work, runs):
    results = {pct: {"newsgrep": [], "tantivy": []} for pct in FRACTIONS}
    for r in range(runs):
        for pct in FRACTIONS:
            order = ["newsgrep", "tantivy"] if (r + pct // 25) % 2 == 0 else ["tantivy", "newsgrep"]
            for tool in order:
                out = work / f"idx-{tool}-{pct}"
                shutil.rmtree(out, ignore_errors=True)
                warm(sorted(subsets[pct].glob("*.txt")) if tool == "newsgrep" else [ndjson[pct]])
                if tool == "newsgrep":
                    m = timed([str(newsgrep), "--index", str(out), "index", "--rebuild",
                               str(subsets[pct])])
                else:
                    tantivy_meta(out)
                    m = timed(["tantivy", "index", "-i", str(out), "-f", str(ndjson[pct]),
                               "-t", str(TANTIVY_THREADS), "-m", str(TANTIVY_MEMORY)])
                m["size"] = dir_bytes(out)
                del m["stderr"]
                results[pct][tool].append(m)
                log(f"index run {r + 1}/{runs} {pct}% {tool}: {m['wall']:.2f} s, "
                    f"{m['rss_mb']:.0f} MB, {m['cpu']}% CPU")
    return results


# Bytes of file names one `newsgrep clean` gets, at most: well under Linux's 2 MB for the
# arguments and environment of a process.
CLEAN_ARG_BYTES = 1_000_000


def bench_clean_only(newsgrep, folder, work):
    """CPU seconds of `newsgrep clean` over every file (the cleaner alone), to split indexing
    CPU into cleaning and the rest. As few processes as the argument limit allows: each one
    counts the site lines of the whole folder first, as indexing does once."""
    files = sorted(str(p) for p in folder.glob("*.txt"))
    batches, batch, size = [], [], 0
    for f in files:
        if batch and size + len(f) + 1 > CLEAN_ARG_BYTES:
            batches.append(batch)
            batch, size = [], 0
        batch.append(f)
        size += len(f) + 1
    if batch:
        batches.append(batch)
    total = 0.0
    wall = 0.0
    for batch in batches:
        m = timed([str(newsgrep), "clean", "--format", "jsonl", *batch])
        total += m["cpu_s"]
        wall += m["wall"]
    return {"cpu_s": total, "wall": wall}


# ---------------------------------------------------------------- queries


def paragraphs(text):
    """Paragraphs of an article file as a reader sees them: a blank line or an indented line
    starts a new one (Reuters marks paragraphs by indentation), hard-wrapped lines are joined,
    and a long line is a paragraph of its own (Wikipedia: one paragraph a line)."""
    out, cur = [], []
    for line in text.splitlines()[1:]:
        if not line.strip() or line[:1].isspace() or len(line) > 200 or (cur and len(cur[-1]) > 200):
            if cur:
                out.append(" ".join(cur))
            cur = []
        if line.strip():
            cur.append(line.strip())
    if cur:
        out.append(" ".join(cur))
    return out


def quotes_from(files, words_wanted):
    """Quotes of `words_wanted` words from the corpus: from the first paragraph long enough, in
    the files from a third of the way into the sorted list on."""
    for f in files[len(files) // 3 :]:
        for para in paragraphs(f.read_text(encoding="utf-8", errors="replace")):
            words = para.split()
            # Quote marks inside would end the phrase query early.
            if len(words) >= max(words_wanted) + 10 and not any(c in para for c in '"“”&<>'):
                return {n: " ".join(words[5 : 5 + n]) for n in words_wanted}
    return {}


def has_command(newsgrep, args, word):
    out = subprocess.run([str(newsgrep), *args, "--help"], capture_output=True, text=True)
    return word in out.stdout


def hyperfine_cpu(commands, runs, warmup=2):
    """(median wall ms, mean CPU ms: user + system) of each command (a list of argv lists), run
    by hyperfine one after the other: on a loaded machine the wall time is mostly the wait for a
    core, the CPU time is the work."""
    with tempfile.NamedTemporaryFile("r", suffix=".json") as tf:
        cmd = ["hyperfine", "-N", "-i", "--style", "none", "--warmup", str(warmup),
               "--runs", str(runs), "--export-json", tf.name]
        cmd += [shlex.join(c) for c in commands]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        data = json.load(open(tf.name))
    return [(statistics.median(r["times"]) * 1000, (r["user"] + r["system"]) * 1000)
            for r in data["results"]]


def hyperfine(commands, runs, warmup=2):
    """Median wall ms of each command (a list of argv lists), run by hyperfine one after the other."""
    return [wall for wall, _ in hyperfine_cpu(commands, runs, warmup)]


def bench_queries(newsgrep, query_times, index_dir, corpus, files, runs, query_runs):
    has_quote = has_command(newsgrep, [], "quote")
    has_count = has_command(newsgrep, ["search"], "--count")
    quotes = quotes_from(files, QUOTE_WORDS)
    ng = [str(newsgrep), "--index", str(index_dir), "--color", "never"]
    rg = ["rg", "-i", "-F", "--no-heading", "--color", "never"]

    # Whole commands: (name, newsgrep argv or None, rg argv or None).
    whole = []
    for name, _, q, pattern in QUERIES:
        whole.append((name, ng + ["search", q], rg + [pattern, str(corpus)] if pattern else None))
    whole.append(("term rare, --no-update", ng + ["search", "--no-update", "zanzibar"], None))
    whole.append(("term common, --no-update", ng + ["search", "--no-update", "said"], None))
    for name, q, pattern in ALL_QUERIES:
        whole.append((name, ng + ["search", "--all", q], rg + [pattern, str(corpus)]))
        count_cmd = ng + ["search", "--count", q] if has_count else None
        whole.append((name.replace("--all", "--count"), count_cmd, rg + ["-c", pattern, str(corpus)]))
    for n, text in quotes.items():
        whole.append((f"phrase {n} words (search)", ng + ["search", f'"{text}"'],
                      rg + [text, str(corpus)]))
        whole.append((f"quote {n} words", ng + ["quote", text] if has_quote else None,
                      rg + [text, str(corpus)]))

    inproc = {name: [] for name, *_ in QUERIES}
    for n, text in quotes.items():
        inproc[f"phrase {n} words (search)"] = []
    timings = {name: {"newsgrep": [], "rg": []} for name, *_ in whole}
    # A command that fails (exit 2: bad query, missing feature) is reported, not timed.
    broken = set()
    for name, ng_cmd, _ in whole:
        if ng_cmd and subprocess.run(ng_cmd, capture_output=True).returncode == 2:
            broken.add(name)
            log(f"{name}: newsgrep exits 2, not timed")
    whole = [(n, None if n in broken else c, g) for n, c, g in whole]
    mix = "".join(f"{name}\t{q}\n" for name, _, q, _ in QUERIES)
    mix += "".join(f"phrase {n} words (search)\t\"{t}\"\n" for n, t in quotes.items())
    for r in range(runs):
        log(f"queries run {r + 1}/{runs}: in-process")
        out = subprocess.run([str(query_times), "--index", str(index_dir), "--runs", str(query_runs)],
                             input=mix, capture_output=True, text=True, check=True)
        for line in out.stdout.splitlines():
            row = json.loads(line)
            inproc[row["name"]].append(row)
        log(f"queries run {r + 1}/{runs}: whole commands (hyperfine)")
        for name, ng_cmd, rg_cmd in whole:
            cmds = [c for c in ((ng_cmd, rg_cmd) if r % 2 == 0 else (rg_cmd, ng_cmd)) if c]
            if not cmds:
                continue
            times = dict(zip([id(c) for c in cmds], hyperfine(cmds, runs=WHOLE_RUNS)))
            if ng_cmd:
                timings[name]["newsgrep"].append(times[id(ng_cmd)])
            if rg_cmd:
                timings[name]["rg"].append(times[id(rg_cmd)])
    return inproc, timings, whole, {"quote": has_quote, "count": has_count}, quotes


# ---------------------------------------------------------------- incremental


def bench_incremental(newsgrep, index_dir, corpus, files, runs):
    ng = [str(newsgrep), "--index", str(index_dir), "index", str(corpus)]
    out = {"nothing changed": [], "1 file edited": [], "100 files added": [],
           "100 files removed": []}
    timed(ng)  # up to date before starting
    for r in range(runs):
        out["nothing changed"].append(timed(ng)["wall"])
        victim = files[(r * 97) % len(files)]
        with victim.open("a", encoding="utf-8") as f:
            f.write(f"\nBenchmark edit {r}: one more sentence about coffee prices.\n")
        out["1 file edited"].append(timed(ng)["wall"])
        sources = files[r * 100 : r * 100 + 100]
        added = [corpus / f"zz-bench-added-{r}-{i:03}.txt" for i in range(len(sources))]
        for src, dst in zip(sources, added):
            shutil.copyfile(src, dst)
        out["100 files added"].append(timed(ng)["wall"])
        for dst in added:
            dst.unlink()
        out["100 files removed"].append(timed(ng)["wall"])
        log(f"incremental run {r + 1}/{runs}: " +
            ", ".join(f"{k} {v[-1]:.2f} s" for k, v in out.items()))
    return out


# ---------------------------------------------------------------- report


def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(open("/proc/meminfo").readline().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({cpu}){mem}, {platform.system()} {platform.release()}"


def fmt_ms(x):
    return "n/a" if x is None else (f"{x:.1f}" if x < 100 else f"{x:.0f}")


def report(name, input_bytes, nfiles, indexing, clean, inproc, timings, whole, features, incr,
           runs, query_runs):
    L = []
    mb = {pct: input_bytes[pct] / 1e6 for pct in FRACTIONS}
    L.append(f"## {name}: {nfiles[100]:,} files, {mb[100]:.1f} MB\n")
    L.append(f"Machine: {machine()}. Medians of {runs} runs (min–max in brackets); "
             f"newsgrep and its peer run alternately in each run. "
             f"tantivy-cli: {TANTIVY_THREADS} threads, {TANTIVY_MEMORY // 2**20} MB, same as newsgrep.\n")

    L.append("### Indexing (`newsgrep index --rebuild` vs `tantivy index`)\n")
    L.append("| corpus | files | MB | newsgrep s | tantivy s | ratio | newsgrep MB/s | tantivy MB/s "
             "| newsgrep RSS MB | tantivy RSS MB | newsgrep CPU % | tantivy CPU % "
             "| newsgrep size/input | tantivy size/input |")
    L.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for pct in FRACTIONS:
        n, t = indexing[pct]["newsgrep"], indexing[pct]["tantivy"]
        ratio = median(m["wall"] for m in n) / median(m["wall"] for m in t)
        L.append(
            f"| {pct}% | {nfiles[pct]:,} | {mb[pct]:.1f} "
            f"| {spread([m['wall'] for m in n], '{:.2f}')} | {spread([m['wall'] for m in t], '{:.2f}')} "
            f"| **{ratio:.2f}x** "
            f"| {median(mb[pct] / m['wall'] for m in n):.1f} | {median(mb[pct] / m['wall'] for m in t):.1f} "
            f"| {spread([m['rss_mb'] for m in n], '{:.0f}')} | {spread([m['rss_mb'] for m in t], '{:.0f}')} "
            f"| {median(m['cpu'] for m in n):.0f} | {median(m['cpu'] for m in t):.0f} "
            f"| {median(m['size'] for m in n) / input_bytes[pct]:.2f} "
            f"| {median(m['size'] for m in t) / input_bytes[pct]:.2f} |")
    n100 = indexing[100]["newsgrep"]
    L.append(f"\nCPU time at 100%: newsgrep index {median(m['cpu_s'] for m in n100):.1f} s "
             f"(user+sys), of which `newsgrep clean` alone over the same files "
             f"{clean['cpu_s']:.1f} s ({100 * clean['cpu_s'] / median(m['cpu_s'] for m in n100):.0f}%); "
             f"tantivy-cli {median(m['cpu_s'] for m in indexing[100]['tantivy']):.1f} s.\n")

    L.append(f"### Queries in the process (examples/query_times, top 10, {query_runs} timed runs "
             "per query, medians over runs of p50/p95)\n")
    L.append("| query | hits | p50 ms | p95 ms | compile ms | count ms | top 10 ms | docs+highlight ms |")
    L.append("|---|---|---|---|---|---|---|---|")
    for qname, rows in inproc.items():
        if not rows:
            continue
        if "error" in rows[0]:
            L.append(f"| {qname} `{rows[0]['query']}` | error: {rows[0]['error']} ||||||")
            continue
        q = rows[0]["query"]
        q = q if len(q) <= 40 else q[:37] + "…\""
        L.append(f"| {qname} `{q}` | {rows[0]['hits']:,} "
                 f"| {median(r['p50_ms'] for r in rows):.2f} | {median(r['p95_ms'] for r in rows):.2f} "
                 f"| {median(r['compile_ms'] for r in rows):.2f} | {median(r['count_ms'] for r in rows):.2f} "
                 f"| {median(r['top_ms'] for r in rows):.2f} | {median(r['docs_ms'] for r in rows):.2f} |")

    L.append("\n### Whole command, warm cache (hyperfine medians; `newsgrep search` vs `rg -i -F` "
             "over the corpus files)\n")
    L.append("| query | newsgrep ms | rg ms | rg / newsgrep |")
    L.append("|---|---|---|---|")
    for qname, ng_cmd, rg_cmd in whole:
        n = median(timings[qname]["newsgrep"])
        g = median(timings[qname]["rg"])
        ratio = f"{g / n:.1f}x" if n and g else "—"
        ng_s = spread(timings[qname]["newsgrep"], "{:.1f}") if ng_cmd else "n/a"
        rg_s = spread(timings[qname]["rg"], "{:.1f}") if rg_cmd else "—"
        L.append(f"| {qname} | {ng_s} | {rg_s} | {ratio} |")

    if incr:
        L.append("\n### Incremental updates (`newsgrep index` on the 100% corpus)\n")
        L.append("| change | seconds |")
        L.append("|---|---|")
        for k, v in incr.items():
            L.append(f"| {k} | {spread(v, '{:.2f}')} |")

    # Targets of issue 6.
    L.append("\n### Targets\n")

    def check(label, ok, detail):
        L.append(f"- {'PASS' if ok else 'FAIL'}: {label} — {detail}")

    ratio = median(m["wall"] for m in n100) / median(m["wall"] for m in indexing[100]["tantivy"])
    check("indexing ≤ 1.5x tantivy-cli", ratio <= 1.5, f"{ratio:.2f}x")
    cpu = median(m["cpu"] for m in n100)
    check("indexing uses both cores", cpu >= 150, f"{cpu:.0f}% CPU")
    rss = max(m["rss_mb"] for m in n100)
    check("peak RSS < 1 GiB", rss < 1024, f"max {rss:.0f} MB")
    size = median(m["size"] for m in n100) / input_bytes[100]
    check("index size ≤ 1.2x input", size <= 1.2, f"{size:.2f}x")
    tp = [(q, median(timings[q]["newsgrep"]), median(timings[q]["rg"]))
          for q, kind, *_ in QUERIES if kind in ("term", "phrase") and timings[q]["newsgrep"]]
    worst = max(tp, key=lambda x: x[1])
    check("search terms/phrases ≤ 15 ms whole command", worst[1] <= 15,
          f"worst {worst[0]} {worst[1]:.1f} ms")
    with_rg = [(q, g / n) for q, n, g in tp if g]
    slowest = min(with_rg, key=lambda x: x[1])
    check("search ≥ 5x faster than rg -i -F", slowest[1] >= 5, f"least {slowest[0]} {slowest[1]:.1f}x")
    p95 = [(q, median(r["p95_ms"] for r in rows)) for q, rows in inproc.items()
           if rows and "error" not in rows[0]]
    worst = max(p95, key=lambda x: x[1])
    over = [q for q, v in p95 if v >= 5]
    check("in-process p95 < 5 ms", not over,
          f"worst {worst[0]} {worst[1]:.2f} ms; {len(over)} of {len(p95)} queries over")
    q40 = median(timings["quote 40 words"]["newsgrep"]) if "quote 40 words" in timings else None
    L.append(f"- {'n/a' if q40 is None else ('PASS' if q40 < 50 else 'FAIL')}: quote 40 words "
             f"< 50 ms — {'`newsgrep quote` does not exist yet' if q40 is None else f'{q40:.1f} ms'}")
    if incr:
        e = median(incr["1 file edited"])
        check("incremental, one edited file < 1 s", e < 1, f"{e:.2f} s")
    return "\n".join(L) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default="all", choices=["reuters", "wiki", "all"])
    ap.add_argument("--runs", type=int, default=3, help="runs of every measure (default 3)")
    ap.add_argument("--query-runs", type=int, default=50,
                    help="timed repetitions of each query in the process (default 50)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args()
    newsgrep, query_times = ensure_tools()
    names = ["reuters", "wiki"] if args.corpus == "all" else [args.corpus]
    for name in names:
        work = Path(tempfile.mkdtemp(prefix=f"newsgrep-bench-{name}-"))
        try:
            files, subsets, ndjson = prepare_corpus(name, work)
            input_bytes = {pct: sum(f.stat().st_size for f in subsets[pct].glob("*.txt"))
                           for pct in FRACTIONS}
            nfiles = {pct: len(list(subsets[pct].glob("*.txt"))) for pct in FRACTIONS}
            indexing = bench_indexing(newsgrep, subsets, ndjson, work, args.runs)
            log("cleaning alone (newsgrep clean)")
            clean = bench_clean_only(newsgrep, subsets[100], work)
            index_dir = work / "idx-newsgrep-100"
            inproc, timings, whole, features, quotes = bench_queries(
                newsgrep, query_times, index_dir, subsets[100], files, args.runs, args.query_runs)
            log("incremental updates")
            incr = bench_incremental(newsgrep, index_dir, subsets[100], files, args.runs)
            text = report(name, input_bytes, nfiles, indexing, clean, inproc, timings, whole,
                          features, incr, args.runs, args.query_runs)
            text += "\nQuotes used:\n" + "".join(f"- {n} words: \"{t}\"\n" for n, t in quotes.items())
            text += f"\nCommand: `bench/run.sh {name} --runs {args.runs}`\n"
            out = REPO / "bench" / f"results-{name}.md"
            out.write_text(text)
            print(text, flush=True)
            log(f"written {out}")
        finally:
            if args.keep:
                log(f"kept {work}")
            else:
                shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
