//! What the bot says, as plain values, and its one rendering into Discord messages: [`Reply`] (a
//! command's answer or an automatic post), [`Card`] (an embed with named [`EmbedField`]s), buttons, and the
//! helpers every message uses — escaping and cutting user text, Discord timestamps and the community's wall
//! clock. Used by the commands and by the posts engine alike; it knows nothing of either.

mod card;
mod reply;
mod text;
mod time;

pub use card::*;
pub use reply::*;
pub use text::{cut, cut_markdown, escape, mentions};
pub use time::{full, local_span, relative, short_time};

#[cfg(test)]
mod tests;
