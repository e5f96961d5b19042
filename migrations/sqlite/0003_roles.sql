-- Agenda roles: the community's template, each gathering's frozen list, and who holds what.
ALTER TABLE communities ADD COLUMN role_template TEXT; -- one role per line; NULL = the default template
ALTER TABLE communities ADD COLUMN one_role_per_member BIGINT NOT NULL DEFAULT 0;
ALTER TABLE gatherings ADD COLUMN roles TEXT;          -- frozen when its card is first shown or first claimed

CREATE TABLE role_claims (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    gathering_id BIGINT NOT NULL REFERENCES gatherings (id) ON DELETE CASCADE,
    role         TEXT   NOT NULL,
    member_id    BIGINT NOT NULL,
    assigned_by  BIGINT,
    claimed_at   BIGINT NOT NULL
);

-- At most one holder per role per gathering, enforced here: concurrent claims cannot both win.
CREATE UNIQUE INDEX role_claims_one_holder ON role_claims (gathering_id, role);
CREATE INDEX role_claims_by_member ON role_claims (member_id);
