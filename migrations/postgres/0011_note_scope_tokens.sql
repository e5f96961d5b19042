-- SQLite rebuilt its full-text `scope` tokens in this migration; PostgreSQL has no such column, so there is
-- nothing to do here (the file keeps both backends' migrations numbered alike).
SELECT 1;
