-- Calendar feeds and public pages (both opt-in per community).
-- feed_token: the secret part of /calendar/<token>.ics, random, made the first time the link is shown;
--   `/gathering feed reset` replaces it (the old link answers 404 at once).
-- public_page / public_names: `/community settings public_page:true` lists the community at `/` and
--   serves `/c/<public_slug>`; `public_names:true` also shows members' names there.
-- public_slug: given when the page is first opened up, kept across renames so links do not break.
ALTER TABLE communities ADD COLUMN feed_token TEXT;
ALTER TABLE communities ADD COLUMN public_page BIGINT NOT NULL DEFAULT 0;
ALTER TABLE communities ADD COLUMN public_names BIGINT NOT NULL DEFAULT 0;
ALTER TABLE communities ADD COLUMN public_slug TEXT;
CREATE UNIQUE INDEX communities_feed_token ON communities (feed_token);
CREATE UNIQUE INDEX communities_public_slug ON communities (public_slug);

-- Members' display names, kept only for communities that show names on their public page
-- (public_page and public_names), written when a member uses the bot there; deleted when the community turns names or the page off,
-- by /forget-me, and with the community.
CREATE TABLE member_names (
    community_id BIGINT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    member_id    BIGINT NOT NULL,
    name         TEXT   NOT NULL,
    updated_at   BIGINT NOT NULL,
    PRIMARY KEY (community_id, member_id)
);
