//! The scan behind "no user-facing English is left in `src/` outside the English catalogue": every
//! string literal of every source file is read (a small lexer: strings, raw strings, chars and
//! comments), and one that holds two or more words is a finding unless it is not for members:
//! - in a file for operators only (the command line, configuration, logs set-up, metrics and health,
//!   see [`FOR_OPERATORS`]) or in test code (`tests.rs`, `*_tests.rs`, after `#[cfg(test)] mod … {`);
//! - inside a log call (`tracing::…!(…)`), a panic message (`expect(…)`, `panic!(…)`, `unreachable!`,
//!   `assert…!`), an `#[error(…)]` attribute, an internal error (`Internal(…)`, `Corrupt(…)`) or a
//!   `.context(…)`;
//! - SQL (its first word an SQL keyword in capitals);
//! - on a line marked `// log` (kept for operators: a reason in the posts table), `// markup` (HTML or
//!   a format with no words), or `// data` (a stored value such as a default role's name).

/// Files whose every text is for operators (a terminal, a log, a scrape): not members' words.
pub const FOR_OPERATORS: &[&str] = &[
    "src/cli.rs",
    "src/cli_data.rs",
    "src/config.rs",
    "src/config_ops.rs",
    "src/telemetry.rs",
    "src/metrics.rs",
    "src/listener.rs",
    "src/main.rs",
];

/// A string literal found in a source: its first line and its text (escapes left as written).
#[derive(Debug, Clone, PartialEq)]
pub struct Literal {
    pub line: usize,
    pub text: String,
}

/// A literal and what surrounds it, as the scan judges it.
struct Found {
    literal: Literal,
    /// The code before the literal on its line, and whether it sits inside a call that is not for
    /// members (a log, a panic message, an internal error).
    exempt: bool,
}

/// Calls whose string arguments are not for members, by the last name of their path (`x.expect(`,
/// `CommandError::Internal(`, `answer::interaction(`), compared whole and case-sensitively. Macros
/// under `tracing::` count whatever their name.
const EXEMPT_CALLS: &[&str] = &[
    "expect",
    "expect_err",
    "panic!",
    "unreachable!",
    "assert!",
    "assert_eq!",
    "assert_ne!",
    "debug_assert!",
    "Internal",
    "Corrupt",
    "corrupt",
    "context",
    "with_context",
    // The label a failure is logged under (`unavailable(lang, "public page", &e)`,
    // `answer::interaction(…, "note form", …)`, `answer::internal("note form", …)`): the member sees
    // the catalogue's message instead.
    "unavailable",
    "interaction",
    "internal",
];

/// Every string literal in `source` that is not exempt, with its line.
fn literals(source: &str) -> Vec<Found> {
    let chars: Vec<char> = source.chars().collect();
    let mut found = Vec::new();
    let mut line = 1;
    let mut i = 0;
    // Open parentheses, each with whether it opened an exempt call, and braces (`None`): a block or a
    // closure's body inside an exempt call is code of its own, not the call's argument.
    let mut open: Vec<Option<bool>> = Vec::new();
    // The code read since the last `;`, `{` or `}` (to see which call a parenthesis opens).
    let mut recent = String::new();
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            '\n' => {
                line += 1;
                recent.push(' ');
                i += 1;
            }
            '/' if next == Some('/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if next == Some('*') => {
                i += 2;
                while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
                i += 2;
            }
            '"' | 'r' | 'b'
                if c == '"'
                    || (c == 'r'
                        && matches!(next, Some('"') | Some('#'))
                        && starts_raw(&chars, i))
                    || (c == 'b' && next == Some('"')) =>
            {
                let start_line = line;
                let (text, end, raw) = read_string(&chars, i);
                line += text.matches('\n').count();
                let _ = raw;
                // A command's or option's English description: registered from the catalogue
                // (`localize_commands` overwrites it; the French test checks every one has its key).
                // A choice's or a message menu's English name: the interface, localised from the
                // catalogue into `name_localizations`.
                let before = recent.trim_end();
                let described = before.ends_with("#[description =")
                    || before.ends_with("#[name =")
                    || before.ends_with("context_menu_command =");
                let inside_exempt = open.iter().rev().map_while(|o| *o).any(|exempt| exempt);
                let exempt = described || inside_exempt;
                found.push(Found {
                    literal: Literal {
                        line: start_line,
                        text,
                    },
                    exempt,
                });
                recent.push_str("\"\"");
                i = end;
            }
            '\'' => {
                // A char literal ('x', '\n', '\u{..}') or a lifetime ('a): skip a char literal whole.
                if let Some(end) = char_literal_end(&chars, i) {
                    i = end;
                } else {
                    recent.push(c);
                    i += 1;
                }
            }
            '(' => {
                let path = last_path(recent.trim_end());
                let name = path.rsplit("::").next().unwrap_or(path);
                let opens_exempt = path.starts_with("tracing::")
                    || EXEMPT_CALLS.contains(&name)
                    || recent.trim_end().ends_with("#[error");
                open.push(Some(opens_exempt));
                recent.push(c);
                i += 1;
            }
            ')' => {
                if matches!(open.last(), Some(Some(_))) {
                    open.pop();
                }
                recent.push(c);
                i += 1;
            }
            '{' => {
                open.push(None);
                recent.clear();
                i += 1;
            }
            '}' => {
                while let Some(Some(_)) = open.last() {
                    open.pop();
                }
                open.pop();
                recent.clear();
                i += 1;
            }
            ';' => {
                recent.clear();
                i += 1;
            }
            _ => {
                recent.push(c);
                i += 1;
            }
        }
    }
    found
}

/// The path expression that ends `code` (`tracing::warn!` in `… tracing::warn!`).
fn last_path(code: &str) -> &str {
    // Cut after the last character that is not part of a path, by its own length (it may be more
    // than one byte).
    let start = code
        .char_indices()
        .rev()
        .find(|(_, c)| {
            !(c.is_alphanumeric() || *c == '_' || *c == ':' || *c == '!' || *c == '#' || *c == '[')
        })
        .map_or(0, |(at, c)| at + c.len_utf8());
    &code[start..]
}

fn starts_raw(chars: &[char], at: usize) -> bool {
    // `r"` or `r#…"`, not an identifier ending in r (`for"` cannot happen; `bar#` cannot either).
    let before = at.checked_sub(1).map(|b| chars[b]);
    if before.is_some_and(|b| b.is_alphanumeric() || b == '_') && before != Some('b') {
        return false;
    }
    let mut j = at + 1;
    while chars.get(j) == Some(&'#') {
        j += 1;
    }
    chars.get(j) == Some(&'"')
}

/// Reads the string literal starting at `at` (`"…"`, `b"…"`, `r#"…"#`): its text, the index after it,
/// and whether it was raw.
fn read_string(chars: &[char], at: usize) -> (String, usize, bool) {
    let mut i = at;
    if chars[i] == 'b' {
        i += 1;
    }
    if chars[i] == 'r' {
        i += 1;
        let mut hashes = 0;
        while chars[i] == '#' {
            hashes += 1;
            i += 1;
        }
        i += 1; // the opening quote
        let mut text = String::new();
        while i < chars.len() {
            if chars[i] == '"' && (1..=hashes).all(|h| chars.get(i + h) == Some(&'#')) {
                return (text, i + 1 + hashes, true);
            }
            text.push(chars[i]);
            i += 1;
        }
        return (text, i, true);
    }
    i += 1; // the opening quote
    let mut text = String::new();
    while i < chars.len() {
        match chars[i] {
            '\\' => {
                // A line continuation swallows the newline and the next line's indentation.
                if chars.get(i + 1) == Some(&'\n') {
                    text.push('\n');
                    i += 2;
                    while chars.get(i).is_some_and(|c| *c == ' ' || *c == '\t') {
                        i += 1;
                    }
                    text.push(' ');
                    continue;
                }
                text.push(chars[i]);
                if let Some(n) = chars.get(i + 1) {
                    text.push(*n);
                }
                i += 2;
            }
            '"' => return (text, i + 1, false),
            c => {
                text.push(c);
                i += 1;
            }
        }
    }
    (text, i, false)
}

fn char_literal_end(chars: &[char], at: usize) -> Option<usize> {
    match (chars.get(at + 1), chars.get(at + 2)) {
        (Some('\\'), _) => {
            let mut j = at + 3;
            while j < chars.len() && chars[j] != '\'' && j < at + 12 {
                j += 1;
            }
            (chars.get(j) == Some(&'\'')).then_some(j + 1)
        }
        (Some(_), Some('\'')) => Some(at + 3),
        _ => None,
    }
}

const SQL_FIRST_WORDS: &[&str] = &[
    "SELECT",
    "INSERT",
    "UPDATE",
    "DELETE",
    "WITH",
    "CREATE",
    "DROP",
    "ALTER",
    "PRAGMA",
    "VACUUM",
    "BEGIN",
    "COMMIT",
    "ROLLBACK",
    "ON",
    "AND",
    "OR",
    "WHERE",
    "JOIN",
    "LEFT",
    "ORDER",
    "GROUP",
    "SET",
    "VALUES",
    "RETURNING",
    "LIMIT",
    "FROM",
    "CASE",
    "WHEN",
    "EXISTS",
    "NOT",
    "ANALYZE",
    "UNION",
    "DO",
    "INNER",
    "HAVING",
    "OFFSET",
    "FOR",
    "LOCK",
    "SAVEPOINT",
    "RELEASE",
    "EXPLAIN",
    "REINDEX",
];

/// Whether a literal is SQL: its first word is an SQL keyword in capitals, it holds SQL's operators in
/// capitals or a placeholder (`$1`), or it is a list of column names (`id, guild_id, name`).
fn is_sql(text: &str) -> bool {
    let columns = text.contains('_')
        && text.contains(',')
        && text.split(',').all(|item| {
            let item = item.trim();
            !item.is_empty()
                && item
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
        });
    let fragment = [" AND ", " OR ", " IS NULL", " IN (", "$1", "('"]
        .iter()
        .any(|k| text.contains(k));
    let first = text
        .split(|c: char| !c.is_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    columns
        || fragment
        || SQL_FIRST_WORDS.contains(&first)
        || [
            " FROM ",
            " WHERE ",
            " SET ",
            " JOIN ",
            " AND ",
            " ON CONFLICT",
        ]
        .iter()
        .filter(|k| text.contains(*k))
        .count()
            >= 2
}

/// How many words a literal holds: `{…}` placeholders, `%…` formats, paths, URLs, identifiers and
/// tokens with fewer than two letters do not count.
pub fn words(text: &str) -> usize {
    let mut plain = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = (depth - 1_i32).max(0),
            _ if depth > 0 => {}
            _ => plain.push(c),
        }
    }
    plain
        .replace("\\n", " ")
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.starts_with('%'))
        .filter(|w| !w.contains(['/', '=', '_', ':', '<', '>', '#', '@', '.']))
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count()
}

/// What the scan flags in one file: `path:line: "text"`.
pub fn findings(path: &str, source: &str) -> Vec<String> {
    let name = path.rsplit('/').next().unwrap_or(path);
    if FOR_OPERATORS.contains(&path)
        || name == "tests.rs"
        || name.ends_with("_tests.rs")
        || name == "literal_scan.rs"
    {
        return Vec::new();
    }
    // Test code: from an inline `#[cfg(test)] mod … {` on (a `mod tests;` line declares another file).
    let inline_tests = source.match_indices("#[cfg(test)]\nmod ").find(|(at, _)| {
        !source[*at..]
            .lines()
            .nth(1)
            .unwrap_or("")
            .trim_end()
            .ends_with(';')
    });
    let code = inline_tests.map_or(source, |(at, _)| &source[..at]);
    let lines: Vec<&str> = code.lines().collect();
    literals(code)
        .into_iter()
        .filter(|f| !f.exempt)
        .filter(|f| words(&f.literal.text) >= 2 && !is_sql(&f.literal.text))
        .filter(|f| {
            // A mark on the line where the literal starts or ends.
            let first = f.literal.line - 1;
            let last = first + f.literal.text.matches('\n').count();
            (first..=last.min(lines.len().saturating_sub(1))).all(|l| {
                let line = lines.get(l).copied().unwrap_or("");
                !(line.ends_with("// log")
                    || line.ends_with("// markup")
                    || line.ends_with("// data"))
            })
        })
        .map(|f| {
            let shown: String = f.literal.text.chars().take(90).collect();
            format!("{path}:{}: \"{shown}\"", f.literal.line)
        })
        .collect()
}

#[cfg(test)]
mod scan_tests {
    use super::*;

    #[test]
    fn the_scan_finds_a_sentence_and_leaves_logs_sql_panics_and_markup_alone() {
        let source = r##"
fn f() {
    let a = "No gathering is coming up yet.";
    tracing::warn!(error = %e, x = y.map(|g| g.0), "could not read the card");
    let q = "SELECT id FROM gatherings WHERE community_id = ?";
    let p = x.expect("the pool is open");
    let h = "text/html; charset=utf-8";
    let m = "<p class=\"when\">{when}</p>"; // markup
    let r = "held back: hourly cap"; // log
    let c = '"';
    let s = r#"raw "quoted" sentence here"#;
    let t = format!("{name} — {role}");
    let u = "Line one \
             goes on";
    answer::interaction(&http, "note form", async { Reply::private("You cannot do that here.") });
    let v = serenity_context("Not a context call at all");
    let w = "yes, no, maybe";
}
#[cfg(test)]
mod tests {
    fn g() { let z = "Test sentences are fine here."; }
}
"##;
        let found = findings("src/discord/x.rs", source);
        assert_eq!(found.len(), 6, "{found:#?}");
        assert!(found[0].contains(":3: \"No gathering is coming up yet.\""));
        assert!(found[1].contains("raw \"quoted\" sentence here"));
        assert!(found[2].contains("Line one"));
        assert!(found[3].contains("You cannot do that here."));
        assert!(found[4].contains("Not a context call"));
        assert!(found[5].contains("yes, no, maybe"));
        assert!(findings("src/cli.rs", source).is_empty());
        // A multi-byte character just before a call does not split the path (no panic).
        assert_eq!(last_path("x → tracing::warn!"), "tracing::warn!");
        assert_eq!(last_path("é"), "é");
    }
}
