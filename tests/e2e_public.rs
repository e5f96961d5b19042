//! Calendar feeds and public pages end to end, on SQLite and PostgreSQL: the real bot against the fake
//! Discord, its HTTP listener fetched over real HTTP.
//! - The feed equals the `/gathering export` file, answers 304 to a client that has it, changes (text
//!   and ETag) when a gathering moves, is read by an independent RFC 5545 parser, and its old link
//!   answers 404 after `/gathering feed reset`.
//! - A community's page exists only once it opts in (`/` does not list it, its address answers 404),
//!   escapes hostile names, titles and places, shows counts but no member names unless the community
//!   opts in to names too, and goes away when turned off.

mod support;

use chrono::{DateTime, Duration, TimeZone, Utc};
use support::db::TestDb;
use support::fake_discord::interactions::CHANNEL;
use support::fake_discord::{FakeDiscord, Invocation, Member};
use support::replies::{is_ephemeral, text_of};
use support::web::{get, listening, Listening};

const PUBLIC_URL: &str = "https://cal.example.org";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap()
}

fn manager() -> Member {
    Member::manager(1)
}

async fn run(fake: &FakeDiscord, invocation: Invocation) -> serde_json::Value {
    fake.run(&invocation).await
}

async fn community_id(bot: &support::bot::RunningBot) -> steward::domain::ids::CommunityId {
    bot.store
        .community_in_channel(steward::domain::ids::ChannelRef(CHANNEL))
        .await
        .unwrap()
        .unwrap()
        .id
}

/// The token in a `…/calendar/<token>.ics` link of `text`.
fn token_in(text: &str) -> String {
    let at = text
        .find("/calendar/")
        .unwrap_or_else(|| panic!("no link in {text}"));
    text[at + "/calendar/".len()..]
        .chars()
        .take_while(|c| c.is_ascii_hexdigit())
        .collect()
}

#[tokio::test]
async fn the_feed_equals_the_export_follows_a_move_and_its_old_link_dies_with_a_reset() {
    for db in TestDb::both().await {
        let label = db.label();
        let Listening {
            fake,
            bot,
            clock,
            base,
        } = listening(&db, now(), Some(&format!("{PUBLIC_URL}/"))).await;
        run(
            &fake,
            Invocation::new("community setup", &manager())
                .opt("name", "Circle")
                .opt("timezone", "America/Toronto"),
        )
        .await;
        run(
            &fake,
            Invocation::new("gathering schedule", &manager())
                .opt("title", "Monthly circle")
                .opt("frequency", "monthly")
                .opt("week", "first")
                .opt("day", "friday")
                .opt("start", "13:00")
                .opt("end", "16:00"),
        )
        .await;

        let id = fake.invoke(&Invocation::new("gathering export", &Member::regular(2)));
        let answer = fake.response_to(id).await;
        assert!(is_ephemeral(&answer), "{label}");
        let said = text_of(&answer);
        assert!(
            said.contains(&format!("<{PUBLIC_URL}/calendar/")),
            "{label}: {said}"
        );
        assert!(
            said.contains("webcal://cal.example.org/calendar/"),
            "{said}"
        );
        let token = token_in(&said);
        assert_eq!(token.len(), 32, "{label}: {said}");
        let exported = String::from_utf8(fake.files_of(id)[0].1.clone()).unwrap();

        let feed_url = format!("{base}/calendar/{token}.ics");
        let response = get(&feed_url, &[]).await;
        assert_eq!(response.status(), 200, "{label}");
        let header = |r: &reqwest::Response, name: &str| {
            r.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        assert!(header(&response, "content-type").starts_with("text/calendar"));
        let etag = header(&response, "etag");
        let modified = header(&response, "last-modified");
        assert!(etag.starts_with('"') && !modified.is_empty(), "{label}");
        let feed = response.text().await.unwrap();
        assert_eq!(feed, exported, "{label}: the feed is the export");

        // An independent parser reads it: one VTIMEZONE, the series, its RRULE.
        let unfolded = icalendar::parser::unfold(&feed);
        let calendar = icalendar::parser::read_calendar(&unfolded).expect("the feed parses");
        let names: Vec<&str> = calendar
            .components
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        assert!(
            names.contains(&"VTIMEZONE") && names.contains(&"VEVENT"),
            "{names:?}"
        );
        assert!(feed.contains("RRULE:FREQ=MONTHLY;BYDAY=1FR"), "{feed}");

        // A client that has it gets 304, by ETag or by date.
        let again = get(&feed_url, &[("if-none-match", &etag)]).await;
        assert_eq!(again.status(), 304, "{label}");
        let again = get(&feed_url, &[("if-modified-since", &modified)]).await;
        assert_eq!(again.status(), 304, "{label}");

        // A move changes the feed and its ETag.
        clock.set(now() + Duration::hours(2));
        let moved = run(
            &fake,
            Invocation::new("gathering move", &manager())
                .opt("gathering", "2026-12-04")
                .opt("new_date", "2026-12-11"),
        )
        .await;
        assert!(
            text_of(&moved).contains("Gathering moved"),
            "{label}: {}",
            text_of(&moved)
        );
        let after = get(&feed_url, &[("if-none-match", &etag)]).await;
        assert_eq!(after.status(), 200, "{label}: a moved gathering is news");
        assert_ne!(header(&after, "etag"), etag, "{label}");
        let modified = header(&after, "last-modified");
        let text = after.text().await.unwrap();
        assert!(
            text.contains("RECURRENCE-ID;TZID=America/Toronto:20261204T130000"),
            "{text}"
        );
        assert!(
            text.contains("DTSTART;TZID=America/Toronto:20261211T130000"),
            "{text}"
        );

        // Ending the series is news too, also to a client that asks by date only.
        clock.set(now() + Duration::hours(3));
        let series = bot.store.series_of(community_id(&bot).await).await.unwrap();
        let ended = run(
            &fake,
            Invocation::new("gathering end-series", &manager())
                .opt("series", series[0].id.0.to_string()),
        )
        .await;
        assert!(
            text_of(&ended).contains("ended"),
            "{label}: {}",
            text_of(&ended)
        );
        let after_end = get(&feed_url, &[("if-modified-since", &modified)]).await;
        assert_eq!(after_end.status(), 200, "{label}: an ended series is news");
        // It ended before its first date: no date of it is left, so its event is gone (RFC 5545
        // counts DTSTART as an occurrence whatever the UNTIL).
        let text = after_end.text().await.unwrap();
        assert!(!text.contains("UID:series-"), "{label}: {text}");

        // Only organizers reset; then the old link is gone and the new one works.
        let refused = run(
            &fake,
            Invocation::new("gathering feed reset", &Member::regular(2)),
        )
        .await;
        assert!(is_ephemeral(&refused));
        assert!(
            text_of(&refused).contains("organizer"),
            "{}",
            text_of(&refused)
        );
        assert_eq!(get(&feed_url, &[]).await.status(), 200, "{label}");
        let reset = run(&fake, Invocation::new("gathering feed reset", &manager())).await;
        let said = text_of(&reset);
        assert!(is_ephemeral(&reset) && said.contains("replaced"), "{said}");
        let fresh = token_in(&said);
        assert_ne!(fresh, token);
        assert_eq!(get(&feed_url, &[]).await.status(), 404, "{label}: revoked");
        let new_feed = get(&format!("{base}/calendar/{fresh}.ics"), &[]).await;
        assert_eq!(new_feed.status(), 200, "{label}");
        for bad in [
            format!("/calendar/{fresh}"),
            "/calendar/xyz.ics".to_owned(),
            format!("/calendar/{}.ics", fresh.to_uppercase()),
            "/calendar/..%2F..%2Fetc%2Fpasswd.ics".to_owned(),
        ] {
            assert_eq!(
                get(&format!("{base}{bad}"), &[]).await.status(),
                404,
                "{bad}"
            );
        }
        bot.stop().await;
        fake.assert_spec_clean();
    }
}

const HOSTILE_NAME: &str = "<script>alert('x')</script> Circle";
const HOSTILE_TITLE: &str = "<img src=x onerror=alert(1)> Winter session";
const HOSTILE_PLACE: &str = "\"><b>Room 2</b>";

/// The page at `url` once it contains `text` (names are kept just after an answer), or as it is after 5 s.
async fn page_once_it_says(url: &str, text: &str) -> String {
    let mut page = String::new();
    for _ in 0..100 {
        page = get(url, &[]).await.text().await.unwrap();
        if page.contains(text) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    page
}

#[tokio::test]
async fn a_page_exists_only_when_opted_in_escapes_what_members_typed_and_names_no_one_unless_asked()
{
    for db in TestDb::both().await {
        let label = db.label();
        let Listening {
            fake, bot, base, ..
        } = listening(&db, now(), Some(PUBLIC_URL)).await;
        run(
            &fake,
            Invocation::new("community setup", &manager())
                .opt("name", HOSTILE_NAME)
                .opt("timezone", "America/Toronto"),
        )
        .await;
        run(
            &fake,
            Invocation::new("gathering add", &manager())
                .opt("date", "2026-12-04")
                .opt("start", "1pm")
                .opt("end", "4pm")
                .opt("title", HOSTILE_TITLE)
                .opt("location", HOSTILE_PLACE),
        )
        .await;
        let mut elsewhere = Invocation::new("community setup", &manager())
            .opt("name", "Secret Circle")
            .opt("timezone", "America/Toronto");
        elsewhere.channel = CHANNEL + 1;
        run(&fake, elsewhere).await;

        let index = get(&format!("{base}/"), &[]).await;
        assert_eq!(index.status(), 200);
        let html = index.text().await.unwrap();
        assert!(
            html.contains("No community publishes its page here yet"),
            "{label}: {html}"
        );
        for slug in [
            "script-alert-x-script-circle",
            "secret-circle",
            "circle",
            "community",
        ] {
            assert_eq!(
                get(&format!("{base}/c/{slug}"), &[]).await.status(),
                404,
                "{slug}"
            );
        }

        // Members take part before and after the page opens: nobody is named.
        let mut ana = Member::regular(7);
        ana.name = "<i>Ana</i>".to_owned();
        run(
            &fake,
            Invocation::new("role claim", &ana).opt("role", "Opener"),
        )
        .await;
        let turned = run(
            &fake,
            Invocation::new("community settings", &manager()).opt("public_page", true),
        )
        .await;
        let said = text_of(&turned);
        assert!(said.contains("public page: off → on"), "{label}: {said}");
        let at = said.find("/c/").expect("the page's link");
        let slug: String = said[at + 3..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        assert_eq!(slug, "script-alert-x-script-circle", "{label}");
        assert!(said.contains(&format!("<{PUBLIC_URL}/c/{slug}>")), "{said}");
        run(&fake, Invocation::new("rsvp", &ana).opt("answer", "going")).await;
        run(
            &fake,
            Invocation::new("rsvp", &Member::regular(8)).opt("answer", "going"),
        )
        .await;

        let page_url = format!("{base}/c/{slug}");
        let page = get(&page_url, &[]).await;
        assert_eq!(page.status(), 200, "{label}");
        let etag = page
            .headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        assert!(page
            .headers()
            .get("content-security-policy")
            .is_some_and(|v| v
                .to_str()
                .unwrap_or_default()
                .contains("default-src 'none'")));
        let html = page.text().await.unwrap();
        for raw in ["<script>", "<img", "<b>Room", "<i>Ana"] {
            assert!(!html.contains(raw), "{label}: {raw} unescaped in {html}");
        }
        assert!(
            html.contains("&lt;script&gt;alert('x')&lt;/script&gt; Circle"),
            "{html}"
        );
        assert!(
            html.contains("&lt;img src=x onerror=alert(1)&gt; Winter session"),
            "{html}"
        );
        assert!(
            html.contains("&quot;&gt;&lt;b&gt;Room 2&lt;/b&gt;"),
            "{html}"
        );
        assert!(html.contains("Fri 4 Dec 2026, 13:00–16:00"), "{html}");
        assert!(html.contains("Open roles: Sharing challenges"), "{html}");
        assert!(!html.contains("Open roles: Opener"), "{html}");
        assert!(html.contains("2 going"), "{html}");
        assert!(
            !html.contains("Ana") && !html.contains("member8"),
            "{label}: names shown: {html}"
        );
        assert!(
            html.contains("webcal://cal.example.org/calendar/"),
            "{html}"
        );
        assert!(
            html.contains("<html lang=\"en\">") && html.contains("<main>"),
            "{html}"
        );
        assert!(
            html.contains("Times are in America/Toronto."),
            "{label}: the zone: {html}"
        );
        assert_eq!(
            get(&page_url, &[("if-none-match", &etag)]).await.status(),
            304,
            "{label}"
        );
        let cache = get(&page_url, &[]).await;
        let cache = cache
            .headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        assert!(
            cache.starts_with("public") && cache.contains("max-age="),
            "{label}: {cache}"
        );
        // A weekly series: the page lists the next six gatherings, no more.
        run(
            &fake,
            Invocation::new("gathering schedule", &manager())
                .opt("title", "Weekly check-in")
                .opt("frequency", "weekly")
                .opt("day", "tuesday")
                .opt("start", "18:00")
                .opt("end", "19:30"),
        )
        .await;
        let mut listed = 0;
        for _ in 0..100 {
            let html = get(&page_url, &[]).await.text().await.unwrap();
            listed = html.matches("Weekly check-in").count();
            if listed > 0 {
                assert!(html.contains("Tue 24 Nov 2026, 18:00–19:30"), "{html}");
                assert!(
                    html.contains("Fri 4 Dec 2026, 13:00–16:00"),
                    "{label}: the one-off among them: {html}"
                );
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert_eq!(
            listed, 5,
            "{label}: six gatherings in all, the one-off and five Tuesdays"
        );
        let index = get(&format!("{base}/"), &[]).await.text().await.unwrap();
        assert!(index.contains(&format!("href=\"/c/{slug}\"")), "{index}");
        assert!(!index.contains("Secret Circle"), "{label}: {index}");
        assert_eq!(
            get(&format!("{base}/c/secret-circle"), &[]).await.status(),
            404
        );

        // Names on: members are named once they use the bot again, escaped.
        run(
            &fake,
            Invocation::new("community settings", &manager()).opt("public_names", true),
        )
        .await;
        run(&fake, Invocation::new("rsvp", &ana).opt("answer", "going")).await;
        let named = page_once_it_says(&page_url, "Ana").await;
        assert!(
            named.contains("Opener: &lt;i&gt;Ana&lt;/i&gt;"),
            "{label}: {named}"
        );
        assert!(
            named.contains("2 going: &lt;i&gt;Ana&lt;/i&gt; and 1 more"),
            "{named}"
        );
        // A click names its member too (the Going button of the next gathering's card).
        run(
            &fake,
            Invocation::new("gathering next", &Member::regular(8)),
        )
        .await;
        let going = fake
            .wait_for("a card with a Going button", |f| {
                f.stored_in(CHANNEL).iter().rev().find_map(|(_, m)| {
                    m["components"].as_array()?.iter().find_map(|row| {
                        row["components"].as_array()?.iter().find_map(|c| {
                            let id = c["custom_id"].as_str()?;
                            (id.starts_with("st:rsvp:") && id.ends_with(":going"))
                                .then(|| id.to_owned())
                        })
                    })
                })
            })
            .await;
        let clicked = fake.click(&Member::regular(8), CHANNEL, &going);
        fake.response_to(clicked).await;
        let named = page_once_it_says(&page_url, "member8").await;
        assert!(
            named.contains("member8") && !named.contains("and 1 more"),
            "{label}: {named}"
        );

        // /forget-me: the name goes, and pressing the button does not bring it back.
        run(&fake, Invocation::new("forget-me", &ana)).await;
        let pressed = fake.click(&ana, CHANNEL, "sc:forget:7");
        let pressed = fake.response_to(pressed).await;
        assert!(
            text_of(&pressed).contains("were removed in this server"),
            "{}",
            text_of(&pressed)
        );
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let kept = bot
            .store
            .member_names(community_id(&bot).await)
            .await
            .unwrap();
        assert!(
            !kept.values().any(|n| n.contains("Ana")),
            "{label}: {kept:?}"
        );
        run(&fake, Invocation::new("rsvp", &ana).opt("answer", "going")).await;

        // Names off: forgotten at once; page off: gone.
        run(
            &fake,
            Invocation::new("community settings", &manager()).opt("public_names", false),
        )
        .await;
        let community = bot
            .store
            .community_in_channel(steward::domain::ids::ChannelRef(CHANNEL))
            .await
            .unwrap()
            .unwrap();
        assert!(
            bot.store
                .member_names(community.id)
                .await
                .unwrap()
                .is_empty(),
            "{label}"
        );
        let html = get(&page_url, &[]).await.text().await.unwrap();
        assert!(!html.contains("Ana"), "{label}: {html}");
        let refused = run(
            &fake,
            Invocation::new("community settings", &manager())
                .opt("public_page", false)
                .opt("public_names", true),
        )
        .await;
        assert!(
            text_of(&refused).contains("public_page:true public_names:true"),
            "{label}: {}",
            text_of(&refused)
        );
        assert_eq!(
            get(&page_url, &[]).await.status(),
            200,
            "{label}: nothing changed"
        );
        let shown_feed = {
            let html = get(&page_url, &[]).await.text().await.unwrap();
            token_in(&html)
        };
        assert_eq!(
            get(&format!("{base}/calendar/{shown_feed}.ics"), &[])
                .await
                .status(),
            200
        );
        let closed = run(
            &fake,
            Invocation::new("community settings", &manager()).opt("public_page", false),
        )
        .await;
        assert!(
            text_of(&closed).contains("link the page showed was replaced"),
            "{}",
            text_of(&closed)
        );
        assert_eq!(get(&page_url, &[]).await.status(), 404, "{label}");
        assert_eq!(
            get(&format!("{base}/calendar/{shown_feed}.ics"), &[])
                .await
                .status(),
            404,
            "{label}: the link the page showed is closed with it"
        );
        let index = get(&format!("{base}/"), &[]).await.text().await.unwrap();
        assert!(!index.contains(&slug), "{label}: {index}");
        bot.stop().await;
        fake.assert_spec_clean();
    }
}

#[tokio::test]
async fn a_french_community_publishes_its_page_in_french_and_the_list_follows_the_browser() {
    for db in TestDb::both().await {
        let label = db.label();
        let Listening {
            fake, bot, base, ..
        } = listening(&db, now(), Some(PUBLIC_URL)).await;
        run(
            &fake,
            Invocation::new("community setup", &manager())
                .opt("name", "Cercle Sudbury")
                .opt("timezone", "America/Toronto"),
        )
        .await;
        run(
            &fake,
            Invocation::new("community settings", &manager())
                .opt("language", "fr")
                .opt("public_page", true),
        )
        .await;
        run(
            &fake,
            Invocation::new("gathering add", &manager())
                .opt("date", "2026-12-04")
                .opt("start", "13:00")
                .opt("end", "16:00")
                .opt("title", "Cercle de décembre")
                .opt("location", "Salle 2"),
        )
        .await;
        run(
            &fake,
            Invocation::new("rsvp", &Member::regular(8)).opt("answer", "going"),
        )
        .await;
        let mut html = String::new();
        for _ in 0..100 {
            html = get(&format!("{base}/c/cercle-sudbury"), &[])
                .await
                .text()
                .await
                .unwrap();
            if html.contains("Cercle de décembre") {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        for said in [
            "<html lang=\"fr\">",
            "Prochaines rencontres",
            "ven. 4 déc. 2026, 13:00–16:00",
            "Lieu : Salle 2",
            "1 personne vient",
            "Lien du calendrier (.ics)",
            "Les heures sont celles du fuseau America/Toronto.",
        ] {
            assert!(html.contains(said), "{label}: {said} in {html}");
        }
        for english in ["Next gatherings", "going", "Where:", "Fri 4 Dec"] {
            assert!(!html.contains(english), "{label}: {english} in {html}");
        }
        // The list and a missing page speak the browser's language, English by default.
        let index = get(
            &format!("{base}/"),
            &[("accept-language", "fr-CA,fr;q=0.9,en;q=0.8")],
        )
        .await;
        assert_eq!(
            index.headers().get("vary").and_then(|v| v.to_str().ok()),
            Some("Accept-Language"),
            "{label}: a shared cache keeps one copy per language"
        );
        let index = index.text().await.unwrap();
        assert!(
            index.contains("<html lang=\"fr\">") && index.contains("Communautés de pratique"),
            "{index}"
        );
        assert!(
            index.contains("Prochaine : Cercle de décembre, <time"),
            "{index}"
        );
        let english = get(
            &format!("{base}/"),
            &[("accept-language", "en-US,fr;q=0.5")],
        )
        .await
        .text()
        .await
        .unwrap();
        assert!(english.contains("Communities of practice"), "{english}");
        let missing = get(&format!("{base}/c/nobody"), &[("accept-language", "fr")]).await;
        assert_eq!(missing.status(), 404);
        assert!(missing.text().await.unwrap().contains("Rien ici"));
        let missing = get(&format!("{base}/c/nobody"), &[]).await;
        assert!(missing.text().await.unwrap().contains("Nothing here"));
        bot.stop().await;
        fake.assert_spec_clean();
    }
}
