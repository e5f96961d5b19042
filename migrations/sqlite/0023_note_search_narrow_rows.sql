-- PostgreSQL's 0023 moves a note's body and tsvector out of its row for a faster search. SQLite's search
-- never reads `notes` per match (its FTS5 index holds the community and filters, see 0010), so nothing
-- changes here; this file keeps the two backends' migrations numbered alike.
SELECT 1;
