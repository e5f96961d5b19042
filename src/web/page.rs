//! The HTML of the public pages, from maud templates checked at compile time: every value written
//! with `( … )` is HTML-escaped. No script; one inline style sheet; readable on a 320 px phone
//! (long words and addresses wrap); headings, landmarks and `lang` for screen readers.

use crate::domain::community::Community;
use crate::domain::language::Lang;
use crate::domain::public::PublicGathering;
use crate::domain::role_prompt::TimeFormat;
use crate::tr;
// "Fri 4 Dec 2026, 13:00–16:00" in a zone, in the community's time format and language.
use crate::i18n::wall_clock_span as when;
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
footer{border-top:1px solid var(--line);font-size:.9375rem;color:var(--soft)}"; // markup

fn layout(lang: Lang, title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1"; // markup
                meta name="robots" content="noarchive";
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body { (body) }
        }
    }
}

/// How the page writes things: the community's language, zone, time format and whether it names
/// members.
struct Voice {
    lang: Lang,
    zone: Tz,
    format: TimeFormat,
    names: bool,
}

fn gathering(g: &PublicGathering, v: &Voice) -> Markup {
    let lang = v.lang;
    let open: Vec<&str> = g.open_roles().collect();
    let going = i64::try_from(g.going).unwrap_or(i64::MAX);
    html! {
        li.gathering {
            article {
                h3 { (g.title) }
                p.when {
                    time datetime=(g.start.with_timezone(&v.zone).to_rfc3339()) { (when(lang, g.start, g.end, v.zone, v.format)) }
                    @if g.moved { " " span.soft { (tr!(lang, "page-moved")) } }
                }
                @if let Some(place) = &g.location { p { (tr!(lang, "page-where", place = place)) } }
                @if g.roles.is_empty() {
                } @else if open.is_empty() {
                    p { (tr!(lang, "page-all-taken")) }
                } @else {
                    p { (tr!(lang, "page-open-roles", roles = open.join(", "))) }
                }
                @if v.names && g.roles.iter().any(|r| r.holder.is_some()) {
                    ul.roles aria-label=(tr!(lang, "page-holders-label")) {
                        @for r in g.roles.iter().filter(|r| r.holder.is_some()) {
                            li { (r.role) ": " (r.holder.as_deref().unwrap_or_default()) }
                        }
                    }
                }
                p.soft {
                    (crate::i18n::text_n(lang, "page-going", going, &[]))
                    @if v.names && !g.going_names.is_empty() {
                        ": " (names_line(lang, &g.going_names, g.going))
                    }
                }
            }
        }
    }
}

/// The first names of those going, and how many more.
fn names_line(lang: Lang, names: &[String], going: usize) -> String {
    let shown: Vec<&str> = names
        .iter()
        .take(super::PAGE_NAMES)
        .map(String::as_str)
        .collect();
    let rest = going.saturating_sub(shown.len());
    if rest == 0 {
        shown.join(", ")
    } else {
        crate::i18n::text_n(
            lang,
            "page-and-more",
            i64::try_from(rest).unwrap_or(i64::MAX),
            &[("names", shown.join(", ").into())],
        )
    }
}

/// One community's page: its next gatherings and the subscribe links.
pub fn community(
    community: &Community,
    gatherings: &[PublicGathering],
    links: &(String, Option<String>),
) -> Markup {
    let s = &community.settings;
    let lang = s.language;
    let voice = Voice {
        lang,
        zone: s.time_zone,
        format: s.time_format,
        names: s.public_names,
    };
    let name = s.name.as_str();
    layout(
        lang,
        &tr!(lang, "page-community-title", name = name),
        html! {
            header {
                p.site { a href="/" { (tr!(lang, "page-all-communities")) } }
                h1 { (name) }
                p.soft { (tr!(lang, "page-zone", zone = s.time_zone.name())) }
            }
            main {
                section aria-labelledby="next" {
                    h2 #next { (tr!(lang, "page-next")) }
                    @if gatherings.is_empty() {
                        p { (tr!(lang, "page-none-scheduled")) }
                    } @else {
                        ol { @for g in gatherings { (gathering(g, &voice)) } }
                    }
                }
                section aria-labelledby="subscribe" {
                    h2 #subscribe { (tr!(lang, "page-subscribe-title")) }
                    p { (tr!(lang, "page-subscribe-once")) }
                    p {
                        @if let Some(webcal) = &links.1 {
                            a.button href=(webcal) { (tr!(lang, "page-subscribe-webcal")) }
                        }
                        a.button href=(links.0) { (tr!(lang, "page-ics-link")) }
                    }
                    p.soft { (tr!(lang, "page-google")) }
                }
            }
            footer { p { (tr!(lang, "page-footer")) } }
        },
    )
}

/// The instance's list of published communities, each with its next gathering.
pub fn index(lang: Lang, listed: &[(Community, String, Option<PublicGathering>)]) -> Markup {
    layout(
        lang,
        &tr!(lang, "page-index-title"),
        html! {
            header {
                h1 { (tr!(lang, "page-index-title")) }
                p.soft { (tr!(lang, "page-index-intro")) }
            }
            main {
                @if listed.is_empty() {
                    p { (tr!(lang, "page-index-none")) }
                } @else {
                    ul {
                        @for (c, slug, next) in listed {
                            li.gathering {
                                h2 { a href={ "/c/" (slug) } { (c.settings.name.as_str()) } }
                                @match next {
                                    Some(g) => p {
                                        (tr!(lang, "page-index-next", title = g.title.as_str())) " "
                                        time datetime=(g.start.with_timezone(&c.settings.time_zone).to_rfc3339()) {
                                            (when(lang, g.start, g.end, c.settings.time_zone, c.settings.time_format))
                                        }
                                        " (" (c.settings.time_zone.name()) ")"
                                    },
                                    None => p.soft { (tr!(lang, "page-index-none-scheduled")) },
                                }
                            }
                        }
                    }
                }
            }
            footer { p { (tr!(lang, "page-index-footer")) } }
        },
    )
}

/// The page for an address that is not (or no longer) published.
pub fn not_found(lang: Lang) -> Markup {
    layout(
        lang,
        &tr!(lang, "page-404-title"),
        html! {
            main {
                h1 { (tr!(lang, "page-404-heading")) }
                p { (tr!(lang, "page-404-text")) }
                p { a href="/" { (tr!(lang, "page-all-communities")) } }
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
            when(Lang::En, start, end, zone, TimeFormat::H24),
            "Fri 4 Dec 2026, 13:00–16:00"
        );
        assert_eq!(
            when(Lang::En, start, end, zone, TimeFormat::H12),
            "Fri 4 Dec 2026, 1–4 pm"
        );
        let late = start + chrono::Duration::hours(12);
        assert_eq!(
            when(Lang::En, start, late, zone, TimeFormat::H24),
            "Fri 4 Dec 2026, 13:00–Sat 5 Dec, 01:00"
        );
        assert_eq!(
            when(Lang::En, start, late, zone, TimeFormat::H12),
            "Fri 4 Dec 2026, 1 pm–Sat 5 Dec, 1 am"
        );
        assert_eq!(
            names_line(Lang::En, &["Ana".into(), "Bo".into()], 5),
            "Ana, Bo and 3 more"
        );
        assert_eq!(
            when(Lang::Fr, start, late, zone, TimeFormat::H24),
            "ven. 4 déc. 2026, 13:00–sam. 5 déc., 01:00"
        );
        assert_eq!(
            names_line(Lang::Fr, &["Ana".into(), "Bo".into()], 5),
            "Ana, Bo et 3 autres"
        );
    }
}
