-- The officials' pages (issue 12) read one official's steps: their page (scorecard, weekly trend,
-- what they hold now). Without this index each page view scanned every hold of the city. Migration
-- 004 dropped an index on handler_id for its ingest cost; bench/projection-writer.ts measured this
-- one before it was added (see BENCHMARKS.md). to_at is not in it: a step's end would move the entry.
CREATE INDEX holds_by_handler ON holds (handler_id);
