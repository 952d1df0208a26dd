//! A headless Chromium driven over the DevTools protocol, for the browser tests of `newsgrep
//! serve`: keys pressed, the page asked what it shows, a phone's screen and a dark system
//! emulated, screenshots taken.
//!
//! The protocol runs over a pipe (`--remote-debugging-pipe`: commands go in on fd 3, answers
//! come out on fd 4, each a JSON text ended by a NUL byte), so no crate and no port: a shell
//! puts the child's stdin and stdout on those fds.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

/// Chromium's flags for a quiet headless run: no sandbox (CI runs as root), no GPU, no network
/// of its own, no scroll bars in the screenshots.
pub const HEADLESS: [&str; 8] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
];

/// One browser with one page (tab), closed when dropped.
pub struct Browser {
    child: Child,
    commands: ChildStdin,
    answers: BufReader<ChildStdout>,
    next_id: u64,
    /// The page's session: commands for the page carry it.
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts Chromium (Debian's package; `.ci/run` installs it) with one blank page.
    pub fn start() -> Browser {
        let profile = tempfile::tempdir().expect("profile dir");
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(r#"exec "$0" "$@" 3<&0 4>&1 </dev/null >/dev/null"#)
            .arg("chromium")
            .args(HEADLESS)
            .arg("--remote-debugging-pipe")
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromium (Debian's package; .ci/run installs it)");
        let commands = child.stdin.take().expect("stdin");
        let answers = BufReader::new(child.stdout.take().expect("stdout"));
        let mut browser = Browser {
            child,
            commands,
            answers,
            next_id: 0,
            session: String::new(),
            _profile: profile,
        };
        let target = browser.send(None, "Target.createTarget", json!({"url": "about:blank"}));
        let attached = browser.send(
            None,
            "Target.attachToTarget",
            json!({"targetId": target["targetId"], "flatten": true}),
        );
        browser.session = attached["sessionId"]
            .as_str()
            .expect("a session")
            .to_string();
        browser
    }

    /// Sends `method` to the browser (`session` None) or a page, and waits for its result;
    /// events on the way are skipped.
    fn send(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({"id": id, "method": method, "params": params});
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        let mut bytes = message.to_string().into_bytes();
        bytes.push(0);
        self.commands.write_all(&bytes).expect("send to chromium");
        self.commands.flush().expect("send to chromium");
        loop {
            let mut answer = Vec::new();
            let read = self
                .answers
                .read_until(0, &mut answer)
                .expect("read from chromium");
            assert!(read > 0, "chromium closed the pipe during {method}");
            answer.pop();
            let answer: Value = serde_json::from_slice(&answer).expect("JSON from chromium");
            if answer["id"] == id {
                assert!(answer["error"].is_null(), "{method}: {}", answer["error"]);
                return answer["result"].clone();
            }
        }
    }

    /// Sends `method` to the page.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let session = self.session.clone();
        self.send(Some(&session), method, params)
    }

    /// The value of the JavaScript `expression` in the page (run by DevTools, so the page's
    /// Content-Security-Policy does not apply to it).
    pub fn eval(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true}),
        );
        assert!(
            result["exceptionDetails"].is_null(),
            "{expression}: {}",
            result["exceptionDetails"]
        );
        result["result"]["value"].clone()
    }

    /// Waits until `expression` is true in the page (at most 20 s).
    pub fn wait_for(&mut self, expression: &str) {
        let started = Instant::now();
        while self.eval(&format!("!!({expression})")) != json!(true) {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "still not true after 20 s: {expression}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Runs `act`, which leaves the page, and waits for the next page to have loaded.
    pub fn navigating(&mut self, act: impl FnOnce(&mut Browser)) {
        self.eval("window.newsgrepTestOldPage = true");
        act(self);
        self.wait_for("!window.newsgrepTestOldPage && document.readyState === 'complete'");
    }

    /// Opens `url` and waits for it to have loaded.
    pub fn open(&mut self, url: &str) {
        self.navigating(|b| {
            b.call("Page.navigate", json!({"url": url}));
        });
    }

    /// Presses and releases `key` as a keyboard does: `/`, `Enter`, or a letter.
    pub fn press(&mut self, key: &str) {
        let (code, text, key_code) = match key {
            "/" => ("Slash".to_string(), "/", 191),
            "Enter" => ("Enter".to_string(), "\r", 13),
            letter if letter.len() == 1 && letter.as_bytes()[0].is_ascii_lowercase() => (
                format!("Key{}", letter.to_ascii_uppercase()),
                letter,
                i64::from(letter.to_ascii_uppercase().as_bytes()[0]),
            ),
            other => panic!("no key {other:?} here"),
        };
        let event = |kind: &str| {
            json!({"type": kind, "key": key, "code": code, "text": text,
                   "unmodifiedText": text, "windowsVirtualKeyCode": key_code})
        };
        self.call("Input.dispatchKeyEvent", event("keyDown"));
        let mut up = event("keyUp");
        up["text"] = json!("");
        self.call("Input.dispatchKeyEvent", up);
    }

    /// Types `text` into the focused field.
    pub fn type_text(&mut self, text: &str) {
        for key in text.split("").filter(|k| !k.is_empty()) {
            self.press(key);
        }
    }

    /// Emulates a screen `width` CSS pixels wide (a phone's below 600), light or dark.
    pub fn emulate(&mut self, width: u32, height: u32, dark: bool) {
        let phone = width < 600;
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": if phone { 2 } else { 1 },
                   "mobile": phone}),
        );
        self.call(
            "Emulation.setEmulatedMedia",
            json!({"features": [{"name": "prefers-color-scheme",
                                 "value": if dark { "dark" } else { "light" }}]}),
        );
    }

    /// Saves the whole page (to 4000 CSS pixels down) as a PNG at `path`.
    pub fn screenshot(&mut self, path: &Path) {
        let size = self.eval(
            "[document.documentElement.clientWidth, Math.min(4000, document.documentElement.scrollHeight)]",
        );
        let shot = self.call(
            "Page.captureScreenshot",
            json!({"format": "png", "captureBeyondViewport": true,
                   "clip": {"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1}}),
        );
        let png = base64_decode(shot["data"].as_str().expect("data"));
        assert!(png.starts_with(b"\x89PNG"), "not a PNG");
        std::fs::write(path, png).expect("write the screenshot");
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The bytes of standard base64 `text` (as DevTools sends images).
fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {c}"),
        }
    };
    let digits: Vec<u8> = text.bytes().filter(|&c| c != b'=').collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let bits = chunk
            .iter()
            .enumerate()
            .fold(0u32, |bits, (i, &c)| bits | value(c) << (18 - 6 * i));
        let bytes = bits.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    out
}
