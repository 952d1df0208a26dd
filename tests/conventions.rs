//! End-to-end tests of the habits newsgrep shares with grep, rg and fd: completions, a man
//! page, errors for other engines' query syntax, and flags that keep their usual meaning.

mod common;

use common::Workspace;

/// The commands a completion script or man page must name.
const COMMANDS: [&str; 7] = [
    "index", "search", "clean", "quote", "stats", "terms", "export",
];

fn stdout_of(args: &[&str]) -> String {
    let ws = Workspace::empty();
    let out = ws.cmd(args).output().expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn each_shell_completion_script_names_every_command() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout_of(&["completions", shell]);
        for command in COMMANDS {
            assert!(script.contains(command), "{shell} script lacks {command}");
        }
        // The search flags are in the script too (the commands' flags are built lazily).
        assert!(script.contains("kwic"), "{shell} script lacks --kwic");
    }
}

#[test]
fn completions_for_an_unknown_shell_is_a_usage_error() {
    let ws = Workspace::empty();
    ws.cmd(&["completions", "tcsh"]).assert().code(2);
}

#[test]
fn man_page_is_roff_with_a_section_and_the_options_of_each_command() {
    let page = stdout_of(&["man"]);
    assert!(page.starts_with(".ie"), "{}", &page[..page.len().min(200)]);
    assert!(page.contains(".TH newsgrep 1"));
    for command in COMMANDS {
        let heading = format!(".SH \"NEWSGREP {}\"", command.to_uppercase());
        assert!(page.contains(&heading), "no section {heading}");
    }
    assert!(page.contains("\\-\\-kwic"));
}
