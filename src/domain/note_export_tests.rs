use super::*;
use chrono::TimeZone;
use std::io::Read;

fn sample(id: i64, body: &str, gathering: Option<(i64, &str)>) -> ExportNote {
    ExportNote {
        id,
        kind: "best practice".into(),
        title: format!("Note, \"{id}\""),
        body: body.into(),
        tags: vec!["check-in".into(), "日本".into()],
        author_id: "123456789012345678".into(),
        author_name: "Ana".into(),
        gathering: gathering.map(|(gid, title)| ExportGathering {
            id: gid,
            title: title.into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 1 + gid as u32).unwrap(),
        }),
        source_url: Some("https://discord.com/channels/1/2/3".into()),
        created_at: Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap(),
    }
}

/// The English words of a Markdown export (the catalogue's `note-export-*` keys).
fn words(community: &str, count: usize) -> ExportWords {
    ExportWords {
        title: format!("Practice notes of {community}"),
        count: format!("{count} notes."),
        between: "Between gatherings".into(),
        by: "by".into(),
        source: "Source:".into(),
        kinds: NoteKind::ALL.map(|k| k.label().to_owned()),
    }
}

fn gunzip(bytes: &[u8]) -> String {
    let mut out = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut out)
        .unwrap();
    out
}

#[test]
fn markdown_groups_by_gathering_in_date_order_with_loose_notes_last() {
    let notes = [
        sample(1, "Loose", None),
        sample(2, "Second circle", Some((2, "Circle B"))),
        sample(3, "First circle", Some((1, "Circle A"))),
        sample(4, "First again", Some((1, "Circle A"))),
    ];
    let text = render(
        ExportFormat::Markdown,
        &words("Facilitators", notes.len()),
        &notes,
    )
    .unwrap();
    let md = text.join(&text.chunks);
    let a = md.find("## Circle A — 2026-11-02").unwrap();
    let b = md.find("## Circle B — 2026-11-03").unwrap();
    let loose = md.find("## Between gatherings").unwrap();
    assert!(a < b && b < loose, "{md}");
    assert_eq!(md.matches("## Circle A").count(), 1);
    assert!(md.contains("*best practice* · by Ana · 2026-11-20 · #check-in #日本"));
    assert!(md.contains("Source: <https://discord.com/channels/1/2/3>"));
    assert!(
        md.starts_with("# Practice notes of Facilitators\n\n4 notes.\n\n"),
        "{md}"
    );
}

#[test]
fn markdown_says_its_headings_and_kinds_with_the_words_given() {
    let mut french = words("Cercle", 1);
    french.title = "Notes de pratique de Cercle".into();
    french.count = "1 note.".into();
    french.between = "Entre les rencontres".into();
    french.by = "par".into();
    french.source = "Source :".into();
    french.kinds[0] = "bonne pratique".into();
    let text = render(ExportFormat::Markdown, &french, &[sample(1, "Loose", None)]).unwrap();
    let md = text.join(&text.chunks);
    assert!(
        md.starts_with("# Notes de pratique de Cercle\n\n1 note.\n\n"),
        "{md}"
    );
    assert!(md.contains("## Entre les rencontres"), "{md}");
    assert!(
        md.contains("*bonne pratique* · par Ana · 2026-11-20"),
        "{md}"
    );
    assert!(
        md.contains("Source : <https://discord.com/channels/1/2/3>"),
        "{md}"
    );
    // CSV and JSON keep the kind's English label: it is the files' interface.
    let csv = render(ExportFormat::Csv, &french, &[sample(1, "Loose", None)]).unwrap();
    assert!(csv.join(&csv.chunks).contains(",best practice,"));
}

#[test]
fn csv_round_trips_through_a_real_parser_with_formulas_neutralised() {
    let notes = [
        sample(7, "Line one,\nline \"two\" 👋 مرحبا", Some((1, "Circle"))),
        sample(8, "- a list starts with a dash", None),
    ];
    let text = render(ExportFormat::Csv, &words("x", 1), &notes).unwrap();
    let csv_text = text.join(&text.chunks);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(headers.len(), 12);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][3], "Line one,\nline \"two\" 👋 مرحبا");
    assert_eq!(&rows[0][2], "Note, \"7\"");
    assert_eq!(&rows[0][5], "123456789012345678");
    assert_eq!(&rows[0][9], "2026-11-02");
    assert_eq!(&rows[1][3], "'- a list starts with a dash");
    assert_eq!(&rows[1][7], "");
}

#[test]
fn json_round_trips_exactly() {
    let notes = vec![
        sample(7, "Body with `code` and @everyone", Some((1, "Circle"))),
        sample(8, "Second", None),
    ];
    let text = render(ExportFormat::Json, &words("x", 1), &notes).unwrap();
    let back: Vec<ExportNote> = serde_json::from_str(&text.join(&text.chunks)).unwrap();
    assert_eq!(back, notes);
}

#[test]
fn a_small_archive_is_one_plain_file() {
    let text = render(
        ExportFormat::Csv,
        &words("x", 1),
        &[sample(1, "short", None)],
    )
    .unwrap();
    let files = package("notes", "csv", &text, 10_000).unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].name, "notes.csv");
}

#[test]
fn a_large_archive_is_compressed_then_split_between_notes_within_the_limit() {
    // Repetitive text compresses well: one gzip file.
    let notes: Vec<ExportNote> = (0..200)
        .map(|i| sample(i, &"same words ".repeat(300), None))
        .collect();
    let text = render(ExportFormat::Json, &words("x", 1), &notes).unwrap();
    let whole = text.join(&text.chunks);
    let files = package("notes", "json", &text, whole.len() / 4).unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].name, "notes.json.gz");
    assert_eq!(gunzip(&files[0].bytes), whole);

    // Text that does not compress: parts, each a valid file, together every note once.
    let mut seed = 7u64;
    let noise = |len: usize, seed: &mut u64| -> String {
        (0..len)
            .map(|_| {
                *seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                char::from(b'a' + ((*seed >> 33) % 26) as u8)
            })
            .collect()
    };
    let notes: Vec<ExportNote> = (0..60)
        .map(|i| sample(i, &noise(2000, &mut seed), None))
        .collect();
    let text = render(ExportFormat::Json, &words("x", 1), &notes).unwrap();
    let limit = 20_000;
    let files = package("notes", "json", &text, limit).unwrap();
    assert!(files.len() > 1);
    let mut ids = Vec::new();
    for (i, f) in files.iter().enumerate() {
        assert!(
            f.bytes.len() <= limit,
            "{} is {} bytes",
            f.name,
            f.bytes.len()
        );
        assert!(
            f.name
                .starts_with(&format!("notes-part{}of{}.json", i + 1, files.len())),
            "{}",
            f.name
        );
        let content = if f.name.ends_with(".gz") {
            gunzip(&f.bytes)
        } else {
            String::from_utf8(f.bytes.clone()).unwrap()
        };
        let part: Vec<ExportNote> = serde_json::from_str(&content).unwrap();
        ids.extend(part.iter().map(|n| n.id));
    }
    assert_eq!(ids, (0..60).collect::<Vec<_>>());
}

#[test]
fn csv_fields_are_quoted_and_formulas_neutralised() {
    assert_eq!(csv_field("Plain"), "Plain");
    assert_eq!(csv_field(r#"a, "b""#), r#""a, ""b""""#);
    assert_eq!(csv_field("=HYPERLINK(x)"), "'=HYPERLINK(x)");
}

#[test]
fn a_note_that_cannot_fit_even_compressed_is_a_clear_error_not_a_broken_file() {
    let mut seed = 3u64;
    let noise: String = (0..5000)
        .map(|_| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            char::from(b'a' + ((seed >> 33) % 26) as u8)
        })
        .collect();
    let text = render(
        ExportFormat::Csv,
        &words("x", 1),
        &[sample(1, &noise, None)],
    )
    .unwrap();
    assert!(matches!(
        package("notes", "csv", &text, 1000),
        Err(ExportError::NoteTooLarge)
    ));
}
