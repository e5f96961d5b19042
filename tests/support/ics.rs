//! Reading the bot's calendar files with independent parsers (icalendar for the file, the rrule crate
//! for its rules), so a test compares dates, not text.

use chrono::{DateTime, Utc};

/// Expands an exported calendar with an independent parser (icalendar) and the rrule crate.
pub fn expand_ics(text: &str, until: DateTime<Utc>) -> Vec<i64> {
    let unfolded = icalendar::parser::unfold(text);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("the .ics parses");
    let mut starts: Vec<i64> = Vec::new();
    let mut overrides: Vec<(String, String)> = Vec::new();
    let prop_line = |c: &icalendar::parser::Component, name: &str| -> Option<String> {
        c.find_prop(name).map(|p| {
            let params: String = p
                .params
                .iter()
                .map(|x| {
                    format!(
                        ";{}={}",
                        x.key.as_str(),
                        x.val.as_ref().map(|v| v.as_str()).unwrap_or("")
                    )
                })
                .collect();
            format!("{name}{params}:{}", p.val.as_str())
        })
    };
    for event in calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
    {
        let start = prop_line(event, "DTSTART").expect("DTSTART");
        if let Some(original) = prop_line(event, "RECURRENCE-ID") {
            overrides.push((original.replace("RECURRENCE-ID", "DTSTART"), start));
            continue;
        }
        match prop_line(event, "RRULE") {
            Some(rule) => {
                let mut set = format!("{start}\n{rule}");
                for exdate in event
                    .properties
                    .iter()
                    .filter(|p| p.name.as_str() == "EXDATE")
                {
                    let tz = exdate
                        .params
                        .iter()
                        .find(|p| p.key.as_str() == "TZID")
                        .and_then(|p| p.val.clone())
                        .unwrap();
                    set.push_str(&format!(
                        "\nEXDATE;TZID={}:{}",
                        tz.as_str(),
                        exdate.val.as_str()
                    ));
                }
                let set: rrule::RRuleSet = set.parse().expect("rule parses");
                let tz = rrule::Tz::UTC;
                let found = set.before(until.with_timezone(&tz)).all(500).dates;
                starts.extend(found.iter().map(|d| d.timestamp()));
            }
            None if event.find_prop("STATUS").map(|s| s.val.as_str()) != Some("CANCELLED") => {
                starts.push(parse_one(&start))
            }
            None => {}
        }
    }
    for (original, moved) in overrides {
        starts.retain(|s| *s != parse_one(&original));
        starts.push(parse_one(&moved));
    }
    starts.sort();
    starts
}

/// The instant of one `DTSTART;TZID=…:…` line.
pub fn parse_one(line: &str) -> i64 {
    let set: rrule::RRuleSet = format!("{line}\nRRULE:FREQ=DAILY;COUNT=1")
        .parse()
        .expect(line);
    set.all(1).dates[0].timestamp()
}
