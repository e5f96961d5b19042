-- A gathering whose agenda an organizer set for that date alone (`/role agenda`): template edits leave
-- it as it is, like an agenda on which a role is claimed.
ALTER TABLE gatherings ADD COLUMN own_agenda BIGINT NOT NULL DEFAULT 0;
