-- Practice-note search ranks the newest 200 matches of a search, best first (see `SEARCH_POSTGRES` in
-- src/store/note_search.rs). Finding them reads each match's row in `notes` for its community and date,
-- and ranking reads only those 200 tsvectors. For that read to be cheap a row must be narrow. A row over
-- PostgreSQL's fixed threshold (~2 KB: most notes, whose body and tsvector together average ~5 KB) is
-- toasted; with `toast_tuple_target` at its minimum, toasting goes on until the row is ~128 bytes, so
-- body and tsvector leave the row instead of staying in it. Measured with 100,000 notes: the table's
-- rows took 3,600 pages instead of 15,500. The tsvector is stored uncompressed (it hardly compresses,
-- and ranking then reads it without decompressing).
-- Rows written before this keep their layout until they are edited: nothing is rewritten at startup
-- (that would recompute every tsvector inside this migration's transaction). Search results are the
-- same either way; only their speed differs.
ALTER TABLE notes ALTER COLUMN search SET STORAGE EXTERNAL;
ALTER TABLE notes SET (toast_tuple_target = 128);
