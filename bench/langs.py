#!/usr/bin/env python3
"""What Chinese word segmentation and language detection cost (issue 33), side by side.

    bench/langs.py --config base=OLD_BIN --config jieba=NEW_BIN \\
                   [--config "no-detect=BIN:VAR=1"] --reuters /tmp/data/reuters \\
                   [--zh-articles 3000] [--runs 3] [--work /tmp/langs-bench]

Each --config is LABEL=EXECUTABLE, optionally followed by :VAR=VALUE settings of the
environment it runs with (e.g. a build whose language detection a variable turns off). Every
run indexes each corpus with every configuration in turn, from scratch (interleaved, so that
the machine's load falls on all alike), and prints per configuration and corpus the median wall
time and the median CPU time (user+sys of the indexing process, from wait4), and each as a
ratio to the first configuration. Then the median time of one search of a Chinese word and of
an English word (`--no-update`), where the first Chinese text of a process pays for loading
jieba's dictionary, and the size of each executable.

The Chinese corpus is made here: --zh-articles plain-text articles, each a headline and four
paragraphs drawn (with a fixed seed) from sentences written for this benchmark in the style of
news on the US-China trade talks; no outside text.

Python 3 standard library only. Use release builds: timings of debug builds say nothing.
"""

import argparse
import os
import random
import shutil
import statistics
import subprocess
import time
from pathlib import Path

HEADLINES = [
    "中美贸易谈判在日内瓦恢复",
    "美中同意延长关税休战",
    "商务部就稀土出口管制答记者问",
    "财政部长称会谈富有建设性",
    "两国代表团在斯德哥尔摩举行第三轮会谈",
]

SENTENCES = [
    "中美两国代表周一在日内瓦恢复贸易谈判，双方表示会谈富有建设性。",
    "美国财政部长和贸易代表率领代表团出席了为期两天的会谈。",
    "中国方面由主管经济政策的副总理牵头谈判。",
    "双方同意就延长关税休战期继续讨论，最终决定将由总统作出。",
    "分析人士认为，谈判的结果将影响两国之间的贸易往来和全球供应链。",
    "关税问题仍是讨论的重点，农产品采购和稀土出口管制也在议程之上。",
    "据报道，美方希望中国大幅增加对美国大豆的采购。",
    "中方表示，希望美方取消对中国商品加征的关税。",
    "市场对会谈结果反应积极，亚洲股市周二普遍上涨。",
    "经济学家警告说，贸易紧张局势可能拖累全球经济增长。",
    "商务部发言人在例行记者会上说，双方团队保持着密切沟通。",
    "此前，两国曾多次升级贸易紧张局势，之后又取消相关措施并达成休战。",
]


def make_chinese_corpus(folder, articles, seed=1):
    """Writes `articles` Chinese articles under `folder`, in subfolders of 500."""
    rng = random.Random(seed)
    for i in range(articles):
        sub = folder / f"{i // 500:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        paragraphs = []
        for _ in range(4):
            picked = rng.sample(SENTENCES, 3)
            # A figure in each paragraph, so that no two articles are copies.
            picked[0] = picked[0].replace("周一", f"{rng.randint(1, 28)}日")
            paragraphs.append("".join(picked) + f"（第{rng.randint(1, 999)}号）")
        text = rng.choice(HEADLINES) + "\n\n" + "\n\n".join(paragraphs) + "\n"
        (sub / f"{i:05d}.txt").write_text(text, encoding="utf-8")


def timed(cmd, env):
    """(wall seconds, CPU seconds) of running `cmd` to its end; output thrown away."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"failed: {' '.join(map(str, cmd))}")
    return wall, usage.ru_utime + usage.ru_stime


def parse_config(text):
    label, _, rest = text.partition("=")
    binary, *settings = rest.split(":")
    env = dict(os.environ)
    for setting in settings:
        name, _, value = setting.partition("=")
        env[name] = value
    return label, Path(binary), env


def table(title, rows, labels):
    """Prints per label the median wall and CPU time of `rows[label]`, with ratios to the first."""
    print(f"\n{title}")
    print(f"  {'config':<12} {'wall s':>8} {'ratio':>6} {'cpu s':>8} {'ratio':>6}  runs")
    first = None
    for label in labels:
        walls = [w for w, _ in rows[label]]
        cpus = [c for _, c in rows[label]]
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        if first is None:
            first = (wall, cpu)
        print(f"  {label:<12} {wall:8.3f} {wall / first[0]:6.2f} {cpu:8.3f} {cpu / first[1]:6.2f}  "
              f"{len(walls)}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--config", action="append", required=True)
    ap.add_argument("--reuters", type=Path, required=True)
    ap.add_argument("--zh-articles", type=int, default=3000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--searches", type=int, default=7)
    ap.add_argument("--work", type=Path, default=Path("/tmp/langs-bench"))
    args = ap.parse_args()
    configs = [parse_config(c) for c in args.config]
    labels = [label for label, _, _ in configs]
    work = args.work
    zh = work / "zh"
    if not zh.exists():
        make_chinese_corpus(zh, args.zh_articles)
    corpora = {"reuters": args.reuters, "chinese": zh}
    times = {name: {label: [] for label in labels} for name in corpora}
    for _ in range(args.runs):
        for name, corpus in corpora.items():
            for label, binary, env in configs:
                index = work / f"idx-{name}-{label}"
                shutil.rmtree(index, ignore_errors=True)
                times[name][label].append(
                    timed([binary, "index", corpus, "--index", index], env))
    for name, corpus in corpora.items():
        table(f"index {name} ({corpus}), from scratch", times[name], labels)
    for word, name in [("谈判", "chinese"), ("tariffs", "reuters")]:
        searches = {label: [] for label in labels}
        for _ in range(args.searches):
            for label, binary, env in configs:
                index = work / f"idx-{name}-{label}"
                searches[label].append(
                    timed([binary, "search", word, "--no-update", "--index", index], env))
        table(f"search {word!r} in the {name} index", searches, labels)
    print("\nexecutable size")
    for label, binary, _ in configs:
        print(f"  {label:<12} {binary.stat().st_size / 1e6:8.2f} MB")


if __name__ == "__main__":
    main()
