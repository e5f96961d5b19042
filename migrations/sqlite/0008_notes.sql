-- Practice notes, searchable: FTS5 over title and body, kept in sync with triggers.
CREATE TABLE notes (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id BIGINT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    gathering_id BIGINT REFERENCES gatherings (id) ON DELETE SET NULL,
    kind         TEXT   NOT NULL,
    title        TEXT   NOT NULL,
    body         TEXT   NOT NULL,
    tags         TEXT   NOT NULL DEFAULT ' ', -- ' tag1 tag2 ' (spaces around each, for exact matching)
    author_id    BIGINT NOT NULL,
    source_url   TEXT,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);

CREATE INDEX notes_by_community ON notes (community_id, created_at);

CREATE VIRTUAL TABLE notes_fts USING fts5(title, body, content = 'notes', content_rowid = 'id', tokenize = 'porter unicode61');

CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
    INSERT INTO notes_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;

CREATE TRIGGER notes_fts_update AFTER UPDATE OF title, body ON notes BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO notes_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
