//! Text as people type it, handled by characters (never bytes): one line cleaned of invisible characters
//! ([`clean_line`]), the key under which two names are "the same" ([`fold_key`]), cutting to a length
//! ([`cut`]) and repeating a typed value inside an error message ([`echo`]).
//!
//! Cleaning removes what draws nothing: control and format characters (zero-width space, byte order
//! mark, bidirectional overrides, tag characters, …), the Hangul fillers and the blank Braille pattern,
//! and combining marks with nothing to sit on. It keeps what makes emoji and accents work: marks and
//! variation selectors after a visible character, and a zero-width (non-)joiner between two visible
//! characters (woman, U+200D, laptop: one emoji). The text is NFKC-normalised, so `Cafe` + U+0301 is
//! stored as `Café`.

use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

/// How many characters of what someone typed an error message repeats.
pub const ECHO_CHARS: usize = 40;

/// Zero-width non-joiner.
const ZWNJ: char = '\u{200C}';
/// Zero-width joiner.
const ZWJ: char = '\u{200D}';

/// What a character does on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Any white space (it becomes one plain space).
    Space,
    /// Draws nothing and means nothing in a name: dropped.
    Invisible,
    /// A zero-width joiner or non-joiner: kept only between two visible characters.
    Joiner,
    /// A combining mark or variation selector: kept only after a visible character.
    Mark,
    /// Everything else: a visible character.
    Visible,
}

fn kind(c: char) -> Kind {
    // First: `\n` and `\t` are control characters too, but they separate words.
    if c.is_whitespace() {
        return Kind::Space;
    }
    if c == ZWJ || c == ZWNJ {
        return Kind::Joiner;
    }
    if is_blank_filler(c) {
        return Kind::Invisible;
    }
    match c.general_category() {
        GeneralCategory::Control | GeneralCategory::Format => Kind::Invisible,
        _ if c.general_category_group() == GeneralCategoryGroup::Mark => Kind::Mark,
        _ => Kind::Visible,
    }
}

/// Characters that draw nothing without being format controls: the Hangul fillers, the blank Braille
/// pattern, and the other default-ignorable code points outside Cf (combining grapheme joiner, Khmer
/// inherent vowels, reserved default-ignorables).
fn is_blank_filler(c: char) -> bool {
    matches!(
        c,
        '\u{115F}'
            | '\u{1160}'
            | '\u{3164}'
            | '\u{FFA0}'
            | '\u{2800}'
            | '\u{034F}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{2065}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{E0000}'..='\u{E00FF}'
            | '\u{E01F0}'..='\u{E0FFF}'
    )
}

/// Variation selectors (emoji or text style, Mongolian forms): they change how a character looks, not
/// which character it is.
fn is_selector(c: char) -> bool {
    matches!(
        c,
        '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' | '\u{180B}'..='\u{180D}' | '\u{180F}'
    )
}

/// One pass over the text: every white space becomes a plain space, invisible characters go, marks stay
/// only after a visible character and joiners only between two.
fn strip_invisible(input: &str) -> String {
    let chars: Vec<char> = input.chars().collect();
    let mut out = String::with_capacity(input.len());
    // Whether the last character written is visible (or a mark on a visible one).
    let mut after_visible = false;
    for (i, &c) in chars.iter().enumerate() {
        match kind(c) {
            Kind::Space => {
                out.push(' ');
                after_visible = false;
            }
            Kind::Invisible => {}
            Kind::Mark => {
                if after_visible {
                    out.push(c);
                }
            }
            Kind::Visible => {
                out.push(c);
                after_visible = true;
            }
            Kind::Joiner => {
                let next_is_visible = chars
                    .iter()
                    .skip(i + 1)
                    .map(|n| kind(*n))
                    .find(|k| *k != Kind::Invisible)
                    == Some(Kind::Visible);
                // A joiner that goes is as if it was never typed: `a` + U+200D + U+0301 is `á`.
                if after_visible && next_is_visible {
                    out.push(c);
                    after_visible = false;
                }
            }
        }
    }
    out
}

/// One line as it should be stored and shown: NFKC-normalised, without invisible characters, every run
/// of white space (line breaks, no-break and ideographic spaces included) one space, trimmed. Empty when
/// nothing visible was typed.
pub fn clean_line(input: &str) -> String {
    let mut line = clean_once(input);
    // One pass is stable for all text we know of; a second confirms it, so that a cleaned value always
    // cleans to itself (a stored name parses back to the same name).
    for _ in 0..2 {
        let again = clean_once(&line);
        if again == line {
            break;
        }
        line = again;
    }
    line
}

fn clean_once(input: &str) -> String {
    // Invisible characters go before normalising so that `e` + U+200B + U+0301 still composes to `é`,
    // and again after, because NFKC can leave a mark with nothing to sit on (U+00A8 → space + U+0308).
    let visible = strip_invisible(input);
    let normal: String = visible.as_str().nfkc().collect();
    strip_invisible(&normal)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether the text shows anything at all once cleaned (a cleaned line always starts with a visible
/// character, so this is "cleans to something").
pub fn is_visible(input: &str) -> bool {
    !clean_line(input).is_empty()
}

/// The key under which two names are the same: cleaned, without joiners and variation selectors, and
/// lowercased (`Opener`, `opener ` and `Opener` + U+200B share one key).
pub fn fold_key(input: &str) -> String {
    let lower: String = clean_line(input)
        .chars()
        .filter(|c| *c != ZWJ && *c != ZWNJ && !is_selector(*c))
        .flat_map(char::to_lowercase)
        .collect();
    // Lowercasing can decompose (`İ` → `i` + U+0307): normalise again so equal text has one key.
    lower.as_str().nfkc().collect()
}

/// `text` cut to at most `max_chars` characters (not bytes), ending with `…` when it was cut.
pub fn cut(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    if max_chars == 0 {
        return String::new();
    }
    let mut out: String = text.chars().take(max_chars - 1).collect();
    // A joiner before the ellipsis would glue it to the cut-off emoji.
    while out.ends_with([ZWJ, ZWNJ]) {
        out.pop();
    }
    out.push('…');
    out
}

/// What someone typed, to repeat inside `` `…` `` in an error message: trimmed, at most
/// [`ECHO_CHARS`] characters, white space as plain spaces, invisible characters shown as `�` (so
/// `13:00` + U+200B reads `13:00�` and a bidirectional override cannot turn the message around), and
/// backticks as `'` so the code span cannot be closed early.
pub fn echo(input: &str) -> String {
    let shown: String = input
        .trim()
        .chars()
        .map(|c| match kind(c) {
            Kind::Space => ' ',
            Kind::Invisible => '\u{FFFD}',
            _ if c == '`' => '\'',
            _ => c,
        })
        .collect();
    cut(&shown, ECHO_CHARS)
}

/// `text` with its first character upper-cased (`monthly` → `Monthly`; `éte` → `Éte`).
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

/// The items in their first order, each once.
pub fn unique_in_order<T: PartialEq>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut unique: Vec<T> = Vec::new();
    for item in items {
        if !unique.contains(&item) {
            unique.push(item);
        }
    }
    unique
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitalize_and_unique_in_order_keep_what_they_are_given() {
        assert_eq!(capitalize("monthly on fridays"), "Monthly on fridays");
        assert_eq!(capitalize("éte"), "Éte");
        assert_eq!(capitalize(""), "");
        assert_eq!(unique_in_order([3, 1, 3, 2, 1]), [3, 1, 2]);
        assert!(unique_in_order(Vec::<u8>::new()).is_empty());
    }

    #[test]
    fn invisible_only_text_cleans_to_nothing() {
        for invisible in [
            "\u{200B}\u{200B}",
            "\u{3164}",
            "\u{2800}",
            " \u{FEFF} ",
            "\u{115F}\u{1160}",
            "\u{FFA0}",
            "\u{200D}",
            "\u{200E}\u{202E}\u{2066}",
            "\u{00AD}",
            "\u{034F}",
            "\u{0301}",
            "\u{FE0F}",
            "\u{E0041}\u{E0042}",
            "\u{0007}\u{001B}",
            "\u{00A0}\u{2003}\u{3000}\n\t",
            "",
        ] {
            assert_eq!(clean_line(invisible), "", "{invisible:?}");
            assert!(!is_visible(invisible), "{invisible:?}");
        }
    }

    #[test]
    fn visible_text_is_kept_normalised_on_one_line() {
        assert_eq!(
            clean_line("  Facilitation \n\t Circle "),
            "Facilitation Circle"
        );
        assert_eq!(clean_line("Open\u{200B}er"), "Opener");
        assert_eq!(clean_line("Room\u{00A0}\u{00A0}4\u{3000}B"), "Room 4 B");
        // Composed, whatever the way it was typed.
        assert_eq!(clean_line("Cafe\u{301}"), "Caf\u{E9}");
        assert_eq!(clean_line("Cafe\u{200B}\u{301}"), "Caf\u{E9}");
        // NFKC: full-width letters and ligatures become plain ones.
        assert_eq!(clean_line("ＡＢＣ ﬁne"), "ABC fine");
        // Emoji survive, with their joiners and selectors.
        assert_eq!(clean_line("🌱 Circle"), "🌱 Circle");
        assert_eq!(clean_line("👩\u{200D}💻 Devs"), "👩\u{200D}💻 Devs");
        assert_eq!(clean_line("🏳\u{FE0F}\u{200D}🌈"), "🏳\u{FE0F}\u{200D}🌈");
        assert_eq!(clean_line("❤\u{FE0F}"), "❤\u{FE0F}");
        // A joiner next to a space, or at either end, is dropped.
        assert_eq!(clean_line("\u{200D}a \u{200D}b\u{200D}"), "a b");
        // A joiner that goes leaves the accent on its letter.
        assert_eq!(clean_line("a\u{200D}\u{301}"), "\u{E1}");
        // A spacing accent is NFKC space + mark; the mark has nothing to sit on.
        assert_eq!(clean_line("x \u{A8}"), "x");
        assert_eq!(clean_line("Пётр 日本 مرحبا"), "Пётр 日本 مرحبا");
        assert!(is_visible("🌱"));
        assert!(is_visible(" x\u{200B} "));
    }

    #[test]
    fn a_cleaned_line_cleans_to_itself() {
        for input in [
            "  Facilitation \n\t Circle ",
            "Cafe\u{200B}\u{301}",
            "👩\u{200D}💻 Devs",
            "\u{A8}\u{301}x\u{3164}",
            "\u{1100}\u{200B}\u{1161}",
            "a\u{200D}\u{200D}b\u{200C}",
            "ﬁ\u{FEFF}ne ＡＢＣ",
        ] {
            let line = clean_line(input);
            assert_eq!(clean_line(&line), line, "{input:?}");
        }
    }

    #[test]
    fn fold_keys_ignore_case_spacing_and_invisible_characters() {
        assert_eq!(fold_key("Opener\u{200B}"), fold_key("opener"));
        assert_eq!(fold_key(" OPENER "), "opener");
        assert_eq!(fold_key("Op\u{200D}ener"), "opener");
        assert_eq!(fold_key("Opener\u{FE0F}"), "opener");
        assert_eq!(fold_key("Cafe\u{301}"), fold_key("CAF\u{C9}"));
        assert_ne!(fold_key("Café"), fold_key("Cafe"));
        assert_eq!(fold_key("ΚΥΚΛΟΣ"), fold_key("κυκλοσ"));
    }

    #[test]
    fn cutting_counts_characters_not_bytes() {
        assert_eq!(cut("short", 10), "short");
        assert_eq!(cut("short", 5), "short");
        assert_eq!(cut("shorter", 5), "shor…");
        assert_eq!(cut("abc", 0), "");
        assert_eq!(cut("abc", 1), "…");
        let emoji = "🌱".repeat(50);
        assert_eq!(cut(&emoji, 50), emoji);
        let cut_emoji = cut(&emoji, 10);
        assert_eq!(cut_emoji.chars().count(), 10);
        assert!(cut_emoji.ends_with('…'));
        assert_eq!(cut("дддд", 3), "дд…");
        assert_eq!(cut("1日本語", 3), "1日…");
        assert_eq!(cut("👩\u{200D}💻👩\u{200D}💻", 3), "👩…");
    }

    #[test]
    fn echoes_are_short_one_line_and_cannot_break_out_of_code() {
        assert_eq!(echo("  1д "), "1д");
        assert_eq!(echo("a`b"), "a'b");
        assert_eq!(echo("13:00\u{200B}"), "13:00\u{FFFD}");
        assert_eq!(echo("line\nbreak"), "line break");
        let long = echo(&"é".repeat(100));
        assert_eq!(long.chars().count(), ECHO_CHARS);
        assert!(long.ends_with('…'));
        assert!(!echo(&"`".repeat(100)).contains('`'));
    }
}
