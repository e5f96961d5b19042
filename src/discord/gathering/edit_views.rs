//! What `/gathering edit` and `/gathering reschedule` say: the public notices (pinging exactly those a
//! change concerns), the organizer's preview with Confirm / Cancel, and the private confirmations.

use super::editing::{hhmm, RescheduleButton};
use super::views::pinging;
use crate::discord::format::{escape, full, local_span, Button, Card, Reply, Tone, Visibility};
use crate::domain::change::concerned as concerned_members;
use crate::domain::community::Community;
use crate::domain::gathering::{Gathering, GatheringId, Series};
use crate::domain::ids::MemberRef;
use crate::domain::language::Lang;
use crate::domain::reshape::Reshape;
use crate::store::{Concerned, Reshaped, SeriesChange};
use crate::tr;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// Most dates one list in a notice or a preview names (the rest are counted).
const MAX_DATES: usize = 12;
/// Most members one notice pings (a mention line stays well under Discord's 2,000 characters).
const MAX_PINGS: usize = 60;

fn day(t: DateTime<Utc>, zone: Tz, lang: Lang) -> String {
    crate::i18n::day_month_year(lang, t.with_timezone(&zone).date_naive())
}

/// "Fri 5 Feb 2027, Fri 5 Mar 2027 and 3 more".
fn dates(starts: impl Iterator<Item = DateTime<Utc>>, zone: Tz, lang: Lang) -> String {
    let all: Vec<String> = starts.map(|t| day(t, zone, lang)).collect();
    let shown: Vec<&str> = all.iter().take(MAX_DATES).map(String::as_str).collect();
    let text = shown.join(", ");
    if all.len() > shown.len() {
        tr!(
            lang,
            "rsvp-and-more",
            names = text,
            count = all.len() - shown.len()
        )
    } else {
        text
    }
}

fn place(lang: Lang, location: Option<&String>) -> String {
    location.map_or_else(|| tr!(lang, "edit-no-place"), |l| escape(l))
}

/// The public notice of `apply_to:this` when the time or place changes.
pub fn edited_notice(
    community: &Community,
    before: &Gathering,
    after: &Gathering,
    concerned: &Concerned,
) -> Reply {
    let zone = community.settings.time_zone;
    let format = community.settings.time_format;
    let lang = community.settings.language;
    let mut text = tr!(
        lang,
        "edit-notice",
        title = escape(&after.title),
        when = full(after.start)
    );
    if before.start != after.start || before.end != after.end {
        text.push('\n');
        text.push_str(&tr!(
            lang,
            "edit-now-was",
            now = local_span(after, zone, format, lang),
            was = local_span(before, zone, format, lang)
        ));
    }
    if before.location != after.location {
        text.push('\n');
        text.push_str(&tr!(
            lang,
            "edit-place-was",
            now = place(lang, after.location.as_ref()),
            was = place(lang, before.location.as_ref())
        ));
    }
    text.push('\n');
    text.push_str(&tr!(lang, "edit-roles-stay"));
    let reply = Reply::card(
        Visibility::Public,
        Card::new(tr!(lang, "edit-notice-title"), text),
    );
    pinging(
        reply,
        &concerned_members(&concerned.holders, &concerned.going),
    )
}

/// The organizer's confirmation of `apply_to:this`.
pub fn edited(community: &Community, edited: &Gathering, told: bool) -> Reply {
    let lang = community.settings.language;
    let mut text = tr!(
        lang,
        "edit-done",
        title = escape(&edited.title),
        when = local_span(
            edited,
            community.settings.time_zone,
            community.settings.time_format,
            community.settings.language
        ),
        place = place(community.settings.language, edited.location.as_ref())
    );
    text.push(' ');
    text.push_str(&if told {
        tr!(lang, "edit-done-told")
    } else {
        tr!(lang, "edit-done-title-only")
    });
    Reply::private(text)
}

/// The members a series change concerns (holders of withdrawn or re-timed gatherings, those going),
/// each once, at most [`MAX_PINGS`].
fn pinged(concerned: &[(GatheringId, Concerned)]) -> Vec<MemberRef> {
    let all: Vec<MemberRef> = concerned
        .iter()
        .flat_map(|(_, c)| concerned_members(&c.holders, &c.going))
        .collect();
    crate::domain::text::unique_in_order(all)
        .into_iter()
        .take(MAX_PINGS)
        .collect()
}

/// The public notice of a series change, or `None` when it changes nothing anyone would act on (a
/// new title only).
pub fn series_notice(
    community: &Community,
    series: &Series,
    change: &SeriesChange,
    plan: &Reshape,
    concerned: &[(GatheringId, Concerned)],
) -> Option<Reply> {
    let zone = community.settings.time_zone;
    let lang = community.settings.language;
    let new_rhythm = change.next.summary != series.summary
        || !plan.vanishing.is_empty()
        || !plan.added.is_empty();
    let retimed = plan.continuing.iter().any(|c| c.time_changed());
    let replaced = plan.continuing.iter().any(|c| c.place_changed());
    if !new_rhythm && !retimed && !replaced {
        return None;
    }
    let from = day(change.from, zone, lang);
    let start = change.next.recurrence.dtstart.time();
    let times = format!(
        "{}–{} {}",
        hhmm(start),
        hhmm(start + change.next.duration),
        zone.name()
    );
    let mut text = if new_rhythm {
        tr!(
            lang,
            "series-new-rhythm",
            title = escape(&change.next.title),
            from = from,
            rhythm = crate::i18n::words::series_rule(
                lang,
                &change.next.recurrence.rrule,
                &change.next.summary
            ),
            times = times
        )
    } else {
        tr!(
            lang,
            "series-changes",
            title = escape(&change.next.title),
            from = from
        )
    };
    if retimed && !new_rhythm {
        text.push('\n');
        text.push_str(&tr!(lang, "series-time", times = times));
    }
    if replaced {
        text.push('\n');
        text.push_str(&tr!(
            lang,
            "series-place",
            place = place(lang, change.next.location.as_ref())
        ));
    }
    if !plan.vanishing.is_empty() {
        text.push('\n');
        text.push_str(&tr!(
            lang,
            "series-off",
            dates = dates(plan.vanishing.iter().map(|g| g.start), zone, lang)
        ));
        let freed: Vec<String> = plan
            .vanishing
            .iter()
            .filter_map(|g| concerned.iter().find(|(id, _)| *id == g.id))
            .flat_map(|(_, c)| c.holders.iter())
            .map(|(role, m)| format!("<@{m}> ({})", escape(role)))
            .take(MAX_DATES)
            .collect();
        if !freed.is_empty() {
            text.push('\n');
            text.push_str(&tr!(lang, "series-freed", roles = freed.join(", ")));
        }
    }
    if !plan.added.is_empty() {
        text.push('\n');
        text.push_str(&tr!(
            lang,
            "series-new-dates",
            dates = dates(plan.added.iter().copied(), zone, lang)
        ));
    }
    if !plan.continuing.is_empty() {
        text.push('\n');
        text.push_str(&tr!(lang, "series-kept", count = plan.continuing.len()));
    }
    let title = if new_rhythm {
        tr!(lang, "series-new-rhythm-title")
    } else {
        tr!(lang, "series-changed-title")
    };
    let reply = Reply::card(Visibility::Public, Card::new(title, text));
    Some(pinging(reply, &pinged(concerned)))
}

/// The organizer's confirmation of `apply_to:this-and-following`.
pub fn series_edited(community: &Community, done: &Reshaped) -> Reply {
    let zone = community.settings.time_zone;
    let kept = done.plan.continuing.len();
    let lang = community.settings.language;
    let first = done.plan.continuing.first().map_or_else(String::new, |c| {
        format!(
            " {}",
            tr!(lang, "series-edited-from", date = day(c.start, zone, lang))
        )
    });
    Reply::private(crate::i18n::text_n(
        lang,
        "series-edited",
        i64::try_from(kept).unwrap_or(i64::MAX),
        &[
            ("title", escape(&done.series.title).into()),
            ("from", first.into()),
        ],
    ))
}

/// The organizer's confirmation of a reschedule.
pub fn rescheduled(community: &Community, done: &Reshaped) -> Reply {
    let zone = community.settings.time_zone;
    let lang = community.settings.language;
    Reply::private(tr!(
        lang,
        "rescheduled",
        title = escape(&done.series.title),
        rule = crate::i18n::words::series_rule(
            lang,
            &done.series.recurrence.rrule,
            &done.series.summary
        ),
        from = day(
            crate::domain::recurrence::local_to_utc(done.series.recurrence.dtstart, zone),
            zone,
            lang
        ),
        kept = done.plan.continuing.len(),
        withdrawn = done.plan.vanishing.len(),
        added = done.plan.added.len()
    ))
}

/// The preview of a reschedule that withdraws dates, with Confirm / Cancel.
pub fn confirm_reschedule(
    community: &Community,
    series: &Series,
    change: &SeriesChange,
    plan: &Reshape,
    confirm_id: &str,
) -> Reply {
    let zone = community.settings.time_zone;
    let lang = community.settings.language;
    let mut text = tr!(
        lang,
        "reschedule-preview",
        title = escape(&series.title),
        rule = crate::i18n::words::series_rule(
            lang,
            &change.next.recurrence.rrule,
            &change.next.summary
        ),
        from = day(change.from, zone, lang),
        dates = dates(plan.vanishing.iter().map(|g| g.start), zone, lang)
    );
    if !plan.continuing.is_empty() {
        text.push('\n');
        text.push_str(&tr!(
            lang,
            "reschedule-preview-kept",
            dates = dates(plan.continuing.iter().map(|c| c.start), zone, lang)
        ));
    }
    if !plan.added.is_empty() {
        text.push('\n');
        text.push_str(&tr!(
            lang,
            "reschedule-preview-new",
            dates = dates(plan.added.iter().copied(), zone, lang)
        ));
    }
    text.push('\n');
    text.push_str(&tr!(lang, "reschedule-preview-confirm"));
    let mut reply = Reply::private(text);
    reply.buttons = vec![
        Button {
            custom_id: confirm_id.to_owned(),
            label: tr!(lang, "reschedule-confirm-button"),
            tone: Tone::Danger,
        },
        Button {
            custom_id: RescheduleButton::Keep.encode(),
            label: tr!(lang, "reschedule-cancel-button"),
            tone: Tone::Secondary,
        },
    ];
    reply
}

/// Said when the organizer cancels a reschedule.
pub fn kept(lang: Lang) -> Reply {
    Reply::private(tr!(lang, "reschedule-kept"))
}
