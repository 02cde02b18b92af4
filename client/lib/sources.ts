/**
 * Per-source freshness on screen: counts for the header button and the lag in words. Pure.
 * The server judges each source's state (server/metrics/source-silence.ts); the client only shows it.
 */
import type { SourceFreshness, SourceState } from '../../shared/contract/api';

/** An icon per state, always shown with its words (never colour alone). */
export const SOURCE_STATE_ICON: Record<SourceState, string> = { live: '●', late: '◔', silent: '⚠' };

export interface SourcesSummary {
  total: number;
  live: number;
  late: number;
  silent: number;
  /** The worst state among the sources (silent > late > live); null when there is none. */
  worst: SourceState | null;
}

/** How many sources are live, late and silent, and the worst state. */
export function summarizeSources(sources: readonly Pick<SourceFreshness, 'state'>[]): SourcesSummary {
  const s: SourcesSummary = { total: sources.length, live: 0, late: 0, silent: 0, worst: null };
  for (const x of sources) s[x.state] += 1;
  s.worst = s.silent > 0 ? 'silent' : s.late > 0 ? 'late' : s.total > 0 ? 'live' : null;
  return s;
}

/** A lag as an i18n key under `sources.lag` and its values: under a minute, minutes, hours and minutes, days and hours. */
export function lagWords(ms: number | null): {
  key: 'none' | 'underMinute' | 'minutes' | 'hours' | 'days';
  values: Record<string, string | number>;
} {
  if (ms === null) return { key: 'none', values: {} };
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return { key: 'underMinute', values: {} };
  if (minutes < 60) return { key: 'minutes', values: { m: minutes } };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { key: 'hours', values: { h: hours, m: String(minutes % 60).padStart(2, '0') } };
  return { key: 'days', values: { d: Math.floor(hours / 24), h: hours % 24 } };
}

/**
 * A clock skew (ms, signed) as a sign and an i18n key under `sources.lag` (or `sources.skew.seconds`
 * under a minute) with its values: "+3 phút", "−12 giây". Null before any event.
 */
export function skewWords(ms: number | null): {
  sign: '+' | '−' | '±';
  key: 'seconds' | 'minutes' | 'hours' | 'days';
  values: Record<string, string | number>;
} | null {
  if (ms === null) return null;
  const abs = Math.abs(ms);
  const seconds = Math.round(abs / 1000);
  // The typographic minus, as Vietnamese and English print a negative figure.
  const sign = seconds === 0 ? '±' : ms > 0 ? '+' : '−';
  if (abs < 60_000) return { sign, key: 'seconds', values: { s: seconds } };
  const lag = lagWords(abs);
  return { sign, key: lag.key as 'minutes' | 'hours' | 'days', values: lag.values };
}
