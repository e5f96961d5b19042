//! Property tests for every parser the `steward` library exposes: whatever Unicode a person
//! types, or a client puts in a custom id, no parser panics (it answers `Ok` or `Err`), and the
//! parsers that promise a round trip keep it (print a parsed value, parse it again, get the same
//! value).
//!
//! Inputs mix five sources:
//! - fragments of valid inputs glued to awkward characters (`1д`, `7d,1д`, `13:00+1ж`,
//!   `2026-02-3٠`);
//! - strings of awkward characters: multi-byte letters and digits, combining marks, zero-width and
//!   bidirectional controls, emoji and their parts, white space beyond the ASCII space, controls,
//!   and compatibility characters that NFKC rewrites;
//! - proptest's printable strings (`\PC`, through `any::<String>()` and a regex strategy);
//! - arbitrary `char`s;
//! - long strings (thousands of characters) repeated from the fragments.
//!
//! Cases per property are moderate (256; 64 for the slow series planning) so `cargo test` stays
//! fast.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::{Tz, TZ_VARIANTS};
use proptest::prelude::*;
use proptest::sample::select;
use std::io::Write;

use steward::discord::custom_id::ButtonAction;
use steward::discord::format::{self, Card};
use steward::discord::notes::ids::{NoteButton, NoteForm};
use steward::domain::community::{self, CommunityName};
use steward::domain::gathering::{
    self, parse_location, plan_move, Gathering, GatheringId, Status, Title,
};
use steward::domain::ids::CommunityId;
use steward::domain::note_draft::{self, Draft};
use steward::domain::notes::{self, NoteKind};
use steward::domain::posts::{self, PostKind};
use steward::domain::recurrence::{self, Frequency, Months, Recurrence, RuleSpec, WeekOfMonth};
use steward::domain::reminders::ReminderOffsets;
use steward::domain::role_prompt::RolePrompt;
use steward::domain::roles::{self, Template};
use steward::domain::rsvp::Answer;
use steward::domain::{ics, note_export, text, when, zone};
use steward::store::{CreditOffer, ListingId, NoteId};

/// Cases per property.
const CASES: u32 = 256;

// ---------------------------------------------------------------------------------------------
// Characters and fragments
// ---------------------------------------------------------------------------------------------

/// Characters that break code which indexes text by bytes or assumes ASCII.
#[rustfmt::skip]
static TRICKY_CHARS: &[char] = &[
    // Multi-byte letters, digits and punctuation, some looking like ASCII ones.
    'д', 'ж', 'м', 'я', 'é', 'ß', '\u{1E9E}', 'İ', 'ı', 'Σ', 'ς', '\u{01F0}', '\u{01C5}', '日', '本',
    '٠', '٣', '۹', '१', '０', '１', '：', '，', '－', '–', '—', '＋', '⁄',
    // Compatibility characters NFKC rewrites (to ASCII, to several characters, to upper case).
    '\u{FB01}', '\u{FB00}', '\u{216B}', '\u{2170}', '\u{00BD}', '\u{00B2}', '\u{2121}', '\u{210C}',
    '\u{1D2C}', '\u{FF4D}', '\u{339E}', '\u{00A8}', '\u{00B4}', '\u{FF9E}', '\u{3164}', '\u{FFA0}',
    // Combining marks and variation selectors.
    '\u{0301}', '\u{0307}', '\u{0308}', '\u{030C}', '\u{0903}', '\u{3099}', '\u{20DD}', '\u{FE0F}',
    '\u{E0100}',
    // Zero-width and blank characters.
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}', '\u{034F}', '\u{2800}',
    '\u{115F}', '\u{1160}',
    // Bidirectional controls.
    '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2069}',
    // White space beyond the ASCII space.
    '\t', '\n', '\r', '\u{000B}', '\u{000C}', '\u{0085}', '\u{00A0}', '\u{2007}', '\u{2028}',
    '\u{2029}', '\u{3000}',
    // Controls, replacement character, private use, the last code point, a tag character.
    '\u{0000}', '\u{001B}', '\u{007F}', '\u{FFFD}', '\u{E000}', '\u{10FFFF}', '\u{E0041}',
    // Emoji and their parts.
    '👋', '🎉', '👍', '👩', '💻', '🌱', '📍', '\u{1F3FD}', '🇺', '🇸',
    // Right-to-left letters.
    'ا', 'ل', 'ع', 'م', 'ש', 'ל', 'ו', 'ם',
    // ASCII the parsers treat specially.
    '`', '#', ':', ',', ';', '-', '+', ' ', '*', '"', '\\', '@', '/', '?', '.', '\'', '=', '_', '0',
    '1', '9', 'm', 'd',
];

#[rustfmt::skip]
static TIMES: &[&str] = &[
    "13:00", "9:30", "1:00pm", "1pm", "12am", "12pm", "1:15 PM", "13", "7", "01:00+1", "+1", ":",
    "am", "pm", "PM", "00", "24", "25:00", "13:60", "1:5", "1ж", "13:00+1ж", "13:0д", "１３:００",
    "1:٣٠", "٠", "-1", "+", " ", "noon", "1дpm",
];

#[rustfmt::skip]
static DATES: &[&str] = &[
    "2026-03-06", "2026-02-3٠", "2026-02-30", "2026", "-", "03", "06", "9999-12-31", "0000-01-01",
    "+999-01-01", "-999-01-01", "2026-2-3", "06/03/2026", "٢٠٢٦-٠٣-٠٦", "２０２６", "tomorrow", "1",
    "31", "T", ":", "2026-0д-01",
];

#[rustfmt::skip]
static OFFSETS: &[&str] = &[
    "7d", "1d", "2h", "15m", "90m", "1w", "5m", "off", "none", "OFF", ",", " ", ", ", "1д", "7d,1д",
    "5м", "1日", "🌱", "５ｍ", "７ｄ", "m", "d", "h", "w", "-5m", "+5m", "0m", "91d",
    "99999999999999999999d", "1d,1d", "1dд", "1mé",
];

#[rustfmt::skip]
static OFFSETS_ASCII: &[&str] = &[
    "7d", "1d", "2h", "15m", "90m", "1w", "5m", "12w", "off", "none", "OFF", ",", " ", ", ", "m",
    "d", "h", "w", "-5m", "+5m", "0m", "91d", "1d,24h", "1440m", "99999999999999999999d", "0", "5",
];

#[rustfmt::skip]
static ZONES: &[&str] = &[
    "America/Phoenix", "Europe/London", "europe/LONDON", "Asia/Kolkata", "America/New_York",
    "new york", "phoe", "/", "_", "Etc/GMT+5", "Etc/GMT-14", "UTC", "Mars/Olympus", "Europe/Москва",
    "İstanbul", "Asia/東京", "America/São_Paulo", " ",
];

#[rustfmt::skip]
static CRONS: &[&str] = &[
    "0", "0 0 10 * * Mon", "0 30 18 * * Tue,Thu", "*", "*/15", "*/0", "?", "Mon", "Tue,Thu",
    "Mon-Fri", "1-5", "L", "W", "#", "30", "18", "2030", "Jan", "Feb", "31", "/", "-", ",", " ",
    "off", "OFF", "99", "Пн", "١٠", "mon", "monday", "lundi", "10:00", "10am", "14h30", "at", "14d",
    "7j", "3d,", "2h", "0 10 * * 1", "5-7", "fri-sun",
];

#[rustfmt::skip]
static MONTHS: &[&str] = &[
    "oct", "jan", "apr", "sep-may", "dec–feb", "September", "October", "sept", "9", "10", "12", "13",
    "0", "ma", "may", "–", "-", ",", ";", " ", "окт", "Jänner", "ｍａｙ", "sep-", "-may",
    "sep-may-jun", "١٢", "🌱-may", "sep-д",
];

#[rustfmt::skip]
static MONTHS_ASCII: &[&str] = &[
    "oct", "jan", "apr", "sep-may", "dec-feb", "September", "october", "SEPT", "9", "10", "12", "13",
    "0", "ma", "may", "-", ",", ";", " ", "jun-jun", "1-12", "12-1",
];

/// Community names, titles, role names, note titles and locations.
#[rustfmt::skip]
static NAMES: &[&str] = &[
    "Facilitation Circle Phoenix", "Monthly practice session", "Opener", "Sharing challenges",
    "Timekeeper", "Room 4, Main St", "Cafe\u{301}", "CAF\u{C9}", "J\u{30C}", "j\u{30C}", "🌱 Circle",
    "👩\u{200D}💻", "❤\u{FE0F}", "Пётр", "日本", "مرحبا", "  ", "\n", "`", "**", "@everyone",
    "<@&123>", "x",
];

#[rustfmt::skip]
static TAGS: &[&str] = &[
    "#check-in", "circle", "#", "##", "Évaluation", "日本", "٣", "a*b", "-", "_", ",", ";", " ", "İ",
    "ΑΣ", "ＣＩＲＣＬＥ", "Cafe\u{301}", "ab\u{903}c", "zero\u{200B}width", "x",
];

#[rustfmt::skip]
static KINDS: &[&str] = &[
    "best practice", "Best_Practice", "best-practice", "query", "discovery", "story", "STORY",
    "challenge", "resource", "evaluation", "gossip", "_", "-", " ", "İ",
];

#[rustfmt::skip]
static LINKS: &[&str] = &[
    "https://", "http://", "example.org", "/guide?x=1", "javascript:alert(1)", "://", " ",
    "日本.jp", "%20", "#", "xn--", "https:// spaced.org", "discord.com/channels/1/2/3", "@", ":",
];

/// Note bodies and chat messages.
#[rustfmt::skip]
static MESSAGES: &[&str] = &[
    "## ", "> ", "* ", "- ", "?", "https://x.org", "\n", "word ", "How do you close a circle?", "#",
    "…", "Start with one word each 👋", "\r\n", "=SUM(A1)", "+1", "-", "@x", "\"", ",",
];

#[rustfmt::skip]
static SEARCHES: &[&str] = &[
    "check-in", "circle", "\"", "*", "NEAR(", ")", "title:", "OR", "--", "1=1", "日本語", "é", "İ",
    "a\u{301}", " ",
];

#[rustfmt::skip]
static CUSTOM_IDS: &[&str] = &[
    "st", "sn", "snf", ":", "claim", "release", "rsvp", "here", "attadd", "attrm", "page", "add",
    "delete", "keep", "edit", "going", "maybe", "no", "0", "1", "42", "-1", "+1",
    "9223372036854775807", "9223372036854775808", "18446744073709551615", "١", "名前", "st:claim:",
    "sn:page:", "snf:add:", "snf:edit:",
];

/// Markdown as it ends up in cards: markers, mentions, timestamps, links, escapes.
#[rustfmt::skip]
static MARKDOWN: &[&str] = &[
    "**", "__", "~~", "||", "`", "```", "\\", "<@123>", "<#45>", "<t:1700000000:F>", "<:emoji:1>",
    "</note show:9>", "[label](https://example.org/x)", "[", "](", "(", ")", "<", ">", "\n", " ",
    "word", "é", "🌱", "\u{200D}", "👩\u{200D}💻",
];

#[rustfmt::skip]
static URLS: &[&str] = &[
    "postgres://", "sqlite://steward.db", "user", ":", "@", "pass", "localhost", "/steward", "://",
    "@@", "%40", "пароль", "?sslmode=require",
];

#[rustfmt::skip]
static TOKENS: &[&str] = &[
    "MTIz", ".", "=", "-", "_", "+", "/", "abc", "NDI", "ODk", "MTE4NDQ2NzQ0MDczNzA5NTUxNjE1",
];

#[rustfmt::skip]
static TOML: &[&str] = &[
    "[database]", "[discord]", "[posts]", "[log]", "url = ", "\"sqlite://x.db\"",
    "max_connections = ", "5", "lease_seconds = 60", "=", "\"", "'''", "\"\"\"", "[[", "]]", "#",
    "\n", "\\u0000", "1e400", "inf", "{", "}",
];

static PADDING: &[&str] = &["", " ", "  ", "\t", "\n ", "\u{3000}", "\u{00A0}"];
static OFFSET_SEPARATORS: &[&str] = &[",", " ", ", ", " ,", ",,", "   "];
static SCHEMES: &[&str] = &["postgres", "postgresql", "sqlite"];

static STATUSES: &[Status] = &[
    Status::Scheduled,
    Status::Moved,
    Status::Cancelled,
    Status::Withdrawn,
];
static ANSWERS: &[Answer] = &[Answer::Going, Answer::Maybe, Answer::No];
static POST_KINDS: &[PostKind] = &[
    PostKind::Reminder,
    PostKind::RolePrompt,
    PostKind::AgendaCard,
    PostKind::Harvest,
    PostKind::DmReminder,
    PostKind::ChangeNotice,
];
static FREQUENCIES: &[Frequency] = &[
    Frequency::Weekly,
    Frequency::EveryTwoWeeks,
    Frequency::Monthly,
    Frequency::Yearly,
];
static WEEKS: &[Option<WeekOfMonth>] = &[
    None,
    Some(WeekOfMonth::First),
    Some(WeekOfMonth::Second),
    Some(WeekOfMonth::Third),
    Some(WeekOfMonth::Fourth),
    Some(WeekOfMonth::Last),
];
static WEEKDAYS: &[Weekday] = &[
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

// ---------------------------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------------------------

/// One character, biased towards the awkward ones.
fn tricky_char() -> BoxedStrategy<char> {
    prop_oneof![
        4 => select(TRICKY_CHARS),
        2 => any::<char>(),
        2 => prop::char::range(' ', '~'),
        1 => prop::char::range('\u{0300}', '\u{036F}'),
        1 => prop::char::range('\u{0400}', '\u{04FF}'),
        1 => prop::char::range('\u{0590}', '\u{06FF}'),
        1 => prop::char::range('\u{1F300}', '\u{1FAFF}'),
    ]
    .boxed()
}

/// Up to `max_chars` awkward characters.
fn tricky_string(max_chars: usize) -> BoxedStrategy<String> {
    prop::collection::vec(tricky_char(), 0..=max_chars)
        .prop_map(|chars| chars.into_iter().collect::<String>())
        .boxed()
}

/// Fragments of valid input glued to awkward characters: `1д`, `7d,1д`, `13:00+1ж`.
fn mixed(fragments: &'static [&'static str]) -> BoxedStrategy<String> {
    let piece = prop_oneof![
        5 => select(fragments).prop_map(|f| f.to_owned()),
        3 => tricky_char().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..10)
        .prop_map(|pieces| pieces.concat())
        .boxed()
}

/// Fragments of valid input glued to printable ASCII only.
fn ascii_mixed(fragments: &'static [&'static str]) -> BoxedStrategy<String> {
    let piece = prop_oneof![
        4 => select(fragments).prop_map(|f| f.to_owned()),
        1 => prop::char::range(' ', '~').prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..8)
        .prop_map(|pieces| pieces.concat())
        .boxed()
}

/// A long string: a mix repeated, cut to at most 12,000 characters (past every limit in the bot).
fn long(fragments: &'static [&'static str]) -> BoxedStrategy<String> {
    (mixed(fragments), 1usize..=2000)
        .prop_map(|(s, n)| s.repeat(n).chars().take(12_000).collect::<String>())
        .boxed()
}

/// What a person could type into a field that expects something like `fragments`.
fn typed(fragments: &'static [&'static str]) -> BoxedStrategy<String> {
    prop_oneof![
        4 => mixed(fragments),
        2 => tricky_string(24),
        1 => any::<String>(),
        1 => "\\PC{0,40}",
        1 => long(fragments),
    ]
    .boxed()
}

/// An instant between 2000 and 2099.
fn instant() -> BoxedStrategy<DateTime<Utc>> {
    (946_684_800i64..4_102_444_800)
        .prop_map(|secs| DateTime::<Utc>::from_timestamp(secs, 0).unwrap_or_default())
        .boxed()
}

/// Any date from 0000-01-01 to 9999-12-31 (what `YYYY-MM-DD` can name).
fn any_date() -> BoxedStrategy<NaiveDate> {
    (-365i32..=3_652_059)
        .prop_map(|days| NaiveDate::from_num_days_from_ce_opt(days).unwrap_or_default())
        .boxed()
}

/// A clock time on the minute.
fn clock_time() -> BoxedStrategy<NaiveTime> {
    (0u32..24, 0u32..60)
        .prop_map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default())
        .boxed()
}

fn any_zone() -> BoxedStrategy<Tz> {
    select(TZ_VARIANTS.to_vec()).boxed()
}

/// A 6-field cron, most of the time a valid one, with any white space between the fields.
fn cron_text() -> BoxedStrategy<String> {
    static SECONDS: &[&str] = &["0", "30", "*", "0,30", "*/20", "61"];
    static MINUTES: &[&str] = &["0", "30", "*/15", "5-10", "*", "60"];
    static HOURS: &[&str] = &["10", "18", "*", "9-17", "*/6", "25"];
    static DAYS: &[&str] = &["*", "1", "15", "?", "31", "30", "1-7", "32"];
    static MONTHS_OF_YEAR: &[&str] = &["*", "1", "2", "Feb", "Jan-Jun", "*/3", "13"];
    static DAYS_OF_WEEK: &[&str] = &["Mon", "Tue,Thu", "*", "?", "Mon-Fri", "Sun", "8"];
    static BETWEEN: &[&str] = &[" ", "  ", "\t", "\n", " \u{3000}", "\u{00A0}"];
    static ENDS: &[&str] = &["", " ", "\t", "\n", "\u{3000}"];
    static OFF: &[&str] = &["off", " OFF ", "Off\n", "0 0 10 * * Mon"];
    let fields = (
        select(SECONDS),
        select(MINUTES),
        select(HOURS),
        select(DAYS),
        select(MONTHS_OF_YEAR),
        select(DAYS_OF_WEEK),
    );
    let spaces = prop::collection::vec(select(BETWEEN), 5);
    let ends = (select(ENDS), select(ENDS));
    prop_oneof![
        8 => (fields, spaces, ends).prop_map(|((s, mi, h, d, mo, w), between, (first, last))| {
            let mut out = first.to_owned();
            for (i, field) in [s, mi, h, d, mo, w].iter().enumerate() {
                out.push_str(field);
                out.push_str(between.get(i).copied().unwrap_or(last));
            }
            out
        }),
        1 => select(OFF).prop_map(|s| s.to_owned()),
    ]
    .boxed()
}

/// Offsets in minutes, often whole hours, days or weeks.
fn offset_minutes() -> BoxedStrategy<u32> {
    prop_oneof![
        5u32..=129_600,
        (1u32..=2_160).prop_map(|h| h * 60),
        (1u32..=90).prop_map(|d| d * 1_440),
        (1u32..=12).prop_map(|w| w * 10_080),
    ]
    .boxed()
}

/// `minutes` written in a unit that states it exactly (chosen by `unit`), in either case.
fn write_offset(minutes: u32, unit: u8, upper: bool) -> String {
    let written = match unit % 4 {
        3 if minutes.is_multiple_of(10_080) => format!("{}w", minutes / 10_080),
        2 | 3 if minutes.is_multiple_of(1_440) => format!("{}d", minutes / 1_440),
        1..=3 if minutes.is_multiple_of(60) => format!("{}h", minutes / 60),
        _ => format!("{minutes}m"),
    };
    if upper {
        written.to_ascii_uppercase()
    } else {
        written
    }
}

fn gathering_id() -> BoxedStrategy<GatheringId> {
    any::<i64>().prop_map(GatheringId).boxed()
}

fn nonzero_i64() -> BoxedStrategy<i64> {
    any::<i64>()
        .prop_map(|n| if n == 0 { 1 } else { n })
        .boxed()
}

fn button_action() -> BoxedStrategy<ButtonAction> {
    prop_oneof![
        (gathering_id(), any::<usize>()).prop_map(|(g, i)| ButtonAction::Claim(g, i)),
        (gathering_id(), any::<usize>()).prop_map(|(g, i)| ButtonAction::Release(g, i)),
        (gathering_id(), select(ANSWERS)).prop_map(|(g, a)| ButtonAction::Rsvp(g, a)),
        gathering_id().prop_map(ButtonAction::Here),
        gathering_id().prop_map(ButtonAction::AttendanceAdd),
        gathering_id().prop_map(ButtonAction::AttendanceRemove),
    ]
    .boxed()
}

fn note_button() -> BoxedStrategy<NoteButton> {
    prop_oneof![
        (any::<i64>(), any::<u32>()).prop_map(|(l, p)| NoteButton::Page(ListingId(l), p)),
        gathering_id().prop_map(NoteButton::AddFor),
        any::<i64>().prop_map(|n| NoteButton::Delete(NoteId(n))),
        any::<i64>().prop_map(|n| NoteButton::Keep(NoteId(n))),
    ]
    .boxed()
}

fn note_form() -> BoxedStrategy<NoteForm> {
    prop_oneof![
        (
            prop::option::of(nonzero_i64()),
            prop::option::of(nonzero_i64())
        )
            .prop_map(|(g, c)| NoteForm::Add {
                gathering: g.map(GatheringId),
                credit: c.map(CreditOffer),
            }),
        any::<i64>().prop_map(|n| NoteForm::Edit(NoteId(n))),
    ]
    .boxed()
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// One line: no white space but single plain spaces, and none at either end.
fn is_one_trimmed_line(s: &str) -> bool {
    s.trim() == s && !s.contains("  ") && s.chars().all(|c| c == ' ' || !c.is_whitespace())
}

/// Standard base64 without padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// Calls every text parser of the library on `input` (the results do not matter, a panic does).
fn feed_every_parser(input: &str, now: DateTime<Utc>) {
    let _ = when::parse_date(input);
    let _ = when::parse_time(input);
    let _ = when::parse_span(input, input);
    let _ = when::parse_span("13:00", input);
    let _ = zone::parse(input);
    let _ = zone::suggest(input, 25);
    let _ = ReminderOffsets::parse(input);
    let _ = RolePrompt::parse(input, now);
    let _ = RolePrompt::from_stored(input);
    let _ = Months::parse(input);
    let _ = CommunityName::parse(input);
    let _ = Title::parse(input);
    let _ = parse_location(Some(input));
    let _ = Status::parse(input);
    let _ = Answer::parse(input);
    let _ = PostKind::parse(input);
    let _ = roles::parse_role_name(input);
    let template = Template::default_roles();
    let _ = template.find(input);
    let _ = template.add(input);
    let _ = template.remove(input);
    let _ = template.unknown(input);
    let _ = Template::from_stored(input);
    let _ = NoteKind::parse(input);
    let _ = notes::parse_body(input);
    let _ = notes::parse_tags(input);
    let _ = steward::store::fts5_query(input);
    let _ = note_draft::parse_title(input);
    let _ = note_draft::parse_link(input);
    let _ = note_draft::parse_kind(input);
    let _ = Draft::from_message(input, input);
    let _ = Draft {
        title: input.to_owned(),
        kind: input.to_owned(),
        tags: input.to_owned(),
        body: input.to_owned(),
        link: input.to_owned(),
    }
    .check();
    let _ = ButtonAction::parse(input);
    let _ = NoteButton::parse(input);
    let _ = NoteForm::parse(input);
    let _ = text::clean_line(input);
    let _ = text::fold_key(input);
    let _ = text::echo(input);
    let _ = text::cut(input, 10);
    let _ = format::cut(input, 10);
    let _ = format::cut_markdown(input, 30);
    let _ = steward::cli::application_id_from_token(input);
    let _ = steward::cli::redact_url(input);
}

// ---------------------------------------------------------------------------------------------
// The inputs named in the brief, and a handful more, through every parser
// ---------------------------------------------------------------------------------------------

#[test]
fn known_awkward_inputs_go_through_every_parser_without_a_panic() {
    let now = DateTime::<Utc>::from_timestamp(1_795_000_000, 0).unwrap_or_default();
    for input in [
        "1д",
        "7d,1д",
        "13:00+1ж",
        "2026-02-3٠",
        "1日",
        "🌱",
        "7d 🌱",
        "5м",
        "1d\u{301}",
        "1👍",
        "d",
        "",
        " ",
        "\u{200B}",
        "\u{202E}13:00",
        "st:claim:1:д",
        "snf:add:1:2:名前",
        "postgres://u:p@@h",
        "J\u{30C}",
        "\u{FF9E}",
    ] {
        feed_every_parser(input, now);
    }
    for bad in ["1д", "7d,1д", "5м", "1👍"] {
        assert!(ReminderOffsets::parse(bad).is_err(), "{bad}");
    }
    assert!(when::parse_span("13:00", "13:00+1ж").is_err());
    assert!(when::parse_date("2026-02-3٠").is_err());
    assert!(when::parse_time("1ж").is_err());
}

#[test]
fn stored_enum_names_parse_back() {
    for s in STATUSES {
        assert_eq!(Status::parse(s.as_str()), Some(*s));
    }
    for a in ANSWERS {
        assert_eq!(Answer::parse(a.as_str()), Some(*a));
    }
    for k in POST_KINDS {
        assert_eq!(PostKind::parse(k.as_str()), Some(*k));
    }
    for k in NoteKind::ALL {
        assert_eq!(NoteKind::parse(k.as_str()), Some(k));
        assert_eq!(NoteKind::parse(k.label()), Some(k));
        assert_eq!(
            NoteKind::parse(&format!(" {} ", k.label().to_uppercase())),
            Some(k)
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Dates, times and spans (domain::when) and moving a gathering (domain::gathering::plan_move)
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn every_parser_takes_any_unicode_without_panicking(
        input in typed(MESSAGES),
        now in instant(),
    ) {
        feed_every_parser(&input, now);
    }

    #[test]
    fn dates_never_panic_on_any_unicode(input in typed(DATES)) {
        let _ = when::parse_date(&input);
    }

    #[test]
    fn every_calendar_date_prints_and_parses_back(date in any_date(), pad in select(PADDING)) {
        prop_assert_eq!(when::parse_date(&date.to_string()), Ok(date));
        let padded = format!("{pad}{}{pad}", date.format("%Y-%m-%d"));
        prop_assert_eq!(when::parse_date(&padded), Ok(date));
    }

    #[test]
    fn times_never_panic_on_any_unicode(input in typed(TIMES)) {
        let _ = when::parse_time(&input);
    }

    #[test]
    fn every_clock_time_parses_back_in_24h_and_12h_styles(
        t in clock_time(),
        upper in any::<bool>(),
    ) {
        use chrono::Timelike;
        prop_assert_eq!(when::parse_time(&t.format("%H:%M").to_string()), Ok(t));
        let (hour, minute) = (t.hour(), t.minute());
        let h12 = match hour % 12 {
            0 => 12,
            h => h,
        };
        let suffix = match (hour < 12, upper) {
            (true, false) => "am",
            (true, true) => " AM",
            (false, false) => "pm",
            (false, true) => " PM",
        };
        prop_assert_eq!(when::parse_time(&format!("{}:{:02}{}", h12, minute, suffix)), Ok(t));
        if minute == 0 {
            prop_assert_eq!(when::parse_time(&format!("{}{}", h12, suffix)), Ok(t));
            prop_assert_eq!(when::parse_time(&hour.to_string()), Ok(t));
        }
    }

    #[test]
    fn spans_never_panic_and_accepted_spans_last_more_than_nothing_and_at_most_a_day(
        start in typed(TIMES),
        end in typed(TIMES),
    ) {
        if let Ok((begins, length)) = when::parse_span(&start, &end) {
            prop_assert!(length > Duration::zero() && length <= Duration::hours(24), "{length}");
            prop_assert_eq!(when::parse_time(&start), Ok(begins));
        }
    }

    #[test]
    fn moving_a_gathering_never_panics_on_typed_times(
        start in prop::option::of(typed(TIMES)),
        end in prop::option::of(typed(TIMES)),
        date in any_date(),
        tz in any_zone(),
        now in instant(),
        ahead in -3_000i64..30_000,
        minutes in 1i64..=1_440,
        status in select(STATUSES),
    ) {
        let begins = now + Duration::minutes(ahead);
        let g = Gathering {
            id: GatheringId(1),
            community: CommunityId(1),
            series: None,
            original_start: begins,
            start: begins,
            end: begins + Duration::minutes(minutes),
            title: "Peer supervision".to_owned(),
            location: None,
            status,
            reason: None,
        };
        if let Ok((from, to)) = plan_move(&g, date, start.as_deref(), end.as_deref(), tz, now) {
            prop_assert!(from > now && to > from, "{from} {to}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Time zones (domain::zone)
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn time_zones_never_panic_on_any_unicode(input in typed(ZONES)) {
        let _ = zone::parse(&input);
    }

    #[test]
    fn zone_suggestions_never_panic_stay_within_the_limit_and_all_parse(
        input in typed(ZONES),
        limit in 0usize..30,
    ) {
        let names = zone::suggest(&input, limit);
        prop_assert!(names.len() <= limit);
        for name in names {
            prop_assert!(zone::parse(name).is_ok(), "{name}");
        }
    }

    #[test]
    fn every_zone_name_parses_back_whatever_the_case_and_padding(
        tz in any_zone(),
        upper in any::<bool>(),
        pad in select(PADDING),
    ) {
        let name = if upper { tz.name().to_uppercase() } else { tz.name().to_lowercase() };
        prop_assert_eq!(zone::parse(tz.name()), Ok(tz));
        prop_assert_eq!(zone::parse(&format!("{}{}{}", pad, name, pad)), Ok(tz));
    }
}

// ---------------------------------------------------------------------------------------------
// Reminder offsets (domain::reminders)
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn reminder_offsets_never_panic_on_any_unicode(input in typed(OFFSETS)) {
        let _ = ReminderOffsets::parse(&input);
    }

    #[test]
    fn reminder_offsets_accepted_from_any_text_print_back_to_the_same_value(
        input in prop_oneof![typed(OFFSETS), ascii_mixed(OFFSETS_ASCII)],
    ) {
        if let Ok(offsets) = ReminderOffsets::parse(&input) {
            let printed = offsets.to_string();
            prop_assert_eq!(ReminderOffsets::parse(&printed), Ok(offsets.clone()));
        }
    }

    #[test]
    fn valid_reminder_offsets_are_accepted_longest_first_and_print_back(
        minutes in prop::collection::btree_set(offset_minutes(), 1..=6)
            .prop_map(|set| set.into_iter().collect::<Vec<_>>())
            .prop_shuffle(),
        units in prop::collection::vec((any::<u8>(), any::<bool>()), 6),
        separators in prop::collection::vec(select(OFFSET_SEPARATORS), 6),
        pad in (select(PADDING), select(PADDING)),
    ) {
        let tokens: Vec<String> = minutes
            .iter()
            .zip(&units)
            .map(|(m, (unit, upper))| write_offset(*m, *unit, *upper))
            .collect();
        let mut input = pad.0.to_owned();
        for (i, token) in tokens.iter().enumerate() {
            if i > 0 {
                input.push_str(separators[i]);
            }
            input.push_str(token);
        }
        input.push_str(pad.1);
        let parsed = ReminderOffsets::parse(&input);
        prop_assert!(parsed.is_ok(), "{input:?}: {parsed:?}");
        let parsed = parsed.unwrap_or_else(|_| ReminderOffsets::default_offsets());
        let mut longest_first: Vec<i64> = minutes.iter().map(|m| i64::from(*m)).collect();
        longest_first.sort_unstable_by(|a, b| b.cmp(a));
        let got: Vec<i64> = parsed.durations().map(|d| d.num_minutes()).collect();
        prop_assert_eq!(got, longest_first);
        let printed = parsed.to_string();
        prop_assert_eq!(ReminderOffsets::parse(&printed), Ok(parsed.clone()));
        prop_assert_eq!(
            ReminderOffsets::parse(&printed).map(|o| o.to_string()),
            Ok(printed.clone())
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Role-prompt cron (domain::role_prompt) and the posts planned from it (domain::posts)
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn role_prompts_never_panic_on_any_unicode(
        input in prop_oneof![typed(CRONS), cron_text()],
        now in instant(),
    ) {
        let _ = RolePrompt::parse(&input, now);
    }

    #[test]
    fn stored_role_prompts_never_panic_and_can_be_scheduled(
        input in prop_oneof![typed(CRONS), cron_text()],
        now in instant(),
        tz in any_zone(),
    ) {
        let prompt = RolePrompt::from_stored(&input);
        let _ = prompt.next_after(now, tz);
        let _ = posts::next_role_prompt(1, &prompt, tz, now);
    }

    #[test]
    fn accepted_role_prompts_print_back_and_survive_storage(
        input in prop_oneof![typed(CRONS), cron_text()],
        now in instant(),
    ) {
        if let Ok(prompt) = RolePrompt::parse(&input, now) {
            let stored = prompt.to_stored();
            prop_assert_eq!(RolePrompt::from_stored(&stored), prompt.clone());
            let words = steward::i18n::words::prompt(
                steward::i18n::Lang::En,
                &prompt,
                steward::domain::role_prompt::TimeFormat::H12,
            );
            prop_assert!(!words.is_empty() && words.chars().count() < 200, "{}", words);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Months and series (domain::recurrence)
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn months_never_panic_on_any_unicode(input in typed(MONTHS)) {
        let _ = Months::parse(&input);
    }

    #[test]
    fn accepted_months_are_distinct_in_range_and_print_back_as_numbers(
        input in prop_oneof![typed(MONTHS), ascii_mixed(MONTHS_ASCII)],
    ) {
        if let Ok(months) = Months::parse(&input) {
            let numbers = months.numbers();
            prop_assert!(!numbers.is_empty());
            prop_assert!(numbers.iter().all(|m| (1..=12).contains(m)), "{numbers:?}");
            let mut distinct = numbers.to_vec();
            distinct.sort_unstable();
            distinct.dedup();
            prop_assert_eq!(distinct.len(), numbers.len());
            let printed = numbers.iter().map(u32::to_string).collect::<Vec<_>>().join(",");
            prop_assert_eq!(Months::parse(&printed), Ok(months.clone()));
        }
    }
}

proptest! {
    // Each case expands a rule with the rrule crate: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn series_planning_from_typed_months_never_panics(
        months in prop::option::of(prop_oneof![ascii_mixed(MONTHS_ASCII), typed(MONTHS)]),
        frequency in select(FREQUENCIES),
        weekday in select(WEEKDAYS),
        week in select(WEEKS),
        start in clock_time(),
        first_date in prop_oneof![3 => (1900i32..2200, 1u32..=365).prop_map(|(y, d)| {
            NaiveDate::from_yo_opt(y, d).unwrap_or_default()
        }), 1 => any_date()],
        tz in any_zone(),
    ) {
        let months = months.and_then(|m| Months::parse(&m).ok());
        if let Ok(spec) = RuleSpec::new(frequency, weekday, week, months) {
            let _ = steward::i18n::words::rule(steward::i18n::Lang::En, &spec);
            let _ = spec.rrule_text(first_date.month());
            if let Ok(series) = Recurrence::plan(&spec, start, first_date, tz) {
                let first = recurrence::local_to_utc(series.dtstart, tz);
                let _ = series.starts_between(first, first + Duration::days(3 * 366), 6);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Community names (domain::community), titles, locations and statuses (domain::gathering)
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn community_names_never_panic_and_accepted_names_are_one_line_that_prints_back(
        input in typed(NAMES),
    ) {
        if let Ok(name) = CommunityName::parse(&input) {
            let chars = name.as_str().chars().count();
            prop_assert!((1..=community::MAX_NAME_CHARS).contains(&chars), "{chars}");
            prop_assert!(is_one_trimmed_line(name.as_str()), "{name:?}");
            prop_assert_eq!(CommunityName::parse(&name.to_string()), Ok(name.clone()));
        }
    }

    #[test]
    fn titles_never_panic_and_accepted_titles_are_one_line_that_parses_back(input in typed(NAMES)) {
        if let Ok(title) = Title::parse(&input) {
            let chars = title.as_str().chars().count();
            prop_assert!((1..=gathering::MAX_TITLE_CHARS).contains(&chars), "{chars}");
            prop_assert!(is_one_trimmed_line(title.as_str()), "{title:?}");
            prop_assert_eq!(Title::parse(title.as_str()), Ok(title.clone()));
        }
    }

    #[test]
    fn locations_never_panic_and_accepted_locations_parse_back(input in typed(NAMES)) {
        if let Ok(Some(location)) = parse_location(Some(input.as_str())) {
            let chars = location.chars().count();
            prop_assert!((1..=gathering::MAX_LOCATION_CHARS).contains(&chars), "{chars}");
            prop_assert!(is_one_trimmed_line(&location), "{location:?}");
            prop_assert_eq!(parse_location(Some(location.as_str())), Ok(Some(location.clone())));
        }
    }

    #[test]
    fn stored_enum_names_never_panic_on_any_unicode(input in typed(KINDS)) {
        if let Some(s) = Status::parse(&input) {
            prop_assert_eq!(s.as_str(), input.as_str());
        }
        if let Some(a) = Answer::parse(&input) {
            prop_assert_eq!(a.as_str(), input.as_str());
        }
        if let Some(k) = PostKind::parse(&input) {
            prop_assert_eq!(k.as_str(), input.as_str());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Role names and the template (domain::roles)
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn role_names_never_panic_and_accepted_names_are_one_line_that_parses_back(
        input in typed(NAMES),
    ) {
        if let Ok(name) = roles::parse_role_name(&input) {
            let chars = name.chars().count();
            prop_assert!((1..=roles::MAX_ROLE_CHARS).contains(&chars), "{chars}");
            prop_assert!(is_one_trimmed_line(&name), "{name:?}");
            prop_assert_eq!(roles::parse_role_name(&name), Ok(name.clone()));
        }
    }

    #[test]
    fn template_edits_never_panic_on_any_unicode(name in typed(NAMES), stored in typed(NAMES)) {
        for template in [Template::default_roles(), Template::from_stored(&stored)] {
            let _ = template.find(&name);
            let _ = template.unknown(&name);
            let _ = template.remove(&name);
            if let Ok(bigger) = template.add(&name) {
                let _ = bigger.remove(&name);
            }
            let _ = Template::from_stored(&template.to_stored());
        }
    }

    #[test]
    fn an_added_role_is_found_and_removing_it_restores_the_template(
        earlier in prop::collection::vec(typed(NAMES), 0..6),
        name in typed(NAMES),
    ) {
        let mut template = Template::from_stored("");
        for role in &earlier {
            if let Ok(next) = template.add(role) {
                template = next;
            }
        }
        prop_assert_eq!(Template::from_stored(&template.to_stored()), template.clone());
        if let Ok(bigger) = template.add(&name) {
            let parsed = roles::parse_role_name(&name);
            prop_assert!(parsed.is_ok(), "{name:?} was added but its name is refused: {parsed:?}");
            let parsed = parsed.unwrap_or_default();
            prop_assert_eq!(bigger.roles().last(), Some(&parsed));
            prop_assert_eq!(bigger.find(&name), Some(parsed.as_str()));
            prop_assert_eq!(bigger.find(&parsed), Some(parsed.as_str()));
            prop_assert_eq!(Template::from_stored(&bigger.to_stored()), bigger.clone());
            prop_assert_eq!(bigger.remove(&name), Ok((template.clone(), parsed.clone())));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Note kinds, bodies, tags and search (domain::notes)
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn note_kinds_never_panic_and_every_kind_parses_back(
        input in typed(KINDS),
        kind in select(NoteKind::ALL.to_vec()),
        pad in select(PADDING),
    ) {
        let _ = NoteKind::parse(&input);
        prop_assert_eq!(note_draft::parse_kind(&input).ok(), NoteKind::parse(&input));
        prop_assert_eq!(NoteKind::parse(&format!("{}{}{}", pad, pad, kind.as_str())), Some(kind));
        prop_assert_eq!(NoteKind::parse(&format!("{}{}{}", pad, pad, kind.label())), Some(kind));
        prop_assert_eq!(NoteKind::parse(&kind.label().to_uppercase()), Some(kind));
    }

    #[test]
    fn note_bodies_never_panic_and_accepted_bodies_are_stable(input in typed(MESSAGES)) {
        if let Ok(body) = notes::parse_body(&input) {
            let chars = body.chars().count();
            prop_assert!((1..=notes::MAX_BODY_CHARS).contains(&chars), "{chars}");
            prop_assert_eq!(notes::parse_body(&body), Ok(body.clone()));
        }
    }

    #[test]
    fn tags_never_panic_and_accepted_tags_are_bounded_and_parse_back(input in typed(TAGS)) {
        if let Ok(tags) = notes::parse_tags(&input) {
            prop_assert!(tags.len() <= notes::MAX_TAGS);
            for tag in &tags {
                let chars = tag.chars().count();
                prop_assert!((1..=notes::MAX_TAG_CHARS).contains(&chars), "{tag:?}");
                prop_assert!(!tag.contains([',', ' ', ';', '#']), "{tag:?}");
            }
            prop_assert_eq!(notes::parse_tags(&tags.join(",")), Ok(tags.clone()));
            prop_assert_eq!(notes::parse_tags(&tags.join(" ")), Ok(tags.clone()));
        }
    }

    #[test]
    fn search_queries_never_panic_and_quote_every_word(input in typed(SEARCHES)) {
        if let Ok(query) = steward::store::fts5_query(&input) {
            for word in query.split(' ') {
                prop_assert!(
                    word.len() >= 3 && word.starts_with('"') && word.ends_with('"'),
                    "{query:?}"
                );
                prop_assert!(!word[1..word.len() - 1].contains('"'), "{query:?}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Note drafts (domain::note_draft)
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn note_drafts_never_panic_on_any_unicode(
        title in typed(NAMES),
        kind in typed(KINDS),
        tags in typed(TAGS),
        body in typed(MESSAGES),
        link in typed(LINKS),
    ) {
        let draft = Draft { title, kind, tags, body, link };
        if let Ok(checked) = draft.check() {
            prop_assert!(checked.title.chars().count() <= note_draft::MAX_TITLE_CHARS);
            prop_assert!(checked.body.chars().count() <= notes::MAX_BODY_CHARS);
            prop_assert!(checked.tags.len() <= notes::MAX_TAGS);
        }
    }

    #[test]
    fn note_titles_never_panic_and_accepted_titles_are_one_line_that_parses_back(
        input in typed(NAMES),
    ) {
        if let Ok(title) = note_draft::parse_title(&input) {
            let chars = title.chars().count();
            prop_assert!((1..=note_draft::MAX_TITLE_CHARS).contains(&chars), "{chars}");
            prop_assert!(is_one_trimmed_line(&title), "{title:?}");
            prop_assert_eq!(note_draft::parse_title(&title), Ok(title.clone()));
        }
    }

    #[test]
    fn note_links_never_panic_and_accepted_links_are_web_addresses(input in typed(LINKS)) {
        if let Ok(Some(link)) = note_draft::parse_link(&input) {
            prop_assert!(link.starts_with("https://") || link.starts_with("http://"), "{link:?}");
            prop_assert!(!link.chars().any(char::is_whitespace), "{link:?}");
            prop_assert!(link.chars().count() <= note_draft::MAX_LINK_CHARS);
            prop_assert_eq!(note_draft::parse_link(&link), Ok(Some(link.clone())));
        }
    }

    #[test]
    fn drafts_from_messages_never_panic_and_stay_within_the_form_limits(
        message in typed(MESSAGES),
        link in typed(LINKS),
    ) {
        let draft = Draft::from_message(&message, &link);
        let _ = draft.check();
        prop_assert!(draft.title.chars().count() <= note_draft::MAX_TITLE_CHARS);
        prop_assert!(draft.body.chars().count() <= notes::MAX_BODY_CHARS);
        prop_assert!(NoteKind::parse(&draft.kind).is_some(), "{:?}", draft.kind);
        prop_assert_eq!(&draft.link, &link);
    }
}

// ---------------------------------------------------------------------------------------------
// Text handling (domain::text)
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn clean_lines_never_panic_are_one_trimmed_line_and_are_stable(input in typed(NAMES)) {
        let line = text::clean_line(&input);
        prop_assert!(is_one_trimmed_line(&line), "{line:?}");
        prop_assert!(
            !line.chars().any(|c| matches!(
                c,
                '\u{0000}'..='\u{001F}'
                    | '\u{007F}'
                    | '\u{200B}'
                    | '\u{FEFF}'
                    | '\u{202E}'
                    | '\u{2066}'
            )),
            "{line:?}"
        );
        prop_assert_eq!(text::is_visible(&input), !line.is_empty());
        prop_assert_eq!(text::clean_line(&line), line.clone());
    }

    #[test]
    fn fold_keys_ignore_padding_and_zero_width_spaces(input in typed(NAMES)) {
        prop_assert_eq!(
            text::fold_key(&format!("  {}\u{200B} ", input)),
            text::fold_key(&input)
        );
    }

    #[test]
    fn fold_keys_ignore_ascii_case(input in typed(NAMES)) {
        prop_assert_eq!(text::fold_key(&input.to_ascii_uppercase()), text::fold_key(&input));
    }

    #[test]
    fn text_cut_never_panics_and_keeps_a_prefix_within_the_limit(
        input in typed(NAMES),
        max in 0usize..200,
    ) {
        let out = text::cut(&input, max);
        prop_assert!(out.chars().count() <= max, "{out:?}");
        if input.chars().count() <= max {
            prop_assert_eq!(&out, &input);
        } else if max > 0 {
            prop_assert!(out.ends_with('…'), "{out:?}");
            prop_assert!(input.starts_with(out.strip_suffix('…').unwrap_or(&out)), "{out:?}");
        }
    }

    #[test]
    fn echoes_never_panic_are_short_one_line_and_without_backticks(input in typed(NAMES)) {
        let shown = text::echo(&input);
        prop_assert!(shown.chars().count() <= text::ECHO_CHARS, "{shown:?}");
        prop_assert!(!shown.contains('`'), "{shown:?}");
        prop_assert!(shown.chars().all(|c| c == ' ' || !c.is_whitespace()), "{shown:?}");
        prop_assert!(
            !shown.contains(['\u{200B}', '\u{FEFF}', '\u{202E}', '\u{2066}', '\u{0000}']),
            "{shown:?}"
        );
    }

    #[test]
    fn reply_cut_never_panics_and_keeps_a_prefix_within_the_limit(
        input in typed(NAMES),
        max in 1usize..200,
    ) {
        let out = format::cut(&input, max);
        prop_assert!(out.chars().count() <= max, "{out:?}");
        if input.chars().count() <= max {
            prop_assert_eq!(&out, &input);
        } else {
            prop_assert!(out.ends_with('…'), "{out:?}");
            prop_assert!(input.starts_with(out.strip_suffix('…').unwrap_or(&out)), "{out:?}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Replies within Discord's limits (discord::format)
// ---------------------------------------------------------------------------------------------

/// Text for a card part: usually short, sometimes thousands of characters.
fn card_text() -> BoxedStrategy<String> {
    prop_oneof![4 => mixed(MARKDOWN), 1 => long(MARKDOWN)].boxed()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn markdown_cuts_never_panic_stay_within_the_limit_and_keep_short_text(
        input in typed(MARKDOWN),
        max in prop_oneof![0usize..64, 0usize..5_000],
    ) {
        let out = format::cut_markdown(&input, max);
        if input.chars().count() <= max {
            prop_assert_eq!(&out, &input);
        } else {
            prop_assert!(out.chars().count() <= max, "{max}: {out:?}");
        }
    }
}

proptest! {
    // Each case cuts up to a hundred card parts: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn cards_fit_discords_limits_whatever_their_text(
        parts in prop::collection::vec(
            (
                card_text(),
                card_text(),
                prop::option::of(card_text()),
                prop::collection::vec((card_text(), card_text()), 0..8),
            ),
            0..12,
        ),
    ) {
        let cards: Vec<Card> = parts
            .into_iter()
            .map(|(title, description, footer, fields)| {
                let mut card = Card::new(title, description);
                if let Some(footer) = footer {
                    card = card.footer(footer);
                }
                for (name, value) in fields {
                    card = card.field(name, value, false);
                }
                card
            })
            .collect();
        let fitted = format::fit_cards(cards);
        prop_assert!(fitted.len() <= format::MAX_EMBEDS);
        let total: usize = fitted.iter().map(Card::text_chars).sum();
        prop_assert!(total <= format::MAX_EMBED_TOTAL_CHARS, "{total}");
        for card in &fitted {
            prop_assert!(card.title.chars().count() <= format::MAX_TITLE_CHARS);
            prop_assert!(card.description.chars().count() <= format::MAX_DESCRIPTION_CHARS);
            prop_assert!(card.fields.len() <= format::MAX_FIELDS);
            for field in &card.fields {
                prop_assert!(field.name.chars().count() <= format::MAX_FIELD_NAME_CHARS);
                prop_assert!(field.value.chars().count() <= format::MAX_FIELD_VALUE_CHARS);
            }
            if let Some(footer) = &card.footer {
                prop_assert!(footer.chars().count() <= format::MAX_FOOTER_CHARS);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Custom ids (discord::custom_id, discord::notes::ids)
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn button_custom_ids_never_panic_and_what_parses_encodes_back(input in typed(CUSTOM_IDS)) {
        if let Some(action) = ButtonAction::parse(&input) {
            prop_assert_eq!(ButtonAction::parse(&action.encode()), Some(action));
        }
    }

    #[test]
    fn every_button_action_round_trips_through_its_custom_id(action in button_action()) {
        let id = action.encode();
        prop_assert!(id.chars().count() <= 100, "{id}");
        prop_assert_eq!(ButtonAction::parse(&id), Some(action));
        let read = ButtonAction::parse(&id).map(ButtonAction::gathering);
        prop_assert_eq!(read, Some(action.gathering()));
    }

    #[test]
    fn note_custom_ids_never_panic_and_what_parses_encodes_back(input in typed(CUSTOM_IDS)) {
        if let Some(button) = NoteButton::parse(&input) {
            prop_assert_eq!(NoteButton::parse(&button.encode()), Some(button));
        }
        if let Some(form) = NoteForm::parse(&input) {
            prop_assert_eq!(NoteForm::parse(&form.encode()), Some(form.clone()));
        }
    }

    #[test]
    fn every_note_button_and_form_round_trips_through_its_custom_id(
        button in note_button(),
        form in note_form(),
    ) {
        let id = button.encode();
        prop_assert!(id.chars().count() <= 100, "{id}");
        prop_assert_eq!(NoteButton::parse(&id), Some(button));
        let id = form.encode();
        prop_assert!(id.chars().count() <= 100, "{id}");
        prop_assert_eq!(NoteForm::parse(&id), Some(form.clone()));
        // The two kinds of ids never read as each other.
        prop_assert_eq!(NoteButton::parse(&id), None);
        prop_assert_eq!(ButtonAction::parse(&id), None);
    }
}

// ---------------------------------------------------------------------------------------------
// Calendar and CSV export text (domain::ics, domain::note_export)
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn ics_lines_fold_without_splitting_characters_and_unfold_back(input in typed(NAMES)) {
        let line: String = input.chars().filter(|c| *c != '\r' && *c != '\n').collect();
        let folded = ics::fold(&line);
        prop_assert!(folded.ends_with("\r\n"));
        for part in folded.split("\r\n") {
            prop_assert!(part.len() <= 75, "{part:?}");
        }
        let unfolded = folded.strip_suffix("\r\n").unwrap_or_default().replace("\r\n ", "");
        prop_assert_eq!(unfolded, line);
    }

    #[test]
    fn ics_escaping_never_panics_and_leaves_no_line_feed(input in typed(MESSAGES)) {
        prop_assert!(!ics::escape(&input).contains('\n'));
    }

    #[test]
    fn csv_fields_read_back_with_a_csv_reader(field in typed(MESSAGES)) {
        let written = format!("x,{}\n", note_export::csv_field(&field));
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(written.as_bytes());
        let expected = if field.starts_with(['=', '+', '-', '@']) {
            format!("'{field}")
        } else {
            field.clone()
        };
        match reader.records().next() {
            Some(Ok(record)) => {
                prop_assert_eq!(record.len(), 2, "{:?}", written);
                prop_assert_eq!(record.get(1), Some(expected.as_str()));
            }
            other => prop_assert!(false, "{written:?} read as {other:?}"),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Command line, configuration and logs (cli, config, telemetry)
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn database_urls_never_panic_and_their_passwords_are_hidden(
        input in typed(URLS),
        scheme in select(SCHEMES),
        user in "[a-z0-9_.]{0,12}",
        password in typed(URLS),
        host in typed(URLS),
        query_password in typed(URLS),
    ) {
        let _ = steward::cli::redact_url(&input);
        // A well-formed URL: `?` only opens the query, `@` only ends the user info, `&` only
        // separates query parameters.
        let password = password.replace('?', "");
        let host = host.replace(['@', '?'], "");
        let url = format!("{scheme}://{user}:{password}@{host}");
        let hidden = format!("{scheme}://{user}:***@{host}");
        prop_assert_eq!(steward::cli::redact_url(&url), hidden.clone());
        let query_password = query_password.replace(['&', '?'], "");
        prop_assert_eq!(
            steward::cli::redact_url(&format!("{}?sslmode=require&password={}", url, query_password)),
            format!("{}?sslmode=require&password=***", hidden)
        );
    }

    #[test]
    fn application_ids_never_panic_and_round_trip_through_a_token(
        input in typed(TOKENS),
        id in any::<u64>(),
        rest in typed(TOKENS),
        padded in any::<bool>(),
    ) {
        let _ = steward::cli::application_id_from_token(&input);
        let mut first = base64(id.to_string().as_bytes());
        while padded && !first.len().is_multiple_of(4) {
            first.push('=');
        }
        prop_assert_eq!(
            steward::cli::application_id_from_token(&format!("{}.{}", first, rest)),
            Some(id)
        );
    }

    #[test]
    fn configuration_text_never_panics(input in typed(TOML)) {
        let _ = steward::config::Config::from_toml(&input);
    }

    #[test]
    fn log_redaction_survives_writes_split_inside_characters(
        line in typed(NAMES),
        secret in tricky_string(8).prop_filter("a token is never empty", |s| !s.is_empty()),
        steps in prop::collection::vec(1usize..8, 0..64),
    ) {
        let logged = format!("{line}{secret}{line}");
        let mut out: Vec<u8> = Vec::new();
        {
            let mut writer = steward::telemetry::Redacting::new(&mut out, Some(secret.clone()));
            let bytes = logged.as_bytes();
            let mut at = 0;
            for step in steps {
                let end = (at + step).min(bytes.len());
                prop_assert!(writer.write_all(&bytes[at..end]).is_ok());
                at = end;
            }
            prop_assert!(writer.write_all(&bytes[at..]).is_ok());
        }
        prop_assert_eq!(
            String::from_utf8(out).ok(),
            Some(logged.replace(secret.as_str(), "[redacted]"))
        );
    }
}
