/**
 * A history load seen from the dashboard (README "Bulk backfill"): `npm run import -- --history` is
 * sending a source's past, or its events are still being projected. Sent in GET /health `historyLoad`,
 * in every `clock:ticked` and, on its start and end, as `history-load:changed`; null when none runs.
 */
export interface HistoryLoadState {
  /**
   * `loading`: batches are still arriving; `catching_up`: the last batch arrived, the projection writer
   * is still folding the load's events (the lists, the data-trust flags follow it).
   */
  phase: 'loading' | 'catching_up';
  /** Names of the ingest sources sending the load (nearly always one importer). */
  sources: string[];
  /** When its first batch arrived (Vietnam time, ISO 8601). */
  since: string;
  /** Events sent in the load's batches so far (accepted, duplicates and rejected alike). */
  eventsReceived: number;
  /** Events logged since the load started that the projection writer has not folded yet. */
  eventsToProject: number;
  /** Share of the events logged since the load started that are projected, 0–100 (rounded down). */
  projectedPercent: number;
}
