//! How practice notes look in Discord: one note's card, a page of search results or of the newest notes
//! with paging buttons, and the delete confirmation. Note text is shown in embeds (which never ping) and
//! every reply pings nobody; titles, snippets and tags are escaped so user Markdown cannot break the card.

use crate::discord::format::{cut, Button, Card, Reply, Tone, Visibility};
use crate::discord::format::{escape, full};
use crate::discord::notes::ids::NoteButton;
use crate::domain::gathering::Gathering;
use crate::domain::ids::MemberRef;
use crate::domain::notes::{FORMER_MEMBER, FORMER_MEMBER_NAME};
use crate::store::{ListingId, Note, NoteListing};

/// Notes per page.
pub const PAGE_SIZE: usize = 10;

/// `#12 · Title`, escaped.
pub fn heading(note: &Note) -> String {
    format!("#{} · {}", note.id.0, escape(&note.content.title))
}

fn tags_line(note: &Note) -> String {
    note.content
        .tags
        .iter()
        .map(|t| format!("#{}", escape(t)))
        .collect::<Vec<_>>()
        .join(" ")
}

fn credit(note: &Note) -> String {
    let c = &note.content;
    if c.author == FORMER_MEMBER {
        return FORMER_MEMBER_NAME.to_owned();
    }
    match c.archived_by {
        Some(by) if by != c.author => format!("<@{}> (archived by <@{by}>)", c.author),
        _ => format!("<@{}>", c.author),
    }
}

/// One note in full: the body as written (its own Markdown kept), then kind, tags, author, gathering,
/// source and date.
pub fn note_card(note: &Note, gathering: Option<&Gathering>) -> Card {
    let c = &note.content;
    let mut card = Card::new(heading(note), c.body.clone())
        .field("Kind", c.kind.label(), true)
        .field("By", credit(note), true)
        .field("Archived", full(note.created_at), true);
    if !c.tags.is_empty() {
        card = card.field("Tags", tags_line(note), true);
    }
    if let Some(g) = gathering {
        card = card.field(
            "Gathering",
            format!("{} · {}", escape(&g.title), full(g.start)),
            false,
        );
    }
    if let Some(url) = &c.source_url {
        card = card.field("Source", format!("<{url}>"), false);
    }
    card.footer(format!("Note #{} · /note show id:{}", note.id.0, note.id.0))
}

/// A search snippet (matches marked ⟦ ⟧ by the store) with the text escaped and the matches in bold.
pub fn snippet(marked: &str) -> String {
    let one_line = marked.split_whitespace().collect::<Vec<_>>().join(" ");
    escape(&one_line).replace(['⟦', '⟧'], "**")
}

fn preview(note: &Note) -> String {
    let one_line = note
        .content
        .body
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    escape(&cut(&one_line, 160))
}

/// One result: heading, kind, author, date, then the snippet (or the start of the body) and the tags.
fn result_entry(note: &Note, marked: Option<&str>) -> String {
    let mut entry = format!(
        "**{}**\n{} · {} · <t:{}:d>\n> {}",
        heading(note),
        note.content.kind.label(),
        credit(note),
        note.created_at.timestamp(),
        marked.map_or_else(|| preview(note), snippet),
    );
    if !note.content.tags.is_empty() {
        entry.push_str(&format!("\n{}", tags_line(note)));
    }
    entry
}

/// What a listing looks for, in words.
fn describe(listing: &NoteListing, gathering: Option<&Gathering>) -> String {
    let mut parts = Vec::new();
    if let Some(words) = &listing.words {
        parts.push(format!("“{}”", escape(&cut(words, 80))));
    }
    let f = &listing.filter;
    if let Some(kind) = f.kind {
        parts.push(kind.label().to_owned());
    }
    if let Some(tag) = &f.tag {
        parts.push(format!("#{}", escape(tag)));
    }
    if let Some(author) = f.author {
        parts.push(format!("by <@{author}>"));
    }
    if let Some(g) = gathering {
        parts.push(format!("from {}", escape(&g.title)));
    }
    parts.join(" · ")
}

/// A page of results: `found` holds up to one more than a page (that extra one says a next page exists).
pub fn results_page(
    listing_id: ListingId,
    listing: &NoteListing,
    gathering: Option<&Gathering>,
    found: &[(Note, Option<String>)],
    page: u32,
    visibility: Visibility,
) -> Reply {
    let searching = listing.words.is_some();
    let title = if searching {
        "Practice notes found"
    } else {
        "Practice notes, newest first"
    };
    let mut text = describe(listing, gathering);
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    let shown = &found[..found.len().min(PAGE_SIZE)];
    if shown.is_empty() {
        text.push_str(if page > 0 {
            "No more notes."
        } else if searching {
            "No note matches. Try fewer or other words, or drop a filter."
        } else {
            "No notes yet. Archive one with `/note add`, or use **Archive as practice note** on a message."
        });
    }
    let entries: Vec<String> = shown
        .iter()
        .map(|(n, s)| result_entry(n, s.as_deref()))
        .collect();
    text.push_str(&entries.join("\n\n"));
    let first = page as usize * PAGE_SIZE + 1;
    let footer = if shown.is_empty() {
        format!("Page {}", page + 1)
    } else {
        format!(
            "Page {} · notes {}–{} · /note show id:<number> for one in full",
            page + 1,
            first,
            first + shown.len() - 1
        )
    };
    let mut reply = Reply::card(visibility, Card::new(title, text).footer(footer));
    if page > 0 {
        reply.buttons.push(Button {
            custom_id: NoteButton::Page(listing_id, page - 1).encode(),
            label: "◀ Previous".to_owned(),
            tone: Tone::Secondary,
        });
    }
    if found.len() > PAGE_SIZE {
        reply.buttons.push(Button {
            custom_id: NoteButton::Page(listing_id, page + 1).encode(),
            label: "Next ▶".to_owned(),
            tone: Tone::Primary,
        });
    }
    reply
}

/// "Delete this note?" with Delete and Keep buttons (only the asker sees it).
pub fn delete_confirmation(note: &Note) -> Reply {
    let card = Card::new(
        format!("Delete {}?", heading(note)),
        format!(
            "{} · {}\n> {}\n\nThis cannot be undone.",
            note.content.kind.label(),
            credit(note),
            preview(note)
        ),
    );
    let mut reply = Reply::card(Visibility::Private, card);
    reply.buttons = vec![
        Button {
            custom_id: NoteButton::Delete(note.id).encode(),
            label: "Delete note".to_owned(),
            tone: Tone::Danger,
        },
        Button {
            custom_id: NoteButton::Keep(note.id).encode(),
            label: "Keep it".to_owned(),
            tone: Tone::Secondary,
        },
    ];
    reply
}

/// What the group sees when a note is archived (or the sender alone, when the form came twice).
pub fn archived(archived: &super::flows::Archived, by: MemberRef) -> Reply {
    match archived {
        super::flows::Archived::Already(id) => Reply::private(format!(
            "This note is already in the archive as #{} (the form was sent twice); nothing was added.",
            id.0
        )),
        super::flows::Archived::New(note, gathering) => {
            let mut reply = Reply::card(Visibility::Public, note_card(note, gathering.as_ref()));
            reply.content = Some(format!(
                "📚 Practice note #{} archived by <@{by}>.",
                note.id.0
            ));
            reply
        }
    }
}

/// What the editor sees after an edit.
pub fn edited(note: &Note, gathering: Option<&Gathering>) -> Reply {
    let mut reply = Reply::card(Visibility::Private, note_card(note, gathering));
    reply.content = Some(format!("Note #{} updated.", note.id.0));
    reply
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_escape_user_markdown_and_bold_only_the_matches() {
        assert_eq!(
            snippet("a *b* ⟦round⟧ `x`\n[link](y)"),
            "a \\*b\\* **round** \\`x\\` \\[link\\](y)"
        );
    }
}
