#!/usr/bin/env python3
"""Faithfulness checks on the Reuters newswire (issue 27): is every sentence findable, every
passage cited to its line, every date the dateline's?

    bench/fidelity.py --bin target/release/newsgrep --corpus /tmp/reuters [--set tune|held-out|all]
                      [--runs-per-article 2] [--max-queries 1500] [--seed 1]

--corpus is the unpacked ../shared/bench/reuters.tar.gz (the folder holding 00001.txt ...).
The files are split in two by name: `tune` is 00001-09999, `held-out` the rest; tune rules on
the first and check them on the second. The set's files are linked into a temporary folder,
cleaned (`newsgrep clean --format jsonl`) and indexed there, then measured:

  * body lines kept: the share of the story's lines (line 3 up to the " Reuter" sign-off) that
    `clean` keeps, and the reasons given for the others;
  * six-word runs found: runs of six words of the story, inside one sentence, drawn at random
    (`--runs-per-article` per article, `--max-queries` in all), run as phrase queries
    (`newsgrep search "w1 ... w6"`); found when a hit is in the article;
  * cited line holds the first words: for each hit of those queries in the article, the cited
    line of the file holds the passage's first words (as many of them as the line has room for);
  * dateline: the article's date is the dateline's (`26-FEB-1987 15:01:01.79` on line 2), and
    no other date is given;
  * title and source: the title keeps every word of the headline, and no source is made up
    (Reuters files name no publisher);
  * quotes: the first 15 words of `--quotes` ledes, quoted exactly (`newsgrep quote`): the
    article is among the best-scored sources (a story sent twice has two), cited to the line
    where the quote's first word stands.

Python 3 standard library only. Prints one line per figure, labelled with the set.
"""

import argparse
import html
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

MONTHS = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split()
DATELINE = re.compile(r"^\s*(\d{1,2})-([A-Z]{3})-(\d{4}) \d{2}:\d{2}:\d{2}")
WORD = re.compile(r"\w+")
# A word a phrase query can carry as it is: letters and digits, maybe with sentence punctuation
# around them; words with inner punctuation ("U.S.", "&lt;BP>", "1,750") are left out so that
# the figure measures the cleaner and the passages, not the tokenizer.
PLAIN = re.compile(r"^[(\"']*([A-Za-z0-9]+)[.,;:!?)\"']*$")


def story_lines(lines):
    """(1-based line, text) of the story: after the dateline, up to the sign-off."""
    out = []
    for i, line in enumerate(lines[2:], start=3):
        t = line.strip()
        if t.lower() in ("reuter", "reuters") or t.startswith("&#3;"):
            break
        if t:
            out.append((i, line))
    return out


def paragraphs(story):
    """Original paragraphs: a blank line or an indented line starts one."""
    paras, cur, last = [], [], None
    for no, line in story:
        new = line[:1].isspace() or (last is not None and no != last + 1)
        if new and cur:
            paras.append(cur)
            cur = []
        cur.append(line.strip())
        last = no
    if cur:
        paras.append(cur)
    return [" ".join(p) for p in paras]


def six_word_runs(paragraph):
    """Runs of six plain words inside one sentence of `paragraph`."""
    toks = paragraph.split()
    runs = []
    for i in range(len(toks) - 5):
        window = toks[i : i + 6]
        if any(re.search(r"[.!?][\"')]*$", w) for w in window[:5]):
            continue
        words = [PLAIN.match(w) for w in window]
        if all(words):
            runs.append(" ".join(m.group(1) for m in words))
    return runs


def norm_words(text):
    return [w.lower() for w in WORD.findall(text)]


def holds_first_words(line, passage):
    """Whether `line` holds the passage's first words: as many as the line has from there."""
    # The wire's SGML references (`&lt;BP>`) are read decoded, as the cleaner reads them.
    lw, pw = norm_words(html.unescape(line)), norm_words(passage)
    if not pw:
        return True
    for j in range(len(lw)):
        m = min(3, len(lw) - j, len(pw))
        if lw[j : j + m] == pw[:m]:
            return True
    return False


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--set", choices=["tune", "held-out", "all"], default="all")
    ap.add_argument("--runs-per-article", type=int, default=2)
    ap.add_argument("--max-queries", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--quotes", type=int, default=50)
    args = ap.parse_args()
    binary = os.path.abspath(args.bin)
    files = sorted(Path(args.corpus).glob("*.txt"))
    if args.set == "tune":
        files = [f for f in files if int(f.stem) < 10000]
    elif args.set == "held-out":
        files = [f for f in files if int(f.stem) >= 10000]
    label = f"[{args.set}, {len(files)} files]"

    with tempfile.TemporaryDirectory(prefix="fidelity-") as tmp:
        corpus = Path(tmp) / "reuters"
        corpus.mkdir()
        for f in files:
            os.symlink(f.resolve(), corpus / f.name)
        originals = {f.name: f.read_text(errors="replace").splitlines() for f in files}

        # Clean, in batches (one command line cannot hold 19,000 paths everywhere).
        cleaned = {}
        names = sorted(originals)
        for at in range(0, len(names), 2000):
            batch = [str(corpus / n) for n in names[at : at + 2000]]
            out = run([binary, "clean", "--format", "jsonl", *batch])
            for line in out.stdout.splitlines():
                obj = json.loads(line)
                cleaned[Path(obj["path"]).name] = obj

        kept = total = 0
        reasons = Counter()
        dated = wrong_date = no_dateline = 0
        title_ok = made_up_source = 0
        for name, lines in originals.items():
            a = cleaned.get(name)
            if a is None:
                continue
            story = story_lines(lines)
            removed = {r["line"]: r["reason"] for r in a.get("removed", [])}
            for no, _ in story:
                total += 1
                if no in removed:
                    reasons[removed[no]] += 1
                else:
                    kept += 1
            m = DATELINE.match(lines[1]) if len(lines) > 1 else None
            if m:
                want = f"{m.group(3)}-{MONTHS.index(m.group(2)) + 1:02d}-{int(m.group(1)):02d}"
                if a.get("date") == want:
                    dated += 1
                elif a.get("date"):
                    wrong_date += 1
            else:
                no_dateline += 1
            headline = norm_words(html.unescape(lines[0])) if lines else []
            title = Counter(norm_words(a.get("title") or ""))
            if not Counter(headline) - title:
                title_ok += 1
            if a.get("source"):
                made_up_source += 1
        n = len(cleaned)
        print(f"{label} body lines kept: {kept / max(total, 1):.4f} ({total - kept} of {total} dropped: {dict(reasons.most_common(6))})")
        with_dateline = n - no_dateline
        print(f"{label} dateline taken as date: {dated / max(with_dateline, 1):.4f}; other date given: {wrong_date / max(with_dateline, 1):.4f} (of {with_dateline})")
        print(f"{label} title keeps every headline word: {title_ok / max(n, 1):.4f}; source given (none is named): {made_up_source}")

        index = Path(tmp) / "index"
        out = run([binary, "index", "--follow", "--index", str(index), str(corpus)])
        if out.returncode != 0:
            sys.exit(f"index failed: {out.stderr}")
        rng = random.Random(args.seed)
        queries = []
        for name in names:
            runs = [r for p in paragraphs(story_lines(originals[name])) for r in six_word_runs(p)]
            queries += [(name, r) for r in rng.sample(runs, min(args.runs_per_article, len(runs)))]
        rng.shuffle(queries)
        queries = queries[: args.max_queries]
        found = cited = cited_ok = 0
        missed = []
        for name, phrase in queries:
            out = run([binary, "search", "--index", str(index), "--no-update", "--all",
                       "--format", "jsonl", f'"{phrase}"'])
            hits = [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
            mine = [h for h in hits if Path(h["path"]).name == name]
            if mine:
                found += 1
            else:
                missed.append((name, phrase))
            for h in mine:
                cited += 1
                lines = originals[name]
                line = lines[h["line"] - 1] if 0 < h["line"] <= len(lines) else ""
                cited_ok += holds_first_words(line, h["text"])
        print(f"{label} six-word runs found: {found / max(len(queries), 1):.4f} ({found} of {len(queries)})")
        print(f"{label} cited line holds the passage's first words: {cited_ok / max(cited, 1):.4f} ({cited_ok} of {cited} hits)")
        for name, phrase in missed[:8]:
            print(f"    missed: {name} \"{phrase}\"")

        ledes = []
        for name in names:
            story = story_lines(originals[name])
            words = html.unescape(" ".join(line.strip() for _, line in story)).split()
            if story and len(words) >= 15 and not story[0][1][:1].isspace():
                ledes.append((name, story[0][0], " ".join(words[:15])))
        ledes = rng.sample(ledes, min(args.quotes, len(ledes)))
        right_article = right_line = 0
        for name, line, quote in ledes:
            out = run([binary, "quote", "--index", str(index), "--format", "json", quote])
            try:
                hits = json.loads(out.stdout).get("hits", [])
            except json.JSONDecodeError:
                hits = []
            # A wire story sent twice has the same lede in two files: the article counts as
            # found when it is among the sources scored best.
            best = [h for h in hits if h["score"] == hits[0]["score"]]
            mine = [h for h in best if Path(h["path"]).name == name]
            if mine:
                right_article += 1
                right_line += mine[0]["line"] == line
            else:
                got = [(Path(h["path"]).name, h["line"]) for h in hits[:2]]
                print(f"    quote not traced to {name}:{line}: \"{quote}\" -> {got}")
        n = max(len(ledes), 1)
        print(f"{label} ledes quoted (first 15 words): right article {right_article / n:.3f}, right line {right_line / n:.3f} (of {len(ledes)})")


if __name__ == "__main__":
    main()
