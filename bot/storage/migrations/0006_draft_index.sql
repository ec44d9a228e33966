-- Every `/reading add` deletes drafts older than a day. Without an index that DELETE reads the whole
-- readings table, texts included, inside the write lock; a partial index over drafts alone keeps it to the
-- few rows that are drafts.
CREATE INDEX readings_drafts ON readings (added_at) WHERE status = 'draft';
