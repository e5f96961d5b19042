-- Practice-note search ranks the newest 500 matches of a search, best first (see `SEARCH_POSTGRES` in
-- src/store/note_search.rs). Finding them reads each match's row in `notes` for its community and date,
-- and ranking reads only those 500 tsvectors. For that read to be cheap a row must be narrow: the body and
-- the tsvector (together ~5 KB a note) are moved out of the row into the table's TOAST storage, so a
-- common word's 12,000 matches in a 50,000-note community are read from ~3,600 pages instead of ~15,000.
-- The tsvector is stored uncompressed (it hardly compresses, and ranking then reads it without
-- decompressing).
ALTER TABLE notes ALTER COLUMN search SET STORAGE EXTERNAL;
ALTER TABLE notes SET (toast_tuple_target = 128);
-- Notes archived before this are stored again the new way (the tsvector is recomputed from the same text).
UPDATE notes SET body = body;
