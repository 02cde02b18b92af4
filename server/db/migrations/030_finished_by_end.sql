-- The detail pages' finished dossiers of a window (issue 15: the city page's first read). Without a unit
-- (the city, a country) every such query was a scan of the whole dossiers table, whose rows carry the
-- state JSON (≈ 1 kB each): the processing times, the histogram and the trend's finished days each read
-- every row of every month kept. This index answers them from its own entries (covering: no row is
-- read) over the window's range of end times. Finished dossiers only: a dossier enters it once, when
-- it ends (an update that moves none of its columns leaves it alone), so ingest pays one index entry
-- per dossier. One unit's queries keep their (unit, end_at) index.
CREATE INDEX dossiers_finished_by_end ON dossiers (end_at, outcome, processing_days, field, procedure_code) WHERE open = 0;
