use super::*;
use crate::domain::posts::next_role_prompt;
use chrono::TimeZone;
use chrono_tz::America::Toronto;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

fn parse(text: &str) -> RolePrompt {
    RolePrompt::parse(text, now()).unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// A prompt in English words, as the catalogue says it.
fn describe(prompt: &RolePrompt, format: TimeFormat) -> String {
    crate::i18n::words::prompt(crate::i18n::Lang::En, prompt, format)
}

/// The next `n` fire times after `from`, as the posts engine plans them (wall clock, DST guarded).
fn fires(prompt: &RolePrompt, from: DateTime<Utc>, n: usize) -> Vec<DateTime<Utc>> {
    let mut at = from;
    let mut out = Vec::new();
    for _ in 0..n {
        let next = next_role_prompt(1, prompt, Toronto, at).expect("fires");
        out.push(next.due);
        at = next.due;
    }
    out
}

#[test]
fn every_way_of_saying_monday_at_ten_is_the_default() {
    for text in [
        "mon 10:00",
        "Monday 10am",
        "mondays at 10:00",
        "every Monday at 10 am",
        "lundi 10h",
        "lun. 10h00",
        "0 10 * * 1",
        "0 0 10 * * 1",
        "0 0 10 * * Mon",
        "0 0 10 * * mon",
    ] {
        let p = parse(text);
        assert_eq!(p, RolePrompt::default_prompt(), "{text}");
        assert_eq!(p.to_stored(), DEFAULT_ROLE_PROMPT, "{text}");
        assert_eq!(
            describe(&p, TimeFormat::H24),
            "Mondays at 10:00, while roles are open"
        );
        assert_eq!(
            describe(&p, TimeFormat::H12),
            "Mondays at 10 am, while roles are open"
        );
    }
}

#[test]
fn crontab_numbering_counts_sunday_as_zero_or_seven() {
    for text in [
        "0 10 * * 0",
        "0 10 * * 7",
        "0 0 10 * * 0",
        "0 0 10 * * 7",
        "sun 10:00",
    ] {
        let p = parse(text);
        assert_eq!(p.to_stored(), "weekly:sun@10:00", "{text}");
        // 2026-11-29 is a Sunday: 10:00 in Toronto (EST) is 15:00 UTC.
        assert_eq!(fires(&p, now(), 1), [utc(2026, 11, 29, 15, 0)], "{text}");
    }
    assert_eq!(
        describe(&parse("0 10 * * 1-5"), TimeFormat::H24),
        "Weekdays at 10:00, while roles are open"
    );
    assert_eq!(
        describe(&parse("30 18 * * 2,4"), TimeFormat::H12),
        "Tuesdays and Thursdays at 6:30 pm, while roles are open"
    );
    assert_eq!(parse("0 9 * * 5-7").to_stored(), "weekly:fri,sat,sun@09:00");
    assert_eq!(
        describe(&parse("0 9 * * *"), TimeFormat::H24),
        "Every day at 09:00, while roles are open"
    );
    assert_eq!(parse("mon,thu 18:30").to_stored(), "weekly:mon,thu@18:30");
}

#[test]
fn a_cron_that_is_not_one_weekly_time_stays_a_cron_with_crontab_weekdays_stored_by_name() {
    // The first of each month at 09:00, and Mondays and Wednesdays at 9 and 17.
    let monthly = parse("0 9 1 * *");
    assert_eq!(monthly.to_stored(), "cron:0 0 9 1 * *");
    assert!(describe(&monthly, TimeFormat::H24).contains("`0 0 9 1 * *`"));
    let twice = parse("0 9,17 * * 1,3");
    assert_eq!(twice.to_stored(), "cron:0 0 9,17 * * Mon,Wed");
    let at = fires(&twice, now(), 3);
    // Wed 25 Nov 09:00 and 17:00 EST, then Mon 30 Nov 09:00.
    assert_eq!(
        at,
        [
            utc(2026, 11, 25, 14, 0),
            utc(2026, 11, 25, 22, 0),
            utc(2026, 11, 30, 14, 0)
        ]
    );
    assert_eq!(RolePrompt::from_stored(&twice.to_stored()), twice);
}

#[test]
fn offsets_before_each_gathering_read_like_reminders() {
    let p = parse("14d,7d,3d");
    assert_eq!(p.to_stored(), "before:14d,7d,3d");
    assert_eq!(
        describe(&p, TimeFormat::H24),
        "14, 7 and 3 days before each gathering, while roles are open"
    );
    assert_eq!(parse("7j 1j"), parse("7d,1d"));
    assert_eq!(
        describe(&parse("1d,2h"), TimeFormat::H24),
        "1 day and 2 hours before each gathering, while roles are open"
    );
    assert_eq!(
        describe(&parse("3d"), TimeFormat::H24),
        "3 days before each gathering, while roles are open"
    );
    assert!(
        p.next_after(now(), Toronto).is_none(),
        "no clock of its own"
    );
    let start = utc(2026, 12, 18, 18, 0);
    assert!(p.fires_at(start, start - Duration::days(7), Toronto));
    assert!(!p.fires_at(start, start - Duration::days(6), Toronto));
}

#[test]
fn a_weekly_prompt_keeps_its_wall_clock_time_across_both_dst_changes() {
    let p = parse("mon 10:00");
    // Spring forward on 14 Mar 2027: 10:00 is 15:00 UTC before and 14:00 UTC after.
    assert_eq!(
        fires(&p, utc(2027, 3, 2, 0, 0), 2),
        [utc(2027, 3, 8, 15, 0), utc(2027, 3, 15, 14, 0)]
    );
    // Fall back on 7 Nov 2027.
    assert_eq!(
        fires(&p, utc(2027, 10, 30, 0, 0), 2),
        [utc(2027, 11, 1, 14, 0), utc(2027, 11, 8, 15, 0)]
    );
    // A time skipped by spring-forward (Sunday 02:30) still fires, once, moved on by the gap.
    let skipped = parse("sun 2:30");
    let at = fires(&skipped, utc(2027, 3, 13, 0, 0), 2);
    assert_eq!(at, [utc(2027, 3, 14, 7, 30), utc(2027, 3, 21, 6, 30)]);
    assert!(p.fires_at(utc(2027, 3, 20, 0, 0), utc(2027, 3, 15, 14, 0), Toronto));
    assert!(!p.fires_at(utc(2027, 3, 20, 0, 0), utc(2027, 3, 15, 15, 0), Toronto));
}

#[test]
fn a_cron_stored_before_the_typed_forms_still_fires_as_it_did() {
    // Stored bare, in the cron crate's numbering (2 = Monday there).
    for legacy in ["0 0 10 * * Mon", "0 0 10 * * 2"] {
        let p = RolePrompt::from_stored(legacy);
        assert!(matches!(p, RolePrompt::Cron { .. }), "{legacy}");
        // 2026-11-30 is a Monday: 15:00 UTC in Toronto.
        assert_eq!(fires(&p, now(), 1), [utc(2026, 11, 30, 15, 0)], "{legacy}");
    }
    assert_eq!(RolePrompt::from_stored("off"), RolePrompt::Off);
    assert_eq!(
        RolePrompt::from_stored("* * * * * *"),
        RolePrompt::Off,
        "too fast: off"
    );
    assert_eq!(RolePrompt::from_stored("weekly:xyz@10:00"), RolePrompt::Off);
    assert_eq!(RolePrompt::from_stored("before:nonsense"), RolePrompt::Off);
    for stored in [
        "off",
        "before:14d,7d,3d",
        "weekly:mon,thu@18:30",
        "cron:0 0 9 1 * *",
    ] {
        assert_eq!(RolePrompt::from_stored(stored).to_stored(), stored);
    }
}

#[test]
fn prompts_more_often_than_hourly_are_refused() {
    for fast in [
        "* * * * * *",
        "0 * * * * *",
        "0 */30 * * * *",
        "0,30 10 * * 1",
        "*/5 * * * *",
    ] {
        let message = RolePrompt::parse(fast, now()).expect_err(fast).to_string();
        assert!(
            message.contains("at most once an hour"),
            "{fast}: {message}"
        );
    }
    for fine in ["0 0 * * * *", "0 0 9,10 * * *", "0 0 10 1 1 *"] {
        assert!(RolePrompt::parse(fine, now()).is_ok(), "{fine}");
    }
}

#[test]
fn bad_input_is_refused_with_an_example_of_each_form() {
    for bad in [
        "",
        "nonsense",
        "mon",
        "mon 25:00",
        "monday sometime",
        "0 10 * *",
        "0 0 25 * * Mon",
        "0 10 * * 8",
        "0 10 * * 6-2",
        "0 0 0 30 2 *",
        "0 9 1 * 1",
        "mars 10:00",
        "14d,7x",
        "14d,14d",
        "0d",
    ] {
        let err = RolePrompt::parse(bad, now()).expect_err(bad).to_string();
        assert!(
            err.contains("mon 10:00") && err.contains("14d,7d,3d"),
            "{bad}: {err}"
        );
    }
    for off in [" OFF ", "none", "Off"] {
        assert_eq!(parse(off), RolePrompt::Off);
    }
}

#[test]
fn times_read_in_twelve_hours_as_people_write_them() {
    use crate::i18n::words::{clock, span};
    use crate::i18n::Lang::En;
    let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    assert_eq!(clock(En, TimeFormat::H12, t(13, 0)), "1 pm");
    assert_eq!(clock(En, TimeFormat::H12, t(0, 15)), "12:15 am");
    assert_eq!(clock(En, TimeFormat::H12, t(12, 0)), "12 pm");
    assert_eq!(span(En, TimeFormat::H12, t(13, 0), t(16, 0)), "1–4 pm");
    assert_eq!(
        span(En, TimeFormat::H12, t(11, 0), t(13, 30)),
        "11 am–1:30 pm"
    );
    assert_eq!(span(En, TimeFormat::H24, t(13, 0), t(16, 0)), "13:00–16:00");
    assert_eq!(TimeFormat::parse("12H"), Some(TimeFormat::H12));
    assert_eq!(TimeFormat::parse("24h"), Some(TimeFormat::H24));
    assert_eq!(TimeFormat::parse("13h"), None);
}
