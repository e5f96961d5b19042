//! Interaction latency next to a bare bot (`cargo bench --bench interactions`).
//!
//! The real `steward` binary and a floor bot (`floor.rs`: serenity + poise, constant answers, no
//! database) run as child processes, each against its own copy of the project's fake Discord (in lean
//! mode: no spec check, no request log, the same small cost for both). Rounds alternate, Steward then
//! the floor, for each kind of interaction and each concurrency level, so that both see the same machine.
//! Latency runs from the fake writing INTERACTION_CREATE on the gateway to the fake receiving the
//! callback; a deferred answer is measured at its acknowledgement and, separately, at the edit or
//! follow-up that carries the result (the time until the member sees it, which is what the targets use).
//!
//! Kinds: `/help`; a Claim click (alternately Claim and Release of a role: each writes and re-renders
//! the agenda card); an RSVP click (alternately Going and Maybe); a note form submitted (a new practice
//! note each time). Each concurrent worker acts in its own community (its own channel and card), as
//! members of a busy server's communities do of an evening.
//!
//! Printed per backend, kind and level: median / p90 / p99 / max, throughput, the bot's CPU per
//! interaction (from /proc, the bot process only, counted until it is idle again after the round), for
//! both bots, and the ratio Steward / floor per round and overall (the
//! median of the rounds' ratios). Then each bot's resident memory idle and after the run.
//!
//! Sizes: STEWARD_BENCH_INTERACTIONS (per kind and level, default 2100, split over the rounds),
//! STEWARD_BENCH_ROUNDS (default 7), STEWARD_BENCH_LEVELS (default `1,16,64`),
//! STEWARD_BENCH_ONLY (`sqlite`, `postgres`, `memory`), STEWARD_BENCH_KINDS (`help,claim,rsvp,note`);
//! the memory part: STEWARD_BENCH_MEMORY_COMMUNITIES (10000), STEWARD_BENCH_MEMORY_INTERACTIONS (50000),
//! STEWARD_BENCH_MEMORY_KINDS (`rsvp,claim,help,note`, taken in turns of 2,500).

#[path = "../support/mod.rs"]
mod support;

mod floor;

use serde_json::Value;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::bot::TOKEN;
use support::calendar_fill::Calendar;
use support::db::TestDb;
use support::fake_discord::interactions::{self, CHANNEL};
use support::fake_discord::{AnswerEvent, FakeDiscord, Invocation, Member};

fn env_number(key: &str, default: usize) -> usize {
    std::env::var(key)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn env_list(key: &str, default: &str) -> Vec<String> {
    std::env::var(key)
        .unwrap_or_else(|_| default.to_owned())
        .split(',')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// What one worker does.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Help,
    Claim,
    Rsvp,
    Note,
}

impl Kind {
    fn parse(name: &str) -> Option<Kind> {
        match name {
            "help" => Some(Kind::Help),
            "claim" => Some(Kind::Claim),
            "rsvp" => Some(Kind::Rsvp),
            "note" => Some(Kind::Note),
            _ => None,
        }
    }
    fn label(self) -> &'static str {
        match self {
            Kind::Help => "/help",
            Kind::Claim => "Claim click",
            Kind::Rsvp => "RSVP click",
            Kind::Note => "note form submit",
        }
    }
    /// Whether an answer of callback type `kind` (for a deferred one, the type of its acknowledgement)
    /// whose message is `private` means the interaction did what it should: a click updates the card
    /// (7, or 6 then the edit; a refusal would be a private message, 4); help answers privately; a note
    /// form archives the note with a public card (a refusal would be private).
    fn succeeded(self, kind: u64, private: bool) -> bool {
        match self {
            Kind::Claim | Kind::Rsvp => matches!(kind, 6 | 7),
            Kind::Help => matches!(kind, 4 | 5),
            Kind::Note => matches!(kind, 4 | 5) && !private,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// One bot under test: a child process and its fake Discord, with one community (a channel, a
/// gathering and its card) per worker.
struct Bot {
    fake: FakeDiscord,
    child: tokio::process::Child,
    /// Per worker: the channel, the card's message id and the gathering id.
    homes: Vec<(u64, u64, i64)>,
    /// Per worker and kind: how many it has sent (Claim and Release alternate across rounds).
    turns: Vec<[AtomicUsize; 4]>,
    /// Resident memory a second after it connected, before any community exists (MiB).
    started: f64,
}

impl Bot {
    fn new(
        fake: FakeDiscord,
        child: tokio::process::Child,
        homes: Vec<(u64, u64, i64)>,
        started: f64,
    ) -> Bot {
        Bot {
            fake,
            child,
            turns: homes.iter().map(|_| Default::default()).collect(),
            homes,
            started,
        }
    }

    fn pid(&self) -> u32 {
        self.child.id().expect("the bot runs")
    }
}

/// User + system CPU time of `pid` so far, in seconds (Linux /proc).
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which may hold spaces) start at `) `.
    let after = stat.rsplit_once(") ").map(|(_, rest)| rest).unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are the 14th and 15th fields of the line, the 12th and 13th after the name.
    (ticks(11) + ticks(12)) / clock_ticks()
}

fn clock_ticks() -> f64 {
    static TICKS: std::sync::OnceLock<f64> = std::sync::OnceLock::new();
    *TICKS.get_or_init(|| {
        std::process::Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .ok()
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(100.0)
    })
}

/// Resident memory of `pid`, in MiB.
fn rss_mib(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .unwrap_or(0.0)
        / 1024.0
}

async fn start_steward(db: &TestDb, dir: &std::path::Path, workers: usize) -> Bot {
    let fake = FakeDiscord::start().await;
    // STEWARD_BENCH_BOT_LOG (e.g. `sqlx::query=debug`) turns the bot's log on, to its stderr.
    let log = std::env::var("STEWARD_BENCH_BOT_LOG").unwrap_or_else(|_| "error".to_owned());
    let child = support::process::spawn_steward(&fake, db.url(), dir, &[("RUST_LOG", &log)]);
    fake.wait_ready().await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let started = rss_mib(child.id().expect("the bot runs"));
    let when = (chrono::Utc::now() + chrono::Duration::days(30))
        .format("%Y-%m-%d")
        .to_string();
    let mut homes = Vec::new();
    for w in 0..workers {
        let channel = CHANNEL + w as u64;
        let organizer = Member::manager(1);
        fake.run(
            &Invocation::new("community setup", &organizer)
                .in_channel(channel)
                .opt("name", format!("Circle {w}"))
                .opt("timezone", "America/Toronto"),
        )
        .await;
        fake.run(
            &Invocation::new("gathering add", &organizer)
                .in_channel(channel)
                .opt("date", when.as_str())
                .opt("start", "1pm")
                .opt("end", "4pm")
                .opt("title", "Evening circle"),
        )
        .await;
        let card = fake
            .run(&Invocation::new("gathering next", &Member::regular(9)).in_channel(channel))
            .await;
        let claim = find_custom_id(&card["data"], "st:claim:")
            .unwrap_or_else(|| panic!("the agenda card has a Claim button: {card}"));
        let gathering: i64 = claim
            .split(':')
            .nth(2)
            .and_then(|g| g.parse().ok())
            .expect("id");
        let message = fake
            .wait_for("the card's message", |f| {
                f.newest_with_button(channel, &claim)
            })
            .await;
        homes.push((channel, message, gathering));
    }
    fake.assert_spec_clean();
    fake.set_lean(true);
    Bot::new(fake, child, homes, started)
}

async fn start_floor(workers: usize) -> Bot {
    let fake = FakeDiscord::start().await;
    let child = tokio::process::Command::new(std::env::current_exe().expect("this benchmark"))
        .env("STEWARD_BENCH_FLOOR", "1")
        .env("DISCORD_TOKEN", TOKEN)
        .env("STEWARD_DISCORD_API_URL", fake.api_url())
        .env("RUST_LOG", "error")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("the floor bot starts");
    fake.wait_ready().await;
    fake.set_lean(true);
    tokio::time::sleep(Duration::from_secs(1)).await;
    let started = rss_mib(child.id().expect("the floor runs"));
    let homes: Vec<(u64, u64, i64)> = (0..workers)
        .map(|w| (CHANNEL + w as u64, 1000 + w as u64, 1 + w as i64))
        .collect();
    Bot::new(fake, child, homes, started)
}

fn find_custom_id(data: &Value, prefix: &str) -> Option<String> {
    data["components"]
        .as_array()?
        .iter()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|c| c["custom_id"].as_str().map(str::to_owned))
        .find(|id| id.starts_with(prefix))
}

/// The payload of the `n`th interaction of `kind` by worker `w`.
fn payload(bot: &Bot, kind: Kind, w: usize, id: u64) -> (u64, Value) {
    let (channel, message, gathering) = bot.homes[w];
    let n = bot.turns[w][kind.index()].fetch_add(1, Ordering::Relaxed);
    let member = Member::regular(10_000 + w as u64);
    let payload = match kind {
        Kind::Help => interactions::build(
            &bot.fake,
            id,
            &Invocation::new("help", &member).in_channel(channel),
        ),
        Kind::Claim | Kind::Rsvp => {
            // Claim then Release of the first role; Going then Maybe: each click changes something.
            let (first, then) = match kind {
                Kind::Claim => ("claim", "release"),
                _ => ("rsvp", "rsvp"),
            };
            let (arg_first, arg_then) = match kind {
                Kind::Claim => ("0", "0"),
                _ => ("going", "maybe"),
            };
            let (verb, arg) = if n.is_multiple_of(2) {
                (first, arg_first)
            } else {
                (then, arg_then)
            };
            let custom_id = format!("st:{verb}:{gathering}:{arg}");
            interactions::click_on(&bot.fake, id, &member, channel, message, &custom_id)
        }
        Kind::Note => {
            let fields: Vec<(String, String)> = [
                ("title", format!("Opening round {id}")),
                ("kind", "story".to_owned()),
                ("tags", "check-in, openers".to_owned()),
                (
                    "body",
                    format!(
                        "We opened with a one-word round; {n} people spoke. Next time: a timer."
                    ),
                ),
                ("link", String::new()),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
            interactions::submit_form(&bot.fake, id, &member, channel, "snf:add:0:0", &fields)
        }
    };
    (channel, payload)
}

/// One interaction's timings: until the first callback, and until the result (the same unless
/// deferred); the callback's type.
#[derive(Debug, Clone, Copy)]
struct Sample {
    ack: f64,
    result: f64,
    kind: u64,
    /// Whether it did what it should (see [`Kind::succeeded`]) within Discord's 3 s.
    ok: bool,
}

/// What one round of one bot measured.
#[derive(Debug, Default, Clone)]
struct Round {
    samples: Vec<Sample>,
    wall: f64,
    cpu: f64,
    failures: usize,
}

/// Sends `count` interactions of `kind` to `bot` from `level` concurrent workers; `start` numbers them.
async fn round(bot: &Arc<Bot>, kind: Kind, level: usize, count: usize) -> Round {
    let next = Arc::new(AtomicUsize::new(0));
    let cpu_before = cpu_seconds(bot.pid());
    let began = Instant::now();
    let mut tasks = Vec::new();
    for w in 0..level {
        let bot = bot.clone();
        let next = next.clone();
        tasks.push(tokio::spawn(async move {
            let mut samples = Vec::new();
            let mut failures = 0;
            while next.fetch_add(1, Ordering::Relaxed) < count {
                let id = bot.fake.next_id();
                let (channel, body) = payload(&bot, kind, w, id);
                let (sent, mut events) = bot.fake.send_watched(id, channel, body);
                let waited = tokio::time::timeout(Duration::from_secs(15), async {
                    let mut ack = None;
                    while let Some(event) = events.recv().await {
                        match event {
                            AnswerEvent::Callback { at, kind, .. } if matches!(kind, 5 | 6) => {
                                ack = Some((at, kind));
                            }
                            AnswerEvent::Callback { at, kind, private } => {
                                return Some((at, at, kind, private))
                            }
                            AnswerEvent::Final { at, private } => {
                                if let Some((acked, kind)) = ack {
                                    return Some((acked, at, kind, private));
                                }
                            }
                        }
                    }
                    None
                })
                .await;
                bot.fake.unwatch(id);
                match waited {
                    Ok(Some((acked, done, answer, private))) => {
                        let ack = (acked - sent).as_secs_f64() * 1000.0;
                        samples.push(Sample {
                            ack,
                            result: (done - sent).as_secs_f64() * 1000.0,
                            kind: answer,
                            ok: ack <= 3000.0 && kind.succeeded(answer, private),
                        })
                    }
                    _ => failures += 1,
                }
            }
            (samples, failures)
        }));
    }
    let mut result = Round::default();
    for task in tasks {
        let (samples, failures) = task.await.expect("a worker");
        result.samples.extend(samples);
        result.failures += failures;
    }
    result.wall = began.elapsed().as_secs_f64();
    // Work the bot does after answering (logs, planned edits, the posts engine) is its cost too: the
    // round ends when its CPU time stops moving (two readings 100 ms apart), before the other bot runs.
    let mut cpu = cpu_seconds(bot.pid());
    for _ in 0..30 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let now = cpu_seconds(bot.pid());
        if now == cpu {
            break;
        }
        cpu = now;
    }
    result.cpu = cpu - cpu_before;
    result
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    percentile(&values, 0.5)
}

/// Summary of many rounds of one bot: result latency and acknowledgement latency, throughput, CPU.
struct Summary {
    result: [f64; 4],
    ack_median: f64,
    deferred: usize,
    unexpected: usize,
    throughput: f64,
    cpu_ms: f64,
    failures: usize,
    count: usize,
}

fn summarize(rounds: &[Round]) -> Summary {
    let samples: Vec<Sample> = rounds.iter().flat_map(|r| r.samples.clone()).collect();
    let mut result: Vec<f64> = samples.iter().map(|s| s.result).collect();
    result.sort_by(|a, b| a.total_cmp(b));
    let mut ack: Vec<f64> = samples.iter().map(|s| s.ack).collect();
    ack.sort_by(|a, b| a.total_cmp(b));
    let count = samples.len();
    let wall: f64 = rounds.iter().map(|r| r.wall).sum();
    let cpu: f64 = rounds.iter().map(|r| r.cpu).sum();
    Summary {
        result: [
            percentile(&result, 0.5),
            percentile(&result, 0.9),
            percentile(&result, 0.99),
            result.last().copied().unwrap_or(f64::NAN),
        ],
        ack_median: percentile(&ack, 0.5),
        deferred: samples.iter().filter(|s| matches!(s.kind, 5 | 6)).count(),
        unexpected: samples.iter().filter(|s| !s.ok).count(),
        throughput: count as f64 / wall.max(1e-9),
        cpu_ms: cpu * 1000.0 / count.max(1) as f64,
        failures: rounds.iter().map(|r| r.failures).sum(),
        count,
    }
}

fn round_stat(round: &Round, p: f64) -> f64 {
    let mut values: Vec<f64> = round.samples.iter().map(|s| s.result).collect();
    values.sort_by(|a, b| a.total_cmp(b));
    percentile(&values, p)
}

async fn bench_backend(db: TestDb, floor: &Arc<Bot>, kinds: &[Kind], levels: &[usize]) {
    let per_level = env_number("STEWARD_BENCH_INTERACTIONS", 2100);
    let rounds = env_number("STEWARD_BENCH_ROUNDS", 7).max(1);
    let per_round = per_level.div_ceil(rounds);
    let workers = levels.iter().copied().max().unwrap_or(1);
    let dir = tempfile::tempdir().expect("a directory");
    let steward = Arc::new(start_steward(&db, dir.path(), workers).await);
    tokio::time::sleep(Duration::from_secs(2)).await;
    let idle = rss_mib(steward.pid());
    println!(
        "\n## {} — {} interactions per kind and level, in {rounds} rounds alternating Steward and the floor\n",
        db.label(),
        per_round * rounds
    );
    if db.label() == "postgres" {
        println!("(CPU is the bot process's own: on PostgreSQL the database server's work is not in it; on SQLite it is.)\n");
    }
    println!("| what | level | bot | median | p90 | p99 | max | throughput | CPU per interaction | ratio median (rounds) | ratio p99 (rounds) |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for &kind in kinds {
        for &level in levels {
            // A warm-up round each, not counted.
            round(&steward, kind, level, level * 4).await;
            round(floor, kind, level, level * 4).await;
            let mut ours = Vec::new();
            let mut theirs = Vec::new();
            for _ in 0..rounds {
                ours.push(round(&steward, kind, level, per_round).await);
                theirs.push(round(floor, kind, level, per_round).await);
            }
            let ratios = |p: f64| -> Vec<f64> {
                ours.iter()
                    .zip(&theirs)
                    .map(|(a, b)| round_stat(a, p) / round_stat(b, p))
                    .collect()
            };
            let (median_ratios, p99_ratios) = (ratios(0.5), ratios(0.99));
            let show = |v: &[f64]| {
                v.iter()
                    .map(|r| format!("{r:.2}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            for (name, rs, ratio) in [
                (
                    "steward",
                    &ours,
                    format!(
                        "**{:.2}×** ({}) | **{:.2}×** ({})",
                        median(median_ratios.clone()),
                        show(&median_ratios),
                        median(p99_ratios.clone()),
                        show(&p99_ratios)
                    ),
                ),
                ("floor", &theirs, " | ".to_owned()),
            ] {
                let s = summarize(rs);
                println!(
                    "| {} | {level} | {name} | {:.2} ms | {:.2} ms | {:.2} ms | {:.2} ms | {:.0}/s | {:.3} ms | {ratio} |",
                    kind.label(),
                    s.result[0],
                    s.result[1],
                    s.result[2],
                    s.result[3],
                    s.throughput,
                    s.cpu_ms,
                );
                if s.deferred > 0 || s.unexpected > 0 || s.failures > 0 {
                    println!(
                        "|  | | ({name}: {} of {} deferred, acknowledged at a median {:.2} ms; {} refused, answered otherwise than expected or later than 3 s; {} unanswered within 15 s) | | | | | | | | |",
                        s.deferred, s.count, s.ack_median, s.unexpected, s.failures
                    );
                }
            }
        }
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    println!(
        "\nResident memory: Steward {:.1} MiB idle when connected, {idle:.1} MiB idle after setting up {workers} communities, {:.1} MiB after the run; the floor {:.1} MiB when connected, {:.1} MiB now.",
        steward.started,
        rss_mib(steward.pid()),
        floor.started,
        rss_mib(floor.pid())
    );
    drop(steward);
}

/// Memory with a large calendar: `STEWARD_BENCH_MEMORY_COMMUNITIES` (10,000) communities, each with a
/// year of weekly gatherings and three planned reminders per gathering, written into the SQLite database
/// before the bot starts; then `STEWARD_BENCH_MEMORY_INTERACTIONS` (50,000) interactions, 16 at a time,
/// in turns of 2,500 RSVP clicks, Claim clicks, `/help` and note forms, with the bot's resident memory
/// read after every 10,000.
async fn memory_at_scale() {
    let communities = env_number("STEWARD_BENCH_MEMORY_COMMUNITIES", 10_000) as i64;
    let total = env_number("STEWARD_BENCH_MEMORY_INTERACTIONS", 50_000);
    let level = 16;
    let turn = 2_500;
    let db = TestDb::sqlite();
    steward::store::Store::open(db.url(), 1)
        .await
        .expect("the database")
        .close()
        .await;
    let began = Instant::now();
    let now = chrono::Utc::now().timestamp();
    let calendar = Calendar {
        communities,
        weeks: 52,
        guild: 2,
        channel_base: 1_000_000_000,
        now,
        due: "g.start_at - 3600 * (m + 1)".to_owned(),
    };
    support::calendar_fill::fill(&db, &calendar).await;
    println!(
        "\n## Memory with a large calendar (SQLite)\n\n{communities} communities × 52 weekly gatherings × 3 planned reminders written in {:.0} s.",
        began.elapsed().as_secs_f64()
    );
    let dir = tempfile::tempdir().expect("a directory");
    let bot = Arc::new(start_steward(&db, dir.path(), level).await);
    tokio::time::sleep(Duration::from_secs(2)).await;
    let idle = rss_mib(bot.pid());
    let cycle: Vec<Kind> = env_list("STEWARD_BENCH_MEMORY_KINDS", "rsvp,claim,help,note")
        .iter()
        .filter_map(|k| Kind::parse(k))
        .collect();
    let mut readings = Vec::new();
    let (mut sent, mut failures, mut unexpected) = (0, 0, 0);
    while sent < total {
        let kind = cycle[(sent / turn) % cycle.len()];
        let done = round(&bot, kind, level, turn.min(total - sent)).await;
        failures += done.failures;
        unexpected += done.samples.iter().filter(|s| !s.ok).count();
        sent += turn.min(total - sent);
        if sent % 10_000 == 0 || sent == total {
            readings.push(format!("{sent}: {:.1} MiB", rss_mib(bot.pid())));
        }
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    println!(
        "Steward {:.1} MiB idle when connected, {idle:.1} MiB idle after setting up {level} more communities; \
         after each 10,000 interactions (of {total}; {unexpected} answered otherwise than expected, {failures} unanswered): {}; \
         {:.1} MiB idle after.",
        bot.started,
        readings.join(", "),
        rss_mib(bot.pid())
    );
}

fn main() {
    if std::env::var_os("STEWARD_BENCH_FLOOR").is_some() {
        floor::run();
        return;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let kinds: Vec<Kind> = env_list("STEWARD_BENCH_KINDS", "help,claim,rsvp,note")
            .iter()
            .filter_map(|k| Kind::parse(k))
            .collect();
        let levels: Vec<usize> = env_list("STEWARD_BENCH_LEVELS", "1,16,64")
            .iter()
            .filter_map(|l| l.parse().ok())
            .collect();
        let only = env_list("STEWARD_BENCH_ONLY", "sqlite,postgres,memory");
        println!(
            "# Interactions: Steward next to a bare serenity + poise bot ({} cores, {})",
            std::thread::available_parallelism().map_or(0, |n| n.get()),
            chrono::Utc::now().format("%Y-%m-%d")
        );
        let workers = levels.iter().copied().max().unwrap_or(1);
        let floor = Arc::new(start_floor(workers).await);
        if only.iter().any(|o| o == "sqlite") {
            bench_backend(TestDb::sqlite(), &floor, &kinds, &levels).await;
        }
        if only.iter().any(|o| o == "postgres") {
            match TestDb::postgres().await {
                Some(db) => bench_backend(db, &floor, &kinds, &levels).await,
                None => println!("\nPostgreSQL unreachable: its half was skipped."),
            }
        }
        if only.iter().any(|o| o == "memory") {
            memory_at_scale().await;
        }
    });
}
