-- The `scope` tokens of migration 0010 were built from tag text (`tcheckx0in`), which the `unicode61`
-- tokenizer could split into several tokens (a tag with a combining mark could index another community's
-- `c<id>`). Tokens are now ASCII from ids and hex (`scope_token` in src/store/note_search.rs), and every
-- search also filters community and filters in SQL. Clearing `scope` here makes the application rebuild
-- every note's tokens on start (`Store::migrate` → `rebuild_note_scopes`, which fills rows whose scope is
-- empty; a note always has at least its community token).
UPDATE notes SET scope = '';
