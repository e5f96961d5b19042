//! The archive as a file: Markdown grouped by gathering, CSV or JSON; and how a large file is packed into
//! Discord attachments (as is, gzip-compressed, or split into parts on note boundaries).

use super::notes::NoteKind;
use chrono::{DateTime, NaiveDate, Utc};
use std::io::Write;

/// Why an export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// One note alone does not fit the upload limit, even compressed (a person can act on it).
    #[error("One note is larger than Discord lets this server upload, even compressed.")]
    NoteTooLarge,
    /// A note could not be written as JSON.
    #[error("could not write a note as JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// Gzip compression of a file too large to send as is failed.
    #[error("could not compress the export: {0}")]
    Compress(#[from] std::io::Error),
}

/// The file format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Markdown, grouped by gathering (the default).
    Markdown,
    /// One row per note.
    Csv,
    /// An array of notes.
    Json,
}

impl ExportFormat {
    /// The file extension without the dot: `md`, `csv` or `json`.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Markdown => "md",
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
        }
    }
}

/// The gathering a note came from, as the export names it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ExportGathering {
    /// Steward's id of the gathering.
    pub id: i64,
    /// The gathering's title.
    pub title: String,
    /// Its date in the community's zone.
    pub date: NaiveDate,
}

/// One note as exported (JSON field names are the file's interface).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ExportNote {
    /// The note's id (as in `/note show`).
    pub id: i64,
    /// Kind, as people read it ("best practice").
    pub kind: String,
    /// The note's title (one line).
    pub title: String,
    /// Body, exactly as archived.
    pub body: String,
    /// Its normalised tags, without `#`.
    pub tags: Vec<String>,
    /// The credited author's Discord id (a string: ids do not fit a JSON double).
    pub author_id: String,
    /// The author's name when archived.
    pub author_name: String,
    /// The gathering it came from.
    pub gathering: Option<ExportGathering>,
    /// Link to the source message or resource.
    pub source_url: Option<String>,
    /// When it was archived.
    pub created_at: DateTime<Utc>,
}

/// The words of a Markdown export, in the community's language: the caller fills them from the
/// catalogue (CSV and JSON have none: their field names and kinds are the file's interface).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportWords {
    /// The file's title with the community's name: "Practice notes of Facilitators".
    pub title: String,
    /// How many notes there are, as a sentence: "3 notes."
    pub count: String,
    /// The heading of the notes archived between gatherings.
    pub between: String,
    /// Before an author's name: "by".
    pub by: String,
    /// Before a note's link, with its colon: "Source:".
    pub source: String,
    /// Each kind's name, in [`NoteKind::ALL`]'s order.
    pub kinds: [String; 7],
}

impl ExportWords {
    /// The name of a kind given by its English label (as [`ExportNote::kind`] holds it); a label this
    /// export does not know stays as it is.
    fn kind<'a>(&'a self, label: &'a str) -> &'a str {
        NoteKind::ALL
            .iter()
            .position(|k| k.label() == label)
            .and_then(|i| self.kinds.get(i))
            .map_or(label, String::as_str)
    }
}

/// CSV header of the notes export.
pub const CSV_HEADER: &str =
    "id,kind,title,body,tags,author_id,author_name,gathering_id,gathering_title,\
                              gathering_date,source_url,created_at\n";

/// RFC 4180 quoting; a leading `=`, `+`, `-` or `@` gets a `'` so that spreadsheets do not run it as a
/// formula.
pub fn csv_field(text: &str) -> String {
    let safe = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if safe.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

fn csv_row(n: &ExportNote) -> String {
    let g = n.gathering.as_ref();
    let fields = [
        n.id.to_string(),
        csv_field(&n.kind),
        csv_field(&n.title),
        csv_field(&n.body),
        csv_field(&n.tags.join(" ")),
        n.author_id.clone(),
        csv_field(&n.author_name),
        g.map(|g| g.id.to_string()).unwrap_or_default(),
        g.map(|g| csv_field(&g.title)).unwrap_or_default(),
        g.map(|g| g.date.to_string()).unwrap_or_default(),
        csv_field(n.source_url.as_deref().unwrap_or("")),
        n.created_at.to_rfc3339(),
    ];
    format!("{}\n", fields.join(","))
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn markdown_note(n: &ExportNote, words: &ExportWords) -> String {
    let mut out = format!("### #{} · {}\n\n", n.id, one_line(&n.title));
    out.push_str(&format!(
        "*{}* · {} {} · {}",
        words.kind(&n.kind),
        words.by,
        one_line(&n.author_name),
        n.created_at.format("%Y-%m-%d")
    ));
    if !n.tags.is_empty() {
        let tags: Vec<String> = n.tags.iter().map(|t| format!("#{t}")).collect();
        out.push_str(&format!(" · {}", tags.join(" ")));
    }
    out.push('\n');
    if let Some(url) = &n.source_url {
        out.push_str(&format!("{} <{url}>\n", words.source));
    }
    out.push_str(&format!("\n{}\n\n", n.body));
    out
}

/// The export as a head, one chunk per note (Markdown: a gathering heading goes with its first note), and
/// a tail: a file is `head + chunks + tail`, and so is every part of a split file. A Markdown file says
/// its headings with `words` (the community's language).
pub fn render(
    format: ExportFormat,
    words: &ExportWords,
    notes: &[ExportNote],
) -> Result<Chunks, ExportError> {
    Ok(match format {
        ExportFormat::Csv => Chunks {
            head: CSV_HEADER.to_owned(),
            chunks: notes.iter().map(csv_row).collect(),
            separator: String::new(),
            tail: String::new(),
        },
        ExportFormat::Json => Chunks {
            head: "[\n".to_owned(),
            chunks: notes
                .iter()
                .map(serde_json::to_string)
                .collect::<Result<_, _>>()?,
            separator: ",\n".to_owned(),
            tail: "\n]\n".to_owned(),
        },
        ExportFormat::Markdown => {
            let mut sorted: Vec<&ExportNote> = notes.iter().collect();
            // Gatherings in date order, then the notes archived between gatherings.
            sorted.sort_by_key(|n| {
                (
                    n.gathering.is_none(),
                    n.gathering.as_ref().map(|g| (g.date, g.id)),
                    n.created_at,
                    n.id,
                )
            });
            let mut chunks = Vec::new();
            let mut current: Option<Option<i64>> = None;
            for n in sorted {
                let group = n.gathering.as_ref().map(|g| g.id);
                let mut chunk = String::new();
                if current != Some(group) {
                    current = Some(group);
                    chunk.push_str(&match &n.gathering {
                        Some(g) => format!("## {} — {}\n\n", one_line(&g.title), g.date),
                        None => format!("## {}\n\n", one_line(&words.between)),
                    });
                }
                chunk.push_str(&markdown_note(n, words));
                chunks.push(chunk);
            }
            Chunks {
                head: format!(
                    "# {}\n\n{}\n\n",
                    one_line(&words.title),
                    one_line(&words.count)
                ),
                chunks,
                separator: String::new(),
                tail: String::new(),
            }
        }
    })
}

/// A file in pieces that can be split between notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunks {
    /// Before the notes.
    pub head: String,
    /// One per note.
    pub chunks: Vec<String>,
    /// Between two notes.
    pub separator: String,
    /// After the notes.
    pub tail: String,
}

impl Chunks {
    fn join(&self, chunks: &[String]) -> String {
        format!("{}{}{}", self.head, chunks.join(&self.separator), self.tail)
    }
}

/// A file ready to attach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    /// File name with its extension, e.g. `practice-notes.md.gz` or `…-part1of3.csv`.
    pub name: String,
    /// The file's bytes: plain text, or gzip when `name` ends in `.gz`.
    pub bytes: Vec<u8>,
}

/// Packs the export into files of at most `limit` bytes: one plain file if it fits; else one gzip file
/// if that fits; else parts split between notes (each compressed when that is needed to fit). A single
/// note that cannot fit even compressed is an error that says so.
pub fn package(
    base: &str,
    ext: &str,
    file: &Chunks,
    limit: usize,
) -> Result<Vec<ExportFile>, ExportError> {
    let whole = file.join(&file.chunks);
    if whole.len() <= limit {
        return Ok(vec![ExportFile {
            name: format!("{base}.{ext}"),
            bytes: whole.into_bytes(),
        }]);
    }
    let packed = gzip(whole.as_bytes())?;
    if packed.len() <= limit {
        return Ok(vec![ExportFile {
            name: format!("{base}.{ext}.gz"),
            bytes: packed,
        }]);
    }
    let parts = split(file, limit);
    let total = parts.len();
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            let text = file.join(part);
            let name = format!("{base}-part{}of{total}.{ext}", i + 1);
            if text.len() <= limit {
                return Ok(ExportFile {
                    name,
                    bytes: text.into_bytes(),
                });
            }
            let packed = gzip(text.as_bytes())?;
            if packed.len() > limit {
                return Err(ExportError::NoteTooLarge);
            }
            Ok(ExportFile {
                name: format!("{name}.gz"),
                bytes: packed,
            })
        })
        .collect()
}

/// The notes in groups whose plain text is at most `limit` bytes each (a note larger than that alone
/// makes a group of its own).
fn split(file: &Chunks, limit: usize) -> Vec<Vec<String>> {
    let overhead = file.head.len() + file.tail.len();
    let mut parts = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut size = overhead;
    for chunk in &file.chunks {
        let extra = chunk.len() + file.separator.len();
        if !current.is_empty() && size + extra > limit {
            parts.push(std::mem::take(&mut current));
            size = overhead;
        }
        current.push(chunk.clone());
        size += extra;
    }
    parts.push(current);
    parts
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>, std::io::Error> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes)?;
    encoder.finish()
}

#[cfg(test)]
#[path = "note_export_tests.rs"]
mod tests;
