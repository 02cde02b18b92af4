-- Bulk backfill (issue 14): a source may send batches in history-load mode (npm run import), which
-- defers the live screens' per-event work and marks its events as a history load for data trust
-- (backdated / synced_after_finish leave them alone). Off by default: a unit's own system could
-- otherwise hide back-dated entries behind it. Granted with `npm run source:add -- --history-load`
-- or `npm run source:set -- --history-load yes`.
ALTER TABLE sources ADD COLUMN history_load INTEGER NOT NULL DEFAULT 0 CHECK (history_load IN (0, 1));
