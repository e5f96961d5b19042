//! Benchmark of the practice-notes archive (`cargo bench --bench notes`): 100,000 notes of realistic
//! lengths from a generated corpus (Zipf-distributed words, bodies of 30–600 words), archived through the
//! store as the bot does (insert throughput), then searched as people search (median and p95 for a first
//! page of results), on SQLite and PostgreSQL. Half the notes belong to one very large community, the rest
//! to 19 communities of typical size; both are measured.
//!
//! Sizes: STEWARD_BENCH_NOTES (default 100000), STEWARD_BENCH_QUERIES (default 400);
//! STEWARD_BENCH_ONLY=sqlite,postgres picks the backends.

#[path = "../support/mod.rs"]
mod support;

use chrono::{Duration, TimeZone, Utc};
use sqlx::{Connection, Executor};
use std::time::Instant;
use steward::domain::community::{CommunityName, Settings};
use steward::domain::ids::{ChannelRef, CommunityId, GuildRef, MemberRef};
use steward::domain::notes::NoteKind;
use steward::store::{NewNote, NoteFilter, Store};
use support::db::TestDb;

const COMMUNITIES: usize = 20;
const DOMAIN_WORDS: [&str; 40] = [
    "circle",
    "round",
    "check-in",
    "facilitation",
    "closing",
    "opener",
    "silence",
    "listening",
    "conflict",
    "agenda",
    "evaluation",
    "respite",
    "caregiver",
    "family",
    "burnout",
    "supervision",
    "boundaries",
    "feedback",
    "trust",
    "story",
    "practice",
    "timer",
    "breakout",
    "question",
    "reflection",
    "harvest",
    "newcomer",
    "grief",
    "volunteer",
    "schedule",
    "referral",
    "outreach",
    "consent",
    "safety",
    "energy",
    "ritual",
    "journal",
    "mentor",
    "workshop",
    "retreat",
];

/// A small deterministic generator (no dependency, same corpus every run).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        self.next() as f64 / (1u64 << 31) as f64
    }
}

/// 20,000 pronounceable made-up words in frequency order, with the domain words placed at ranks 100–880
/// (topic words, not the most common words of a text, which nobody searches for).
fn vocabulary() -> Vec<String> {
    const SYLLABLES: [&str; 24] = [
        "ka", "lo", "mi", "ra", "te", "su", "no", "ve", "pa", "di", "go", "re", "sa", "bu", "len",
        "tor", "mas", "qui", "fe", "ho", "ny", "zu", "wi", "cha",
    ];
    let mut words: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut rng = Rng(11);
    while words.len() < 20_000 - DOMAIN_WORDS.len() {
        let n = 2 + rng.below(3);
        let word: String = (0..n)
            .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
            .collect();
        if seen.insert(word.clone()) {
            words.push(word);
        }
    }
    for (i, w) in DOMAIN_WORDS.iter().enumerate() {
        words.insert(100 + i * 20, (*w).to_owned());
    }
    words
}

/// Zipf's law (rank r has weight 1/r), as in natural text, summed: entry r is the sum of 1/(k+1) for k ≤ r.
fn cumulative_weights(vocabulary: &[String]) -> Vec<f64> {
    (1..=vocabulary.len())
        .scan(0.0, |acc, r| {
            *acc += 1.0 / r as f64;
            Some(*acc)
        })
        .collect()
}

/// A word drawn with Zipf's law.
fn zipf(rng: &mut Rng, cumulative: &[f64]) -> usize {
    let target = rng.unit() * cumulative[cumulative.len() - 1];
    cumulative
        .partition_point(|&c| c < target)
        .min(cumulative.len() - 1)
}

fn text(rng: &mut Rng, vocabulary: &[String], cumulative: &[f64], words: usize) -> String {
    let mut out = String::new();
    for i in 0..words {
        if i > 0 {
            out.push(if rng.below(12) == 0 { '.' } else { ' ' });
            if out.ends_with('.') {
                out.push(' ');
            }
        }
        out.push_str(&vocabulary[zipf(rng, cumulative)]);
    }
    out
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

async fn communities(store: &Store) -> Vec<CommunityId> {
    let mut ids = Vec::new();
    for i in 0..COMMUNITIES {
        let settings = Settings::new(
            CommunityName::parse(&format!("Circle {i}")).unwrap(),
            chrono_tz::Europe::Lisbon,
            None,
        );
        let c = store
            .create_community(
                GuildRef(1),
                ChannelRef(1000 + i as u64),
                &settings,
                Utc::now(),
            )
            .await
            .unwrap()
            .unwrap();
        ids.push(c.id);
    }
    ids
}

/// Archives `count` notes through `Store::add_note` from 8 concurrent tasks; returns notes per second.
async fn fill(store: &Store, ids: &[CommunityId], count: usize, vocabulary: &[String]) -> f64 {
    let cumulative = cumulative_weights(vocabulary);
    let mut notes = Vec::with_capacity(count);
    let mut rng = Rng(7);
    let kinds = NoteKind::ALL;
    for i in 0..count {
        // Half the notes in the first (very large) community, the rest spread over the others.
        let community = if i % 2 == 0 {
            ids[0]
        } else {
            ids[1 + rng.below(ids.len() - 1)]
        };
        let words = 30 + rng.below(570);
        let tags: Vec<String> = (0..rng.below(4))
            .map(|_| DOMAIN_WORDS[rng.below(12)].to_owned())
            .collect();
        let mut tags_unique = tags.clone();
        tags_unique.dedup();
        let title_words = 3 + rng.below(7);
        notes.push((
            community,
            NewNote {
                kind: kinds[rng.below(kinds.len())],
                title: text(&mut rng, vocabulary, &cumulative, title_words),
                body: text(&mut rng, vocabulary, &cumulative, words),
                tags: tags_unique,
                author: MemberRef(1 + rng.below(300) as u64),
                author_name: "member".to_owned(),
                archived_by: None,
                gathering: None,
                source_url: None,
            },
        ));
    }
    let chars: usize = notes.iter().map(|(_, n)| n.body.chars().count()).sum();
    println!(
        "  corpus: {count} notes, bodies {} characters on average",
        chars / count.max(1)
    );
    let start = Instant::now();
    let t0 = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let chunks: Vec<Vec<(CommunityId, NewNote)>> = notes
        .chunks(count.div_ceil(8).max(1))
        .map(<[_]>::to_vec)
        .collect();
    let mut tasks = Vec::new();
    for (k, chunk) in chunks.into_iter().enumerate() {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::with_capacity(chunk.len());
            for (i, (c, note)) in chunk.iter().enumerate() {
                let at = t0 + Duration::seconds((k * 1_000_000 + i) as i64);
                let one = Instant::now();
                store.add_note(*c, note, at).await.unwrap();
                latencies.push(one.elapsed().as_secs_f64() * 1000.0);
            }
            latencies
        }));
    }
    let mut latencies = Vec::with_capacity(count);
    for t in tasks {
        latencies.extend(t.await.unwrap());
    }
    let rate = count as f64 / start.elapsed().as_secs_f64();
    latencies.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "  one add_note under 8 writers: median {:.2} ms, p99 {:.1} ms, slowest {:.0} ms",
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99),
        latencies.last().copied().unwrap_or(0.0)
    );
    rate
}

/// What people type: one domain word, two domain words, a domain word and a common word, a rare word.
fn queries(count: usize, vocabulary: &[String]) -> Vec<String> {
    let mut rng = Rng(99);
    (0..count)
        .map(|i| match i % 4 {
            0 => DOMAIN_WORDS[rng.below(DOMAIN_WORDS.len())].to_owned(),
            1 => format!(
                "{} {}",
                DOMAIN_WORDS[rng.below(DOMAIN_WORDS.len())],
                DOMAIN_WORDS[rng.below(DOMAIN_WORDS.len())]
            ),
            2 => format!(
                "{} {}",
                DOMAIN_WORDS[rng.below(DOMAIN_WORDS.len())],
                vocabulary[100 + rng.below(900)]
            ),
            _ => vocabulary[2000 + rng.below(18_000)].clone(),
        })
        .collect()
}

async fn measure(
    store: &Store,
    community: CommunityId,
    queries: &[String],
) -> (f64, f64, f64, String, usize) {
    let mut times = Vec::with_capacity(queries.len());
    let mut worst = (0.0, String::new());
    let mut found_total = 0;
    for q in queries {
        let start = Instant::now();
        let found = store
            .search_notes(community, q, &NoteFilter::default(), 11, 0)
            .await
            .unwrap();
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        found_total += found.len();
        if ms > worst.0 {
            worst = (ms, q.clone());
        }
        times.push(ms);
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    (
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        worst.0,
        worst.1,
        found_total / queries.len(),
    )
}

async fn run(db: TestDb, count: usize, query_count: usize, vocabulary: &[String]) {
    println!("\n== practice notes on {} ==", db.label());
    let store = Store::open(db.url(), 9).await.unwrap();
    let ids = communities(&store).await;
    let rate = fill(&store, &ids, count, vocabulary).await;
    if let TestDb::Postgres { url, .. } = &db {
        // A running server's autovacuum vacuums and analyzes a table that grew this much within a
        // minute or so. Without statistics the planner guesses a community holds 0.5 % of the notes and
        // reads the whole large community for a listing; without the visibility map no index-only scan
        // (the search window's start) can skip the table.
        let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
        conn.execute("VACUUM ANALYZE notes").await.unwrap();
    }
    println!("  insert throughput (add_note, 8 concurrent writers): {rate:.0} notes/s");
    let qs = queries(query_count, vocabulary);
    // Warm the caches once, as a running bot has them.
    measure(&store, ids[0], &qs[..qs.len().min(50)]).await;
    for (label, community) in [
        ("large community (half the notes)", ids[0]),
        ("typical community", ids[1]),
    ] {
        let (median, p95, worst, worst_q, avg) = measure(&store, community, &qs).await;
        println!(
            "  search, {label}: median {median:.2} ms, p95 {p95:.2} ms, slowest {worst:.1} ms (`{worst_q}`), \
             {avg} results on the first page on average ({} queries)",
            qs.len()
        );
    }
    // One member at a time archiving into the full archive: the latency a person sees.
    let mut rng = Rng(5);
    let cumulative = cumulative_weights(vocabulary);
    let mut single = Vec::new();
    for i in 0..2000 {
        let words = 30 + rng.below(570);
        let note = NewNote {
            kind: NoteKind::Story,
            title: text(&mut rng, vocabulary, &cumulative, 5),
            body: text(&mut rng, vocabulary, &cumulative, words),
            tags: vec!["circle".to_owned()],
            author: MemberRef(7),
            author_name: "member".to_owned(),
            archived_by: None,
            gathering: None,
            source_url: None,
        };
        let one = Instant::now();
        store.add_note(ids[i % 2], &note, Utc::now()).await.unwrap();
        single.push(one.elapsed().as_secs_f64() * 1000.0);
    }
    single.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "  one writer, 2,000 more notes into the full archive: median {:.2} ms, p99 {:.1} ms, slowest {:.0} ms",
        percentile(&single, 0.5),
        percentile(&single, 0.99),
        single.last().copied().unwrap_or(0.0)
    );
    let start = Instant::now();
    for page in 0..50 {
        store
            .list_notes(ids[0], &NoteFilter::default(), 11, page * 10)
            .await
            .unwrap();
    }
    println!(
        "  newest-first listing, large community: {:.2} ms per page (first 50 pages)",
        start.elapsed().as_secs_f64() * 1000.0 / 50.0
    );
    store.close().await;
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let count = std::env::var("STEWARD_BENCH_NOTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let query_count = std::env::var("STEWARD_BENCH_QUERIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400);
    let only = std::env::var("STEWARD_BENCH_ONLY").unwrap_or_else(|_| "sqlite,postgres".into());
    let vocabulary = vocabulary();
    runtime.block_on(async {
        if only.contains("sqlite") {
            run(TestDb::sqlite(), count, query_count, &vocabulary).await;
        }
        if only.contains("postgres") {
            if let Some(db) = TestDb::postgres().await {
                run(db, count, query_count, &vocabulary).await;
            }
        }
    });
}
