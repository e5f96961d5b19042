-- SQLite's 0010 moves community and filter matching into its full-text index through a `scope` column of
-- tokens. PostgreSQL keeps the column (the store writes one SQL for both) but does not need it: its
-- planner combines the GIN index on `search` with the community filter.
ALTER TABLE notes ADD COLUMN scope TEXT NOT NULL DEFAULT '';
