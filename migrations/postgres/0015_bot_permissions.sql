-- The bot's permissions in the community's channel, as the last interaction there announced them
-- (`app_permissions`). The posts engine reads it before looking for a post whose answer was lost: without
-- Read Message History that look would see nothing, so the post waits (and organizers are told) rather
-- than risk being posted twice.
ALTER TABLE communities ADD COLUMN bot_permissions BIGINT;
