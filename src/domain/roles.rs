//! Agenda roles: the slots on a gathering's agenda that members take turns to hold.

/// The role template a new community starts with.
pub const DEFAULT_TEMPLATE: [&str; 5] = [
    "Opener",
    "Sharing challenges",
    "Facilitation design",
    "Evaluation",
    "Closing",
];
