-- The message menu "Archive as practice note" credits the message's author. Whom a form may credit is kept
-- here, offered to the member who used the menu, instead of in the form's custom id (which a client can
-- forge): the form carries only the offer's id, and a submission is checked against community and member.
CREATE TABLE note_credit_offers (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    community_id BIGINT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    offered_to   BIGINT NOT NULL,
    author_id    BIGINT NOT NULL,
    author_name  TEXT NOT NULL,
    created_at   BIGINT NOT NULL
);

CREATE INDEX note_credit_offers_by_age ON note_credit_offers (created_at);
