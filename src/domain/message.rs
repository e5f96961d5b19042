//! Something the bot says, before it is said in a language: a key of the catalogue and its values, or
//! a text already written (by code not yet moved to the catalogue, or by a member).

/// A message to render in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// Already written; shown as it is.
    Text(String),
    /// A catalogue key (`refusal-organizer-only`) and its named values.
    Key {
        /// The key in the `.ftl` catalogues.
        key: &'static str,
        /// Named values, as text.
        args: Vec<(&'static str, String)>,
    },
}

impl Message {
    /// A catalogue message with no values yet.
    pub fn key(key: &'static str) -> Self {
        Message::Key {
            key,
            args: Vec::new(),
        }
    }

    /// Adds a named value.
    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        if let Message::Key { args, .. } = &mut self {
            args.push((name, value.to_string()));
        }
        self
    }
}

impl From<String> for Message {
    fn from(text: String) -> Self {
        Message::Text(text)
    }
}

impl From<&str> for Message {
    fn from(text: &str) -> Self {
        Message::Text(text.to_owned())
    }
}
