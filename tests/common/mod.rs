//! Shared set-up for end-to-end tests: a temporary copy of a corpus and the real binary run in it.

#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A temporary working folder holding `corpus/` and, once built, `index/`.
pub struct Workspace {
    pub dir: tempfile::TempDir,
}

impl Workspace {
    /// A copy of the bundled corpus.
    pub fn bundled() -> Workspace {
        let ws = Workspace::empty();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        for entry in std::fs::read_dir(src).expect("bundled corpus") {
            let entry = entry.expect("corpus entry");
            if entry.path().extension().is_some_and(|e| e == "txt") {
                std::fs::copy(entry.path(), ws.corpus().join(entry.file_name())).expect("copy");
            }
        }
        ws
    }

    /// An empty `corpus/`.
    pub fn empty() -> Workspace {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("corpus")).expect("corpus dir");
        Workspace { dir }
    }

    pub fn corpus(&self) -> PathBuf {
        self.dir.path().join("corpus")
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a corpus file (relative to `corpus/`).
    pub fn write(&self, name: &str, content: impl AsRef<[u8]>) {
        let path = self.corpus().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(path, content).expect("write corpus file");
    }

    /// The binary, run in the workspace, with no color and no terminal.
    /// Writes a wire story: its title, an optional `Source:` line and dateline, a blank line
    /// and the body.
    pub fn write_story(
        &self,
        name: &str,
        title: &str,
        source: Option<&str>,
        dateline: Option<&str>,
        body: &str,
    ) {
        let mut text = format!("{title}\n");
        if let Some(source) = source {
            text.push_str(&format!("Source: {source}\n"));
        }
        if let Some(dateline) = dateline {
            text.push_str(&format!("{dateline}\n"));
        }
        text.push_str(&format!("\n{body}\n"));
        self.write(name, text);
    }

    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("newsgrep").expect("binary");
        // The developer's own NEWSGREP_INDEX must not lead a test to their index.
        cmd.current_dir(self.path())
            .args(args)
            .env("NO_COLOR", "1")
            .env_remove("NEWSGREP_INDEX");
        cmd
    }

    /// Runs `newsgrep ARGS` and parses its stdout as JSON.
    pub fn json(&self, args: &[&str]) -> Value {
        self.json_and_code(args).0
    }

    /// Runs `newsgrep ARGS` and returns its stdout parsed as JSON and its exit code.
    pub fn json_and_code(&self, args: &[&str]) -> (Value, i32) {
        let out = self.cmd(args).output().expect("run");
        let code = out.status.code().unwrap_or(-1);
        let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
            panic!(
                "not JSON (exit {code}): {}\nstderr: {}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        });
        (json, code)
    }

    /// Runs `newsgrep search ARGS --format json` and returns the parsed result and exit code.
    pub fn search_json(&self, args: &[&str]) -> (Value, i32) {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--format", "json"]);
        self.json_and_code(&all)
    }
}

/// `(file name, line)` of each hit.
pub fn places(result: &Value) -> Vec<(String, u64)> {
    result["hits"]
        .as_array()
        .map(|hits| {
            hits.iter()
                .map(|h| {
                    let path = h["path"].as_str().unwrap_or_default();
                    let name = path.rsplit('/').next().unwrap_or_default().to_string();
                    (name, h["line"].as_u64().unwrap_or(0))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The article a hit cites: its path, and `#record` for a collection's record.
pub fn article(hit: &Value) -> String {
    let path = hit["path"].as_str().unwrap_or_default();
    match hit["record"].as_u64() {
        Some(n) => format!("{path}#{n}"),
        None => path.to_string(),
    }
}

/// The highlighted text of each hit.
pub fn highlighted(hit: &Value) -> Vec<String> {
    let text = hit["text"].as_str().unwrap_or_default();
    hit["highlights"]
        .as_array()
        .map(|spans| {
            spans
                .iter()
                .map(|s| {
                    let start = s[0].as_u64().unwrap_or(0) as usize;
                    let end = s[1].as_u64().unwrap_or(0) as usize;
                    text.get(start..end).unwrap_or("<bad span>").to_string()
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The highlighted text of every hit, in hit order.
pub fn all_highlighted(result: &Value) -> Vec<String> {
    result["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(highlighted)
        .collect()
}

/// (key, articles matching `word`, total_articles) of each row of a `compare` answer.
pub fn compared_rows(compared: &Value, word: &str) -> Vec<(Value, u64, u64)> {
    compared["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            (
                r["key"].clone(),
                r["counts"][word]["articles"].as_u64().expect("articles"),
                r["total_articles"].as_u64().expect("total"),
            )
        })
        .collect()
}

/// (key, articles, total_articles, share) of each row of a `--count --by` or `compare` answer.
pub fn period_rows(counts: &Value) -> Vec<(Value, u64, u64, f64)> {
    counts["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            (
                r["key"].clone(),
                r["articles"].as_u64().expect("articles"),
                r["total_articles"].as_u64().expect("total_articles"),
                r["share"].as_f64().expect("share"),
            )
        })
        .collect()
}
