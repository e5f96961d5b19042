-- One living card per gathering: the message that shows its agenda now (channel and message id), edited
-- in place on every change by the posts engine's card edits; a newer card turns the older one into a
-- short stub (a card_stub post) that links to it.
ALTER TABLE gatherings ADD COLUMN card_channel_id BIGINT;
ALTER TABLE gatherings ADD COLUMN card_message_id BIGINT;
-- When that card was posted: a reminder links to a recent card, and becomes the card when it is old.
ALTER TABLE gatherings ADD COLUMN card_posted_at BIGINT;
-- Pending card edits of a gathering are found by kind (one waits at a time).
CREATE INDEX posts_pending_by_gathering_kind ON posts (gathering_id, kind) WHERE sent_at IS NULL AND dropped_at IS NULL;
