-- One reading circle per Discord server. Times are stored as the organiser chose them (local weekday and
-- HH:MM in the circle's IANA time zone) so the slot stays at the same local time across DST changes.
CREATE TABLE circles (
    id                INTEGER PRIMARY KEY,
    guild_id          INTEGER NOT NULL UNIQUE,
    channel_id        INTEGER NOT NULL,
    timezone          TEXT    NOT NULL,
    weekday           INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    post_time         TEXT    NOT NULL CHECK (post_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    member_role_id    INTEGER,
    organiser_role_id INTEGER,
    moderator_role_id INTEGER,
    created_by        INTEGER NOT NULL,
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL
);
