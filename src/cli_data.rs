//! `steward backup PATH` and `steward export --guild ID`: a consistent copy of the SQLite database
//! while the bot runs, and everything Steward holds about one server as JSON (for the server's owner,
//! or before a move to another instance).

use crate::domain::community::Community;
use crate::domain::gathering::Gathering;
use crate::domain::ids::GuildRef;
use crate::store::{Store, StoreError};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use std::path::Path;

/// Copies the database to `path` (which must not exist yet).
pub async fn backup(store: &Store, path: &Path) -> anyhow::Result<()> {
    if path.exists() {
        anyhow::bail!(
            "{} already exists: give the backup a new file name (nothing was written)",
            path.display()
        );
    }
    store.backup_to(path).await?;
    Ok(())
}

fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339()
}

async fn gathering_json(store: &Store, g: &Gathering) -> Result<Value, StoreError> {
    let holders = store.holders(g.id).await?;
    let answers = store.rsvps(g.id).await?;
    let came = store.attendees(g.id).await?;
    Ok(json!({
        "id": g.id.0,
        "series": g.series.map(|s| s.0),
        "title": g.title,
        "start": time(g.start),
        "end": time(g.end),
        "original_start": time(g.original_start),
        "location": g.location,
        "status": g.status.as_str(),
        "reason": g.reason,
        "roles": holders.iter().map(|(role, m)| json!({"role": role, "member": m.0.to_string()})).collect::<Vec<_>>(),
        "answers": answers.iter().map(|(m, a)| json!({"member": m.0.to_string(), "answer": a.as_str()})).collect::<Vec<_>>(),
        "attended": came.iter().map(|m| m.0.to_string()).collect::<Vec<_>>(),
    }))
}

async fn community_json(store: &Store, c: &Community) -> Result<Value, StoreError> {
    let mut gatherings = Vec::new();
    for g in store.all_gatherings(c.id).await? {
        gatherings.push(gathering_json(store, &g).await?);
    }
    let series: Vec<Value> = store
        .series_of(c.id)
        .await?
        .iter()
        .map(|s| {
            json!({"id": s.id.0, "title": s.title, "location": s.location, "rhythm": s.summary,
                   "minutes": s.duration.num_minutes()})
        })
        .collect();
    let notes: Vec<Value> = store
        .all_notes(c.id)
        .await?
        .iter()
        .map(|n| {
            let x = &n.content;
            json!({"id": n.id.0, "kind": x.kind.as_str(), "title": x.title, "body": x.body,
                   "tags": x.tags, "author": x.author.0.to_string(), "author_name": x.author_name,
                   "archived_by": x.archived_by.map(|m| m.0.to_string()),
                   "gathering": x.gathering.map(|g| g.0), "source_url": x.source_url,
                   "created_at": time(n.created_at)})
        })
        .collect();
    let mut names: Vec<(String, String)> = store
        .member_names(c.id)
        .await?
        .into_iter()
        .map(|(m, n)| (m.0.to_string(), n))
        .collect();
    names.sort();
    let names: Vec<Value> = names
        .into_iter()
        .map(|(m, n)| json!({"member": m, "name": n}))
        .collect();
    let s = &c.settings;
    Ok(json!({
        "id": c.id.0,
        "channel": c.channel.0.to_string(),
        "name": s.name.as_str(),
        "time_zone": s.time_zone.name(),
        "organizer_role": s.organizer_role.map(|r| r.0.to_string()),
        "reminders": s.reminders.to_string(),
        "role_prompt": s.role_prompt.to_stored(),
        "time_format": s.time_format.to_string(),
        "language": s.language.code(),
        "dm_reminders": s.dm_reminders,
        "one_role_per_member": s.one_role_per_member,
        "public_page": s.public_page,
        "public_names": s.public_names,
        "names_for_public_page": names,
        "roles": c.template.roles(),
        "created_at": time(c.created_at),
        "series": series,
        "gatherings": gatherings,
        "notes": notes,
    }))
}

/// Everything Steward holds about `guild`, as one JSON document (ids as strings: they exceed what
/// JavaScript numbers hold).
pub async fn export_guild(
    store: &Store,
    guild: GuildRef,
    now: DateTime<Utc>,
) -> Result<Value, StoreError> {
    let mut communities = Vec::new();
    for c in store.communities_in_guild(guild).await? {
        communities.push(community_json(store, &c).await?);
    }
    Ok(json!({
        "format": "steward-export-1",
        "guild": guild.0.to_string(),
        "exported_at": time(now),
        "communities": communities,
    }))
}
