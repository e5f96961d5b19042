//! What the HTTP listener serves to people outside Discord: a community's calendar feed
//! (`/calendar/<token>.ics`), its public page (`/c/<slug>`, opt-in) and the list of published
//! communities (`/`). Read-only; a page view writes nothing but, once, the feed token its link shows.
//! A community that did not opt in, turned its page off, or removed the bot answers 404 like an
//! address that never existed.

mod page;

use crate::clock::Clock;
use crate::domain::community::Community;
use crate::domain::language::Lang;
use crate::domain::public::{is_feed_token, is_slug, PublicGathering, PublicRole};
use crate::store::{Store, StoreError};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use chrono::{DateTime, Utc};
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

/// How many gatherings a community's page shows.
pub const PAGE_GATHERINGS: i64 = 6;
/// How many names of those going a page shows before "and N more".
pub const PAGE_NAMES: usize = 12;

/// What the pages read.
#[derive(Clone)]
pub struct Site {
    /// The database.
    pub store: Store,
    /// The time source.
    pub clock: Arc<dyn Clock>,
    /// Where people reach the listener (`http.public_url`, no trailing `/`), for absolute links.
    pub public_url: Option<String>,
}

/// The feed and page routes.
pub fn router(site: Site) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/c/{slug}", get(community_page))
        .route("/calendar/{file}", get(feed))
        .fallback(not_found)
        .with_state(site)
}

/// A stable 64-bit FNV-1a hash (an ETag must not change between processes or releases for the same
/// bytes, which `std`'s hasher does not promise).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The strong ETag of a body.
pub fn etag_of(body: &[u8]) -> String {
    format!("\"{:016x}\"", fnv1a(body))
}

/// Whether the client's copy (its `If-None-Match`, else its `If-Modified-Since`) is the current one
/// (RFC 9110 §13.1: If-None-Match wins when both are sent).
pub fn still_fresh(headers: &HeaderMap, etag: &str, last_modified: Option<DateTime<Utc>>) -> bool {
    if let Some(tags) = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
    {
        return tags
            .split(',')
            .map(|t| t.trim().trim_start_matches("W/"))
            .any(|t| t == etag || t == "*");
    }
    let since = headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| httpdate::parse_http_date(v).ok());
    match (since, last_modified) {
        (Some(since), Some(modified)) => {
            let modified = UNIX_EPOCH + Duration::from_secs(modified.timestamp().max(0) as u64);
            modified <= since
        }
        _ => false,
    }
}

fn http_date(t: DateTime<Utc>) -> String {
    httpdate::fmt_http_date(UNIX_EPOCH + Duration::from_secs(t.timestamp().max(0) as u64))
}

/// Headers every answer carries: no sniffing, no referrer to other sites, no framing, no scripts.
fn guarded(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; \
             form-action 'none'; frame-ancestors 'none'", // markup
        ),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// A body with its validators: 304 when the client has it, else 200.
fn cached(
    request: &HeaderMap,
    content_type: &'static str,
    cache_control: &'static str,
    body: String,
    last_modified: Option<DateTime<Utc>>,
    extra: Option<(header::HeaderName, String)>,
) -> Response {
    let etag = etag_of(body.as_bytes());
    let fresh = still_fresh(request, &etag, last_modified);
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (StatusCode::OK, body).into_response()
    };
    let headers = response.headers_mut();
    if !fresh {
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
    if let Ok(v) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, v);
    }
    if let Some(v) = last_modified.and_then(|t| HeaderValue::from_str(&http_date(t)).ok()) {
        headers.insert(header::LAST_MODIFIED, v);
    }
    if let Some((name, value)) = extra {
        if let Ok(v) = HeaderValue::from_str(&value) {
            headers.insert(name, v);
        }
    }
    guarded(response)
}

/// The language a visitor's browser asks for (`Accept-Language`): French when it prefers French to
/// English, else English. Used where no community decides (the list, a missing page).
fn reader_lang(headers: &HeaderMap) -> Lang {
    let Some(asked) = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
    else {
        return Lang::En;
    };
    let mut best = (Lang::En, 0.0_f32);
    for part in asked.split(',') {
        let mut pieces = part.split(';');
        let tag = pieces
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let q = pieces
            .find_map(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
            })
            .unwrap_or(1.0);
        let lang = match tag.split('-').next() {
            Some("fr") => Lang::Fr,
            Some("en") => Lang::En,
            _ => continue,
        };
        if q > best.1 {
            best = (lang, q);
        }
    }
    best.0
}

async fn not_found(headers: HeaderMap) -> Response {
    not_found_in(reader_lang(&headers))
}

fn not_found_in(lang: Lang) -> Response {
    guarded(
        (
            StatusCode::NOT_FOUND,
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            page::not_found(lang).into_string(),
        )
            .into_response(),
    )
}

/// The database did not answer: say so, and when to try again.
fn unavailable(lang: Lang, what: &str, error: &StoreError) -> Response {
    tracing::warn!(error = %error, what, "a public page could not be read");
    guarded(
        (
            StatusCode::SERVICE_UNAVAILABLE,
            [
                (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
                (header::RETRY_AFTER, "60"),
            ],
            format!("{}\n", crate::tr!(lang, "page-unavailable")),
        )
            .into_response(),
    )
}

async fn feed(State(site): State<Site>, Path(file): Path<String>, headers: HeaderMap) -> Response {
    let Some(token) = file.strip_suffix(".ics").filter(|t| is_feed_token(t)) else {
        return not_found_in(reader_lang(&headers));
    };
    let community = match site.store.community_by_feed_token(token).await {
        Ok(Some(c)) => c,
        Ok(None) => return not_found_in(reader_lang(&headers)),
        Err(e) => return unavailable(reader_lang(&headers), "calendar feed", &e),
    };
    let file = match site.store.calendar_file(&community, site.clock.now()).await {
        Ok(f) => f,
        Err(e) => return unavailable(reader_lang(&headers), "calendar feed", &e),
    };
    let name = crate::domain::public::slug_of(community.settings.name.as_str());
    cached(
        &headers,
        "text/calendar; charset=utf-8",
        "private, max-age=300",
        file.text,
        Some(file.last_modified),
        Some((
            header::CONTENT_DISPOSITION,
            format!("inline; filename=\"{name}.ics\""),
        )),
    )
}

/// The subscribe links of a community's page: (https or relative link, webcal link when absolute).
async fn subscribe_links(
    site: &Site,
    community: &Community,
) -> Result<(String, Option<String>), StoreError> {
    let token = site.store.feed_token(community.id).await?;
    let path = format!("/calendar/{token}.ics");
    Ok(match &site.public_url {
        Some(base) => {
            let url = format!("{base}{path}");
            let rest = url
                .strip_prefix("https://")
                .or_else(|| url.strip_prefix("http://"))
                .unwrap_or(&url)
                .to_owned();
            (url, Some(format!("webcal://{rest}")))
        }
        None => (path, None),
    })
}

/// The next gatherings of `community` as its page shows them.
async fn public_gatherings(
    store: &Store,
    community: &Community,
    now: DateTime<Utc>,
    count: i64,
    with_names: bool,
) -> Result<Vec<PublicGathering>, StoreError> {
    let names = if with_names && community.settings.public_names {
        Some(store.member_names(community.id).await?)
    } else {
        None
    };
    let mut shown = Vec::new();
    for g in store.upcoming(community.id, now, count).await? {
        let agenda = store.agenda_as_seen(community, g.id).await?;
        let name_of = |m| names.as_ref().and_then(|n| n.get(&m).cloned());
        shown.push(PublicGathering {
            roles: agenda
                .lines
                .iter()
                .map(|l| PublicRole {
                    role: l.role.clone(),
                    held: l.holder.is_some(),
                    holder: l.holder.and_then(name_of),
                })
                .collect(),
            going: agenda.going().len(),
            going_names: agenda.going().into_iter().filter_map(name_of).collect(),
            title: g.title,
            start: g.start,
            end: g.end,
            location: g.location,
            moved: g.status == crate::domain::gathering::Status::Moved,
        });
    }
    Ok(shown)
}

async fn community_page(
    State(site): State<Site>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Response {
    if !is_slug(&slug) {
        return not_found_in(reader_lang(&headers));
    }
    let now = site.clock.now();
    let community = match site.store.public_community(&slug).await {
        Ok(Some(c)) => c,
        Ok(None) => return not_found_in(reader_lang(&headers)),
        Err(e) => return unavailable(reader_lang(&headers), "public page", &e),
    };
    let read = async {
        let gatherings =
            public_gatherings(&site.store, &community, now, PAGE_GATHERINGS, true).await?;
        let links = subscribe_links(&site, &community).await?;
        Ok::<_, StoreError>((gatherings, links))
    };
    let (gatherings, links) = match read.await {
        Ok(found) => found,
        Err(e) => return unavailable(community.settings.language, "public page", &e),
    };
    html_page(&headers, page::community(&community, &gatherings, &links))
}

async fn index(State(site): State<Site>, headers: HeaderMap) -> Response {
    let now = site.clock.now();
    let read = async {
        let mut listed = Vec::new();
        for (community, slug) in site.store.public_communities().await? {
            let next = public_gatherings(&site.store, &community, now, 1, false).await?;
            listed.push((community, slug, next.into_iter().next()));
        }
        Ok::<_, StoreError>(listed)
    };
    let listed = match read.await {
        Ok(found) => found,
        Err(e) => return unavailable(reader_lang(&headers), "list of communities", &e),
    };
    let page = page::index(reader_lang(&headers), &listed);
    // Its language follows the browser's: a shared cache keeps one copy per language asked.
    cached(
        &headers,
        "text/html; charset=utf-8",
        "public, max-age=60",
        page.into_string(),
        None,
        Some((header::VARY, "Accept-Language".to_owned())),
    )
}

/// A public page: HTML, cached a minute by anyone, 304 to a client that has it.
fn html_page(headers: &HeaderMap, html: maud::Markup) -> Response {
    cached(
        headers,
        "text/html; charset=utf-8",
        "public, max-age=60",
        html.into_string(),
        None,
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_with_the_current_copy_gets_not_modified() {
        let etag = etag_of(b"BEGIN:VCALENDAR");
        assert_eq!(etag, etag_of(b"BEGIN:VCALENDAR"));
        assert_ne!(etag, etag_of(b"BEGIN:VCALENDAR "));
        let mut h = HeaderMap::new();
        assert!(!still_fresh(&h, &etag, None));
        h.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_str(&format!("\"x\", W/{etag}")).unwrap(),
        );
        assert!(still_fresh(&h, &etag, None));
        h.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"other\""));
        assert!(!still_fresh(&h, &etag, None));
        let modified = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let mut h = HeaderMap::new();
        h.insert(
            header::IF_MODIFIED_SINCE,
            HeaderValue::from_str(&http_date(modified)).unwrap(),
        );
        assert!(still_fresh(&h, &etag, Some(modified)));
        let later = modified + chrono::Duration::seconds(1);
        assert!(!still_fresh(&h, &etag, Some(later)));
    }
}
