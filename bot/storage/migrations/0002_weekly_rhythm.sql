-- The weekly rhythm: readings in a queue, each week of a circle, and every future post as a durable job.
-- Times are UTC text in one fixed-width format (bot.storage.times), so comparing them as text orders them.

ALTER TABLE circles ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;
ALTER TABLE circles ADD COLUMN log_channel_id INTEGER;
-- The week's plan as JSON (bot.scheduling.plan); NULL means the default plan.
ALTER TABLE circles ADD COLUMN plan TEXT;
-- Whether an operator-configured model may write this circle's prompts (the reading's text goes to it).
ALTER TABLE circles ADD COLUMN model_writer INTEGER NOT NULL DEFAULT 1;

CREATE TABLE readings (
    id        INTEGER PRIMARY KEY,
    circle_id INTEGER NOT NULL REFERENCES circles (id) ON DELETE CASCADE,
    -- draft: previewed, not yet queued; queued: waiting its turn; current: its week is running;
    -- done: its week is over; removed: taken off the queue (kept so a restart never resurrects it)
    status    TEXT    NOT NULL CHECK (status IN ('draft', 'queued', 'current', 'done', 'removed')),
    position  INTEGER,            -- order among queued readings, 1 is next
    title     TEXT    NOT NULL,
    author    TEXT,
    url       TEXT,
    filename  TEXT,               -- an uploaded file is kept and attached to the reading post
    file      BLOB,
    text      TEXT    NOT NULL,   -- the clean text the analysis ran on
    words     INTEGER NOT NULL,
    minutes   INTEGER NOT NULL,
    analysis  TEXT    NOT NULL,   -- JSON (bot.analysis.serialize): what the organiser saw and edited
    added_by  INTEGER NOT NULL,
    added_at  TEXT    NOT NULL
);
CREATE INDEX readings_queue ON readings (circle_id, status, position);

CREATE TABLE weeks (
    id              INTEGER PRIMARY KEY,
    circle_id       INTEGER NOT NULL REFERENCES circles (id) ON DELETE CASCADE,
    reading_id      INTEGER NOT NULL REFERENCES readings (id),
    starts_at       TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('active', 'ended')),
    channel_id      INTEGER NOT NULL,
    post_message_id INTEGER,
    thread_id       INTEGER UNIQUE
);
CREATE INDEX weeks_circle ON weeks (circle_id, status);

CREATE TABLE jobs (
    id          INTEGER PRIMARY KEY,
    circle_id   INTEGER NOT NULL REFERENCES circles (id) ON DELETE CASCADE,
    week_id     INTEGER REFERENCES weeks (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('week_start', 'reading_post', 'prompt', 'poll', 'recap')),
    payload     TEXT    NOT NULL DEFAULT '{}',
    due_at      TEXT    NOT NULL,
    -- parked: waits for an organiser (missing permission, deleted channel, paused circle)
    status      TEXT    NOT NULL CHECK (status IN ('pending', 'done', 'missed', 'cancelled', 'parked')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT,
    progress    TEXT    NOT NULL DEFAULT '{}',  -- ids a multi-step job already produced (the post before its thread)
    finished_at TEXT
);
CREATE INDEX jobs_due ON jobs (status, due_at);
-- A running circle has exactly one next week planned.
CREATE UNIQUE INDEX jobs_one_week_start ON jobs (circle_id) WHERE kind = 'week_start' AND status = 'pending';

-- What each job sent: the reading post, prompts, polls, recap. Participation is attributed through it.
CREATE TABLE posts (
    id         INTEGER PRIMARY KEY,
    week_id    INTEGER NOT NULL REFERENCES weeks (id) ON DELETE CASCADE,
    job_id     INTEGER REFERENCES jobs (id) ON DELETE SET NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('reading', 'prompt', 'poll', 'recap')),
    channel_id INTEGER NOT NULL,
    message_id INTEGER NOT NULL UNIQUE,
    posted_at  TEXT    NOT NULL
);
CREATE INDEX posts_week ON posts (week_id, kind);
