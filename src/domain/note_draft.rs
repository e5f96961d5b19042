//! What a person typed into the note form (or what a message gives it), checked into a note's content.

use super::message::Message;
use super::notes::{parse_body, parse_tags, NoteKind, MAX_BODY_CHARS};
use super::text::{clean_line, echo};
use super::InputError;

/// The longest note title.
pub const MAX_TITLE_CHARS: usize = 100;
/// The longest source link.
pub const MAX_LINK_CHARS: usize = 512;

/// The form's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// The title as typed (checked by [`parse_title`]).
    pub title: String,
    /// Kind, as a word: its English label ("best practice") or stored form (the Discord layer turns a
    /// kind named in the member's language into the label before the check).
    pub kind: String,
    /// Tags, separated by commas or spaces.
    pub tags: String,
    /// The note's text as typed.
    pub body: String,
    /// A source link as typed; empty when left blank.
    pub link: String,
}

/// A draft that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedDraft {
    /// Which kind of note the form chose.
    pub kind: NoteKind,
    /// Title, one line.
    pub title: String,
    /// The note's text exactly as typed: not empty, at most 4,000 characters.
    pub body: String,
    /// Its tags normalised: lowercase, no `#`, no duplicates, at most 10.
    pub tags: Vec<String>,
    /// An `http(s)` link to the source, if one was given.
    pub link: Option<String>,
}

/// A title: one line (cleaned of invisible characters, NFKC), not empty, at most 100 characters. (The
/// body is kept exactly as typed.)
pub fn parse_title(input: &str) -> Result<String, InputError> {
    let title = clean_line(input);
    let chars = title.chars().count();
    if chars == 0 {
        return Err(InputError::new(Message::key("note-title-empty")));
    }
    if chars > MAX_TITLE_CHARS {
        return Err(InputError::new(
            Message::key("note-title-too-long")
                .with("chars", chars)
                .with("max", MAX_TITLE_CHARS),
        ));
    }
    Ok(title)
}

/// An optional `http(s)` link without spaces, at most 512 characters.
pub fn parse_link(input: &str) -> Result<Option<String>, InputError> {
    let link = input.trim();
    if link.is_empty() {
        return Ok(None);
    }
    let scheme_ok = link.starts_with("https://") || link.starts_with("http://");
    let host_ok = link
        .split_once("://")
        .map(|(_, rest)| rest.split('/').next().unwrap_or(""))
        .is_some_and(|host| !host.is_empty());
    if !scheme_ok
        || !host_ok
        || link.chars().any(char::is_whitespace)
        || link.chars().count() > MAX_LINK_CHARS
    {
        return Err(InputError::new(
            Message::key("note-link-invalid")
                .with("link", echo(link))
                .with("max", MAX_LINK_CHARS),
        ));
    }
    Ok(Some(link.to_owned()))
}

/// A kind named in the form (its English label or stored form). The refusal lists every kind in the
/// reader's language (the catalogue's `note-kinds-list`).
pub fn parse_kind(input: &str) -> Result<NoteKind, InputError> {
    NoteKind::parse(input)
        .ok_or_else(|| InputError::new(Message::key("note-kind-invalid").with("kind", echo(input))))
}

impl Draft {
    /// Checks every field; the first problem found is the message.
    pub fn check(&self) -> Result<CheckedDraft, InputError> {
        Ok(CheckedDraft {
            kind: parse_kind(&self.kind)?,
            title: parse_title(&self.title)?,
            body: parse_body(&self.body)?,
            tags: parse_tags(&self.tags)?,
            link: parse_link(&self.link)?,
        })
    }

    /// The form prefilled from a chat message: its first visible line as the title (cleaned), its text
    /// as the body (as written), both cut to their limits, a guessed kind, and the link to the message.
    pub fn from_message(text: &str, link: &str) -> Draft {
        let first_line = text
            .lines()
            .map(|l| {
                clean_line(l)
                    .trim_start_matches(['#', '>', '*', '-', ' '])
                    .trim()
                    .to_owned()
            })
            .find(|l| !l.is_empty())
            .unwrap_or_default();
        let title = cut_words(&first_line, MAX_TITLE_CHARS);
        let body: String = text.trim().chars().take(MAX_BODY_CHARS).collect();
        let kind = if text.trim_end().ends_with('?') {
            NoteKind::Query
        } else if text.contains("https://") || text.contains("http://") {
            NoteKind::Resource
        } else {
            NoteKind::Discovery
        };
        Draft {
            title,
            kind: kind.label().to_owned(),
            tags: String::new(),
            body,
            link: link.to_owned(),
        }
    }
}

/// At most `max` characters, cut at a word boundary in the second half when there is one, ending with
/// `…` when cut. Works on characters throughout: no byte index is ever used.
fn cut_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let head: Vec<char> = text.chars().take(max - 1).collect();
    let end = match head.iter().rposition(|c| *c == ' ') {
        Some(space) if space > head.len() / 2 => space,
        _ => head.len(),
    };
    let kept: String = head.iter().take(end).collect();
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> Draft {
        Draft {
            title: "  Opening   rounds ".into(),
            kind: "Best practice".into(),
            tags: "#Check-In circle".into(),
            body: "Start with one word each 👋".into(),
            link: "".into(),
        }
    }

    #[test]
    fn a_good_draft_is_normalised() {
        let checked = draft().check().unwrap();
        assert_eq!(checked.title, "Opening rounds");
        assert_eq!(checked.kind, NoteKind::BestPractice);
        assert_eq!(checked.tags, ["check-in", "circle"]);
        assert_eq!(checked.link, None);
    }

    #[test]
    fn every_bad_field_says_what_a_good_one_looks_like() {
        let bad = |f: fn(&mut Draft)| {
            let mut d = draft();
            f(&mut d);
            d.check().unwrap_err().to_string()
        };
        assert!(bad(|d| d.kind = "gossip".into()).contains("`best practice`"));
        assert!(bad(|d| d.title = " ".into()).contains("title"));
        assert!(bad(|d| d.title = "x".repeat(101)).contains("100"));
        assert!(bad(|d| d.body = "é".repeat(4001)).contains("4000"));
        assert!(bad(|d| d.tags = "a*b".into()).contains("not a tag"));
        assert!(bad(|d| d.link = "javascript:alert(1)".into()).contains("https://"));
        assert!(bad(|d| d.link = "https:// spaced.org".into()).contains("https://"));
        assert!(bad(|d| d.link = "https://".into()).contains("not a link"));
        let mut ok = draft();
        ok.link = " https://example.org/guide?x=1 ".into();
        assert_eq!(
            ok.check().unwrap().link.as_deref(),
            Some("https://example.org/guide?x=1")
        );
    }

    #[test]
    fn a_message_prefills_title_body_kind_and_link_within_the_limits() {
        let link = "https://discord.com/channels/1/2/3";
        let d = Draft::from_message("## How do you close a circle?\nWe tried a round.", link);
        assert_eq!(d.title, "How do you close a circle?");
        assert_eq!(
            d.kind, "discovery",
            "a question only at the start is not a query"
        );
        assert_eq!(d.link, link);
        assert_eq!(
            Draft::from_message("Anyone tried this?", link).kind,
            "query"
        );
        assert_eq!(
            Draft::from_message("See https://x.org", link).kind,
            "resource"
        );
        let long = format!("{} {}", "word ".repeat(40), "é".repeat(5000));
        let d = Draft::from_message(&long, link);
        assert!(d.title.chars().count() <= MAX_TITLE_CHARS);
        assert!(d.title.ends_with('…'));
        assert_eq!(d.body.chars().count(), MAX_BODY_CHARS);
        let d = Draft::from_message("", link);
        assert_eq!((d.title.as_str(), d.body.as_str()), ("", ""));
    }

    #[test]
    fn titles_of_invisible_characters_are_refused_but_bodies_are_kept_as_typed() {
        for invisible in ["\u{200B}\u{200B}", "\u{3164}", "\u{2800}", " \u{FEFF} "] {
            let err = parse_title(invisible).unwrap_err().to_string();
            assert!(err.contains("title"), "{invisible:?}: {err}");
        }
        assert_eq!(
            parse_title("Cafe\u{301}\u{200B} talk").unwrap(),
            "Caf\u{E9} talk"
        );
        assert_eq!(parse_title("🌱 Circle").unwrap(), "🌱 Circle");
        // An emoji ZWJ sequence and a variation selector survive in the body, untouched.
        let mut d = draft();
        d.body = "We 👩\u{200D}💻 together ❤\u{FE0F}\nsecond line".into();
        assert_eq!(d.check().unwrap().body, d.body);
    }

    #[test]
    fn cutting_a_title_never_splits_a_character() {
        // Multi-byte text with and without spaces, around and past the limit: no panic, at most the
        // limit, and whole characters only.
        for text in [
            "д".repeat(150),
            "日本語 ".repeat(40),
            "🌱".repeat(101),
            format!("{} {}", "ä".repeat(60), "ö".repeat(60)),
            format!("{}é", "x".repeat(100)),
        ] {
            let cut = cut_words(&text, MAX_TITLE_CHARS);
            assert!(cut.chars().count() <= MAX_TITLE_CHARS, "{text}");
            assert!(cut.ends_with('…'), "{text}");
            assert!(text.starts_with(cut.trim_end_matches('…')), "{text}");
        }
        assert_eq!(cut_words(&"🌱".repeat(100), 100), "🌱".repeat(100));
        assert_eq!(cut_words("ab", 0), "");
        // The word boundary is chosen by characters: 60 two-byte letters, then a space, then more.
        let mixed = format!("{} {}", "ä".repeat(60), "ö".repeat(60));
        assert_eq!(
            cut_words(&mixed, MAX_TITLE_CHARS),
            format!("{}…", "ä".repeat(60))
        );
        // A message whose first line is invisible takes its next visible line.
        let d = Draft::from_message("\u{200B}\u{3164}\n# Д\u{200B}ay one", "https://x.org");
        assert_eq!(d.title, "Дay one");
    }
}
