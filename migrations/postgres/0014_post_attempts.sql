-- Exactly once beyond Discord's nonce window: when a post was first sent in a way that may have reached
-- Discord (the answer was lost: a timeout, a 5xx, a crash before it was marked sent). A resend later than
-- the nonce window first looks for the post in the channel (its marker is in the footer or last line).
ALTER TABLE posts ADD COLUMN attempted_at BIGINT;

-- Counting a channel's automatic posts of the last hour (the per-channel hourly cap).
CREATE INDEX posts_sent_by_community ON posts (community_id, sent_at);
