-- Per-source silence (issue 10). silent_after_ms: how long the source may stay quiet before it is
-- reported silent (NULL: the server's SOURCE_SILENT_MS). hours: 'office' counts that quiet time in
-- working time (nights, weekends and days off do not count: the default, as most sources only send
-- during office hours); 'always' counts calendar time, for a source that runs around the clock.
ALTER TABLE sources ADD COLUMN silent_after_ms INTEGER CHECK (silent_after_ms IS NULL OR silent_after_ms > 0);
ALTER TABLE sources ADD COLUMN hours TEXT NOT NULL DEFAULT 'office' CHECK (hours IN ('office', 'always'));
