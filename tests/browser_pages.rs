//! The public pages in a real browser: headless Chromium (Debian's package, which `.ci/run` installs)
//! loads `/c/<slug>` and `/` at 390 px (a phone) and 1280 px, driven over the DevTools protocol. The test
//! reads the rendered text (the dates are there, no member's name is), checks that nothing is wider
//! than the phone's screen (the page's scroll width against its client width, and the screenshot's
//! width), and saves full-page screenshots under `target/screenshots/`.
//!
//! It runs when `STEWARD_BROWSER_TESTS=1` (`.ci/run` sets it); otherwise it says loudly that it was
//! skipped. With the flag set, a missing Chromium is a failure.

mod support;

use base64::Engine;
use chrono::{DateTime, TimeZone, Utc};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use support::db::TestDb;
use support::fake_discord::{FakeDiscord, Invocation, Member};
use support::replies::text_of;
use support::web::{listening, Listening};
use tokio_tungstenite::tungstenite::Message;

const CHROMIUM: &str = "/usr/bin/chromium";
/// A title with a 60-letter word: it must wrap, not push the page wider than a phone.
const LONG_TITLE: &str =
    "Peer supervision: Überschallgeschwindigkeitsflugzeugkonstruktionsbüromitarbeiterinnen";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap()
}

fn wanted() -> bool {
    std::env::var("STEWARD_BROWSER_TESTS").is_ok_and(|v| v == "1")
}

/// A running headless Chromium and one page's DevTools connection.
struct Browser {
    child: tokio::process::Child,
    socket: tokio_tungstenite::WebSocketStream<
        tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>,
    >,
    next_id: u64,
    _profile: tempfile::TempDir,
}

impl Browser {
    async fn start() -> Browser {
        assert!(
            Path::new(CHROMIUM).exists(),
            "STEWARD_BROWSER_TESTS=1 but {CHROMIUM} is missing: `apt-get install chromium` (.ci/run does)"
        );
        let profile = tempfile::tempdir().expect("a profile folder");
        let child = tokio::process::Command::new(CHROMIUM)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("chromium starts");
        // Chromium writes the port it chose into the profile.
        let active = profile.path().join("DevToolsActivePort");
        let mut port = None;
        for _ in 0..300 {
            if let Ok(text) = std::fs::read_to_string(&active) {
                port = text
                    .lines()
                    .next()
                    .and_then(|l| l.trim().parse::<u16>().ok());
                if port.is_some() {
                    break;
                }
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let port = port.expect("chromium opened its DevTools port");
        let targets = reqwest::get(format!("http://127.0.0.1:{port}/json/list"))
            .await
            .expect("DevTools answers")
            .text()
            .await
            .expect("a target list");
        let targets: Value = serde_json::from_str(&targets).expect("a JSON target list");
        let page = targets
            .as_array()
            .and_then(|all| all.iter().find(|t| t["type"] == "page"))
            .and_then(|t| t["webSocketDebuggerUrl"].as_str())
            .expect("a page target")
            .to_owned();
        let (socket, _) = tokio_tungstenite::connect_async(page)
            .await
            .expect("the page's DevTools socket");
        Browser {
            child,
            socket,
            next_id: 1,
            _profile: profile,
        }
    }

    /// Sends one DevTools command and waits for its result (events in between are skipped).
    async fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let command = json!({"id": id, "method": method, "params": params}).to_string();
        self.socket
            .send(Message::text(command))
            .await
            .expect("DevTools takes the command");
        loop {
            let message =
                tokio::time::timeout(std::time::Duration::from_secs(30), self.socket.next())
                    .await
                    .unwrap_or_else(|_| panic!("{method}: no answer in 30 s"))
                    .expect("the socket stays open")
                    .expect("a message");
            let Message::Text(text) = message else {
                continue;
            };
            let value: Value = serde_json::from_str(text.as_str()).expect("DevTools JSON");
            if value["id"] == id {
                assert!(value.get("error").is_none(), "{method}: {value}");
                return value["result"].clone();
            }
        }
    }

    async fn evaluate(&mut self, expression: &str) -> Value {
        let result = self
            .call(
                "Runtime.evaluate",
                json!({"expression": expression, "returnByValue": true}),
            )
            .await;
        result["result"]["value"].clone()
    }

    /// Loads `url` `width` px wide; returns the page's text, its scroll and client widths, and a
    /// full-page PNG.
    async fn look(&mut self, url: &str, width: u32) -> (String, i64, i64, Vec<u8>) {
        let metrics = |height: i64| json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600});
        self.call("Emulation.setDeviceMetricsOverride", metrics(800))
            .await;
        self.call("Page.navigate", json!({"url": url})).await;
        for _ in 0..100 {
            if self.evaluate("document.readyState").await == "complete" {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let seen = self
            .evaluate(
                "JSON.stringify({text: document.body.innerText, \
                 scroll: document.documentElement.scrollWidth, \
                 client: document.documentElement.clientWidth, \
                 height: document.documentElement.scrollHeight})",
            )
            .await;
        let seen: Value = serde_json::from_str(seen.as_str().expect("a JSON string")).unwrap();
        let height = seen["height"].as_i64().unwrap_or(800).clamp(200, 8000);
        self.call("Emulation.setDeviceMetricsOverride", metrics(height))
            .await;
        let shot = self
            .call("Page.captureScreenshot", json!({"format": "png"}))
            .await;
        let png = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().expect("screenshot data"))
            .expect("base64");
        (
            seen["text"].as_str().unwrap_or_default().to_owned(),
            seen["scroll"].as_i64().unwrap_or(-1),
            seen["client"].as_i64().unwrap_or(-1),
            png,
        )
    }
}

/// A PNG's width from its IHDR chunk.
fn png_width(png: &[u8]) -> u32 {
    assert_eq!(&png[1..4], b"PNG", "a PNG");
    u32::from_be_bytes([png[16], png[17], png[18], png[19]])
}

fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).expect("target/screenshots");
    dir
}

async fn run(fake: &FakeDiscord, invocation: Invocation) -> Value {
    fake.run(&invocation).await
}

#[tokio::test]
async fn the_pages_read_well_on_a_phone_and_a_desktop_and_name_no_member() {
    if !wanted() {
        eprintln!(
            "SKIPPED: browser screenshots of the public pages (set STEWARD_BROWSER_TESTS=1 with \
             Chromium at {CHROMIUM}; .ci/run does)"
        );
        return;
    }
    let db = TestDb::sqlite();
    let Listening {
        fake, bot, base, ..
    } = listening(&db, now(), Some("https://steward.example.org")).await;
    let manager = Member::manager(1);
    run(
        &fake,
        Invocation::new("community setup", &manager)
            .opt("name", "Cercle de pratique — Sudbury")
            .opt("timezone", "America/Toronto"),
    )
    .await;
    run(
        &fake,
        Invocation::new("gathering schedule", &manager)
            .opt("title", LONG_TITLE)
            .opt("frequency", "monthly")
            .opt("week", "first")
            .opt("day", "friday")
            .opt("start", "13:00")
            .opt("end", "16:00")
            .opt("location", "Centre communautaire, salle 2 — https://example.org/a/very/long/address/that/does/not/break/by/itself"),
    )
    .await;
    let mut ana = Member::regular(7);
    ana.name = "Ana Lefebvre".to_owned();
    run(
        &fake,
        Invocation::new("role claim", &ana).opt("role", "Opener"),
    )
    .await;
    run(&fake, Invocation::new("rsvp", &ana).opt("answer", "going")).await;
    let opened = run(
        &fake,
        Invocation::new("community settings", &manager).opt("public_page", true),
    )
    .await;
    assert!(
        text_of(&opened).contains("/c/cercle-de-pratique-sudbury"),
        "{}",
        text_of(&opened)
    );

    let mut browser = Browser::start().await;
    let dir = screenshots();
    for (name, path) in [
        ("community", "/c/cercle-de-pratique-sudbury"),
        ("index", "/"),
    ] {
        for width in [390u32, 1280] {
            let (text, scroll, client, png) = browser.look(&format!("{base}{path}"), width).await;
            let file = dir.join(format!("{name}-{width}.png"));
            std::fs::write(&file, &png).expect("screenshot saved");
            eprintln!("screenshot: {} ({} bytes)", file.display(), png.len());
            assert!(
                text.contains("Cercle de pratique — Sudbury"),
                "{name} {width}: {text}"
            );
            assert!(
                text.contains("Fri 4 Dec 2026, 13:00–16:00"),
                "{name} {width}: {text}"
            );
            assert!(
                !text.contains("Ana") && !text.contains("Lefebvre"),
                "{name}: {text}"
            );
            assert!(
                scroll <= client,
                "{name} at {width} px overflows: scroll width {scroll} > client width {client}"
            );
            assert_eq!(
                png_width(&png),
                width,
                "{name}: the screenshot is the page's width"
            );
            if name == "community" {
                for shown in [
                    "Next gatherings",
                    "Fri 1 Jan 2027",
                    "Open roles: Sharing challenges",
                    "1 going",
                    "Calendar link (.ics)",
                ] {
                    assert!(text.contains(shown), "{width}: {shown} missing from {text}");
                }
                // Ana holds the Opener of the first gathering only.
                let first = text.find("Open roles:").expect("open roles");
                assert!(
                    text[first..].starts_with("Open roles: Sharing challenges"),
                    "{text}"
                );
            }
        }
    }
    browser.child.kill().await.ok();
    bot.stop().await;
    fake.assert_spec_clean();
}
