//! The error a person sees when something they typed is not acceptable.

/// A rejected input: the text says what was wrong and what a good value looks like.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InputError(pub String);

impl InputError {
    /// Builds the message shown to the person.
    pub fn new(message: impl Into<String>) -> Self {
        InputError(message.into())
    }
}
