//! Autocomplete for the note commands: the community's tags and its notes.

use super::{choices, community_for_autocomplete};
use crate::discord::Context;
use crate::store::{Note, NoteFilter, SearchError};
use poise::serenity_prelude as serenity;

/// Tag autocomplete: the community's tags, most used first; completes the last tag typed.
pub(super) async fn autocomplete_tags(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let (done, last) = match partial.rfind([',', ' ']) {
        Some(i) => (&partial[..=i], partial[i + 1..].trim()),
        None => ("", partial.trim()),
    };
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

/// Note autocomplete: notes whose words match what was typed (or the newest), as `#id · title`.
pub(super) async fn autocomplete_notes(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
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
                    crate::discord::reply::cut(&format!("#{} · {}", n.id.0, n.content.title), 100);
                (label, n.id.0.to_string())
            })
            .collect();
    }
    choices(labelled, "")
}
