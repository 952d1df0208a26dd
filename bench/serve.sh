#!/usr/bin/env bash
# The time `newsgrep serve` takes to answer a search page (and the JSON API), as a client on
# the same machine sees it: median of N requests per query, after one warm-up request each.
#
#   bench/serve.sh CORPUS_DIR [RUNS]      e.g. bench/serve.sh /tmp/bench/reuters 20
#
# Uses the release binary (build it first; NEWSGREP_BIN=PATH for another one); indexes
# CORPUS_DIR into a temporary folder. The server's CPU (user+sys) per request is its mean
# over the RUNS requests, read from /proc.
set -euo pipefail
corpus=$(realpath "$1")
runs=${2:-20}
bin=$(realpath "${NEWSGREP_BIN:-$(dirname "$0")/../target/release/newsgrep}")
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
"$bin" --index "$work/index" index "$corpus" 2>&1 | tail -1
"$bin" --index "$work/index" serve --port 0 --refresh 0 2>"$work/log" &
server=$!
until grep -q 'serving http' "$work/log"; do sleep 0.2; done
base=$(sed -n 's/^newsgrep: serving \(http[^ ]*\)\/$/\1/p' "$work/log")
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$server/stat"; }
echo "| request | median ms | server CPU ms | passages matching q |"
echo "|---|---|---|---|"
for path in "/?q=oil" "/?q=coffee+prices" "/?q=%22crude+oil%22" "/?q=bank+OR+banks" \
            "/?q=oil&from=1987-03-01&to=1987-03-31" "/?q=oil&tab=kwic" \
            "/?q=said" "/?q=said&tab=kwic" "/?q=said&tab=kwic&page=50" \
            "/api/search?q=oil" "/api/search?q=bank+OR+banks"; do
  curl -s -o /dev/null "$base$path"
  before=$(cpu)
  ms=$(for _ in $(seq "$runs"); do
         curl -s -o /dev/null -w '%{time_total}\n' "$base$path"
       done | median | awk '{printf "%.1f", $1 * 1000}')
  cpu_ms=$(awk -v a="$before" -v b="$(cpu)" -v t="$ticks" -v n="$runs" \
             'BEGIN {printf "%.0f", (b - a) * 1000 / t / n}')
  q=$(sed -n 's/.*[?&]q=\([^&]*\).*/\1/p' <<<"$path")
  total=$(curl -s "$base/api/search?q=$q&limit=0" | sed -n 's/^  "total": \([0-9]*\),$/\1/p')
  echo "| \`$path\` | $ms | $cpu_ms | $total |"
done
