//! End-to-end: `newsgrep index` killed at any moment, two writers at once, searches during a
//! write, and damaged or foreign index folders. The previous complete index must stay searchable
//! and the next run must complete the work.

mod common;

use common::Workspace;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

const WORDS: &[&str] = &[
    "council",
    "harbour",
    "budget",
    "minister",
    "report",
    "election",
    "river",
    "school",
    "energy",
    "market",
    "court",
    "police",
    "hospital",
    "farmers",
    "rainfall",
    "bridge",
    "railway",
    "union",
    "strike",
    "museum",
    "festival",
    "drought",
    "export",
    "tariff",
    "vaccine",
    "satellite",
    "airport",
    "ferry",
    "mayor",
    "senate",
    "forest",
    "wildfire",
    "coastal",
    "survey",
    "teachers",
];

/// Writes `n` synthetic articles named `gen/NNNNN.txt`, each with the marker word `tag`.
fn write_articles(ws: &Workspace, n: usize, tag: &str) {
    let mut seed: u64 = 12345;
    let mut word = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        WORDS[(seed >> 33) as usize % WORDS.len()]
    };
    for i in 0..n {
        let mut text = format!("The {} and the {} ({i})\n\n", word(), word());
        for _ in 0..6 {
            for _ in 0..3 {
                let sentence: Vec<&str> = (0..14).map(|_| word()).collect();
                text.push_str(&format!("The {} said on Tuesday. ", sentence.join(" ")));
            }
            text.push_str(&format!("Officials mentioned {tag} again.\n\n"));
        }
        ws.write(&format!("gen/{tag}-{i:05}.txt"), text);
    }
}

fn binary() -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("newsgrep"));
    cmd.env("NO_COLOR", "1");
    cmd
}

fn spawn_index(ws: &Workspace, extra: &[&str]) -> Child {
    binary()
        .current_dir(ws.path())
        .arg("index")
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn index")
}

fn run(ws: &Workspace, args: &[&str]) -> Output {
    ws.cmd(args).output().expect("run newsgrep")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `search --no-update WORD` answers from a complete index: exit 0 with valid JSON hits.
fn assert_searchable(ws: &Workspace, word: &str, context: &str) {
    let out = run(ws, &["search", word, "--no-update", "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{context}: search {word}: {}",
        stderr(&out)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert!(json["total"].as_u64().unwrap_or(0) > 0, "{context}: {json}");
}

#[test]
fn kill_9_at_any_moment_keeps_the_previous_index_and_the_next_run_completes() {
    let ws = Workspace::empty();
    write_articles(&ws, 30, "wombat");
    let out = run(&ws, &["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    write_articles(&ws, 800, "numbat");
    let mut finished_before_kill = 0;
    // Incremental updates, then full rebuilds, each killed at a few moments.
    for (extra, delays) in [
        (&[][..], &[30u64, 150, 400, 900][..]),
        (&["--rebuild"][..], &[60, 500][..]),
    ] {
        for &ms in delays {
            let mut child = spawn_index(&ws, extra);
            std::thread::sleep(Duration::from_millis(ms));
            if child.try_wait().expect("wait").is_some() {
                finished_before_kill += 1;
            }
            let _ = child.kill();
            let _ = child.wait();
            let context = format!("killed {extra:?} after {ms} ms");
            assert_searchable(&ws, "wombat", &context);
            // A search that may update finds the index either as it was or completed.
            let out = run(&ws, &["search", "officials", "--no-update"]);
            assert_eq!(out.status.code(), Some(0), "{context}: {}", stderr(&out));
        }
    }
    let out = run(&ws, &["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_searchable(&ws, "numbat", "after the final run");
    assert_searchable(&ws, "wombat", "after the final run");
    let (json, _) = ws.search_json(&["numbat", "--all", "--no-update"]);
    // Title is passage 0 and the marker sits in each of 6 paragraphs.
    assert_eq!(
        json["total"],
        800 * 6,
        "finished early {finished_before_kill}"
    );
    // Leftover generations of killed rebuilds are gone.
    let gens = std::fs::read_dir(ws.path().join("index"))
        .expect("index dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("gen-"))
        .count();
    assert_eq!(gens, 1);
}

/// The first writer is stopped (SIGSTOP) once it holds the lock, so the second run and the
/// search always meet a writer at work, however fast the machine.
#[cfg(unix)]
#[test]
fn second_index_run_exits_2_naming_the_writer_pid_and_search_answers_meanwhile() {
    let ws = Workspace::empty();
    write_articles(&ws, 30, "wombat");
    assert_eq!(run(&ws, &["index"]).status.code(), Some(0));
    write_articles(&ws, 800, "numbat");
    let mut first = spawn_index(&ws, &[]);
    let pid = first.id().to_string();
    let lock = ws.path().join("index/write.lock");
    let started = std::time::Instant::now();
    while std::fs::read_to_string(&lock).unwrap_or_default().trim() != pid {
        assert!(started.elapsed() < Duration::from_secs(20), "no lock taken");
        std::thread::sleep(Duration::from_millis(5));
    }
    let signal = |name: &str| {
        let status = Command::new("kill").args([name, &pid]).status();
        assert!(status.is_ok_and(|s| s.success()), "kill {name} {pid}");
    };
    signal("-STOP");
    assert!(
        first.try_wait().expect("wait").is_none(),
        "the first writer finished before it could be held: give it more articles"
    );
    let second = run(&ws, &["index"]);
    let search = run(&ws, &["search", "wombat", "--format", "json"]);
    signal("-CONT");
    let status = first.wait().expect("wait");
    assert_eq!(status.code(), Some(0));
    assert_eq!(second.status.code(), Some(2), "{}", stderr(&second));
    assert_eq!(
        stderr(&second).trim(),
        format!("newsgrep: index is being written by pid {pid}")
    );
    assert_eq!(search.status.code(), Some(0), "{}", stderr(&search));
    assert!(
        stderr(&search).contains(&format!("index is being written by pid {pid}")),
        "{}",
        stderr(&search)
    );
    let json: serde_json::Value = serde_json::from_slice(&search.stdout).expect("valid JSON");
    assert!(json["total"].as_u64().unwrap_or(0) > 0, "{json}");
    assert_searchable(&ws, "numbat", "after the first run");
}

fn indexed_bundle() -> Workspace {
    let ws = Workspace::bundled();
    let out = run(&ws, &["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    ws
}

fn generation(ws: &Workspace) -> std::path::PathBuf {
    let current = std::fs::read_to_string(ws.path().join("index/CURRENT")).expect("CURRENT");
    ws.path().join("index").join(current.trim())
}

/// Search and quote both fail with one line telling to rebuild, exit 2; then `index --rebuild`
/// recovers.
fn assert_rebuild_asked_then_recovers(ws: &Workspace, what: &str) {
    for args in [
        &["search", "algorithm", "--no-update"][..],
        &["search", "algorithm"][..],
        &["quote", "Data localization requirements", "--no-update"][..],
    ] {
        let out = run(ws, args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{what} {args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{what}: {err}");
        assert!(err.contains("newsgrep index --rebuild"), "{what}: {err}");
    }
    let out = run(ws, &["index", "--rebuild"]);
    assert_eq!(out.status.code(), Some(0), "{what}: {}", stderr(&out));
    assert_searchable(ws, "algorithm", what);
}

#[test]
fn garbage_in_current_asks_for_a_rebuild() {
    let ws = indexed_bundle();
    std::fs::write(ws.path().join("index/CURRENT"), "../../etc\n").expect("write");
    assert_rebuild_asked_then_recovers(&ws, "CURRENT with a path");
    std::fs::write(ws.path().join("index/CURRENT"), "gen-404\n").expect("write");
    assert_rebuild_asked_then_recovers(&ws, "CURRENT naming no generation");
    std::fs::write(ws.path().join("index/CURRENT"), b"\xff\xfe\x00garbage").expect("write");
    assert_rebuild_asked_then_recovers(&ws, "CURRENT binary");
}

#[test]
fn garbage_meta_json_asks_for_a_rebuild() {
    let ws = indexed_bundle();
    std::fs::write(generation(&ws).join("meta.json"), "{\"segments\": [garbage").expect("write");
    assert_rebuild_asked_then_recovers(&ws, "garbage meta.json");
}

#[test]
fn index_of_another_version_asks_for_a_rebuild() {
    let ws = indexed_bundle();
    // The payload of the last commit, in meta.json, carries the index format version.
    let meta = generation(&ws).join("meta.json");
    let text = std::fs::read_to_string(&meta).expect("meta.json");
    let bumped = text.replacen(
        &format!("\\\"version\\\":{}", newsgrep::index::SCHEMA_VERSION),
        "\\\"version\\\":999",
        1,
    );
    assert_ne!(text, bumped, "version not found in {text}");
    std::fs::write(&meta, bumped).expect("write");
    assert_rebuild_asked_then_recovers(&ws, "version 999");
}

fn segment_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("generation")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            !name.starts_with('.') && !name.ends_with(".json") && !name.ends_with(".lock")
        })
        .collect();
    files.sort_by_key(|p| p.extension().map(|e| e.to_os_string()));
    // One file of each kind (postings, positions, store, ...) is enough.
    files.dedup_by_key(|p| p.extension().map(|e| e.to_os_string()));
    files
}

#[test]
fn truncated_or_missing_segment_file_asks_for_a_rebuild() {
    let probe = indexed_bundle();
    let count = segment_files(&generation(&probe)).len();
    assert!(count > 3);
    for i in 0..count {
        for damage in ["truncate", "delete", "garbage"] {
            let ws = indexed_bundle();
            let file = &segment_files(&generation(&ws))[i];
            let name = file
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            match damage {
                "truncate" => {
                    let len = std::fs::metadata(file).expect("meta").len();
                    let f = std::fs::OpenOptions::new()
                        .write(true)
                        .open(file)
                        .expect("open");
                    f.set_len(len / 2).expect("truncate");
                }
                "delete" => std::fs::remove_file(file).expect("rm"),
                _ => {
                    let len = std::fs::metadata(file).expect("meta").len() as usize;
                    std::fs::write(file, vec![0xA5u8; len]).expect("write");
                }
            }
            let what = format!("{damage} {name}");
            let out = run(&ws, &["search", "algorithm", "--no-update", "--all"]);
            let code = out.status.code();
            assert!(
                matches!(code, Some(0..=2)),
                "{what}: {code:?} {}",
                stderr(&out)
            );
            if code == Some(2) {
                let err = stderr(&out);
                assert_eq!(err.lines().count(), 1, "{what}: {err}");
                assert!(err.contains("newsgrep index --rebuild"), "{what}: {err}");
            }
            let out = run(&ws, &["index", "--rebuild"]);
            assert_eq!(out.status.code(), Some(0), "{what}: {}", stderr(&out));
            assert_searchable(&ws, "algorithm", &what);
        }
    }
}

#[test]
fn foreign_folder_as_index_is_refused_and_left_alone() {
    let ws = Workspace::bundled();
    std::fs::create_dir(ws.path().join("photos")).expect("mkdir");
    std::fs::write(ws.path().join("photos/cat.jpg"), b"\xff\xd8\xff").expect("write");
    for args in [
        &["search", "algorithm", "--index", "photos"][..],
        &["search", "algorithm", "--index", "photos", "--no-update"][..],
        &[
            "quote",
            "Data localization requirements",
            "--index",
            "photos",
        ][..],
        &["index", "--index", "photos"][..],
        &["index", "--rebuild", "--index", "photos"][..],
    ] {
        let out = run(&ws, args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("is not a newsgrep index"), "{err}");
        assert!(err.contains("give --index a new or empty folder"), "{err}");
    }
    let left: Vec<_> = std::fs::read_dir(ws.path().join("photos"))
        .expect("dir")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left, ["cat.jpg"]);
    // A file, not a folder, passed as --index.
    let out = run(&ws, &["search", "algorithm", "--index", "photos/cat.jpg"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
}

/// A small tmpfs mounted for one test, unmounted on drop.
#[cfg(target_os = "linux")]
struct SmallDisk {
    dir: tempfile::TempDir,
}

#[cfg(target_os = "linux")]
impl SmallDisk {
    /// Mounts a tmpfs of `size` (as `mount -o size=` takes it), or `None` when not allowed.
    fn mount(size: &str) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(SmallDisk { dir })
    }
}

#[cfg(target_os = "linux")]
impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

/// Mounts a tmpfs on the host, so it runs only with the slow checks (`--ignored`), as root
/// (CI runs them so); without a mount it fails rather than pass unchecked.
#[cfg(target_os = "linux")]
#[test]
#[ignore]
fn disk_full_while_indexing_is_a_clear_error_and_the_previous_index_stays() {
    let disk = SmallDisk::mount("1m")
        .expect("a small tmpfs mounted for this test: run the --ignored checks as root");
    let ws = Workspace::bundled();
    let index = disk.dir.path().join("index");
    let index = index.to_str().expect("utf-8 temp path");
    let out = run(&ws, &["index", "--index", index]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    write_articles(&ws, 1600, "numbat");
    for extra in [&[][..], &["--rebuild"][..]] {
        let mut args = vec!["index", "--index", index];
        args.extend_from_slice(extra);
        let out = run(&ws, &args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{extra:?}: {err}");
        assert!(
            err.contains("failed, the previous index is intact"),
            "{extra:?}: {err}"
        );
        let out = run(
            &ws,
            &["search", "algorithm", "--index", index, "--no-update"],
        );
        assert_eq!(out.status.code(), Some(0), "{extra:?}: {}", stderr(&out));
    }
}

#[test]
fn lost_manifest_is_rebuilt_on_the_next_search() {
    let ws = indexed_bundle();
    for entry in std::fs::read_dir(generation(&ws))
        .expect("generation")
        .flatten()
    {
        if entry.file_name().to_string_lossy().starts_with("manifest-") {
            std::fs::remove_file(entry.path()).expect("remove manifest");
        }
    }
    // Opening needs no manifest: a search that does not update still answers.
    assert_searchable(&ws, "algorithm", "without manifest, --no-update");
    let out = run(&ws, &["search", "algorithm"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    // One line, saying why the index was built again.
    let line = err
        .lines()
        .find(|l| l.contains("building the index"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        line.contains("anew, as the old one's list of indexed files cannot be read:"),
        "{line}"
    );
}

#[test]
fn indexing_a_path_that_does_not_exist_leaves_the_index_as_it_was() {
    let ws = indexed_bundle();
    for args in [
        &["index", "corpsu"][..],
        &["index", "--rebuild", "nowhere"][..],
    ] {
        let out = run(&ws, args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.contains(&format!("{}: no such file or folder", args[args.len() - 1])),
            "{args:?}: {err}"
        );
        assert_searchable(&ws, "algorithm", "after indexing a missing path");
    }
    // A path that exists beside one that does not is indexed, and the other reported.
    let out = run(&ws, &["index", "corpus", "corpsu"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("skipped corpsu"), "{}", stderr(&out));
}

#[test]
fn an_index_of_other_folders_says_why_it_is_built_anew() {
    let ws = indexed_bundle();
    std::fs::create_dir(ws.path().join("other")).expect("a folder");
    std::fs::copy(
        ws.corpus().join("000_d21ad95ebcaac17e.txt"),
        ws.path().join("other/a.txt"),
    )
    .expect("an article");
    let out = run(&ws, &["index", "other"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("index built in index anew, as the old one was built from corpus:"),
        "{}",
        stderr(&out)
    );
}
