-- Counts the saved changes of a community's settings. The posts engine plans reminders and prompts from
-- the settings it read; it stores that plan only while this is still what it read, so a plan made from
-- settings an organizer changed meanwhile is never kept (the change asks for a new plan).
ALTER TABLE communities ADD COLUMN settings_revision BIGINT NOT NULL DEFAULT 0;
