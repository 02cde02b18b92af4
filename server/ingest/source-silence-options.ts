/**
 * The per-source silence settings as given on the command line or to the admin API
 * (`--silent-after-minutes N`, `--hours office|always`), checked once for both.
 */
import { SOURCE_HOURS, type SourceHours } from '../metrics/source-silence.js';
import type { SourceRow } from '../db/sources-repo.js';

/** Longest silence threshold a source may be given: one week. */
export const MAX_SILENT_AFTER_MINUTES = 7 * 24 * 60;

export interface SourceSilenceOptions {
  /** undefined: not given (keep); null: back to the server default (SOURCE_SILENT_MS). */
  silentAfterMs?: number | null;
  hours?: SourceHours;
}

/**
 * Parses the minutes (a whole number 1–10080, or "default" for the server's SOURCE_SILENT_MS) and
 * the hours (`office` or `always`); each may be absent. Answers every problem found.
 */
export function parseSourceSilenceOptions(
  minutes: unknown,
  hours: unknown,
): { ok: true; options: SourceSilenceOptions } | { ok: false; problem: string } {
  const options: SourceSilenceOptions = {};
  const problems: string[] = [];
  if (minutes !== undefined && minutes !== null) {
    const text = String(minutes).trim();
    if (text === 'default') options.silentAfterMs = null;
    else if (/^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= MAX_SILENT_AFTER_MINUTES)
      options.silentAfterMs = Number(text) * 60_000;
    else problems.push(`silent-after-minutes: a whole number of minutes 1–${MAX_SILENT_AFTER_MINUTES}, or "default"`);
  }
  if (hours !== undefined && hours !== null) {
    if ((SOURCE_HOURS as readonly unknown[]).includes(hours)) options.hours = hours as SourceHours;
    else problems.push('hours: "office" (silence counted in working time) or "always" (a 24/7 source, counted in calendar time)');
  }
  return problems.length ? { ok: false, problem: problems.join('; ') } : { ok: true, options };
}

/** One line saying when a source is reported silent. */
export function describeSilence(s: Pick<SourceRow, 'silentAfterMs' | 'hours'>): string {
  const after = s.silentAfterMs === null ? 'SOURCE_SILENT_MS (the server default)' : `${s.silentAfterMs / 60_000} minutes`;
  const counted =
    s.hours === 'office'
      ? 'of working time (office hours; nights, weekends and days off do not count)'
      : 'of calendar time (a 24/7 source)';
  return `Reported silent after ${after} ${counted} without a batch; late after half of that.`;
}
