#!/usr/bin/env python3
"""Fidelity checks of the HTML cleaner on the shared evaluation pages.

  bench/html_checks.py [--bin PATH] [--worst N] [--show-citations N]

For each set (eval/cleaning-wcxb-dev and eval/cleaning, the Zyte pages) the pages are unpacked
under /tmp, the `passage_lines` example prints every passage the indexer would write, and this
script measures:

- citation: the share of passages whose cited line of the original file holds the passage's
  first words as visible text (tags removed, entities decoded): text inside an attribute, such
  as a `<meta name="description">` line, does not count;
- date right / wrong: the article date against the human date in truth.json (pages that have
  one); "wrong" is a date given that differs, no date is neither;
- title exact: the title against truth.json's, whitespace squeezed;
- cleaning F1 with the metric of eval/score-cleaning;
- words accounted: the share of the words a reader sees on the page (tags, scripts, styles and
  the head removed) that are in the body or title or listed as removed by `newsgrep clean`;
- six-word runs: runs of six words inside one sentence of the human-written body (three a page,
  drawn as bench/page_runs.py draws them) whose words stand together in one passage. This is
  page_runs.py's phrase-query figure without an index: it differs only where stemming or the
  query syntax would.

Every figure is printed for the whole set and for its two parts: the pages tuned on
("in-sample", two thirds) and the pages kept aside ("held-out", every third page by sorted
key). Build the example first:
  cargo build --release --example passage_lines
"""
import argparse
import gzip
import html
import importlib.machinery
import importlib.util
import json
import random
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "eval"
WORD = re.compile(r"\w+", re.UNICODE)
# A tag, its quoted attribute values read whole: a `>` inside one (`x-init="a => b"`) does not
# end the tag. A quote begins a value only after `=`, as in HTML.
TAG = re.compile(r"""<[a-zA-Z/!?](?:=\s*"[^"]*"|=\s*'[^']*'|[^>])*>""")
SETS = [("wcxb-dev", SHARED / "cleaning-wcxb-dev"), ("zyte", SHARED / "cleaning")]


def scorer():
    path = str(SHARED / "score-cleaning")
    loader = importlib.machinery.SourceFileLoader("score_cleaning", path)
    spec = importlib.util.spec_from_loader("score_cleaning", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def unpack(name, base):
    out = Path("/tmp/newsgrep-html-checks") / name
    out.mkdir(parents=True, exist_ok=True)
    for gz in sorted((base / "html").glob("*.html.gz")):
        dst = out / gz.name[: -len(".gz")]
        if not dst.exists():
            dst.write_bytes(gzip.decompress(gz.read_bytes()))
    return out


def visible_words(line):
    return WORD.findall(html.unescape(TAG.sub(" ", line)))


def holds_first_words(line, passage, k=3):
    """Whether `line` shows the passage's first k words, or its first words up to the line end."""
    want = WORD.findall(passage)[:k]
    if not want:
        return True
    have = visible_words(line)
    for i, w in enumerate(have):
        if w != want[0]:
            continue
        run = have[i : i + len(want)]
        if run == want or (i + len(run) == len(have) and want[: len(run)] == run):
            return True
    return False


SCRIPTS = re.compile(r"<(script|style|noscript|template|head|svg)\b.*?</\1\s*>", re.S | re.I)
COMMENTS = re.compile(r"<!--.*?-->", re.S)


def accounted(source, rec):
    """The share of the words a reader sees on the page that are in the body or listed removed."""
    from collections import Counter

    seen = Counter(WORD.findall(html.unescape(TAG.sub(" ", SCRIPTS.sub(" ", COMMENTS.sub(" ", source))))))
    listed = Counter(WORD.findall(" ".join([rec["body"], rec.get("title") or ""] + rec.get("removed", []))))
    total = sum(seen.values())
    return sum((seen & listed).values()), total


# A word as a reader would type it: letters and digits, with inner apostrophes and hyphens;
# punctuation around it is dropped. Words with other inner punctuation ("U.S.", "1,750") are
# left out, so that the runs measure the cleaner and the passages, not the query syntax.
OPEN = "(\"'“‘«„¿¡["
CLOSE = ".,;:!?)\"'”’»]…"
PLAIN = re.compile(r"^[" + re.escape(OPEN) + r"]*(\w(?:[\w'’-]*\w)?)[" + re.escape(CLOSE) + r"]*$")
SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")


def six_word_runs(paragraph):
    """Runs of six plain words inside one sentence of `paragraph`."""
    toks = paragraph.split()
    runs = []
    for i in range(len(toks) - 5):
        window = toks[i : i + 6]
        if any(SENTENCE_END.search(w) for w in window[:5]):
            continue
        words = [PLAIN.match(w) for w in window]
        if all(words):
            runs.append(" ".join(m.group(1) for m in words))
    return runs


def words_in_one_passage(run, passages):
    want = [w.lower() for w in WORD.findall(run)]
    for words in passages:
        for i in range(len(words) - len(want) + 1):
            if words[i : i + len(want)] == want:
                return True
    return False


def held_out(i):
    return i % 3 == 2


def squeeze(s):
    return " ".join((s or "").split())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=str(HERE.parent / "target" / "release" / "examples" / "passage_lines"))
    ap.add_argument("--worst", type=int, default=0, help="list the N pages with the lowest F1")
    ap.add_argument("--show-citations", type=int, default=0, help="print N miscited passages")
    ap.add_argument("--show-dates", type=int, default=0, help="print N wrong or missing dates")
    ap.add_argument("--show-titles", type=int, default=0, help="print N titles not exact")
    ap.add_argument("--show-runs", type=int, default=0, help="print N six-word runs not in one passage")
    a = ap.parse_args()
    sc = scorer()
    for name, base in SETS:
        truth = json.loads((base / "truth.json").read_text(encoding="utf-8"))
        folder = unpack(name, base)
        run = subprocess.run([a.bin, str(folder)], capture_output=True, text=True, check=True)
        records = {}
        for line in run.stdout.splitlines():
            obj = json.loads(line)
            records[Path(obj["path"]).name.split(".")[0]] = obj
        parts = {"all": [], "in-sample": [], "held-out": []}
        for i, key in enumerate(sorted(truth)):
            parts["all"].append(key)
            parts["held-out" if held_out(i) else "in-sample"].append(key)
        shown = {"cite": 0, "date": 0, "title": 0, "runs": 0}
        rng = random.Random(1)
        per_page = {}
        for key in sorted(truth):
            rec = records.get(key, {"passages": [], "body": "", "title": None, "date": None})
            # Lines end at "\n" only, as `rg -n` and `sed` count them: a lone CR is no line end.
            src = (folder / f"{key}.html").read_bytes().decode("utf-8", "replace").split("\n")
            cited = ok = 0
            for p in rec["passages"]:
                line = src[p["line"] - 1] if 0 < p["line"] <= len(src) else ""
                cited += 1
                if holds_first_words(line, p["text"]):
                    ok += 1
                elif shown["cite"] < a.show_citations:
                    shown["cite"] += 1
                    print(f"  cite {key}:{p['line']}  {p['text'][:70]!r}\n      line: {line.strip()[:150]!r}")
            t = truth[key]
            date = None
            if t.get("date"):
                date = "right" if rec["date"] == t["date"] else ("none" if not rec["date"] else "wrong")
                if date != "right" and shown["date"] < a.show_dates:
                    shown["date"] += 1
                    print(f"  date {key}: got {rec['date']} want {t['date']}  {t.get('url', '')}")
            title = None
            if t.get("title"):
                title = squeeze(rec["title"]) == squeeze(html.unescape(t["title"]))
                if not title and shown["title"] < a.show_titles:
                    shown["title"] += 1
                    print(f"  title {key}: got {rec['title']!r}\n            want {t['title']!r}")
            counts = sc.page_counts(t["articleBody"], rec["body"])
            words = accounted("\n".join(src), rec)
            runs = [r for p in (t.get("articleBody") or "").split("\n") for r in six_word_runs(p)]
            runs = rng.sample(runs, min(3, len(runs)))
            passages = [[w.lower() for w in WORD.findall(p["text"])] for p in rec["passages"]]
            found = [words_in_one_passage(r, passages) for r in runs]
            for r, f in zip(runs, found):
                if not f and shown["runs"] < a.show_runs:
                    shown["runs"] += 1
                    print(f"  run {key}: {r!r}")
            per_page[key] = (cited, ok, date, title, counts, words, (sum(found), len(found)))
        if a.worst:
            worst = sorted((sc.summarise([v[4]])[0], k) for k, v in per_page.items())[: a.worst]
            for f, k in worst:
                print(f"  {f:.3f}  {k}  {truth[k].get('url', '')}")
        for part, keys in parts.items():
            rows = [per_page[k] for k in keys]
            cited = sum(r[0] for r in rows)
            ok = sum(r[1] for r in rows)
            dates = [r[2] for r in rows if r[2]]
            titles = [r[3] for r in rows if r[3] is not None]
            f, p, r = sc.summarise([r[4] for r in rows])
            listed = sum(r[5][0] for r in rows) / max(sum(r[5][1] for r in rows), 1)
            found, drawn = (sum(r[6][i] for r in rows) for i in (0, 1))
            figures = [f"citation {ok / max(cited, 1):.3f} of {cited}", f"words accounted {listed:.3f}",
                       f"six-word runs {found / max(drawn, 1):.3f} of {drawn}"]
            if dates:
                right = dates.count("right") / len(dates)
                wrong = dates.count("wrong") / len(dates)
                figures.append(f"date right {right:.3f} wrong {wrong:.3f} of {len(dates)}")
            if titles:
                figures.append(f"title exact {sum(titles) / len(titles):.3f} of {len(titles)}")
            figures.append(f"F1 {f:.3f} P {p:.3f} R {r:.3f}")
            print(f"{name:9} {part:9} pages {len(keys):3}: " + "; ".join(figures))


if __name__ == "__main__":
    sys.exit(main())
