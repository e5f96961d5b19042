//! Recurrence over a table of real cases, DST included.

use super::*;
use chrono_tz::{America, Australia, Europe};

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

/// A rule in English words, as the catalogue says it.
fn describe(spec: &RuleSpec) -> String {
    crate::i18n::words::rule(crate::i18n::Lang::En, spec)
}

#[allow(clippy::too_many_arguments)]
fn dates(
    freq: Frequency,
    day: Weekday,
    week: Option<WeekOfMonth>,
    months: Option<&str>,
    start: NaiveTime,
    first: NaiveDate,
    zone: Tz,
    n: usize,
) -> Vec<DateTime<Utc>> {
    let spec = RuleSpec::new(freq, day, week, months.map(|m| Months::parse(m).unwrap())).unwrap();
    let rec = Recurrence::plan(&spec, start, first, zone).unwrap();
    let from = local_to_utc(first.and_time(NaiveTime::MIN), zone);
    rec.starts_between(from, from + Duration::days(3 * 366), n)
        .unwrap()
}

#[test]
fn first_friday_at_one_pm_in_phoenix() {
    use Weekday::Fri;
    let got = dates(
        Frequency::Monthly,
        Fri,
        Some(WeekOfMonth::First),
        None,
        time(13, 0),
        date(2026, 1, 1),
        America::Phoenix,
        6,
    );
    // Phoenix is UTC-7 all year: 13:00 local is always 20:00 UTC.
    let want =
        [(1, 2), (2, 6), (3, 6), (4, 3), (5, 1), (6, 5)].map(|(m, d)| utc(2026, m, d, 20, 0));
    assert_eq!(got, want);
}

#[test]
fn last_thursday_of_the_month() {
    let got = dates(
        Frequency::Monthly,
        Weekday::Thu,
        Some(WeekOfMonth::Last),
        None,
        time(18, 30),
        date(2026, 1, 1),
        Europe::London,
        4,
    );
    let days: Vec<(u32, u32)> = got.iter().map(|t| (t.month(), t.day())).collect();
    assert_eq!(days, [(1, 29), (2, 26), (3, 26), (4, 30)]);
    // 18:30 local: GMT in winter, BST from 29 March.
    assert_eq!(got[0], utc(2026, 1, 29, 18, 30));
    assert_eq!(got[3], utc(2026, 4, 30, 17, 30));
}

#[test]
fn weekly_monday_nine_am_in_new_york_stays_at_nine_across_both_2026_dst_changes() {
    let got = dates(
        Frequency::Weekly,
        Weekday::Mon,
        None,
        None,
        time(9, 0),
        date(2026, 3, 1),
        America::New_York,
        40,
    );
    assert_eq!(got[0], utc(2026, 3, 2, 14, 0), "EST: UTC-5");
    assert_eq!(got[1], utc(2026, 3, 9, 13, 0), "EDT from 8 March: UTC-4");
    let oct26 = got
        .iter()
        .position(|t| *t == utc(2026, 10, 26, 13, 0))
        .expect("26 Oct, EDT");
    assert_eq!(
        got[oct26 + 1],
        utc(2026, 11, 2, 14, 0),
        "EST again from 1 November"
    );
    for start in &got {
        let local = start.with_timezone(&America::New_York);
        assert_eq!(
            (local.weekday(), local.time()),
            (Weekday::Mon, time(9, 0)),
            "{start}"
        );
    }
}

#[test]
fn london_and_sydney_keep_local_time_across_their_dst_changes() {
    let london = dates(
        Frequency::Weekly,
        Weekday::Sun,
        None,
        None,
        time(10, 0),
        date(2026, 3, 22),
        Europe::London,
        2,
    );
    assert_eq!(london, [utc(2026, 3, 22, 10, 0), utc(2026, 3, 29, 9, 0)]);
    let london = dates(
        Frequency::Weekly,
        Weekday::Sun,
        None,
        None,
        time(10, 0),
        date(2026, 10, 18),
        Europe::London,
        2,
    );
    assert_eq!(london, [utc(2026, 10, 18, 9, 0), utc(2026, 10, 25, 10, 0)]);
    // Sydney leaves DST on 5 April 2026 (AEDT +11 → AEST +10) and enters it on 4 October.
    let sydney = dates(
        Frequency::Weekly,
        Weekday::Sun,
        None,
        None,
        time(10, 0),
        date(2026, 3, 29),
        Australia::Sydney,
        2,
    );
    assert_eq!(sydney, [utc(2026, 3, 28, 23, 0), utc(2026, 4, 5, 0, 0)]);
    let sydney = dates(
        Frequency::Weekly,
        Weekday::Sun,
        None,
        None,
        time(10, 0),
        date(2026, 9, 27),
        Australia::Sydney,
        2,
    );
    assert_eq!(sydney, [utc(2026, 9, 27, 0, 0), utc(2026, 10, 3, 23, 0)]);
}

#[test]
fn a_series_that_skips_june_to_august() {
    let got = dates(
        Frequency::Monthly,
        Weekday::Fri,
        Some(WeekOfMonth::First),
        Some("sep-may"),
        time(13, 0),
        date(2026, 1, 1),
        America::Phoenix,
        12,
    );
    let months: Vec<u32> = got.iter().map(|t| t.month()).collect();
    assert_eq!(months, [1, 2, 3, 4, 5, 9, 10, 11, 12, 1, 2, 3]);
}

#[test]
fn three_times_a_year_fall_winter_spring() {
    let got = dates(
        Frequency::Yearly,
        Weekday::Sat,
        Some(WeekOfMonth::First),
        Some("oct,jan,apr"),
        time(10, 0),
        date(2026, 9, 1),
        America::Edmonton,
        4,
    );
    let days: Vec<NaiveDate> = got
        .iter()
        .map(|t| t.with_timezone(&America::Edmonton).date_naive())
        .collect();
    assert_eq!(
        days,
        [
            date(2026, 10, 3),
            date(2027, 1, 2),
            date(2027, 4, 3),
            date(2027, 10, 2)
        ]
    );
}

#[test]
fn every_other_week_from_the_first_matching_day() {
    let got = dates(
        Frequency::EveryTwoWeeks,
        Weekday::Wed,
        None,
        None,
        time(19, 0),
        date(2026, 11, 24),
        Europe::Berlin,
        3,
    );
    let days: Vec<NaiveDate> = got
        .iter()
        .map(|t| t.with_timezone(&Europe::Berlin).date_naive())
        .collect();
    assert_eq!(
        days,
        [date(2026, 11, 25), date(2026, 12, 9), date(2026, 12, 23)]
    );
}

#[test]
fn a_time_skipped_by_spring_forward_moves_on_by_the_gap_and_fall_back_fires_once() {
    let got = dates(
        Frequency::Weekly,
        Weekday::Sun,
        None,
        None,
        time(2, 30),
        date(2026, 3, 1),
        America::New_York,
        2,
    );
    assert_eq!(got[0], utc(2026, 3, 1, 7, 30));
    assert_eq!(
        got[1],
        utc(2026, 3, 8, 7, 30),
        "02:30 does not exist on 8 March: 03:30 EDT"
    );
    let got = dates(
        Frequency::Weekly,
        Weekday::Sun,
        None,
        None,
        time(1, 30),
        date(2026, 11, 1),
        America::New_York,
        2,
    );
    assert_eq!(
        got,
        [utc(2026, 11, 1, 5, 30), utc(2026, 11, 8, 6, 30)],
        "01:30 happens twice on 1 Nov: once"
    );
    assert_eq!(
        local_to_utc(date(2026, 3, 8).and_time(time(2, 30)), America::New_York),
        utc(2026, 3, 8, 7, 30)
    );
}

#[test]
fn an_ended_series_stops_at_its_until() {
    let spec = RuleSpec::new(Frequency::Weekly, Weekday::Mon, None, None).unwrap();
    let mut rec = Recurrence::plan(&spec, time(9, 0), date(2026, 1, 1), Europe::London).unwrap();
    rec.until = Some(utc(2026, 1, 20, 0, 0));
    let got = rec
        .starts_between(utc(2026, 1, 1, 0, 0), utc(2027, 1, 1, 0, 0), 100)
        .unwrap();
    assert_eq!(
        got,
        [
            utc(2026, 1, 5, 9, 0),
            utc(2026, 1, 12, 9, 0),
            utc(2026, 1, 19, 9, 0)
        ]
    );
}

#[test]
fn rules_are_built_as_rfc_5545_text_and_described_in_words() {
    let spec = RuleSpec::new(
        Frequency::Monthly,
        Weekday::Fri,
        Some(WeekOfMonth::First),
        None,
    )
    .unwrap();
    assert_eq!(spec.rrule_text(1), "FREQ=MONTHLY;BYDAY=1FR");
    assert_eq!(describe(&spec), "monthly on the first Friday");
    let spec = RuleSpec::new(
        Frequency::Yearly,
        Weekday::Sat,
        Some(WeekOfMonth::Last),
        Some(Months::parse("oct, jan").unwrap()),
    )
    .unwrap();
    assert_eq!(spec.rrule_text(5), "FREQ=YEARLY;BYDAY=-1SA;BYMONTH=10,1");
    assert_eq!(describe(&spec), "yearly on the last Saturday, in Oct, Jan");
    let spec = RuleSpec::new(
        Frequency::Yearly,
        Weekday::Sat,
        Some(WeekOfMonth::First),
        None,
    )
    .unwrap();
    assert_eq!(spec.rrule_text(3), "FREQ=YEARLY;BYDAY=1SA;BYMONTH=3");
    let spec = RuleSpec::new(Frequency::EveryTwoWeeks, Weekday::Mon, None, None).unwrap();
    assert_eq!(spec.rrule_text(1), "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO");
}

#[test]
fn rules_that_do_not_fit_together_are_refused() {
    assert!(RuleSpec::new(
        Frequency::Weekly,
        Weekday::Mon,
        Some(WeekOfMonth::First),
        None
    )
    .is_err());
    let err = RuleSpec::new(Frequency::Monthly, Weekday::Mon, None, None)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("first, second, third, fourth or last"),
        "{err}"
    );
}

#[test]
fn months_parse_lists_ranges_and_names_and_refuse_typos() {
    assert_eq!(Months::parse("oct,jan,apr").unwrap().numbers(), [10, 1, 4]);
    assert_eq!(
        Months::parse("sep-may").unwrap().numbers(),
        [9, 10, 11, 12, 1, 2, 3, 4, 5]
    );
    assert_eq!(
        Months::parse("September, Sept, 10").unwrap().numbers(),
        [9, 10]
    );
    for bad in ["octt", "jn", "13", "", "smarch"] {
        assert!(
            Months::parse(bad)
                .unwrap_err()
                .to_string()
                .contains("oct,jan,apr"),
            "{bad}"
        );
    }
}

#[test]
fn french_month_names_and_abbreviations_are_read() {
    let months = |text: &str| Months::parse(text).unwrap().numbers().to_vec();
    assert_eq!(months("janv., févr., mars"), [1, 2, 3]);
    assert_eq!(months("sept.-mai"), [9, 10, 11, 12, 1, 2, 3, 4, 5]);
    assert_eq!(months("Août, juillet, juin, avr, déc."), [8, 7, 6, 4, 12]);
    assert_eq!(months("FÉVRIER"), [2]);
    assert!(Months::parse("juil-").is_err());
    assert!(Months::parse("ju").is_err());
}

#[test]
fn a_stored_rule_reads_back_as_the_rule_it_was_built_from() {
    let weeks = [
        WeekOfMonth::First,
        WeekOfMonth::Second,
        WeekOfMonth::Third,
        WeekOfMonth::Fourth,
        WeekOfMonth::Last,
    ];
    let mut specs = Vec::new();
    for day in [Weekday::Mon, Weekday::Thu, Weekday::Sun] {
        specs.push(RuleSpec::new(Frequency::Weekly, day, None, None).unwrap());
        specs.push(RuleSpec::new(Frequency::EveryTwoWeeks, day, None, None).unwrap());
        for w in weeks {
            specs.push(RuleSpec::new(Frequency::Monthly, day, Some(w), None).unwrap());
            let months = Months::parse("sep-may").unwrap();
            specs.push(RuleSpec::new(Frequency::Monthly, day, Some(w), Some(months)).unwrap());
            let months = Months::parse("oct,jan").unwrap();
            specs.push(RuleSpec::new(Frequency::Yearly, day, Some(w), Some(months)).unwrap());
        }
    }
    for spec in specs {
        // As stored: with the time of day after the rule.
        let stored = format!("{};BYHOUR=13;BYMINUTE=0;BYSECOND=0", spec.rrule_text(9));
        let back = RuleSpec::from_rrule(&stored);
        assert_eq!(back.as_ref(), Some(&spec), "{stored}");
        assert_eq!(back.map(|b| describe(&b)), Some(describe(&spec)));
    }
    for foreign in [
        "FREQ=DAILY;BYDAY=MO",
        "FREQ=MONTHLY;BYDAY=5FR",
        "FREQ=WEEKLY;INTERVAL=3;BYDAY=MO",
        "FREQ=MONTHLY;BYDAY=XX",
        "FREQ=MONTHLY;BYMONTH=13;BYDAY=1FR",
        "FREQ=WEEKLY",
        "",
        "é",
    ] {
        assert_eq!(RuleSpec::from_rrule(foreign), None, "{foreign}");
    }
}
