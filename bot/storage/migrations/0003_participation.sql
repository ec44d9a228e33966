-- Participation: who took part where and when, as metadata only (never message text), and who opted out.
-- See docs/PARTICIPATION.md for what each kind means and when a message answers a prompt.

CREATE TABLE participation_events (
    id         INTEGER PRIMARY KEY,
    circle_id  INTEGER NOT NULL REFERENCES circles (id) ON DELETE CASCADE,
    week_id    INTEGER NOT NULL REFERENCES weeks (id) ON DELETE CASCADE,
    -- the prompt a message answers or the poll a vote is on; NULL for a thread message answering no prompt
    post_id    INTEGER REFERENCES posts (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL,
    -- message: a member's message in the week's thread that answers no prompt; answer: one that does;
    -- vote: one poll answer chosen (a vote on two answers of a multi-choice poll is two rows)
    kind       TEXT    NOT NULL CHECK (kind IN ('message', 'answer', 'vote')),
    message_id INTEGER,           -- the member's message (message, answer), so its deletion can remove it
    answer_id  INTEGER,           -- the poll answer chosen (vote)
    at         INTEGER NOT NULL,  -- milliseconds since the Unix epoch, UTC: compact and ordered for a million rows
    words      INTEGER,           -- only with the Message Content intent; NULL means "not counted", not zero
    CHECK ((kind = 'vote') = (message_id IS NULL) AND (kind = 'vote') = (answer_id IS NOT NULL)),
    CHECK ((kind = 'message') = (post_id IS NULL))
);
-- A replayed gateway event (a resume re-sends what was missed) must not count twice; these also serve the
-- deletions: a message deleted, a vote removed.
CREATE UNIQUE INDEX participation_events_message ON participation_events (message_id) WHERE message_id IS NOT NULL;
CREATE UNIQUE INDEX participation_events_vote
    ON participation_events (post_id, user_id, answer_id) WHERE answer_id IS NOT NULL;
-- The summaries: a range of weeks read member by member in index order, without touching the table.
CREATE INDEX participation_events_week ON participation_events (circle_id, week_id, user_id, kind, post_id, at);
-- A member's own rows (export, delete, stats) without scanning the circle.
CREATE INDEX participation_events_user ON participation_events (user_id, circle_id);
-- Retention: the oldest rows first.
CREATE INDEX participation_events_at ON participation_events (at);

-- Members who asked not to be logged in a server. Kept when they delete their data, so logging stays off.
CREATE TABLE participation_opt_outs (
    guild_id INTEGER NOT NULL,
    user_id  INTEGER NOT NULL,
    since    INTEGER NOT NULL,    -- milliseconds since the Unix epoch, UTC
    PRIMARY KEY (guild_id, user_id)
) WITHOUT ROWID;
