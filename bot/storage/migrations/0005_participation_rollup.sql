-- Participation rollups, so a summary reads one row per member and week (and one per week) instead of adding
-- up a million events each time. Triggers keep them in the very transaction that changes the events, on every
-- path (the writer's batches, a deleted message, a vote taken back, a member's delete, the purge, a circle's
-- cascade), so they cannot drift from the events; tests/participation/test_rollup.py checks that against a
-- fresh count. Both are built here from the events already stored.

-- What one member did in one week (the unit every summary is added up from), keyed member first so a
-- member's totals over any range of weeks are read in key order without a sort.
CREATE TABLE participation_member_weeks (
    circle_id        INTEGER NOT NULL,
    user_id          INTEGER NOT NULL,
    week_id          INTEGER NOT NULL,
    thread_messages  INTEGER NOT NULL,  -- every message in the thread, answers included
    answers          INTEGER NOT NULL,  -- of those, the ones that answered a prompt
    prompts_answered INTEGER NOT NULL,  -- distinct prompts answered
    poll_votes       INTEGER NOT NULL,
    last_at          INTEGER NOT NULL,  -- the latest event's time, epoch milliseconds
    PRIMARY KEY (circle_id, user_id, week_id)
) WITHOUT ROWID;

INSERT INTO participation_member_weeks
SELECT circle_id, user_id, week_id, sum(kind != 'vote'), sum(kind = 'answer'),
       count(DISTINCT CASE WHEN kind = 'answer' THEN post_id END), sum(kind = 'vote'), max(at)
FROM participation_events
GROUP BY circle_id, week_id, user_id;

-- One week of a circle: how many members did anything, wrote, answered, voted, and the week's counts.
CREATE TABLE participation_weeks (
    week_id          INTEGER PRIMARY KEY,
    circle_id        INTEGER NOT NULL,
    active           INTEGER NOT NULL,  -- members with any row in the week
    wrote            INTEGER NOT NULL,  -- members with a message in the thread
    answered         INTEGER NOT NULL,  -- members who answered a prompt
    voted            INTEGER NOT NULL,  -- members who voted
    thread_messages  INTEGER NOT NULL,
    prompts_answered INTEGER NOT NULL,  -- distinct (member, prompt) pairs
    poll_votes       INTEGER NOT NULL
);
CREATE INDEX participation_weeks_circle ON participation_weeks (circle_id, week_id);

INSERT INTO participation_weeks
SELECT week_id, circle_id, count(*), sum(thread_messages > 0), sum(prompts_answered > 0), sum(poll_votes > 0),
       sum(thread_messages), sum(prompts_answered), sum(poll_votes)
FROM participation_member_weeks
GROUP BY week_id, circle_id;

-- Events are only ever inserted and deleted; an update would slip past the rollups, so it is refused.
CREATE TRIGGER participation_events_no_update BEFORE UPDATE ON participation_events
BEGIN
    SELECT RAISE(ABORT, 'participation events are inserted and deleted, never updated');
END;

-- A member's first event of a week creates their row (zeros, counted as one more active member), then every
-- event adds to it. An answer adds a prompt answered only when it is the member's first answer to that
-- prompt: one seek in participation_events_week (circle, week, user, kind, post), made only for answers
-- (CASE evaluates lazily, AND need not; that saved ~8% of the ingest time).
CREATE TRIGGER participation_events_rollup_insert AFTER INSERT ON participation_events
BEGIN
    INSERT OR IGNORE INTO participation_member_weeks
        (circle_id, user_id, week_id, thread_messages, answers, prompts_answered, poll_votes, last_at)
    VALUES (new.circle_id, new.user_id, new.week_id, 0, 0, 0, 0, new.at);
    UPDATE participation_member_weeks SET
        thread_messages = thread_messages + (new.kind != 'vote'),
        answers = answers + (new.kind = 'answer'),
        prompts_answered = prompts_answered + CASE WHEN new.kind = 'answer' THEN NOT EXISTS (
            SELECT 1 FROM participation_events e
            WHERE e.circle_id = new.circle_id AND e.week_id = new.week_id AND e.user_id = new.user_id
              AND e.kind = 'answer' AND e.post_id = new.post_id AND e.id != new.id) ELSE 0 END,
        poll_votes = poll_votes + (new.kind = 'vote'),
        last_at = max(last_at, new.at)
    WHERE circle_id = new.circle_id AND user_id = new.user_id AND week_id = new.week_id;
END;

-- After the delete the row is gone, so "no answer to this prompt left" and "the latest remaining event" are
-- read from what stays; a member-week with nothing left is removed.
CREATE TRIGGER participation_events_rollup_delete AFTER DELETE ON participation_events
BEGIN
    UPDATE participation_member_weeks SET
        thread_messages = thread_messages - (old.kind != 'vote'),
        answers = answers - (old.kind = 'answer'),
        prompts_answered = prompts_answered - CASE WHEN old.kind = 'answer' THEN NOT EXISTS (
            SELECT 1 FROM participation_events e
            WHERE e.circle_id = old.circle_id AND e.week_id = old.week_id AND e.user_id = old.user_id
              AND e.kind = 'answer' AND e.post_id = old.post_id) ELSE 0 END,
        poll_votes = poll_votes - (old.kind = 'vote'),
        last_at = CASE WHEN last_at > old.at THEN last_at ELSE coalesce((
            SELECT max(e.at) FROM participation_events e
            WHERE e.circle_id = old.circle_id AND e.week_id = old.week_id AND e.user_id = old.user_id), last_at) END
    WHERE circle_id = old.circle_id AND user_id = old.user_id AND week_id = old.week_id;
    DELETE FROM participation_member_weeks
    WHERE circle_id = old.circle_id AND user_id = old.user_id AND week_id = old.week_id
      AND thread_messages = 0 AND poll_votes = 0;
END;

-- The week's totals follow its member-weeks: a new one is a new active member, a change moves the counts,
-- a removed one takes its counts away.
CREATE TRIGGER participation_member_weeks_insert AFTER INSERT ON participation_member_weeks
BEGIN
    INSERT INTO participation_weeks
        (week_id, circle_id, active, wrote, answered, voted, thread_messages, prompts_answered, poll_votes)
    VALUES (
        new.week_id, new.circle_id, 1, new.thread_messages > 0, new.prompts_answered > 0, new.poll_votes > 0,
        new.thread_messages, new.prompts_answered, new.poll_votes)
    ON CONFLICT DO UPDATE SET
        active = active + 1,
        wrote = wrote + excluded.wrote,
        answered = answered + excluded.answered,
        voted = voted + excluded.voted,
        thread_messages = thread_messages + excluded.thread_messages,
        prompts_answered = prompts_answered + excluded.prompts_answered,
        poll_votes = poll_votes + excluded.poll_votes;
END;

CREATE TRIGGER participation_member_weeks_update AFTER UPDATE ON participation_member_weeks
BEGIN
    UPDATE participation_weeks SET
        wrote = wrote + (new.thread_messages > 0) - (old.thread_messages > 0),
        answered = answered + (new.prompts_answered > 0) - (old.prompts_answered > 0),
        voted = voted + (new.poll_votes > 0) - (old.poll_votes > 0),
        thread_messages = thread_messages + new.thread_messages - old.thread_messages,
        prompts_answered = prompts_answered + new.prompts_answered - old.prompts_answered,
        poll_votes = poll_votes + new.poll_votes - old.poll_votes
    WHERE week_id = new.week_id;
END;

CREATE TRIGGER participation_member_weeks_delete AFTER DELETE ON participation_member_weeks
BEGIN
    UPDATE participation_weeks SET
        active = active - 1,
        wrote = wrote - (old.thread_messages > 0),
        answered = answered - (old.prompts_answered > 0),
        voted = voted - (old.poll_votes > 0),
        thread_messages = thread_messages - old.thread_messages,
        prompts_answered = prompts_answered - old.prompts_answered,
        poll_votes = poll_votes - old.poll_votes
    WHERE week_id = old.week_id;
    DELETE FROM participation_weeks WHERE week_id = old.week_id AND active = 0;
END;
