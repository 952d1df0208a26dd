//! The index folder and its corpus, wherever newsgrep is run from: nothing lost, nothing
//! deleted that newsgrep did not make, no index made from nothing.

mod common;

use common::Workspace;
use std::path::Path;
use std::process::Output;

fn run_in(dir: &Path, args: &[&str]) -> Output {
    assert_cmd::Command::cargo_bin("newsgrep")
        .expect("binary")
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run newsgrep")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A workspace with the bundled corpus indexed, and the index folder's absolute path.
fn indexed() -> (Workspace, String) {
    let ws = Workspace::bundled();
    let out = run_in(ws.path(), &["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let index = ws.path().join("index").display().to_string();
    (ws, index)
}

/// The article count line of `stats`, which says how many files the index holds.
fn articles(dir: &Path, index: &str) -> String {
    let out = run_in(dir, &["--index", index, "stats", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stats JSON");
    stats["articles"].to_string()
}

#[test]
fn a_search_from_another_folder_reads_the_corpus_the_index_was_built_from() {
    let (ws, index) = indexed();
    let elsewhere = tempfile::tempdir().expect("another folder");
    let out = run_in(elsewhere.path(), &["--index", &index, "search", "tiktok"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("corpus/"), "{}", stdout(&out));
    assert!(!stderr(&out).contains("removed"), "{}", stderr(&out));
    assert_eq!(articles(ws.path(), &index), "5");
}

#[test]
fn a_search_from_a_folder_with_another_corpus_keeps_the_index_corpus() {
    let (ws, index) = indexed();
    let other = Workspace::empty();
    other.write(
        "only.txt",
        "A lone article about tiktok and nothing else.\n",
    );
    let out = run_in(
        other.path(),
        &["--index", &index, "search", "tiktok", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let paths: Vec<&str> = json["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .filter_map(|h| h["path"].as_str())
        .collect();
    assert!(!paths.is_empty());
    assert!(paths.iter().all(|p| p.starts_with("corpus/0")), "{paths:?}");
    assert_eq!(articles(ws.path(), &index), "5");
}

#[test]
fn a_missing_corpus_is_unavailable_and_the_index_left_as_it_was() {
    let (ws, index) = indexed();
    std::fs::rename(ws.corpus(), ws.path().join("corpus.off")).expect("rename");
    for args in [&["search", "tiktok"][..], &["index"][..]] {
        let out = run_in(ws.path(), args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains("corpus") && err.contains("is not there"),
            "{err}"
        );
    }
    let out = run_in(ws.path(), &["search", "tiktok", "--no-update"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    std::fs::rename(ws.path().join("corpus.off"), ws.corpus()).expect("rename back");
    let out = run_in(ws.path(), &["search", "tiktok"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("new"),
        "nothing re-indexed: {}",
        stderr(&out)
    );
    assert_eq!(articles(ws.path(), &index), "5");
}

#[test]
fn an_index_moved_with_its_corpus_still_finds_it() {
    let (ws, _) = indexed();
    let moved = ws.path().join("moved");
    std::fs::create_dir(&moved).expect("mkdir");
    std::fs::rename(ws.corpus(), moved.join("corpus")).expect("move corpus");
    std::fs::rename(ws.path().join("index"), moved.join("index")).expect("move index");
    let out = run_in(ws.path(), &["--index", "moved/index", "search", "tiktok"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("removed"), "{}", stderr(&out));
}

#[test]
fn a_folder_of_someone_elses_gen_folders_is_refused_and_kept() {
    let ws = Workspace::bundled();
    let data = ws.path().join("data/gen-2024");
    std::fs::create_dir_all(&data).expect("mkdir");
    std::fs::write(data.join("results.csv"), "x\n").expect("write");
    for args in [
        &["--index", "data", "search", "tiktok"][..],
        &["--index", "data", "index"][..],
        &["--index", "data", "index", "--rebuild"][..],
    ] {
        let out = run_in(ws.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("is not a newsgrep index"),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(
        std::fs::read_to_string(data.join("results.csv")).expect("kept"),
        "x\n"
    );
    let names: Vec<_> = std::fs::read_dir(ws.path().join("data"))
        .expect("data")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names, ["gen-2024"]);
}

#[test]
fn a_search_with_a_mistyped_index_and_no_corpus_creates_nothing() {
    let dir = tempfile::tempdir().expect("a folder");
    let out = run_in(dir.path(), &["--index", "idx", "search", "tiktok"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("no index in") && err.contains("idx"), "{err}");
    assert!(!dir.path().join("idx").exists());
    let out = run_in(
        dir.path(),
        &["--index", "idx", "search", "tiktok", "--no-update"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(!dir.path().join("idx").exists());
}

#[test]
fn a_first_search_builds_the_index_from_the_bundled_corpus() {
    let ws = Workspace::bundled();
    let out = run_in(ws.path(), &["search", "tiktok"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("building the index"),
        "{}",
        stderr(&out)
    );
    assert!(ws.path().join("index/newsgrep-index").is_file());
}

#[cfg(unix)]
#[test]
fn a_link_inside_the_index_folder_is_refused_and_its_target_untouched() {
    let (ws, _) = indexed();
    let victim = ws.path().join("victim.txt");
    std::fs::write(&victim, "precious\n").expect("write");
    let lock = ws.path().join("index/write.lock");
    std::fs::remove_file(&lock).expect("remove the lock file");
    std::os::unix::fs::symlink(&victim, &lock).expect("link");
    ws.write("new.txt", "A new article about tiktok.\n");
    let out = run_in(ws.path(), &["search", "tiktok"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("is a link"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&victim).expect("kept"),
        "precious\n"
    );
}

/// The generation folder of the index in `ws`.
fn generation(ws: &Workspace) -> std::path::PathBuf {
    let name = std::fs::read_to_string(ws.path().join("index/CURRENT")).expect("CURRENT");
    ws.path().join("index").join(name.trim())
}

#[test]
fn an_update_killed_after_writing_deletions_before_its_commit_does_not_stick() {
    let (ws, _) = indexed();
    let meta = generation(&ws).join("meta.json");
    let before = std::fs::read(&meta).expect("meta.json");
    std::fs::remove_file(ws.corpus().join("000_d21ad95ebcaac17e.txt")).expect("remove");
    let out = run_in(ws.path(), &["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let dels = |ws: &Workspace| {
        std::fs::read_dir(generation(ws))
            .expect("generation")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".del"))
            .count()
    };
    assert!(dels(&ws) > 0, "the update wrote a deletion file");
    // As if killed after the deletion file was written and before meta.json was: the
    // commit before it is the last one, and the `.del` file is left behind.
    std::fs::write(&meta, before).expect("restore meta.json");
    for _ in 0..2 {
        let out = run_in(ws.path(), &["index"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let manifests = std::fs::read_dir(generation(&ws))
        .expect("generation")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("manifest-"))
        .count();
    assert!(manifests <= 2, "{manifests} manifests left");
    let out = run_in(ws.path(), &["search", "tiktok", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// Whether this test runs as root (the files it made belong to root).
#[cfg(unix)]
fn as_root(ws: &Workspace) -> bool {
    std::fs::metadata(ws.path()).is_ok_and(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
}

/// Gives everything under `path` to the user `nobody`.
#[cfg(unix)]
fn give_to_nobody(path: &Path) {
    std::os::unix::fs::chown(path, Some(65534), Some(65534)).expect("chown");
    if path.is_dir() {
        for entry in std::fs::read_dir(path).expect("a folder").flatten() {
            give_to_nobody(&entry.path());
        }
    }
}

#[cfg(unix)]
#[test]
fn an_index_the_os_refuses_to_read_is_reported_not_rebuilt_as_damaged() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let (ws, _) = indexed();
    let current = ws.path().join("index/CURRENT");
    let generation = std::fs::read_to_string(&current).expect("CURRENT");
    std::fs::set_permissions(&current, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    // As root, permissions bind only another user: the whole workspace becomes nobody's.
    let root = as_root(&ws);
    if root {
        std::fs::set_permissions(ws.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
        give_to_nobody(ws.path());
    }
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_newsgrep"));
    cmd.current_dir(ws.path())
        .args(["index"])
        .env("NO_COLOR", "1");
    if root {
        cmd.uid(65534).gid(65534);
    }
    let out = cmd.output().expect("run newsgrep");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(said.contains("index/CURRENT: Permission denied"), "{said}");
    assert!(
        !said.contains("--rebuild") && !said.contains("anew"),
        "{said}"
    );
    std::fs::set_permissions(&current, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    assert_eq!(
        std::fs::read_to_string(&current).expect("CURRENT"),
        generation
    );
}

/// A file of the current generation whose name ends with `ending`.
#[cfg(unix)]
fn generation_file(ws: &Workspace, ending: &str) -> std::path::PathBuf {
    let index = ws.path().join("index");
    let generation = std::fs::read_to_string(index.join("CURRENT")).expect("CURRENT");
    std::fs::read_dir(index.join(generation.trim()))
        .expect("the generation")
        .flatten()
        .map(|entry| entry.path())
        .find(|path| path.to_string_lossy().ends_with(ending))
        .expect("a file with that ending")
}

#[cfg(unix)]
#[test]
fn an_index_file_tantivy_is_refused_is_reported_naming_it_not_rebuilt_as_damaged() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    // meta.json is read as the index opens; a segment's store as its reader is made; the
    // manifest (`manifest-N.bin`) as the corpus is checked.
    for ending in ["meta.json", ".store", ".bin"] {
        let (ws, _) = indexed();
        let file = generation_file(&ws, ending);
        let current = ws.path().join("index/CURRENT");
        let generation = std::fs::read_to_string(&current).expect("CURRENT");
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).expect("chmod");
        // As root, permissions bind only another user: the whole workspace becomes nobody's.
        let root = as_root(&ws);
        if root {
            std::fs::set_permissions(ws.path(), std::fs::Permissions::from_mode(0o755))
                .expect("chmod");
            give_to_nobody(ws.path());
        }
        for args in [&["index"][..], &["search", "coffee"][..]] {
            // Without its manifest a search still answers from the index (below).
            if ending == ".bin" && args[0] == "search" {
                continue;
            }
            let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_newsgrep"));
            cmd.current_dir(ws.path()).args(args).env("NO_COLOR", "1");
            if root {
                cmd.uid(65534).gid(65534);
            }
            let out = cmd.output().expect("run newsgrep");
            assert_eq!(
                out.status.code(),
                Some(2),
                "{ending} {args:?}: {}",
                stderr(&out)
            );
            let said = stderr(&out);
            assert!(
                said.contains(&format!("{}: Permission denied", file.display())),
                "{ending} {args:?}: {said}"
            );
            assert!(
                !said.contains("--rebuild") && !said.contains("damaged"),
                "{ending} {args:?}: {said}"
            );
        }
        if ending == ".bin" {
            let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_newsgrep"));
            cmd.current_dir(ws.path())
                .args(["search", "coffee"])
                .env("NO_COLOR", "1");
            if root {
                cmd.uid(65534).gid(65534);
            }
            let said = stderr(&cmd.output().expect("run newsgrep"));
            assert!(
                said.contains(&format!("{}: Permission denied", file.display()))
                    && said.contains("searching it as it is"),
                "{said}"
            );
        }
        assert_eq!(
            std::fs::read_to_string(&current).expect("CURRENT"),
            generation,
            "{ending}: the index was rebuilt"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_file_the_os_refused_to_read_is_tried_again_once_it_can_be() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let ws = Workspace::bundled();
    let path = ws.corpus().join("late.txt");
    std::fs::write(
        &path,
        "A late article about marmalade exports was filed on Monday.\n",
    )
    .expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    ws.write("scan.txt", b"\x00\x01 a scanned page, binary \x00");
    // As root, permissions bind only another user: the whole workspace becomes nobody's.
    let root = as_root(&ws);
    if root {
        std::fs::set_permissions(ws.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
        give_to_nobody(ws.path());
    }
    let run = |args: &[&str]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_newsgrep"));
        cmd.current_dir(ws.path()).args(args).env("NO_COLOR", "1");
        if root {
            cmd.uid(65534).gid(65534);
        }
        cmd.output().expect("run newsgrep")
    };
    let out = run(&["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let skip = stderr(&out)
        .lines()
        .find(|l| l.contains("late.txt"))
        .map(str::to_string);
    assert!(
        skip.as_deref()
            .is_some_and(|l| l.to_lowercase().contains("permission denied")),
        "{}",
        stderr(&out)
    );
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let out = run(&["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run(&["search", "marmalade", "--no-update"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("corpus/late.txt:1"),
        "{}",
        stdout(&out)
    );
    // A file skipped for what it holds is not read again until it changes.
    let out = run(&["index"]);
    assert!(stderr(&out).contains("0 changed"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("scan.txt"), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn links_in_the_corpus_are_skipped_with_a_line_each_unless_followed() {
    let ws = Workspace::bundled();
    let outside = tempfile::tempdir().expect("a folder outside the corpus");
    std::fs::write(
        outside.path().join("secret.txt"),
        "The zanzibar ledger was found in the city archive, officials said on Monday.\n",
    )
    .expect("write");
    std::os::unix::fs::symlink(outside.path(), ws.corpus().join("docs")).expect("link");
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        ws.corpus().join("alias.txt"),
    )
    .expect("link");
    let out = run_in(ws.path(), &["index"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let skips: Vec<&str> = err.lines().filter(|l| l.contains("not followed")).collect();
    assert_eq!(skips.len(), 2, "{err}");
    assert!(skips.iter().any(|l| l.contains("corpus/docs")), "{err}");
    assert!(
        skips.iter().any(|l| l.contains("corpus/alias.txt")),
        "{err}"
    );
    let out = run_in(ws.path(), &["search", "zanzibar"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));

    let out = run_in(ws.path(), &["index", "--follow"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run_in(ws.path(), &["search", "zanzibar", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let mut paths: Vec<&str> = json["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .filter_map(|h| h["path"].as_str())
        .collect();
    paths.sort();
    assert_eq!(paths, ["corpus/alias.txt", "corpus/docs/secret.txt"]);
}

#[cfg(unix)]
#[test]
fn a_corpus_or_file_named_through_a_link_is_indexed_without_a_skip_line() {
    let ws = Workspace::bundled();
    std::os::unix::fs::symlink(ws.corpus(), ws.path().join("news")).expect("link");
    let out = run_in(ws.path(), &["index", "news"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("not followed"), "{err}");
    assert!(err.contains("; 0 skipped;"), "{err}");
    let out = run_in(ws.path(), &["search", "data localization", "--no-update"]);
    assert_eq!(
        stdout(&out).lines().next(),
        Some("1. news/000_d21ad95ebcaac17e.txt:15  TikTok in Focus as U.S. Prepares for Fresh China Talks (techysolutions.de)")
    );

    // A file named through a link is read, and an edit of the file it leads to is seen.
    let file = ws.path().join("story.txt");
    std::fs::write(
        &file,
        "Ferry Report\n\nThe harbour board said on Monday that the old ferry would sail again.\n",
    )
    .expect("write");
    std::os::unix::fs::symlink(&file, ws.path().join("linked.txt")).expect("link");
    let out = run_in(ws.path(), &["index", "linked.txt", "--index", "one"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("1 new") && err.contains("; 0 skipped;"),
        "{err}"
    );
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(
        &file,
        "Ferry Report\n\nThe harbour board said on Monday that the old ferry would sail to Skye.\n",
    )
    .expect("write");
    let out = run_in(ws.path(), &["search", "skye", "--index", "one"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("linked.txt:3"), "{}", stdout(&out));
}

#[test]
fn an_index_kept_inside_its_corpus_is_not_read_as_articles() {
    let ws = Workspace::bundled();
    // `newsgrep index .` in the corpus folder keeps the index in corpus/index.
    let out = run_in(&ws.corpus(), &["index", "."]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("5 new, 0 changed, 0 removed, 0 unchanged files; 0 skipped"),
        "{err}"
    );
    let out = run_in(&ws.corpus(), &["index", "."]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("skipped ./index"), "{err}");
    assert!(
        err.contains("0 new, 0 changed, 0 removed, 5 unchanged files; 0 skipped"),
        "{err}"
    );
    let out = run_in(&ws.corpus(), &["search", "data localization"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).lines().next(),
        Some("1. 000_d21ad95ebcaac17e.txt:15  TikTok in Focus as U.S. Prepares for Fresh China Talks (techysolutions.de)")
    );
}

/// Makes everything under `path` read-only (folders still listable).
#[cfg(unix)]
fn make_read_only(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    for entry in std::fs::read_dir(path).expect("a folder").flatten() {
        let kind = entry.file_type().expect("a type");
        if kind.is_dir() {
            make_read_only(&entry.path());
        } else if kind.is_file() {
            std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(0o444))
                .expect("chmod");
        }
    }
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o555)).expect("chmod");
}

#[cfg(unix)]
#[test]
fn an_index_this_user_cannot_write_is_searched_as_it_is() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let (ws, _) = indexed();
    // meta.json follows the umask, as the marker does, not tantivy's owner-only 0600.
    let mode = |p: &Path| std::fs::metadata(p).expect("a file").permissions().mode() & 0o777;
    let marker = mode(&ws.path().join("index/newsgrep-index"));
    assert_eq!(mode(&generation(&ws).join("meta.json")), marker);
    ws.write(
        "late.txt",
        "A late article about marmalade exports was filed on Monday.\n",
    );
    std::fs::set_permissions(ws.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    make_read_only(&ws.path().join("index"));
    // As root, permissions bind only another user: run as nobody.
    let as_reader = |args: &[&str]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_newsgrep"));
        cmd.current_dir(ws.path()).args(args).env("NO_COLOR", "1");
        // The files this test made belong to root when it runs as root.
        let root = std::fs::metadata(ws.path().join("index/CURRENT"))
            .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
            .unwrap_or(false);
        if root {
            cmd.uid(65534).gid(65534);
        }
        cmd.output().expect("run newsgrep")
    };
    let out = as_reader(&["search", "tiktok", "--no-update"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = as_reader(&["search", "tiktok"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot be updated"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).contains("tiktok") || stdout(&out).contains("TikTok"));
}

#[test]
fn searches_during_rebuilds_always_see_one_complete_index() {
    let (ws, _) = indexed();
    let stop = std::sync::atomic::AtomicBool::new(false);
    let (failures, searches) = std::thread::scope(|scope| {
        let rebuilds = scope.spawn(|| {
            for _ in 0..25 {
                let out = run_in(ws.path(), &["index", "--rebuild"]);
                assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
            }
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
        });
        let searchers: Vec<_> = (0..2)
            .map(|_| {
                scope.spawn(|| {
                    let mut failures = Vec::new();
                    let mut searches = 0;
                    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                        let out = run_in(ws.path(), &["search", "tiktok", "--no-update"]);
                        searches += 1;
                        if out.status.code() != Some(0) {
                            failures.push(stderr(&out));
                        }
                    }
                    (failures, searches)
                })
            })
            .collect();
        rebuilds.join().expect("the rebuilds");
        searchers
            .into_iter()
            .map(|s| s.join().expect("a searcher"))
            .fold((Vec::new(), 0), |(mut f, n), (more, m)| {
                f.extend(more);
                (f, n + m)
            })
    });
    assert!(searches > 0);
    assert!(
        failures.is_empty(),
        "{} of {searches}: {:?}",
        failures.len(),
        failures.first()
    );
}

#[test]
fn a_folder_named_current_is_damage_that_the_advised_rebuild_repairs() {
    let (ws, _) = indexed();
    let current = ws.path().join("index/CURRENT");
    std::fs::remove_file(&current).expect("remove CURRENT");
    std::fs::create_dir(&current).expect("a folder in its place");
    let out = run_in(ws.path(), &["search", "tiktok"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("newsgrep index --rebuild"),
        "{}",
        stderr(&out)
    );
    let out = run_in(ws.path(), &["index", "--rebuild"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run_in(ws.path(), &["search", "tiktok"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}
