//! Autocomplete for the note commands: the community's tags and its notes.

use crate::discord::context::{choices, community_for_autocomplete};
use crate::discord::Context;
use crate::store::{Note, NoteFilter, SearchError};
use poise::serenity_prelude as serenity;

/// Tag autocomplete: the community's tags, most used first; completes the last tag typed.
pub(super) async fn autocomplete_tags(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    crate::discord::answer::autocomplete("autocomplete_tags", tags_choices(ctx, partial)).await
}

async fn tags_choices(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    let (done, last) = split_last_tag(partial);
    let needle = last.trim_start_matches('#').to_lowercase();
    let mut labelled = Vec::new();
    if let Some(community) = community_for_autocomplete(ctx).await {
        match ctx.data().store.note_tags(community.id).await {
            Ok(tags) => {
                labelled = tags
                    .into_iter()
                    .filter(|t| t.contains(&needle))
                    .map(|t| {
                        let value = format!("{done}{t}");
                        (value.clone(), value)
                    })
                    .filter(|(v, _)| v.chars().count() <= 100)
                    .collect();
            }
            Err(e) => tracing::warn!(error = %e, "tag autocomplete failed"),
        }
    }
    choices(labelled, "")
}

/// What was typed into a tag option, split before the tag being typed: the tags already written (with
/// their separator, kept as typed) and the last one, trimmed. The split point is the byte just after a
/// `,` or space found by `char_indices`, so it is always a character boundary, and `split_at_checked`
/// could not panic even if it were not.
fn split_last_tag(partial: &str) -> (&str, &str) {
    let after_separator = partial
        .char_indices()
        .rev()
        .find(|(_, c)| *c == ',' || *c == ' ')
        .map_or(0, |(i, c)| i + c.len_utf8());
    let (done, last) = partial
        .split_at_checked(after_separator)
        .unwrap_or(("", partial));
    (done, last.trim())
}

/// Note autocomplete: notes whose words match what was typed (or the newest), as `#id · title`.
pub(super) async fn autocomplete_notes(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    crate::discord::answer::autocomplete("autocomplete_notes", notes_choices(ctx, partial)).await
}

async fn notes_choices(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    let mut labelled = Vec::new();
    if let Some(community) = community_for_autocomplete(ctx).await {
        let store = &ctx.data().store;
        let typed = partial.trim().trim_start_matches('#');
        let found: Result<Vec<Note>, SearchError> =
            if typed.is_empty() || typed.parse::<i64>().is_ok() {
                store
                    .list_notes(community.id, &NoteFilter::default(), 25, 0)
                    .await
                    .map(|notes| {
                        notes
                            .into_iter()
                            .filter(|n| n.id.0.to_string().starts_with(typed))
                            .collect()
                    })
                    .map_err(SearchError::from)
            } else {
                store
                    .search_notes(community.id, typed, &NoteFilter::default(), 25, 0)
                    .await
                    .map(|found| found.into_iter().map(|(n, _)| n).collect())
            };
        // Autocomplete never shows an error: nothing searchable typed yet lists nothing, and a database
        // failure is logged.
        let found = match found {
            Ok(found) => found,
            Err(SearchError::Input(_)) => Vec::new(),
            Err(SearchError::Store(e)) => {
                tracing::warn!(error = %e, "note autocomplete failed");
                Vec::new()
            }
        };
        labelled = found
            .iter()
            .map(|n| {
                let label =
                    crate::discord::format::cut(&format!("#{} · {}", n.id.0, n.content.title), 100);
                (label, n.id.0.to_string())
            })
            .collect();
    }
    choices(labelled, "")
}

#[cfg(test)]
mod tests {
    use super::split_last_tag;

    #[test]
    fn the_last_tag_is_split_off_on_character_boundaries() {
        assert_eq!(split_last_tag(""), ("", ""));
        assert_eq!(split_last_tag("chec"), ("", "chec"));
        assert_eq!(split_last_tag("circle,chec"), ("circle,", "chec"));
        assert_eq!(split_last_tag("circle, chec"), ("circle, ", "chec"));
        assert_eq!(split_last_tag("circle "), ("circle ", ""));
        assert_eq!(split_last_tag("д"), ("", "д"));
        assert_eq!(split_last_tag("дд,ё"), ("дд,", "ё"));
        assert_eq!(split_last_tag("1日 本"), ("1日 ", "本"));
        assert_eq!(split_last_tag("🌱,🌻 "), ("🌱,🌻 ", ""));
        assert_eq!(split_last_tag("#чек-ин,#круг"), ("#чек-ин,", "#круг"));
        // A no-break space or ideographic space is not a separator: it stays in the tag being typed.
        assert_eq!(split_last_tag("a\u{3000}b"), ("", "a\u{3000}b"));
    }
}
