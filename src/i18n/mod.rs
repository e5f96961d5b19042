//! What the bot says, in English and French: Project Fluent catalogues compiled into the binary
//! (`locales/en.ftl`, `locales/fr.ftl`), read once into one bundle per language. A key missing from
//! French falls back to English; a key missing everywhere is logged and shown as the key (a test checks
//! that every key exists in both).
//!
//! Public posts and cards speak the community's language; private replies the member's Discord
//! language when it is French or English (any English variant), else English.

mod dates;
mod localize;
pub mod words;

pub use crate::domain::language::Lang;
use crate::domain::message::Message;
pub use dates::{day_month, day_month_padded, day_month_year, wall_clock_span, weekday_short};
use fluent::concurrent::FluentBundle;
use fluent::{FluentArgs, FluentResource, FluentValue};
pub use localize::localize_commands;
use std::sync::OnceLock;

/// The English catalogue, as compiled in.
pub const EN_FTL: &str = include_str!("locales/en.ftl");
/// The French catalogue, as compiled in.
pub const FR_FTL: &str = include_str!("locales/fr.ftl");

type Bundle = FluentBundle<FluentResource>;

fn bundle_of(lang: Lang, source: &str) -> Bundle {
    let id = lang
        .code()
        .parse()
        .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
    let mut bundle = Bundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around values: Discord shows them as they are.
    bundle.set_use_isolating(false);
    let resource = match FluentResource::try_new(source.to_owned()) {
        Ok(r) => r,
        Err((r, errors)) => {
            tracing::error!(lang = %lang, ?errors, "catalogue has syntax errors; the rest is used");
            r
        }
    };
    if let Err(errors) = bundle.add_resource(resource) {
        tracing::error!(lang = %lang, ?errors, "catalogue has duplicate keys");
    }
    bundle
}

fn bundles() -> &'static [Bundle; 2] {
    static BUNDLES: OnceLock<[Bundle; 2]> = OnceLock::new();
    BUNDLES.get_or_init(|| [bundle_of(Lang::En, EN_FTL), bundle_of(Lang::Fr, FR_FTL)])
}

fn bundle(lang: Lang) -> &'static Bundle {
    &bundles()[match lang {
        Lang::En => 0,
        Lang::Fr => 1,
    }]
}

/// Whether `key` is in `lang`'s catalogue.
pub fn has(lang: Lang, key: &str) -> bool {
    bundle(lang)
        .get_message(key)
        .and_then(|m| m.value())
        .is_some()
}

/// A value for a catalogue message: numbers stay numbers (for `[one]` / `[other]` variants).
pub trait ToFluent {
    /// The value as Fluent reads it.
    fn to_fluent(&self) -> FluentValue<'static>;
}

impl ToFluent for str {
    fn to_fluent(&self) -> FluentValue<'static> {
        FluentValue::from(self.to_owned())
    }
}

impl ToFluent for String {
    fn to_fluent(&self) -> FluentValue<'static> {
        FluentValue::from(self.clone())
    }
}

impl<T: ToFluent + ?Sized> ToFluent for &T {
    fn to_fluent(&self) -> FluentValue<'static> {
        (**self).to_fluent()
    }
}

macro_rules! numbers {
    ($($t:ty),*) => {$(
        impl ToFluent for $t {
            fn to_fluent(&self) -> FluentValue<'static> {
                FluentValue::from(*self)
            }
        }
    )*};
}
numbers!(i32, i64, u32, u64, usize);

/// The text of `key` in `lang` with its named values (French falls back to English).
pub fn text(lang: Lang, key: &str, args: &[(&str, FluentValue<'static>)]) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    for l in [lang, Lang::En] {
        let b = bundle(l);
        if let Some(pattern) = b.get_message(key).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            let out = b.format_pattern(pattern, Some(&fluent_args), &mut errors);
            if !errors.is_empty() {
                tracing::error!(key, lang = %l, ?errors, "catalogue message did not format");
            }
            return out.into_owned();
        }
    }
    tracing::error!(key, "no such message in the catalogue");
    key.to_owned()
}

/// A number-dependent text: `count` is passed as a Fluent number (for `[one]` / `[other]` variants).
pub fn text_n(lang: Lang, key: &str, count: i64, args: &[(&str, FluentValue<'static>)]) -> String {
    let mut all = vec![("count", FluentValue::from(count))];
    all.extend(args.iter().cloned());
    text(lang, key, &all)
}

/// The language of a member's private replies: their Discord's when it is French or English.
pub fn member_lang(locale: &str) -> Lang {
    Lang::of_discord_locale(locale).unwrap_or_default()
}

/// A message in `lang`.
pub fn render(lang: Lang, message: &Message) -> String {
    match message {
        Message::Text(text) => text.clone(),
        Message::Key { key, args } => {
            // A value that is a whole number, written as one, is read as one (for plural variants);
            // a name such as `007` stays text.
            let args: Vec<(&str, FluentValue<'static>)> =
                args.iter().map(|(n, v)| (*n, value_of(v))).collect();
            text(lang, key, &args)
        }
    }
}

/// A message as text to keep in the database (a problem told to organizers later): its key and values,
/// so that whoever reads it later reads it in their own language ([`render_stored`]).
pub fn stored(message: &Message) -> String {
    match message {
        Message::Text(text) => text.clone(),
        Message::Key { key, args } => {
            let args: Vec<[&str; 2]> = args.iter().map(|(n, v)| [*n, v.as_str()]).collect();
            serde_json::json!({ "key": key, "args": args }).to_string()
        }
    }
}

/// A message kept with [`stored`], in `lang`; text stored before (or written as text) is shown as it is.
pub fn render_stored(lang: Lang, stored: &str) -> String {
    #[derive(serde::Deserialize)]
    struct Stored {
        key: String,
        args: Vec<(String, String)>,
    }
    match serde_json::from_str::<Stored>(stored) {
        Ok(message) => {
            let args: Vec<(&str, FluentValue<'static>)> = message
                .args
                .iter()
                .map(|(n, v)| (n.as_str(), value_of(v)))
                .collect();
            text(lang, &message.key, &args)
        }
        _ => stored.to_owned(),
    }
}

/// A value as Fluent reads it: a whole number that fits a float exactly (a count, a note id) is a
/// number, for plural variants; anything else — a snowflake, a name made of digits such as `007` —
/// stays text as typed.
fn value_of(v: &str) -> FluentValue<'static> {
    match v.parse::<i64>() {
        Ok(number) if number.to_string() == v && number.unsigned_abs() < (1 << 53) => {
            FluentValue::from(number)
        }
        _ => FluentValue::from(v.to_owned()),
    }
}

/// Every key of a catalogue's source, in order.
pub fn keys_of(source: &str) -> Vec<String> {
    source
        .lines()
        .filter(|l| !l.starts_with([' ', '\t', '#', '.', '*', '[', '}']) && l.contains(" ="))
        .filter_map(|l| l.split(" =").next().map(str::trim).map(str::to_owned))
        .filter(|k| !k.is_empty())
        .collect()
}

/// `tr!(lang, "key")` or `tr!(lang, "key", name = value, …)`: the catalogue's text.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $key:literal) => {
        $crate::i18n::text($lang, $key, &[])
    };
    ($lang:expr, $key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::text(
            $lang,
            $key,
            &[$((stringify!($name), $crate::i18n::ToFluent::to_fluent(&$value))),+],
        )
    };
}

/// An input error in English (logs, tests, `to_string()`); a member sees it in their language through
/// [`render`].
impl std::fmt::Display for crate::domain::InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&render(Lang::En, &self.0))
    }
}

#[cfg(test)]
mod literal_scan;
#[cfg(test)]
mod tests;
