#!/usr/bin/env python3
"""Quote-tracing benchmark: does `newsgrep quote` find where a (mis)quote came from?

Builds a corpus from the articles of ../shared/eval/cleaning/truth.json plus the bundled corpus/,
indexes it, takes real quoted sentences from those articles and derives variants as quotes
circulate (curly/straight marks and case, an ellipsis cut, a changed, dropped or misspelt word,
two sentences run together), plus cases that must NOT be found (a paraphrase keeping under half
the words, and real quotes from Reuters and Wikipedia articles that are not in the corpus).
Each case is run through `newsgrep quote`, `rg -F` and a phrase query (`newsgrep search '"Q"'`),
and the table gives top-1 accuracy (right article and passage line) per variant and the false
"found" rate on the cases that must not be found. `--speed` also builds an index of every Reuters
and Wikipedia article and measures query time for 20- and 40-word quotes on it.

Everything is written to a temporary folder (removed at the end unless --keep); nothing goes
into the repository. Standard library only.

    python3 bench/quote/run.py            # accuracy table (about a minute)
    python3 bench/quote/run.py --speed    # and query time on the large index (several minutes)
"""

import argparse
import concurrent.futures
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from built import release_executables  # noqa: E402 (found through the line above)
SHARED = ROOT.parent / "shared"
TRUTH = SHARED / "eval" / "cleaning" / "truth.json"
REUTERS = SHARED / "bench" / "reuters.tar.gz"
WIKI = SHARED / "bench" / "wiki-100mb.tar.gz"

FOUND_VARIANTS = ["exact", "marks+case", "ellipsis", "changed word", "dropped word", "typo",
                  "joined sentences"]
NOT_FOUND_VARIANTS = ["paraphrase (<1/2 words)", "outside corpus"]

# Content words swapped in for "changed word" and for the paraphrase.
REPLACEMENTS = ("people market report company country system council program village energy "
                "weather history culture museum student teacher doctor river mountain season "
                "festival kitchen painting library bicycle harbour election factory").split()

OPEN_QUOTES = "“\""
CLOSE_QUOTES = "”\""
SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’']?\s+(?=[“\"‘']?[A-Z0-9])")


def words_of(text):
    return text.split()


def norm_space(text):
    return " ".join(text.split())


def newsgrep_binary():
    print("bench: cargo build --release", file=sys.stderr)
    return str(release_executables(ROOT, "--bin", "newsgrep")["newsgrep"])


def ripgrep_binary(given):
    for candidate in [given, shutil.which("rg"), str(Path.home() / ".cargo/bin/rg")]:
        if candidate and Path(candidate).exists():
            return candidate
    sys.exit("bench: ripgrep (rg) not found; install it with `cargo install ripgrep` or pass --rg PATH")


# --- corpus and quotes ------------------------------------------------------------------------

def write_corpus(corpus):
    corpus.mkdir(parents=True)
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    for key, article in sorted(truth.items()):
        (corpus / f"truth_{key[:16]}.txt").write_text(article["articleBody"] + "\n", encoding="utf-8")
    for f in sorted((ROOT / "corpus").glob("*.txt")):
        shutil.copy(f, corpus / f.name)


def cleaned_bodies(binary, corpus):
    """Body text of every corpus file after newsgrep's cleaning, whitespace collapsed."""
    files = sorted(str(f) for f in corpus.glob("*.txt"))
    out = subprocess.run([binary, "clean", "--format", "jsonl", *files], capture_output=True,
                         text=True, check=True).stdout
    bodies = {}
    for line in out.splitlines():
        article = json.loads(line)
        bodies[Path(article["path"]).name] = norm_space(article.get("body") or "")
    return bodies


def quoted_sentences(text):
    """(start, end) of each sentence inside quotation marks, 8 to 60 words."""
    for m in re.finditer(r"[“\"]([^”\"“]{30,1500})[”\"]", text):
        inner, base = m.group(1), m.start(1)
        start = 0
        for cut in list(SENTENCE_END.finditer(inner)) + [None]:
            end = cut.start() if cut else len(inner)
            piece = inner[start:end].strip()
            if 8 <= len(words_of(piece)) <= 60 and "\n" not in piece:
                offset = base + inner.index(piece, start)
                yield offset, offset + len(piece)
            if cut:
                start = cut.end()


def next_sentence(text, end):
    """The sentence after `end` (maybe in the next paragraph), without quote marks, or None."""
    rest = text[end:].lstrip("”\"’' \t\n")
    rest = rest.split("\n", 1)[0]
    m = re.search(r"[.!?](?=[”\"’']?(\s|$))", rest)
    if not m:
        return None
    sentence = rest[: m.end()].strip().replace("“", "").replace("”", "").replace('"', "")
    n = len(words_of(sentence))
    return norm_space(sentence) if 4 <= n <= 40 else None


def word_key(text):
    """The words of `text` without case, marks or punctuation: one key for one wording."""
    return " ".join(re.sub(r"[’'‘]", "", text).lower().translate(
        {ord(c): " " for c in "“”\".,;:!?()[]—–-…"}).split())


def corpus_quotes(corpus, bodies, limit, rng):
    """Quotes from the corpus, each with every place its wording occurs (the same quote may
    appear in several articles: each is a right answer) and the sentence after it."""
    found = {}
    for f in sorted(corpus.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        for start, end in quoted_sentences(text):
            sentence = norm_space(text[start:end])
            if sentence not in bodies.get(f.name, ""):
                continue  # dropped by the cleaner: no tool can find it in the index
            line = text.count("\n", 0, start) + 1
            entry = found.setdefault(word_key(sentence),
                                     {"quote": sentence, "places": set(), "next": None})
            entry["places"].add((f.name, line))
            after = next_sentence(text, end)
            if after and after in bodies.get(f.name, "") and entry["next"] is None:
                entry["next"] = after
    # A quote found elsewhere only with other punctuation is still the same quote.
    keys = {f: word_key(body) for f, body in bodies.items()}
    for key, q in found.items():
        for f, body_key in keys.items():
            if key in body_key:
                text = (corpus / f).read_text(encoding="utf-8")
                for n, line in enumerate(text.split("\n"), 1):
                    if key in word_key(line):
                        q["places"].add((f, n))
    quotes = sorted(found.values(), key=lambda q: q["quote"])
    rng.shuffle(quotes)
    per_file, chosen = {}, []
    for q in quotes:
        name = min(q["places"])[0]
        if per_file.get(name, 0) < 4:
            per_file[name] = per_file.get(name, 0) + 1
            chosen.append(q)
    return chosen[:limit]


def tar_texts(path, max_files):
    """Texts of the first `max_files` articles of a corpus archive, read without unpacking."""
    texts = []
    with tarfile.open(path, "r:gz") as tar:
        for member in tar:
            if member.isfile() and member.name.endswith(".txt"):
                data = tar.extractfile(member)
                if data:
                    texts.append(data.read().decode("utf-8", "replace"))
                if len(texts) >= max_files:
                    break
    return texts


def outside_quotes(limit, rng, corpus_text):
    quotes = []
    for path, files in [(REUTERS, 3000), (WIKI, 400)]:
        for text in tar_texts(path, files):
            text = re.sub(r"\s*\n\s*", " ", text.replace("&lt;", "<").replace("&amp;", "&"))
            for start, end in quoted_sentences(text):
                q = norm_space(text[start:end])
                if q not in corpus_text:
                    quotes.append(q)
    quotes = sorted(set(quotes))
    rng.shuffle(quotes)
    return quotes[:limit]


# --- variants ---------------------------------------------------------------------------------

def swap_marks_and_case(q):
    swapped = q.translate(str.maketrans({"’": "'", "'": "’", "“": '"', "”": '"', '"': "“"}))
    return "“" + swapped.lower() + "”"


def inner_index(ws, rng, ok=lambda w: True):
    choices = [i for i in range(1, len(ws) - 1) if ok(ws[i])]
    return rng.choice(choices) if choices else None


def letters(w):
    return re.sub(r"[^A-Za-z]", "", w)


def ellipsis_cut(q, rng):
    ws = words_of(q)
    if len(ws) < 10:
        return None
    length = rng.randint(2, 4)
    start = rng.randint(2, len(ws) - length - 2)
    return " ".join(ws[:start] + [rng.choice(["...", "…"])] + ws[start + length:])


def change_word(q, rng):
    ws = words_of(q)
    i = inner_index(ws, rng, lambda w: len(letters(w)) >= 3 and letters(w) in w)
    if i is None:
        return None
    core = letters(ws[i])
    new = rng.choice([r for r in REPLACEMENTS if r[:4] != core.lower()[:4]])
    ws[i] = ws[i].replace(core, new)
    return " ".join(ws)


def drop_word(q, rng):
    ws = words_of(q)
    i = inner_index(ws, rng)
    return None if i is None else " ".join(ws[:i] + ws[i + 1:])


def typo(q, rng):
    ws = words_of(q)
    choices = [i for i, w in enumerate(ws) if len(letters(w)) >= 5 and letters(w) == w.strip(".,;:!?")]
    if not choices:
        return None
    i = rng.choice(choices)
    w = ws[i]
    k = rng.randint(1, len(letters(w)) - 2)
    kind = rng.choice(["swap", "delete", "replace"])
    if kind == "swap":
        w = w[:k] + w[k + 1] + w[k] + w[k + 2:]
    elif kind == "delete":
        w = w[:k] + w[k + 1:]
    else:
        w = w[:k] + rng.choice([c for c in "aeiounrst" if c != w[k]]) + w[k + 1:]
    ws[i] = w
    return " ".join(ws)


def paraphrase(q, rng):
    """Keeps under half the words, in order; the others are replaced."""
    ws = words_of(q)
    keep = set(rng.sample(range(len(ws)), (len(ws) - 1) // 2 - 1 if len(ws) > 4 else 1))
    return " ".join(w if i in keep else rng.choice(REPLACEMENTS) for i, w in enumerate(ws))


def build_cases(quotes, outside, rng):
    cases = []
    for q in quotes:
        text, places = q["quote"], sorted(q["places"])
        variants = {
            "exact": text,
            "marks+case": swap_marks_and_case(text),
            "ellipsis": ellipsis_cut(text, rng),
            "changed word": change_word(text, rng),
            "dropped word": drop_word(text, rng),
            "typo": typo(text, rng),
            "joined sentences": f"{text} {q['next']}" if q["next"] else None,
            "paraphrase (<1/2 words)": paraphrase(text, rng),
        }
        for variant, v in variants.items():
            if v:
                cases.append({"variant": variant, "quote": v, "places": places})
    for text in outside:
        cases.append({"variant": "outside corpus", "quote": text, "places": []})
    return cases


# --- tools ------------------------------------------------------------------------------------

def run_newsgrep(binary, index, quote, min_coverage):
    out = subprocess.run([binary, "--index", str(index), "quote", quote, "--format", "json",
                          "--limit", "1", "--no-update", "--min-coverage", str(min_coverage)],
                         capture_output=True, text=True)
    if out.returncode not in (0, 1):
        raise RuntimeError(f"newsgrep quote failed on {quote!r}: {out.stderr}")
    result = json.loads(out.stdout)
    hits = result["hits"]
    top = (Path(hits[0]["path"]).name, hits[0]["line"]) if hits else None
    return top, result["took_ms"], hits[0]["coverage"] if hits else 0.0


def run_phrase(binary, index, quote):
    phrase = '"' + norm_space(quote.replace('"', " ")) + '"'
    out = subprocess.run([binary, "--index", str(index), "search", phrase, "--format", "json",
                          "--limit", "1", "--no-update"], capture_output=True, text=True)
    if out.returncode != 0:
        return None
    hits = json.loads(out.stdout)["hits"]
    return (Path(hits[0]["path"]).name, hits[0]["line"]) if hits else None


def run_rg(rg, corpus, quote):
    out = subprocess.run([rg, "-F", "-n", "--no-heading", "--with-filename", "--sort", "path",
                          "--", quote, str(corpus)], capture_output=True, text=True)
    if out.returncode != 0 or not out.stdout:
        return None
    path, line = out.stdout.split("\n", 1)[0].split(":")[:2]
    return Path(path).name, int(line)


def evaluate(cases, tools, jobs):
    """Runs every tool on every case; fills case[tool] with the top hit (or None)."""
    def one(case):
        for name, tool in tools.items():
            case[name] = tool(case["quote"])
        return case
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        return list(pool.map(one, cases))


def table(cases, columns):
    rows = ["| variant | cases | " + " | ".join(columns) + " |",
            "|---|---:|" + "---:|" * len(columns)]
    for variant in FOUND_VARIANTS + NOT_FOUND_VARIANTS:
        subset = [c for c in cases if c["variant"] == variant]
        if not subset:
            continue
        cells = []
        for col in columns:
            if variant in FOUND_VARIANTS:
                right = sum(1 for c in subset if c[col] and tuple(c[col]) in
                            {tuple(p) for p in c["places"]})
                cells.append(f"{right / len(subset):.3f}")
            else:
                found = sum(1 for c in subset if c[col])
                cells.append(f"{found / len(subset):.3f} found")
        rows.append(f"| {variant} | {len(subset)} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


# --- speed ------------------------------------------------------------------------------------

def window_quotes(texts, n_words, count, rng):
    """`count` runs of `n_words` consecutive words from paragraphs of `texts`."""
    runs = []
    for text in texts:
        for para in re.split(r"\n\s*\n", text):
            ws = words_of(para)
            if len(ws) >= n_words + 2:
                runs.append((ws, rng.randint(0, len(ws) - n_words)))
    rng.shuffle(runs)
    return [" ".join(ws[s:s + n_words]) for ws, s in runs[:count]]


def speed(binary, work, rng, keep_index):
    big = work / "big"
    corpus = big / "corpus"
    for archive in (REUTERS, WIKI):
        corpus.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(corpus, filter="data")
    index = big / "index"
    started = time.time()
    out = subprocess.run([binary, "--index", str(index), "index", str(corpus)],
                         capture_output=True, text=True, check=True)
    print(f"bench: big index: {time.time() - started:.0f} s; {out.stderr.strip()}", file=sys.stderr)
    texts = [p.read_text(encoding="utf-8", errors="replace")
             for p in sorted(corpus.rglob("*.txt"))[::50]]
    report = []
    for n in (20, 40):
        quotes = window_quotes(texts, n, 60, rng)
        took, found, wall = [], 0, []
        for q in quotes:
            t0 = time.time()
            top, ms, _ = run_newsgrep(binary, index, q, 0.6)
            wall.append((time.time() - t0) * 1000)
            took.append(ms)
            found += top is not None
        took.sort()
        report.append(f"| {n} | {len(quotes)} | {statistics.median(took):.1f} | "
                      f"{took[int(len(took) * 0.9)]:.1f} | {max(took):.1f} | "
                      f"{statistics.median(wall):.0f} | {found / len(quotes):.3f} |")
    passages = re.search(r"(\d+) in the index", out.stderr)
    header = (f"Large index: {len(list(corpus.rglob('*.txt')))} articles (Reuters + Wikipedia), "
              f"{passages.group(1) if passages else '?'} passages\n\n"
              "| quote words | quotes | median ms | p90 ms | max ms | median process ms | found |\n"
              "|---:|---:|---:|---:|---:|---:|---:|")
    return header + "\n" + "\n".join(report)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quotes", type=int, default=250, help="corpus quotes to sample (default 250)")
    ap.add_argument("--outside", type=int, default=400, help="outside quotes (default 400)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--jobs", type=int, default=2, help="cases run in parallel")
    ap.add_argument("--rg", help="path of the ripgrep binary (default: rg on PATH)")
    ap.add_argument("--speed", action="store_true", help="also measure query time on a large index")
    ap.add_argument("--sweep", default="0.4,0.5,0.6,0.7", help="--min-coverage values compared")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args()

    binary = newsgrep_binary()
    rg = ripgrep_binary(args.rg)
    work = Path(tempfile.mkdtemp(prefix="newsgrep-quote-bench-"))
    try:
        rng = random.Random(args.seed)
        corpus, index = work / "corpus", work / "index"
        write_corpus(corpus)
        subprocess.run([binary, "--index", str(index), "index", str(corpus)], check=True,
                       capture_output=True)
        bodies = cleaned_bodies(binary, corpus)
        quotes = corpus_quotes(corpus, bodies, args.quotes, rng)
        corpus_text = " ".join(bodies.values())
        outside = outside_quotes(args.outside, rng, corpus_text)
        cases = build_cases(quotes, outside, rng)
        print(f"bench: {len(quotes)} corpus quotes from {len(bodies)} articles, "
              f"{len(outside)} outside quotes, {len(cases)} cases; work folder {work}",
              file=sys.stderr)

        sweep = [float(x) for x in args.sweep.split(",")]
        tools = {f"newsgrep quote @{t}": (lambda q, t=t: run_newsgrep(binary, index, q, t)[0])
                 for t in sweep}
        tools["top coverage"] = lambda q: run_newsgrep(binary, index, q, 0.0)[2]
        tools["rg -F"] = lambda q: run_rg(rg, corpus, q)
        tools["phrase query"] = lambda q: run_phrase(binary, index, q)
        started = time.time()
        cases = evaluate(cases, tools, args.jobs)
        print(f"bench: ran {len(cases) * len(tools)} queries in {time.time() - started:.0f} s",
              file=sys.stderr)
        default = "newsgrep quote @0.6" if 0.6 in sweep else f"newsgrep quote @{sweep[0]}"
        print("Top-1 accuracy (right article and line) per variant; for the last rows, the share "
              "wrongly reported as found.\n")
        print(table(cases, [default, "rg -F", "phrase query"]))
        print("\n--min-coverage compared (newsgrep quote):\n")
        print(table(cases, list(tools)[: len(sweep)]))
        for variant in NOT_FOUND_VARIANTS:
            worst = max((c for c in cases if c["variant"] == variant),
                        key=lambda c: c["top coverage"], default=None)
            if worst:
                print(f"\nHighest coverage of any passage for a '{variant}' case: "
                      f"{worst['top coverage']:.2f} ({worst['quote'][:100]!r})")
        (work / "cases.json").write_text(json.dumps(cases, indent=1, ensure_ascii=False))

        timing = {}
        for case in cases:
            if case["variant"] == "exact":
                _, ms, _ = run_newsgrep(binary, index, case["quote"], 0.6)
                timing.setdefault(len(words_of(case["quote"])) // 10 * 10, []).append(ms)
        all_ms = sorted(ms for v in timing.values() for ms in v)
        print(f"\nQuery time on the benchmark index (exact quotes): median "
              f"{statistics.median(all_ms):.1f} ms, max {max(all_ms):.1f} ms")
        if args.speed:
            print("\n" + speed(binary, work, rng, args.keep))
    finally:
        if args.keep:
            print(f"bench: kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
