-- DM reminders: a post addressed to one member (those who answered going, when the community opts in).
ALTER TABLE posts ADD COLUMN member_id BIGINT;
