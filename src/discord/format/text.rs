//! Cutting and escaping user text for Discord (counted in characters, Markdown kept whole), and members
//! as mentions.

use crate::domain::ids::MemberRef;

/// `text` cut to at most `max` characters (not bytes), ending with `…` when cut.
pub fn cut(text: &str, max: usize) -> String {
    crate::domain::text::cut(text, max)
}

/// Characters, as Discord counts them.
pub(super) fn len(text: &str) -> usize {
    text.chars().count()
}

/// Room for the closing markers a cut may need: a code block (a line break and three backticks) and
/// each of `**`, `__`, `~~` and `||` once.
const MAX_CLOSERS_CHARS: usize = 12;
/// The paired Markdown markers a cut closes.
const PAIRED_MARKERS: [&str; 4] = ["**", "__", "~~", "||"];

/// `text` cut to at most `max` characters (not bytes) so that its Markdown still renders: the cut falls
/// on a line break or space near the limit when there is one, never inside a mention, timestamp or
/// custom emoji (`<…>`) or a link's address, never splits a `**`-style marker or leaves a lone `\` (it
/// would escape what follows); bold, underline, strike-through, spoilers and code left open are
/// closed; and it ends with `…`. Text within the limit is returned unchanged.
pub fn cut_markdown(text: &str, max: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= max {
        return text.to_owned();
    }
    if max <= 2 * MAX_CLOSERS_CHARS {
        return cut(text, max);
    }
    let mut room = max - 1;
    loop {
        let end = cut_point(&chars, room);
        let head = chars.get(..end).unwrap_or_default();
        let close = closers(head);
        let used = end + len(&close) + 1;
        if used <= max || end == 0 {
            let mut out: String = head.iter().collect();
            out.push_str(&close);
            out.push('…');
            return out;
        }
        // The closers did not fit: give up as many characters as they overran, and look again.
        room = end.saturating_sub(used - max);
    }
}

/// How many of `chars` to keep (at most `room`) so that the cut falls in a good place.
fn cut_point(chars: &[char], room: usize) -> usize {
    let mut end = room.min(chars.len());
    // A line break, else a space, in the last quarter (a space at most 100 characters back), unless
    // the cut already falls just before white space.
    if chars.get(end).is_some_and(|c| !c.is_whitespace()) {
        let floor = end - end / 4;
        let newline = chars[floor..end]
            .iter()
            .rposition(|c| *c == '\n')
            .map(|i| floor + i);
        let space_floor = floor.max(end.saturating_sub(100));
        let space = chars[space_floor..end]
            .iter()
            .rposition(|c| c.is_whitespace())
            .map(|i| space_floor + i);
        if let Some(at) = newline.or(space) {
            end = at;
        }
    }
    // Not inside `<@…>`, `<#…>`, `<t:…>`, `<:emoji:…>` or `</command:…>`.
    let recent = end.saturating_sub(64);
    if let Some(open) = chars[recent..end]
        .iter()
        .rposition(|c| *c == '<')
        .map(|i| recent + i)
    {
        let tag_like = chars
            .get(open + 1)
            .is_none_or(|c| matches!(*c, '@' | '#' | ':' | 't' | 'a' | '/'));
        if tag_like && !chars[open..end].contains(&'>') {
            end = open;
        }
    }
    // Not inside a link's address: `[label](https://…` without its `)` goes, label and all.
    let recent = end.saturating_sub(600);
    if let Some(paren) = chars[recent..end]
        .windows(2)
        .rposition(|pair| pair == [']', '('])
        .map(|i| recent + i)
    {
        if !chars[paren + 2..end].contains(&')') {
            if let Some(bracket) = chars[recent..paren]
                .iter()
                .rposition(|c| *c == '[')
                .map(|i| recent + i)
            {
                end = bracket;
            }
        }
    }
    // Not in the middle of `**`, `~~`, `||`, `__` or three backticks.
    while end > 0
        && matches!(chars[end - 1], '*' | '_' | '~' | '|' | '`')
        && chars.get(end) == Some(&chars[end - 1])
    {
        end -= 1;
    }
    // No trailing white space or joiner before the ellipsis.
    while end > 0 && (chars[end - 1].is_whitespace() || chars[end - 1] == '\u{200D}') {
        end -= 1;
    }
    // No lone backslash at the end: it would escape the closers or the ellipsis.
    let backslashes = chars[..end]
        .iter()
        .rev()
        .take_while(|c| **c == '\\')
        .count();
    if backslashes % 2 == 1 {
        end -= 1;
    }
    end
}

/// What closes the Markdown `head` leaves open: an open code block or code span, then the paired
/// markers still open, innermost first. Escaped characters (`\*`) and anything inside code do not
/// count.
fn closers(head: &[char]) -> String {
    let mut open: Vec<&'static str> = Vec::new();
    let mut in_block = false;
    let mut in_code = false;
    let mut i = 0;
    while i < head.len() {
        let c = head[i];
        if in_block {
            if starts_with_at(head, i, "```") {
                in_block = false;
                i += 3;
            } else {
                i += 1;
            }
            continue;
        }
        if in_code {
            if c == '`' {
                in_code = false;
            }
            i += 1;
            continue;
        }
        if c == '\\' {
            i += 2;
            continue;
        }
        if starts_with_at(head, i, "```") {
            in_block = true;
            i += 3;
            continue;
        }
        if c == '`' {
            in_code = true;
            i += 1;
            continue;
        }
        if let Some(marker) = PAIRED_MARKERS
            .into_iter()
            .find(|m| starts_with_at(head, i, m))
        {
            match open.iter().rposition(|o| *o == marker) {
                Some(at) => {
                    open.remove(at);
                }
                None => open.push(marker),
            }
            i += 2;
            continue;
        }
        i += 1;
    }
    let mut out = String::new();
    if in_block {
        out.push_str("\n```");
    } else if in_code {
        out.push('`');
    }
    for marker in open.iter().rev() {
        out.push_str(marker);
    }
    out
}

/// Whether `chars` has `marker` starting at index `at`.
fn starts_with_at(chars: &[char], at: usize, marker: &str) -> bool {
    marker
        .chars()
        .enumerate()
        .all(|(k, m)| chars.get(at + k) == Some(&m))
}

/// Markdown-escapes user text for a card (the text stays readable; formatting characters lose power).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '_' | '~' | '`' | '|' | '>' | '#' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `<@1>, <@2>`: members as mentions, joined by commas (whether they ping is up to the reply's
/// `ping_users`; in embeds they never do).
pub fn mentions(members: &[MemberRef]) -> String {
    members
        .iter()
        .map(|m| format!("<@{m}>"))
        .collect::<Vec<_>>()
        .join(", ")
}
