-- Everything the bot posts on its own: a durable row per post, sent exactly once.
CREATE TABLE posts (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    community_id BIGINT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    gathering_id BIGINT REFERENCES gatherings (id) ON DELETE CASCADE,
    kind         TEXT   NOT NULL,        -- reminder | role_prompt | agenda_card
    idem_key     TEXT   NOT NULL,        -- unique per (kind, gathering, offset or fire time)
    planned_at   BIGINT NOT NULL,        -- when it was meant to go out (UTC)
    due_at       BIGINT NOT NULL,        -- when to try next (planned_at, later after a failure)
    claimed_by   TEXT,                   -- the process holding the lease
    lease_until  BIGINT,
    attempts     BIGINT NOT NULL DEFAULT 0,
    last_error   TEXT,
    sent_at      BIGINT,
    message_id   BIGINT,
    dropped_at   BIGINT,                 -- given up: permanent failure, too late, or nothing to say
    created_at   BIGINT NOT NULL
);

CREATE UNIQUE INDEX posts_idem_key ON posts (idem_key);
-- Only pending posts are indexed by due time: finding the next batch is an index range, not a scan.
CREATE INDEX posts_pending_due ON posts (due_at) WHERE sent_at IS NULL AND dropped_at IS NULL;
CREATE INDEX posts_by_gathering ON posts (gathering_id);
CREATE INDEX posts_by_community ON posts (community_id, kind);

-- Gatherings whose posts are planned for their current revision (0 = not yet).
ALTER TABLE gatherings ADD COLUMN posts_planned BIGINT NOT NULL DEFAULT 0;
-- A permanent posting failure (channel gone, access lost), shown to organizers.
ALTER TABLE communities ADD COLUMN posts_problem TEXT;
