"""Builds newsgrep's executables in release and says where cargo put them (target/release/,
or wherever CARGO_TARGET_DIR and --target send them), for the benchmark scripts."""

import json
import subprocess
from pathlib import Path


def release_executables(repo, *targets):
    """Builds `targets` (cargo target arguments such as "--bin", "newsgrep") in release and
    returns {target name: path of its executable}."""
    out = subprocess.run(
        ["cargo", "build", "--release", *targets, "--message-format", "json-render-diagnostics"],
        cwd=repo, check=True, stdout=subprocess.PIPE, text=True).stdout
    executables = {}
    for line in out.splitlines():
        msg = json.loads(line)
        if msg.get("reason") == "compiler-artifact" and msg.get("executable"):
            executables[msg["target"]["name"]] = Path(msg["executable"])
    return executables
