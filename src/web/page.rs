//! The HTML of the public pages, from maud templates checked at compile time: every value written
//! with `( … )` is HTML-escaped. No script; one inline style sheet; readable on a 320 px phone
//! (long words and addresses wrap); headings, landmarks and `lang` for screen readers.

use crate::domain::community::Community;
use crate::domain::public::PublicGathering;
use crate::domain::role_prompt::TimeFormat;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use maud::{html, Markup, PreEscaped, DOCTYPE};

const STYLE: &str = "\
:root{color-scheme:light dark;--ink:#1b1b1f;--paper:#fdfcf9;--soft:#55565c;--line:#d9d6cf;--link:#0a4fa8;--mark:#f0ece2}\
@media (prefers-color-scheme:dark){:root{--ink:#ecebe6;--paper:#17181b;--soft:#b4b3ad;--line:#3a3b40;--link:#9cc3ff;--mark:#24262b}}\
*{box-sizing:border-box}\
html{-webkit-text-size-adjust:100%}\
body{margin:0;background:var(--paper);color:var(--ink);font:1.0625rem/1.55 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;overflow-wrap:anywhere}\
header,main,footer{max-width:44rem;margin:0 auto;padding:1rem 1.25rem}\
header{padding-top:2rem;border-bottom:1px solid var(--line)}\
h1{font-size:1.75rem;line-height:1.2;margin:.25rem 0 .5rem}\
h2{font-size:1.25rem;margin:2rem 0 .75rem}\
h3{font-size:1.0625rem;margin:0 0 .25rem}\
p{margin:.25rem 0}\
a{color:var(--link)}\
a:focus-visible{outline:3px solid var(--link);outline-offset:2px}\
.site{margin:0;font-size:.9375rem}\
.soft{color:var(--soft)}\
ol,ul{padding:0;margin:0;list-style:none}\
.gathering{border:1px solid var(--line);border-radius:.5rem;padding:.875rem 1rem;margin:0 0 .75rem;background:var(--mark)}\
.gathering>h2{margin:0 0 .25rem}\
.when{font-weight:600}\
.roles{margin:.5rem 0 0}\
.roles li{display:inline}\
.roles li+li::before{content:' · '}\
.button{display:inline-block;margin:.25rem .5rem .25rem 0;padding:.5rem .875rem;border:2px solid var(--link);border-radius:.375rem;text-decoration:none;font-weight:600}\
footer{border-top:1px solid var(--line);font-size:.9375rem;color:var(--soft)}";

fn layout(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noarchive";
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body { (body) }
        }
    }
}

/// "Fri 4 Dec 2026, 13:00–16:00" in `zone` (a day that ends on another date says so), in the
/// community's time format.
pub fn when(start: DateTime<Utc>, end: DateTime<Utc>, zone: Tz, format: TimeFormat) -> String {
    crate::domain::wall_clock::wall_clock_span(start, end, zone, format, false)
}

fn gathering(g: &PublicGathering, zone: Tz, format: TimeFormat, names: bool) -> Markup {
    let open: Vec<&str> = g.open_roles().collect();
    html! {
        li.gathering {
            article {
                h3 { (g.title) }
                p.when {
                    time datetime=(g.start.with_timezone(&zone).to_rfc3339()) { (when(g.start, g.end, zone, format)) }
                    @if g.moved { " " span.soft { "(moved)" } }
                }
                @if let Some(place) = &g.location { p { "Where: " (place) } }
                @if g.roles.is_empty() {
                } @else if open.is_empty() {
                    p { "Every agenda role is taken." }
                } @else {
                    p { "Open roles: " (open.join(", ")) }
                }
                @if names && g.roles.iter().any(|r| r.holder.is_some()) {
                    ul.roles aria-label="Who holds which role" {
                        @for r in g.roles.iter().filter(|r| r.holder.is_some()) {
                            li { (r.role) ": " (r.holder.as_deref().unwrap_or_default()) }
                        }
                    }
                }
                p.soft {
                    @match g.going {
                        0 => { "Nobody has said they are going yet." }
                        1 => { "1 going" }
                        n => { (n) " going" }
                    }
                    @if names && !g.going_names.is_empty() {
                        ": " (names_line(&g.going_names, g.going))
                    }
                }
            }
        }
    }
}

/// The first names of those going, and how many more.
fn names_line(names: &[String], going: usize) -> String {
    let shown: Vec<&str> = names
        .iter()
        .take(super::PAGE_NAMES)
        .map(String::as_str)
        .collect();
    let rest = going.saturating_sub(shown.len());
    if rest == 0 {
        shown.join(", ")
    } else {
        format!("{} and {rest} more", shown.join(", "))
    }
}

/// One community's page: its next gatherings and the subscribe links.
pub fn community(
    community: &Community,
    gatherings: &[PublicGathering],
    links: &(String, Option<String>),
) -> Markup {
    let s = &community.settings;
    let zone = s.time_zone;
    let name = s.name.as_str();
    layout(
        &format!("{name} — gatherings"),
        html! {
            header {
                p.site { a href="/" { "All communities" } }
                h1 { (name) }
                p.soft { "A community of practice. Times are in " (zone.name()) "." }
            }
            main {
                section aria-labelledby="next" {
                    h2 #next { "Next gatherings" }
                    @if gatherings.is_empty() {
                        p { "No gathering is scheduled yet." }
                    } @else {
                        ol { @for g in gatherings { (gathering(g, zone, s.time_format, s.public_names)) } }
                    }
                }
                section aria-labelledby="subscribe" {
                    h2 #subscribe { "Add these dates to your calendar" }
                    p { "Subscribe once: moves and cancellations follow on their own." }
                    p {
                        @if let Some(webcal) = &links.1 {
                            a.button href=(webcal) { "Subscribe (Apple Calendar, Outlook)" }
                        }
                        a.button href=(links.0) { "Calendar link (.ics)" }
                    }
                    p.soft { "In Google Calendar: Other calendars → From URL, and paste the calendar link." }
                }
            }
            footer { p { "Published by the community's organizers with Steward. Members take roles and answer on Discord." } }
        },
    )
}

/// The instance's list of published communities, each with its next gathering.
pub fn index(listed: &[(Community, String, Option<PublicGathering>)]) -> Markup {
    layout(
        "Communities of practice",
        html! {
            header {
                h1 { "Communities of practice" }
                p.soft { "The communities on this server that publish their gatherings." }
            }
            main {
                @if listed.is_empty() {
                    p { "No community publishes its page here yet." }
                } @else {
                    ul {
                        @for (c, slug, next) in listed {
                            li.gathering {
                                h2 { a href={ "/c/" (slug) } { (c.settings.name.as_str()) } }
                                @match next {
                                    Some(g) => p {
                                        "Next: " (g.title) ", "
                                        time datetime=(g.start.with_timezone(&c.settings.time_zone).to_rfc3339()) {
                                            (when(g.start, g.end, c.settings.time_zone, c.settings.time_format))
                                        }
                                        " (" (c.settings.time_zone.name()) ")"
                                    },
                                    None => p.soft { "No gathering scheduled yet." },
                                }
                            }
                        }
                    }
                }
            }
            footer { p { "Steward: a Discord bot for communities of practice." } }
        },
    )
}

/// The page for an address that is not (or no longer) published.
pub fn not_found() -> Markup {
    layout(
        "Not found",
        html! {
            main {
                h1 { "Nothing here" }
                p { "This page does not exist, or its community does not publish it." }
                p { a href="/" { "All communities" } }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_day_reads_as_a_date_and_its_hours() {
        let zone = chrono_tz::America::Toronto;
        let start = zone
            .with_ymd_and_hms(2026, 12, 4, 13, 0, 0)
            .unwrap()
            .to_utc();
        let end = start + chrono::Duration::hours(3);
        assert_eq!(
            when(start, end, zone, TimeFormat::H24),
            "Fri 4 Dec 2026, 13:00–16:00"
        );
        assert_eq!(
            when(start, end, zone, TimeFormat::H12),
            "Fri 4 Dec 2026, 1–4 pm"
        );
        let late = start + chrono::Duration::hours(12);
        assert_eq!(
            when(start, late, zone, TimeFormat::H24),
            "Fri 4 Dec 2026, 13:00–Sat 5 Dec, 01:00"
        );
        assert_eq!(
            when(start, late, zone, TimeFormat::H12),
            "Fri 4 Dec 2026, 1 pm–Sat 5 Dec, 1 am"
        );
        assert_eq!(
            names_line(&["Ana".into(), "Bo".into()], 5),
            "Ana, Bo and 3 more"
        );
    }
}
