//! How practice notes look in Discord: one note's card, a page of search results or of the newest notes
//! with paging buttons, and the delete confirmation. Note text is shown in embeds (which never ping) and
//! every reply pings nobody; titles, snippets and tags are escaped so user Markdown cannot break the card.
//! Public posts speak the community's language, private replies the reader's.

use crate::discord::format::{cut, Button, Card, Reply, Tone, Visibility};
use crate::discord::format::{escape, full};
use crate::discord::notes::ids::NoteButton;
use crate::domain::community::Community;
use crate::domain::gathering::Gathering;
use crate::domain::ids::MemberRef;
use crate::domain::notes::{NoteKind, FORMER_MEMBER};
use crate::i18n::Lang;
use crate::store::{ListingId, Note, NoteListing};
use crate::tr;

/// Notes per page.
pub const PAGE_SIZE: usize = 10;

/// The language of a reply: the community's when the channel sees it, else the reader's.
pub fn language_of(visibility: Visibility, community: &Community, reader: Lang) -> Lang {
    match visibility {
        Visibility::Public => community.settings.language,
        Visibility::Private => reader,
    }
}

/// A kind's name in `lang`: "best practice", "bonne pratique".
pub fn kind_name(lang: Lang, kind: NoteKind) -> String {
    match kind {
        NoteKind::BestPractice => tr!(lang, "note-kind-best-practice"),
        NoteKind::Query => tr!(lang, "note-kind-query"),
        NoteKind::Discovery => tr!(lang, "note-kind-discovery"),
        NoteKind::Story => tr!(lang, "note-kind-story"),
        NoteKind::Challenge => tr!(lang, "note-kind-challenge"),
        NoteKind::Resource => tr!(lang, "note-kind-resource"),
        NoteKind::Evaluation => tr!(lang, "note-kind-evaluation"),
    }
}

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

fn credit(note: &Note, lang: Lang) -> String {
    let c = &note.content;
    if c.author == FORMER_MEMBER {
        return tr!(lang, "note-former-member");
    }
    let author = format!("<@{}>", c.author);
    match c.archived_by {
        Some(by) if by != c.author => tr!(
            lang,
            "note-credit-archived-by",
            author = author,
            by = format!("<@{by}>")
        ),
        _ => author,
    }
}

/// One note in full: the body as written (its own Markdown kept), then kind, tags, author, gathering,
/// source and date.
pub fn note_card(note: &Note, gathering: Option<&Gathering>, lang: Lang) -> Card {
    let c = &note.content;
    let mut card = Card::new(heading(note), c.body.clone())
        .field(tr!(lang, "note-field-kind"), kind_name(lang, c.kind), true)
        .field(tr!(lang, "note-field-by"), credit(note, lang), true)
        .field(
            tr!(lang, "note-field-archived"),
            full(note.created_at),
            true,
        );
    if !c.tags.is_empty() {
        card = card.field(tr!(lang, "note-field-tags"), tags_line(note), true);
    }
    if let Some(g) = gathering {
        card = card.field(
            tr!(lang, "note-field-gathering"),
            format!("{} · {}", escape(&g.title), full(g.start)),
            false,
        );
    }
    if let Some(url) = &c.source_url {
        card = card.field(tr!(lang, "note-field-source"), format!("<{url}>"), false);
    }
    card.footer(tr!(lang, "note-card-footer", id = note.id.0))
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
fn result_entry(note: &Note, marked: Option<&str>, lang: Lang) -> String {
    let mut entry = format!(
        "**{}**\n{} · {} · <t:{}:d>\n> {}",
        heading(note),
        kind_name(lang, note.content.kind),
        credit(note, lang),
        note.created_at.timestamp(),
        marked.map_or_else(|| preview(note), snippet),
    );
    if !note.content.tags.is_empty() {
        entry.push_str(&format!("\n{}", tags_line(note)));
    }
    entry
}

/// What a listing looks for, in words.
fn describe(listing: &NoteListing, gathering: Option<&Gathering>, lang: Lang) -> String {
    let mut parts = Vec::new();
    if let Some(words) = &listing.words {
        parts.push(tr!(
            lang,
            "note-filter-words",
            words = escape(&cut(words, 80))
        ));
    }
    let f = &listing.filter;
    if let Some(kind) = f.kind {
        parts.push(kind_name(lang, kind));
    }
    if let Some(tag) = &f.tag {
        parts.push(format!("#{}", escape(tag)));
    }
    if let Some(author) = f.author {
        parts.push(tr!(lang, "note-filter-by", author = format!("<@{author}>")));
    }
    if let Some(g) = gathering {
        parts.push(tr!(lang, "note-filter-from", title = escape(&g.title)));
    }
    parts.join(" · ")
}

/// A page of results in `lang`: `found` holds up to one more than a page (that extra one says a next
/// page exists).
pub fn results_page(
    listing_id: ListingId,
    listing: &NoteListing,
    gathering: Option<&Gathering>,
    found: &[(Note, Option<String>)],
    page: u32,
    visibility: Visibility,
    lang: Lang,
) -> Reply {
    let searching = listing.words.is_some();
    let title = if searching {
        tr!(lang, "note-results-found")
    } else {
        tr!(lang, "note-results-newest")
    };
    let mut text = describe(listing, gathering, lang);
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    let shown = &found[..found.len().min(PAGE_SIZE)];
    if shown.is_empty() {
        text.push_str(&if page > 0 {
            tr!(lang, "note-results-no-more")
        } else if searching {
            tr!(lang, "note-results-no-match")
        } else {
            tr!(lang, "note-results-none-yet")
        });
    }
    let entries: Vec<String> = shown
        .iter()
        .map(|(n, s)| result_entry(n, s.as_deref(), lang))
        .collect();
    text.push_str(&entries.join("\n\n"));
    let first = page as usize * PAGE_SIZE + 1;
    let footer = if shown.is_empty() {
        tr!(lang, "note-results-page", page = page + 1)
    } else {
        tr!(
            lang,
            "note-results-page-range",
            page = page + 1,
            first = first,
            last = first + shown.len() - 1
        )
    };
    let mut reply = Reply::card(visibility, Card::new(title, text).footer(footer));
    if page > 0 {
        reply.buttons.push(Button {
            custom_id: NoteButton::Page(listing_id, page - 1).encode(),
            label: tr!(lang, "note-page-previous"),
            tone: Tone::Secondary,
        });
    }
    if found.len() > PAGE_SIZE {
        reply.buttons.push(Button {
            custom_id: NoteButton::Page(listing_id, page + 1).encode(),
            label: tr!(lang, "note-page-next"),
            tone: Tone::Primary,
        });
    }
    reply
}

/// "Delete this note?" with Delete and Keep buttons (only the asker sees it, in their language).
pub fn delete_confirmation(note: &Note, lang: Lang) -> Reply {
    let card = Card::new(
        tr!(lang, "note-delete-title", heading = heading(note)),
        format!(
            "{} · {}\n> {}\n\n{}",
            kind_name(lang, note.content.kind),
            credit(note, lang),
            preview(note),
            tr!(lang, "note-delete-cannot-undo")
        ),
    );
    let mut reply = Reply::card(Visibility::Private, card);
    reply.buttons = vec![
        Button {
            custom_id: NoteButton::Delete(note.id).encode(),
            label: tr!(lang, "note-delete-button"),
            tone: Tone::Danger,
        },
        Button {
            custom_id: NoteButton::Keep(note.id).encode(),
            label: tr!(lang, "note-keep-button"),
            tone: Tone::Secondary,
        },
    ];
    reply
}

/// What the group sees when a note is archived, in the community's language (or the sender alone, in
/// theirs, when the form came twice).
pub fn archived(
    archived: &super::flows::Archived,
    by: MemberRef,
    community: Lang,
    reader: Lang,
) -> Reply {
    match archived {
        super::flows::Archived::Already(id) => {
            Reply::private(tr!(reader, "note-already-archived", id = id.0))
        }
        super::flows::Archived::New(note, gathering) => {
            let mut reply = Reply::card(
                Visibility::Public,
                note_card(note, gathering.as_ref(), community),
            );
            reply.content = Some(tr!(
                community,
                "note-archived",
                id = note.id.0,
                by = format!("<@{by}>")
            ));
            reply
        }
    }
}

/// What the editor sees after an edit, in their language.
pub fn edited(note: &Note, gathering: Option<&Gathering>, lang: Lang) -> Reply {
    let mut reply = Reply::card(Visibility::Private, note_card(note, gathering, lang));
    reply.content = Some(tr!(lang, "note-updated", id = note.id.0));
    reply
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_the_refusal_that_lists_them_read_in_the_reader_language() {
        assert_eq!(kind_name(Lang::En, NoteKind::BestPractice), "best practice");
        assert_eq!(kind_name(Lang::Fr, NoteKind::Story), "récit");
        let refused = crate::domain::note_draft::parse_kind("gossip").unwrap_err();
        assert_eq!(
            refused.to_string(),
            "`gossip` is not a kind of note. Use one of: `best practice`, `query`, `discovery`, \
             `story`, `challenge`, `resource`, `evaluation`."
        );
        let french = crate::i18n::render(Lang::Fr, refused.message());
        assert!(french.contains("`bonne pratique`, `question`"), "{french}");
    }

    #[test]
    fn snippets_escape_user_markdown_and_bold_only_the_matches() {
        assert_eq!(
            snippet("a *b* ⟦round⟧ `x`\n[link](y)"),
            "a \\*b\\* **round** \\`x\\` \\[link\\](y)"
        );
    }
}
