//! The error a person sees when something they typed is not acceptable.

use super::message::Message;

/// A rejected input: the message says what was wrong and what a good value looks like. It is a
/// catalogue key with its values (rendered in the reader's language by `i18n`); its `Display` is the
/// English text, for logs and tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError(pub Message);

impl InputError {
    /// Builds the message shown to the person (a catalogue key, or a text already written).
    pub fn new(message: impl Into<Message>) -> Self {
        InputError(message.into())
    }

    /// What the person is told.
    pub fn message(&self) -> &Message {
        &self.0
    }
}

impl std::error::Error for InputError {}
