//! The practice-notes archive: `/note` (add, edit, search, show, export), the message menu, the note
//! form, its buttons and their ids.

pub mod buttons;
pub mod choices;
pub mod command;
pub mod flows;
pub mod form;
pub mod ids;
pub mod views;
