//! Settings and times in words, in English and French alike from the catalogue (the domain keeps
//! them as typed values): reminder offsets and the role prompt ("14, 7 and 3 days before", "le lundi
//! à 10:00, tant que des rôles sont libres"), a series' rhythm, a time of day on the community's clock
//! ("1 pm"), a time zone as the picker shows it, and what a settings change did.

use super::{text, text_n, Lang};
use crate::domain::community::SettingChange;
use crate::domain::ids::RoleRef;
use crate::domain::reminders::ReminderOffsets;
use crate::domain::role_prompt::{RolePrompt, TimeFormat};
use crate::domain::wall_clock::ClockReading;
use chrono::{DateTime, Duration, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use fluent::FluentValue;

/// Offsets in words: "14, 7 and 3 days before", "1 day and 2 hours before", "off".
pub fn offsets(lang: Lang, offsets: &ReminderOffsets) -> String {
    if offsets.is_off() {
        return text(lang, "words-off", &[]);
    }
    let parts: Vec<(i64, &str)> = offsets
        .durations()
        .map(|d| match d.num_minutes() {
            m if m % (24 * 60) == 0 => (m / (24 * 60), "unit-day"),
            m if m % 60 == 0 => (m / 60, "unit-hour"),
            m => (m, "unit-minute"),
        })
        .collect();
    let compact = parts.len() > 1
        && parts.windows(2).all(|w| w[0].1 == w[1].1)
        && parts.iter().all(|(n, _)| *n != 1);
    let words: Vec<String> = if compact {
        let numbers: Vec<String> = parts.iter().map(|(n, _)| n.to_string()).collect();
        vec![format!(
            "{} {}",
            join(lang, &numbers),
            text_n(lang, parts[0].1, 2, &[])
        )]
    } else {
        parts
            .iter()
            .map(|(n, unit)| format!("{n} {}", text_n(lang, unit, *n, &[])))
            .collect()
    };
    text(
        lang,
        "words-before",
        &[("offsets", FluentValue::from(join(lang, &words)))],
    )
}

/// The role prompt in words: "Mondays at 10:00, while roles are open", "14, 7 and 3 days before each
/// gathering, while roles are open", "off".
pub fn prompt(lang: Lang, prompt: &RolePrompt, format: TimeFormat) -> String {
    match prompt {
        RolePrompt::Off => text(lang, "words-off", &[]),
        RolePrompt::Before(o) => text(
            lang,
            "words-prompt-before",
            &[("offsets", FluentValue::from(offsets(lang, o)))],
        ),
        RolePrompt::Weekly { days, at, .. } => text(
            lang,
            "words-prompt-weekly",
            &[
                ("days", FluentValue::from(days_in_words(lang, days))),
                ("time", FluentValue::from(clock(lang, format, *at))),
            ],
        ),
        RolePrompt::Cron { expression, .. } => text(
            lang,
            "words-prompt-cron",
            &[("expression", FluentValue::from(expression.clone()))],
        ),
    }
}

fn days_in_words(lang: Lang, days: &[Weekday]) -> String {
    const KEYS: [&str; 7] = [
        "every-mon",
        "every-tue",
        "every-wed",
        "every-thu",
        "every-fri",
        "every-sat",
        "every-sun",
    ];
    if days.len() == 7 {
        return text(lang, "words-every-day", &[]);
    }
    if days
        == [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ]
    {
        return text(lang, "words-weekdays", &[]);
    }
    let names: Vec<String> = days
        .iter()
        .map(|d| text(lang, KEYS[d.num_days_from_monday() as usize], &[]))
        .collect();
    join(lang, &names)
}

/// "a", "a and b", "a, b and c" (with the language's "and").
fn join(lang: Lang, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!(
            "{} {} {last}",
            init.join(", "),
            text(lang, "words-and", &[])
        ),
    }
}

/// A series' rhythm in words: "monthly on the first Friday", "le premier vendredi du mois", read back
/// from its stored rule; `fallback` (the English words stored with the series) for a rule this bot
/// did not write.
pub fn series_rule(lang: Lang, rrule: &str, fallback: &str) -> String {
    match crate::domain::recurrence::RuleSpec::from_rrule(rrule) {
        Some(spec) => rule(lang, &spec),
        None => fallback.to_owned(),
    }
}

/// A rule in words.
pub fn rule(lang: Lang, spec: &crate::domain::recurrence::RuleSpec) -> String {
    use crate::domain::recurrence::{Frequency, WeekOfMonth};
    let day = text(lang, weekday_key(spec.weekday()), &[]);
    let week = spec.week().map(|w| match w {
        WeekOfMonth::First => "week-first",
        WeekOfMonth::Second => "week-second",
        WeekOfMonth::Third => "week-third",
        WeekOfMonth::Fourth => "week-fourth",
        WeekOfMonth::Last => "week-last",
    });
    let args = |week: Option<&str>| -> Vec<(&str, FluentValue<'static>)> {
        let mut args = vec![("day", FluentValue::from(day.clone()))];
        if let Some(w) = week {
            args.push(("week", FluentValue::from(text(lang, w, &[]))));
        }
        args
    };
    let base = match (spec.frequency(), week) {
        (Frequency::Weekly, _) => text(lang, "rule-weekly", &args(None)),
        (Frequency::EveryTwoWeeks, _) => text(lang, "rule-fortnightly", &args(None)),
        (Frequency::Monthly, Some(w)) => text(lang, "rule-monthly", &args(Some(w))),
        (Frequency::Yearly, Some(w)) => text(lang, "rule-yearly", &args(Some(w))),
        (_, None) => text(lang, "rule-on-days", &args(None)),
    };
    match spec.months() {
        Some(months) => {
            let names: Vec<String> = months
                .numbers()
                .iter()
                .map(|m| {
                    text(
                        lang,
                        super::dates::MONTH_KEYS[(*m as usize).clamp(1, 12) - 1],
                        &[],
                    )
                })
                .collect();
            text(
                lang,
                "rule-in-months",
                &[
                    ("rule", FluentValue::from(base)),
                    ("months", FluentValue::from(names.join(", "))),
                ],
            )
        }
        None => base,
    }
}

fn weekday_key(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "weekday-mon",
        Weekday::Tue => "weekday-tue",
        Weekday::Wed => "weekday-wed",
        Weekday::Thu => "weekday-thu",
        Weekday::Fri => "weekday-fri",
        Weekday::Sat => "weekday-sat",
        Weekday::Sun => "weekday-sun",
    }
}

/// An RSVP answer as the card's buttons say it: "Going", "Je viens".
pub fn answer(lang: Lang, answer: crate::domain::rsvp::Answer) -> String {
    use crate::domain::rsvp::Answer;
    match answer {
        Answer::Going => text(lang, "answer-going", &[]),
        Answer::Maybe => text(lang, "answer-maybe", &[]),
        Answer::No => text(lang, "answer-no", &[]),
    }
}

/// A time of day on the community's clock: `13:00`, or `1 pm`, `9:30 am`, `12 pm` at noon.
pub fn clock(lang: Lang, format: TimeFormat, at: NaiveTime) -> String {
    match format.read(at) {
        ClockReading::H24(time) => time,
        ClockReading::Am(time) => text(lang, "clock-am", &[("time", FluentValue::from(time))]),
        ClockReading::Pm(time) => text(lang, "clock-pm", &[("time", FluentValue::from(time))]),
    }
}

/// A span of the same day: `13:00–16:00`, `1–4 pm` (said once when both ends share it), `11 am–1 pm`.
pub fn span(lang: Lang, format: TimeFormat, start: NaiveTime, end: NaiveTime) -> String {
    let first = match (format.read(start), format.read(end)) {
        (ClockReading::Am(bare), ClockReading::Am(_))
        | (ClockReading::Pm(bare), ClockReading::Pm(_)) => bare,
        _ => clock(lang, format, start),
    };
    format!("{first}–{}", clock(lang, format, end))
}

/// A time zone as a person picks it: "Toronto · America/Toronto · UTC-05:00 now" (the offset at `now`).
pub fn zone_label(lang: Lang, zone: Tz, now: DateTime<Utc>) -> String {
    use crate::domain::zone::{city, offset_at};
    text(
        lang,
        "zone-label",
        &[
            ("city", FluentValue::from(city(zone))),
            ("zone", FluentValue::from(zone.name())),
            ("offset", FluentValue::from(offset_at(zone, now))),
        ],
    )
}

/// One setting a settings change changed, from what to what: "time zone: America/Phoenix →
/// Europe/London", "DM reminders: off → on".
pub fn setting_change(lang: Lang, change: &SettingChange) -> String {
    let line = |key: &str, from: String, to: String| {
        text(
            lang,
            key,
            &[
                ("from", FluentValue::from(from)),
                ("to", FluentValue::from(to)),
            ],
        )
    };
    let on_off = |on: bool| text(lang, if on { "words-on" } else { "words-off" }, &[]);
    let toggle = |key: &str, on: bool| line(key, on_off(!on), on_off(on));
    let role = |role: Option<RoleRef>| match role {
        Some(role) => format!("<@&{role}>"),
        None => text(lang, "setting-no-role", &[]),
    };
    // The times of a sample afternoon, as the format shows them: 13:00–16:00 or 1–4 pm.
    let sample = |format: TimeFormat| {
        let at = |h| NaiveTime::MIN + Duration::hours(h);
        span(lang, format, at(13), at(16))
    };
    match change {
        SettingChange::Name { from, to } => line("setting-name", from.to_string(), to.to_string()),
        SettingChange::TimeZone { from, to } => line(
            "setting-time-zone",
            from.name().to_owned(),
            to.name().to_owned(),
        ),
        SettingChange::OrganizerRole { from, to } => {
            line("setting-organizer-role", role(*from), role(*to))
        }
        SettingChange::Language { from, to } => line(
            "setting-language",
            from.code().to_owned(),
            to.code().to_owned(),
        ),
        SettingChange::TimeFormat { from, to } => line("setting-times", sample(*from), sample(*to)),
        SettingChange::Reminders { from, to } => {
            line("setting-reminders", offsets(lang, from), offsets(lang, to))
        }
        SettingChange::RolePrompt { from, to, format } => line(
            "setting-role-prompts",
            prompt(lang, from, *format),
            prompt(lang, to, *format),
        ),
        SettingChange::DmReminders(on) => toggle("setting-dm-reminders", *on),
        SettingChange::OneRolePerMember(on) => toggle("setting-one-role", *on),
        SettingChange::PublicPage(on) => toggle("setting-public-page", *on),
        SettingChange::PublicNames(on) => toggle("setting-public-names", *on),
    }
}
