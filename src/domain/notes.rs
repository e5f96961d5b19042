//! Practice notes: the community's shared repertoire (best practices, queries, discoveries, stories,
//! challenges, resources, evaluations), with tags and a safe full-text query.

use super::ids::MemberRef;
use super::message::Message;
use super::InputError;

/// The author of a note whose member asked to be forgotten (`/forget-me`): no Discord id is 0.
pub const FORMER_MEMBER: MemberRef = MemberRef(0);
/// How such a note is credited where it is stored (its author's name, and mentions in bodies); a card
/// says it in the reader's language (`note-former-member`).
pub const FORMER_MEMBER_NAME: &str = "a former member"; // data

/// The longest note body.
pub const MAX_BODY_CHARS: usize = 4000;
/// Most tags on one note.
pub const MAX_TAGS: usize = 10;
/// Most characters one tag may have.
pub const MAX_TAG_CHARS: usize = 30;

/// What a note is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoteKind {
    /// A best practice: a way of working the community recommends.
    BestPractice,
    /// A (monthly) query.
    Query,
    /// A daily discovery.
    Discovery,
    /// A story from practice.
    Story,
    /// A challenge met.
    Challenge,
    /// A resource or tool.
    Resource,
    /// An evaluation: what worked and what did not.
    Evaluation,
}

const KINDS: [(NoteKind, &str, &str); 7] = [
    (NoteKind::BestPractice, "best_practice", "best practice"), // data
    (NoteKind::Query, "query", "query"),
    (NoteKind::Discovery, "discovery", "discovery"),
    (NoteKind::Story, "story", "story"),
    (NoteKind::Challenge, "challenge", "challenge"),
    (NoteKind::Resource, "resource", "resource"),
    (NoteKind::Evaluation, "evaluation", "evaluation"),
];

impl NoteKind {
    /// Every kind, in the order people see them.
    pub const ALL: [NoteKind; 7] = [
        NoteKind::BestPractice,
        NoteKind::Query,
        NoteKind::Discovery,
        NoteKind::Story,
        NoteKind::Challenge,
        NoteKind::Resource,
        NoteKind::Evaluation,
    ];

    /// As stored in the database, e.g. `best_practice`.
    pub fn as_str(self) -> &'static str {
        KINDS.iter().find(|k| k.0 == self).map_or("story", |k| k.1)
    }
    /// As people read it.
    pub fn label(self) -> &'static str {
        KINDS.iter().find(|k| k.0 == self).map_or("story", |k| k.2)
    }
    /// From the stored form or the label.
    pub fn parse(text: &str) -> Option<NoteKind> {
        let t = text.trim().to_lowercase().replace(['-', '_'], " ");
        KINDS
            .iter()
            .find(|k| k.2 == t || k.1.replace('_', " ") == t)
            .map(|k| k.0)
    }
}

/// Checks a note body: not empty, at most 4,000 characters (Unicode kept as is).
pub fn parse_body(input: &str) -> Result<String, InputError> {
    let body = input.trim();
    let chars = body.chars().count();
    // Kept as typed, but it must show something (not only zero-width or other invisible characters).
    if chars == 0 || !super::text::is_visible(body) {
        return Err(InputError::new(Message::key("note-body-empty")));
    }
    if chars > MAX_BODY_CHARS {
        return Err(InputError::new(
            Message::key("note-body-too-long")
                .with("chars", chars)
                .with("max", MAX_BODY_CHARS),
        ));
    }
    Ok(body.to_owned())
}

/// Whether `tag` is made of letters and digits (Unicode categories L and N), the combining marks that
/// belong to them (category M, right after a letter, digit or another mark: `योग`, `ক্ষ`), `-` and `_`.
/// A mark cannot start a tag or follow `-`/`_`. (The search index never sees tag text: it filters by ASCII
/// tokens made from the tag's bytes, and by the tag again in SQL.)
fn is_tag(tag: &str) -> bool {
    use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};
    let mut after_letter = false;
    tag.chars().all(|c| match c.general_category_group() {
        GeneralCategoryGroup::Letter | GeneralCategoryGroup::Number => {
            after_letter = true;
            true
        }
        GeneralCategoryGroup::Mark => after_letter,
        _ if c == '-' || c == '_' => {
            after_letter = false;
            true
        }
        _ => false,
    })
}

/// Normalised tags: NFKC (so `é` typed as `e` + a combining accent becomes one letter), lowercase,
/// trimmed, `#` dropped, no duplicates; at most 10 of at most 30 characters, each made of letters and
/// digits with their combining marks, `-` or `_` (see [`is_tag`]).
pub fn parse_tags(input: &str) -> Result<Vec<String>, InputError> {
    use unicode_normalization::UnicodeNormalization;
    let mut tags: Vec<String> = Vec::new();
    let normalised: String = input.nfkc().collect();
    for raw in normalised.split([',', ' ', ';']) {
        let tag: String = raw
            .trim()
            .trim_start_matches('#')
            .to_lowercase()
            .nfkc()
            .collect();
        if tag.is_empty() {
            continue;
        }
        if tag.chars().count() > MAX_TAG_CHARS || !is_tag(&tag) {
            return Err(InputError::new(
                Message::key("note-tag-invalid")
                    .with(
                        "tag",
                        tag.chars().take(40).collect::<String>().replace('`', "'"),
                    )
                    .with("max", MAX_TAG_CHARS),
            ));
        }
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    if tags.len() > MAX_TAGS {
        return Err(InputError::new(
            Message::key("note-tags-too-many")
                .with("count", tags.len())
                .with("max", MAX_TAGS),
        ));
    }
    Ok(tags)
}

/// The words of a search: letters and digits split at everything else, lower-cased, at most 16. Nothing
/// a person types (quotes, `*`, `NEAR`, `-`, `:`, parentheses) survives as anything but a word; how the
/// words become a query is the store's business.
pub fn search_words(input: &str) -> Result<Vec<String>, InputError> {
    let words: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(16)
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        return Err(InputError::new(Message::key("note-search-empty")));
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_from_labels_and_stored_forms() {
        assert_eq!(
            NoteKind::parse("Best practice"),
            Some(NoteKind::BestPractice)
        );
        assert_eq!(
            NoteKind::parse("best_practice"),
            Some(NoteKind::BestPractice)
        );
        assert_eq!(NoteKind::parse("STORY"), Some(NoteKind::Story));
        assert_eq!(NoteKind::parse("gossip"), None);
        for (kind, stored, _) in KINDS {
            assert_eq!(NoteKind::parse(stored), Some(kind));
        }
    }

    #[test]
    fn tags_are_letters_and_digits_with_their_marks() {
        // Words of scripts written with combining marks are tags; a mark alone or first is not.
        assert_eq!(parse_tags("योग ক্ষমা").unwrap(), ["योग", "ক্ষমা"]);
        assert_eq!(parse_tags("ab\u{0903}c1").unwrap(), ["ab\u{0903}c1"]);
        assert!(parse_tags("\u{0903}ab").is_err());
        assert!(parse_tags("ab-\u{0301}").is_err());
        assert!(parse_tags("\u{0301}").is_err());
        // NFKC composes a letter and its accent; full-width letters become ASCII.
        assert_eq!(parse_tags("Cafe\u{301}").unwrap(), ["café"]);
        assert_eq!(parse_tags("ＣＩＲＣＬＥ").unwrap(), ["circle"]);
        assert!(parse_tags("zero\u{200B}width").is_err());
        assert_eq!(parse_tags("日本語 ٣").unwrap(), ["日本語", "٣"]);
    }

    #[test]
    fn tags_are_normalised_bounded_and_deduplicated() {
        assert_eq!(
            parse_tags(" #Check-In, circle  #check-in ").unwrap(),
            ["check-in", "circle"]
        );
        assert!(parse_tags("a b c d e f g h i j k")
            .unwrap_err()
            .to_string()
            .contains("at most 10"));
        assert!(parse_tags(&"x".repeat(31)).is_err());
        assert!(parse_tags("bad*tag").is_err());
        assert!(parse_tags("").unwrap().is_empty());
        assert_eq!(
            parse_tags("Évaluation 日本").unwrap(),
            ["évaluation", "日本"]
        );
    }

    #[test]
    fn bodies_keep_unicode_and_are_bounded() {
        assert_eq!(
            parse_body("  Bonjour 👋 مرحبا 你好 ").unwrap(),
            "Bonjour 👋 مرحبا 你好"
        );
        assert!(parse_body("   ").is_err());
        assert!(parse_body(&"é".repeat(4000)).is_ok());
        assert!(parse_body(&"é".repeat(4001)).is_err());
    }

    #[test]
    fn search_words_are_letters_and_digits_only() {
        assert_eq!(
            search_words("Check-in circle").unwrap(),
            ["check", "in", "circle"]
        );
        assert_eq!(search_words(&"w ".repeat(40)).unwrap().len(), 16);
        assert!(search_words(r#" "*:-() "#).is_err());
    }
}
