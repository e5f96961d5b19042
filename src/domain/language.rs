//! The languages Steward speaks: English and French.

use std::fmt;

/// A language of the bot's catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    /// English (the default, and the fallback of any missing text).
    #[default]
    En,
    /// French.
    Fr,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// `en` or `fr`: how it is stored and how Discord names it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// A setting as typed or stored: `en`, `english`, `fr`, `français`, `french`; `None` otherwise.
    pub fn parse(text: &str) -> Option<Lang> {
        match text.trim().to_lowercase().as_str() {
            "en" | "english" | "anglais" => Some(Lang::En),
            "fr" | "french" | "français" | "francais" => Some(Lang::Fr),
            _ => None,
        }
    }

    /// The catalogue language for a member's Discord locale (`fr`, `en-US`, `en-GB`); `None` for the
    /// others (they then read the community's language).
    pub fn of_discord_locale(locale: &str) -> Option<Lang> {
        match locale.split('-').next() {
            Some("fr") => Some(Lang::Fr),
            Some("en") => Some(Lang::En),
            _ => None,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_read_from_settings_and_discord_locales() {
        assert_eq!(Lang::parse(" Français "), Some(Lang::Fr));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("de"), None);
        assert_eq!(Lang::of_discord_locale("fr"), Some(Lang::Fr));
        assert_eq!(Lang::of_discord_locale("en-GB"), Some(Lang::En));
        assert_eq!(Lang::of_discord_locale("de"), None);
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.code()), Some(lang));
        }
    }
}
