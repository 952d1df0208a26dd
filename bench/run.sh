#!/bin/sh
# The newsgrep benchmark, one command: bench/run.sh [reuters|wiki|all] [--runs N]
# See bench/run.py for what it measures; results go to bench/results-<corpus>.md.
export PATH="$HOME/.cargo/bin:$PATH"
exec python3 "$(dirname "$0")/run.py" "$@"
