/** The time machine's wire types (issue 16): an answer about a past instant, and how it was reached. */

/** `received`: the events the server had received by then (what was shown); `corrected`: every event about times up to then, received since. */
export const REPLAY_AS_OF = ['received', 'corrected'] as const;
export type ReplayAsOf = (typeof REPLAY_AS_OF)[number];

/** What marks an answer as a replay, beside the live answer's fields. */
export interface ReplayInfo {
  /** The instant replayed, ISO with +07:00. */
  at: string;
  asOf: ReplayAsOf;
  /**
   * The state is classified by the rules in force now (the working calendar and the settings loaded
   * at start), not by those of that moment: always `now`, said so that no one reads it otherwise.
   */
  rules: 'now';
  /** The stored checkpoint it was folded forward from; null when there was none before `at`. */
  checkpointAt: string | null;
  /** Dossiers and tasks folded on top of the checkpoint. */
  itemsFolded: number;
  /** When the server received its first event (ISO); null for an empty log. As received, nothing is counted before it. */
  firstArrival: string | null;
  /** Figures a replay does not give (they depend on the projections as they are now): always these. */
  omitted: ('previousCity' | 'previousCityToDate' | 'forecast' | 'lastWorkingDay')[];
}
