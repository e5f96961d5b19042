-- Exactly once beyond Discord's nonce window: when a post was first sent in a way that may have reached
-- Discord (the answer was lost: a timeout, a 5xx, a crash before it was marked sent). A resend later than
-- the nonce window first looks for the post in the channel (its marker is in the footer or last line).
-- `last_claimed_at` is set by every claim and cleared when that attempt certainly did not reach Discord
-- (held back, rate limited, not rendered); a claim copies it into `attempted_at` first (SET reads the row
-- as it was), so the engine learns of an earlier attempt without an extra write per post.
ALTER TABLE posts ADD COLUMN attempted_at BIGINT;
ALTER TABLE posts ADD COLUMN last_claimed_at BIGINT;

-- Counting a channel's automatic posts of the last hour (the per-channel hourly cap).
CREATE INDEX posts_sent_by_community ON posts (community_id, sent_at, kind);
