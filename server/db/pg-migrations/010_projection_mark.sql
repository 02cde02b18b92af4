-- The PostgreSQL projection writer's mark (issue 17, slice 2: server/projection/pg-projector.ts): every
-- event with seq up to it is in migration 003's tables. Written in the same transaction as a pass's rows,
-- after the row is locked (FOR UPDATE) and found where the writer left it: a restart resumes from it, and a
-- second writer (another node) finds the mark moved and stands back, so no pass is written twice.
CREATE TABLE projection_mark (
  one BOOLEAN PRIMARY KEY DEFAULT true CHECK (one),
  seq BIGINT NOT NULL CHECK (seq >= 0)
);
INSERT INTO projection_mark (one, seq) VALUES (true, 0);

