//! Identifiers. Discord ids are wrapped so a guild id cannot be passed where a channel id is meant;
//! the Discord layer converts serenity's ids into these at its edge.

use std::fmt;

macro_rules! snowflake {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u64);

        impl $name {
            /// The id as the database stores it (Discord ids fit in 63 bits).
            pub fn to_db(self) -> i64 {
                self.0 as i64
            }
            /// The id from its database form.
            pub fn from_db(value: i64) -> Self {
                $name(value as u64)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

snowflake! {
    /// A Discord guild (server).
    GuildRef,
    /// A Discord text channel.
    ChannelRef,
    /// A Discord role's id (e.g. a community's organizer role).
    RoleRef,
    /// A Discord user's id: a member who answers, holds roles or writes notes.
    MemberRef,
}

/// Steward's own id of a community.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CommunityId(pub i64);

impl fmt::Display for CommunityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
