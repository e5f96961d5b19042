-- Practice notes, searchable: a generated tsvector over title and body with a GIN index.
CREATE TABLE notes (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    community_id BIGINT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    gathering_id BIGINT REFERENCES gatherings (id) ON DELETE SET NULL,
    kind         TEXT   NOT NULL,
    title        TEXT   NOT NULL,
    body         TEXT   NOT NULL,
    tags         TEXT   NOT NULL DEFAULT ' ', -- ' tag1 tag2 ' (spaces around each, for exact matching)
    author_id    BIGINT NOT NULL,
    source_url   TEXT,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    search       tsvector GENERATED ALWAYS AS (to_tsvector('english', title || ' ' || body)) STORED
);

CREATE INDEX notes_by_community ON notes (community_id, created_at);
CREATE INDEX notes_search ON notes USING GIN (search);
