"""Builds newsgrep's executables in release and says where cargo put them (under
target/<host triple>/, see .cargo/config.toml), for the benchmark scripts."""

import json
import os
import subprocess
import sys
from pathlib import Path


def release_executables(repo, *targets):
    """Builds `targets` (cargo target arguments such as "--bin", "newsgrep") in release and
    returns {target name: path of its executable}."""
    if os.environ.get("RUSTFLAGS") is not None or os.environ.get("CARGO_ENCODED_RUSTFLAGS"):
        print("bench: RUSTFLAGS is set, so .cargo/config.toml's static linking is off: "
              "this measures a dynamically linked newsgrep", file=sys.stderr)
    out = subprocess.run(
        ["cargo", "build", "--release", *targets, "--message-format", "json-render-diagnostics"],
        cwd=repo, check=True, stdout=subprocess.PIPE, text=True).stdout
    executables = {}
    for line in out.splitlines():
        msg = json.loads(line)
        if msg.get("reason") == "compiler-artifact" and msg.get("executable"):
            executables[msg["target"]["name"]] = Path(msg["executable"])
    return executables
