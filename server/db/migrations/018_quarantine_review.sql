-- The data-quality review of quarantined events (issue 14, /admin/quality). rule: what the record
-- broke, from its first error (server/domain/quarantine-rule.ts; the records already here are named
-- by the same function, registered on the connection as quarantine_rule). state: open until an admin
-- replays a fixed copy through the ingest path (replayed: the event ids it became, the payload that
-- was accepted) or dismisses it with a note; reviewed_at (epoch ms) and reviewed_by (`user:<name>`)
-- say when and by whom.
ALTER TABLE quarantine ADD COLUMN rule TEXT NOT NULL DEFAULT 'other';
ALTER TABLE quarantine ADD COLUMN state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'replayed', 'dismissed'));
ALTER TABLE quarantine ADD COLUMN reviewed_at INTEGER;
ALTER TABLE quarantine ADD COLUMN reviewed_by TEXT;
ALTER TABLE quarantine ADD COLUMN review_note TEXT;
ALTER TABLE quarantine ADD COLUMN replayed_event_ids TEXT;
ALTER TABLE quarantine ADD COLUMN replayed_raw TEXT;

UPDATE quarantine SET rule = quarantine_rule(errors);

-- The review's filters and counts: per source and rule over a period, and the open ones.
CREATE INDEX quarantine_by_source_rule ON quarantine (source_id, rule, received_at);
CREATE INDEX quarantine_open ON quarantine (state, received_at);
