#!/usr/bin/env python3
"""Six-word runs of the human-written article text, as phrase queries, on the shared pages.

  bench/page_runs.py [--bin target/release/newsgrep] [--runs-per-page 3] [--show N]

For each set (eval/cleaning-wcxb-dev and eval/cleaning, the Zyte pages) the pages are unpacked
under /tmp (as bench/html_checks.py does), indexed by `newsgrep index`, and runs of six words
inside one sentence of the page's human-written body (truth.json's articleBody) are searched
as phrase queries. A run is found when a hit is on its own page. This is the fact-checker's
question "can I find this sentence of the article?", and it fails when the cleaner drops the
sentence, splits it between passages, or changes its words.

Runs are drawn as html_checks.py draws them (its `six_word_runs`, the same seed), which
counts them offline in the passages; this script checks that figure with real queries. Each
figure is printed for the pages tuned on ("in-sample", two thirds) and the pages kept aside
("held-out", every third page by sorted key), as html_checks.py splits them.
"""

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from html_checks import SETS, held_out, six_word_runs, unpack  # noqa: E402

HERE = Path(__file__).resolve().parent


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=str(HERE.parent / "target" / "release" / "newsgrep"))
    ap.add_argument("--runs-per-page", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", type=int, default=0, help="print N missed runs per part")
    a = ap.parse_args()
    for name, base in SETS:
        truth = json.loads((base / "truth.json").read_text(encoding="utf-8"))
        folder = unpack(name, base)
        with tempfile.TemporaryDirectory() as tmp:
            index = Path(tmp) / "index"
            out = subprocess.run([a.bin, "index", "--index", str(index), str(folder)],
                                 capture_output=True, text=True)
            if out.returncode != 0:
                sys.exit(f"index failed: {out.stderr}")
            rng = random.Random(a.seed)
            results = {"in-sample": [], "held-out": []}
            for i, key in enumerate(sorted(truth)):
                body = truth[key].get("articleBody") or ""
                runs = [r for p in body.split("\n") for r in six_word_runs(p)]
                part = "held-out" if held_out(i) else "in-sample"
                for phrase in rng.sample(runs, min(a.runs_per_page, len(runs))):
                    q = subprocess.run([a.bin, "search", "--index", str(index), "--no-update", "--all",
                                        "--format", "jsonl", f'"{phrase}"'],
                                       capture_output=True, text=True)
                    if q.returncode == 2:
                        print(f"  query error {key} {phrase!r}: {q.stderr.strip()}")
                    hits = [json.loads(line) for line in q.stdout.splitlines() if line.strip()]
                    found = any(Path(h["path"]).name == f"{key}.html" for h in hits)
                    results[part].append((key, phrase, found))
        for part, rows in results.items():
            pages = {k for k, _, _ in rows}
            found = sum(f for _, _, f in rows)
            print(f"{name:9} {part:9} pages {len(pages):3}: six-word runs found "
                  f"{found / max(len(rows), 1):.3f} ({found} of {len(rows)})")
            for key, phrase, _ in [r for r in rows if not r[2]][: a.show]:
                print(f"    missed {key}: \"{phrase}\"")


if __name__ == "__main__":
    sys.exit(main())
