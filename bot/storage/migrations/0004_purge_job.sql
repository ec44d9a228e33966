-- The daily participation purge runs on the same job scheduler as the weeks. SQLite cannot alter a CHECK
-- constraint, so `jobs` is rebuilt with the 'purge' kind, and with circle_id NULL for a job that belongs to
-- no circle (the purge covers every circle). Rows and ids are copied as they are.
--
-- Migrations run inside a transaction, where PRAGMA foreign_keys cannot be switched off; dropping the old
-- table therefore sets posts.job_id to NULL (ON DELETE SET NULL), so those links are saved first and
-- put back once the new table carries the name `jobs` again.
CREATE TEMP TABLE saved_post_jobs AS SELECT id, job_id FROM posts WHERE job_id IS NOT NULL;

CREATE TABLE jobs_rebuilt (
    id          INTEGER PRIMARY KEY,
    -- NULL for a job of the whole bot rather than of one circle (the purge)
    circle_id   INTEGER REFERENCES circles (id) ON DELETE CASCADE,
    week_id     INTEGER REFERENCES weeks (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('week_start', 'reading_post', 'prompt', 'poll', 'recap', 'purge')),
    payload     TEXT    NOT NULL DEFAULT '{}',
    due_at      TEXT    NOT NULL,
    -- parked: waits for an organiser (missing permission, deleted channel, paused circle)
    status      TEXT    NOT NULL CHECK (status IN ('pending', 'done', 'missed', 'cancelled', 'parked')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT,
    progress    TEXT    NOT NULL DEFAULT '{}',  -- ids a multi-step job already produced (the post before its thread)
    finished_at TEXT,
    CHECK ((kind = 'purge') = (circle_id IS NULL))
);
INSERT INTO jobs_rebuilt (id, circle_id, week_id, kind, payload, due_at, status, attempts, last_error, progress, finished_at)
    SELECT id, circle_id, week_id, kind, payload, due_at, status, attempts, last_error, progress, finished_at FROM jobs;
DROP TABLE jobs;
ALTER TABLE jobs_rebuilt RENAME TO jobs;
CREATE INDEX jobs_due ON jobs (status, due_at);
-- A running circle has exactly one next week planned.
CREATE UNIQUE INDEX jobs_one_week_start ON jobs (circle_id) WHERE kind = 'week_start' AND status = 'pending';
-- And the bot has at most one next purge.
CREATE UNIQUE INDEX jobs_one_purge ON jobs (kind) WHERE kind = 'purge' AND status = 'pending';

UPDATE posts SET job_id = (SELECT job_id FROM saved_post_jobs WHERE saved_post_jobs.id = posts.id)
    WHERE id IN (SELECT id FROM saved_post_jobs);
DROP TABLE saved_post_jobs;
