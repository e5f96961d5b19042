-- When the bot was removed from the community's server (GUILD_DELETE): all work for it stops at once,
-- and its data is kept for a grace period (30 days) in case the bot is invited back, then deleted.
ALTER TABLE communities ADD COLUMN removed_at BIGINT;
