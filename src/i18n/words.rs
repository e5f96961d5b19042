//! Settings in words in the community's language: reminder offsets and the role prompt ("14, 7 and 3
//! days before", "le lundi à 10:00, tant que des rôles sont libres").

use super::{text, text_n, Lang};
use crate::domain::reminders::ReminderOffsets;
use crate::domain::role_prompt::{describe_offsets, RolePrompt, TimeFormat};
use chrono::Weekday;
use fluent::FluentValue;

/// Offsets in words: "14, 7 and 3 days before".
pub fn offsets(lang: Lang, offsets: &ReminderOffsets) -> String {
    if lang == Lang::En {
        return describe_offsets(offsets);
    }
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

/// The role prompt in words.
pub fn prompt(lang: Lang, prompt: &RolePrompt, format: TimeFormat) -> String {
    if lang == Lang::En {
        return prompt.describe(format);
    }
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
                ("time", FluentValue::from(format.clock(*at))),
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
