-- Who will come (one answer per member per gathering) and who came.
CREATE TABLE rsvps (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    gathering_id BIGINT NOT NULL REFERENCES gatherings (id) ON DELETE CASCADE,
    member_id    BIGINT NOT NULL,
    answer       TEXT   NOT NULL, -- going | maybe | no
    answered_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX rsvps_one_answer ON rsvps (gathering_id, member_id);

CREATE TABLE attendance (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    gathering_id BIGINT NOT NULL REFERENCES gatherings (id) ON DELETE CASCADE,
    member_id    BIGINT NOT NULL,
    source       TEXT   NOT NULL, -- self | organizer
    recorded_by  BIGINT,
    recorded_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX attendance_once ON attendance (gathering_id, member_id);
CREATE INDEX attendance_by_member ON attendance (member_id);
