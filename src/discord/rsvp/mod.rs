//! Who is coming and who came: `/rsvp`, `/attendance`, the harvest prompt, the attendance sheet and the
//! clicks on them.

pub mod clicks;
pub mod command;
pub mod views;
