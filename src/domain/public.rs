//! What a community shows outside Discord: its calendar feed's secret token and its public page's
//! address (`/c/<slug>`), and what one gathering looks like on that page.

use chrono::{DateTime, Utc};
use unicode_normalization::UnicodeNormalization;

/// The longest slug (before a `-2`, `-3`… that keeps it unique).
pub const MAX_SLUG_CHARS: usize = 60;

/// How many random bytes a feed token carries (128 bits: not guessable, not enumerable).
pub const FEED_TOKEN_BYTES: usize = 16;

/// A calendar feed's token: `FEED_TOKEN_BYTES` random bytes as lowercase hex.
pub fn feed_token(random: [u8; FEED_TOKEN_BYTES]) -> String {
    random.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `text` has the shape of a feed token (so a malformed path is refused before any query).
pub fn is_feed_token(text: &str) -> bool {
    text.len() == FEED_TOKEN_BYTES * 2
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
}

/// The address part of a community's page, from its name: lowercase ASCII letters and digits with
/// single dashes (`Cercle de pratique — Sudbury` → `cercle-de-pratique-sudbury`), accents dropped,
/// at most [`MAX_SLUG_CHARS`]; `community` when nothing is left.
pub fn slug_of(name: &str) -> String {
    let mut slug = String::new();
    for c in name.nfkd() {
        if c.is_ascii_alphanumeric() {
            if slug.chars().count() >= MAX_SLUG_CHARS {
                break;
            }
            slug.push(c.to_ascii_lowercase());
        } else if (c.is_alphanumeric() || c.is_whitespace() || c.is_ascii_punctuation())
            && !slug.is_empty()
            && !slug.ends_with('-')
        {
            slug.push('-');
        }
        // Anything else (combining accents after NFKD, symbols) is dropped.
    }
    let slug = slug.trim_matches('-').to_owned();
    if slug.is_empty() {
        "community".to_owned()
    } else {
        slug
    }
}

/// The `n`th candidate for a slug taken `n - 1` times already: `circle`, `circle-2`, `circle-3`…
pub fn slug_candidate(base: &str, n: u32) -> String {
    if n <= 1 {
        base.to_owned()
    } else {
        format!("{base}-{n}")
    }
}

/// Whether `text` could be a slug this module made (so a malformed path is refused before any query).
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= MAX_SLUG_CHARS + 12
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// One role on a public page: its name and, when the community shows names, who holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicRole {
    /// The role's name.
    pub role: String,
    /// Whether someone holds it.
    pub held: bool,
    /// The holder's name, only when the community shows names and the name is known.
    pub holder: Option<String>,
}

/// One upcoming gathering as a public page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicGathering {
    /// Its title.
    pub title: String,
    /// When it starts.
    pub start: DateTime<Utc>,
    /// When it ends.
    pub end: DateTime<Utc>,
    /// Where (free text), if given.
    pub location: Option<String>,
    /// Whether it was moved from its usual date.
    pub moved: bool,
    /// The agenda in order.
    pub roles: Vec<PublicRole>,
    /// How many answered going.
    pub going: usize,
    /// Their names, only when the community shows names (those whose name is known).
    pub going_names: Vec<String>,
}

impl PublicGathering {
    /// The roles nobody holds yet.
    pub fn open_roles(&self) -> impl Iterator<Item = &str> {
        self.roles
            .iter()
            .filter(|r| !r.held)
            .map(|r| r.role.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_words_with_single_dashes() {
        assert_eq!(
            slug_of("Cercle de pratique — Sudbury"),
            "cercle-de-pratique-sudbury"
        );
        assert_eq!(slug_of("Île-de-France: Répit!"), "ile-de-france-repit");
        assert_eq!(
            slug_of("  <script>alert(1)</script> "),
            "script-alert-1-script"
        );
        assert_eq!(slug_of("🌱🌱"), "community");
        assert_eq!(slug_of(""), "community");
        let long = slug_of(&"a".repeat(300));
        assert_eq!(long.chars().count(), MAX_SLUG_CHARS);
        assert!(is_slug(&long) && is_slug(&slug_candidate(&long, 12)));
        assert_eq!(slug_candidate("circle", 1), "circle");
        assert_eq!(slug_candidate("circle", 3), "circle-3");
        assert!(!is_slug("../etc") && !is_slug("") && !is_slug("Circle"));
    }

    #[test]
    fn feed_tokens_are_hex_of_sixteen_bytes() {
        let token = feed_token([0xab; FEED_TOKEN_BYTES]);
        assert_eq!(token.len(), 32);
        assert!(is_feed_token(&token));
        assert!(!is_feed_token("ABABABABABABABABABABABABABABABAB"));
        let short: String = token.chars().take(31).collect();
        assert!(!is_feed_token(&short));
        assert!(!is_feed_token("../../../../../../etc/passwd....."));
    }
}
