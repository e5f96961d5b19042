-- Who a note credits (the author's name as shown when it was archived) and who archived it (the person who
-- used the message menu; NULL when the author archived it), plus saved searches and listings, so that the
-- paging buttons of a result keep working after a restart.
ALTER TABLE notes ADD COLUMN author_name TEXT NOT NULL DEFAULT '';
ALTER TABLE notes ADD COLUMN archived_by BIGINT;

CREATE TABLE note_listings (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id BIGINT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    words        TEXT,   -- NULL for a listing (newest first), else the search words
    kind         TEXT,
    tag          TEXT,
    author_id    BIGINT,
    gathering_id BIGINT,
    created_at   BIGINT NOT NULL
);

CREATE INDEX note_listings_by_age ON note_listings (created_at);
