-- Role prompts are stored typed (`off`, `before:14d,7d,3d`, `weekly:mon@10:00`, `cron:…`). The built-in
-- default cron becomes the weekday and time it always meant; any other cron keeps its expression (in the
-- `cron` crate's syntax, as it was read until now) under `cron:`.
UPDATE communities SET role_prompt = 'weekly:mon@10:00' WHERE role_prompt = '0 0 10 * * Mon';
UPDATE communities SET role_prompt = 'cron:' || role_prompt
    WHERE role_prompt <> 'off' AND role_prompt NOT LIKE '%:%';
-- How the community reads wall-clock times: '24h' or '12h'.
ALTER TABLE communities ADD COLUMN time_format TEXT NOT NULL DEFAULT '24h';
-- Whether an organizer chose the reminder offsets (else they follow the rhythm of the first series).
ALTER TABLE communities ADD COLUMN reminders_chosen BIGINT NOT NULL DEFAULT 0;
-- A community whose settings were ever changed may have chosen its reminders: they stay as they are.
UPDATE communities SET reminders_chosen = 1 WHERE updated_at <> created_at;
