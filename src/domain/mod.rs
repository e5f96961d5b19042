//! The pure core: what a community is and which inputs are acceptable. No serenity, no sqlx, no clock:
//! every function that needs the time takes `now`.

pub mod access;
pub mod agenda;
pub mod change;
pub mod community;
pub mod gathering;
pub mod ics;
pub mod ids;
pub mod input;
pub mod language;
pub mod message;
pub mod note_draft;
pub mod note_export;
pub mod notes;
pub mod post_key;
pub mod posts;
pub mod public;
pub mod recurrence;
pub mod reminders;
pub mod reshape;
pub mod role_prompt;
pub mod roles;
pub mod rsvp;
pub mod text;
pub mod wall_clock;
pub mod when;
pub mod zone;

pub use input::InputError;
