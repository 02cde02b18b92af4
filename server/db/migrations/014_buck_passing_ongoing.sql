-- A case whose dossier was sent back and not yet passed forward again is still running: its time lost
-- grows, and the list says "still sent back" rather than a final figure (domain BuckPassingCase.ongoing).
-- Its own migration, not an edit of 009: databases that already ran 009 gain the column too.
ALTER TABLE buck_passing_cases ADD COLUMN ongoing INTEGER NOT NULL DEFAULT 0;
