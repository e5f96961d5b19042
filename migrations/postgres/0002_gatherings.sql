-- Series (recurring rules) and gatherings (their occurrences, materialised for a horizon, and one-offs).
CREATE TABLE series (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    community_id       BIGINT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    title              TEXT   NOT NULL,
    location           TEXT,
    rrule              TEXT   NOT NULL, -- the RRULE value we built, never a library's to_string
    dtstart_local      TEXT   NOT NULL, -- first occurrence, local wall-clock time, YYYY-MM-DDTHH:MM:SS
    time_zone          TEXT   NOT NULL,
    duration_minutes   BIGINT NOT NULL,
    summary            TEXT   NOT NULL,
    until_at           BIGINT,          -- set when the series is ended
    materialized_until BIGINT NOT NULL, -- occurrences before this instant exist as gatherings
    created_at         BIGINT NOT NULL
);

CREATE INDEX series_by_community ON series (community_id);

CREATE TABLE gatherings (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    community_id   BIGINT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    series_id      BIGINT REFERENCES series (id) ON DELETE CASCADE,
    original_start BIGINT NOT NULL,
    start_at       BIGINT NOT NULL,
    end_at         BIGINT NOT NULL,
    title          TEXT   NOT NULL,
    location       TEXT,
    status         TEXT   NOT NULL, -- scheduled | moved | cancelled | withdrawn
    reason         TEXT,
    event_id       BIGINT,          -- the mirrored Discord scheduled event
    event_dirty    BIGINT NOT NULL DEFAULT 1,
    revision       BIGINT NOT NULL DEFAULT 0, -- bumped on every change; guards event sync
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);

-- One row per occurrence of a series: materialising twice adds nothing.
CREATE UNIQUE INDEX gatherings_occurrence ON gatherings (series_id, original_start);
CREATE INDEX gatherings_by_community_start ON gatherings (community_id, start_at);
CREATE INDEX gatherings_event_dirty ON gatherings (event_dirty, start_at);

-- A problem mirroring gatherings as Discord events (e.g. missing Manage Events), shown to organizers.
ALTER TABLE communities ADD COLUMN events_problem TEXT;
ALTER TABLE communities ADD COLUMN events_problem_reported BIGINT NOT NULL DEFAULT 0;
