/**
 * Is what the wall shows live? Pure: from the connection facts and the client clock.
 * A wall never looks live when it is not: no clock tick for STALE_AFTER_MS → stale.
 */
import { vnParts } from '../../lib/format';

/** No `clock:ticked` for this long (the server ticks every 5 s) → the big "Mất kết nối" banner. */
export const WALL_STALE_AFTER_MS = 15_000;

export type WallFreshness = 'live' | 'reconnecting' | 'stale';

export interface FreshnessInput {
  connected: boolean;
  /** Client time (ms) the last clock tick arrived; null before the first. */
  lastTickAt: number | null;
  /** Client time (ms) the wall started (counts as "heard" before the first tick). */
  startedAt: number;
  /** The live subscription holds a current snapshot. */
  synced: boolean;
  now: number;
}

/**
 * - stale: nothing heard for longer than `staleAfterMs` (connected or not);
 * - reconnecting: heard recently, but the socket is down or the snapshot is being fetched again;
 * - live otherwise.
 */
export function wallFreshness(i: FreshnessInput, staleAfterMs = WALL_STALE_AFTER_MS): WallFreshness {
  const lastHeard = i.lastTickAt ?? i.startedAt;
  if (i.now - lastHeard > staleAfterMs) return 'stale';
  if (!i.connected || !i.synced) return 'reconnecting';
  return 'live';
}

/** `HH:MM` of a server instant in Vietnam time; null when unknown. */
export function hourMinute(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const p = vnParts(iso);
  if (!p) return null;
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** The Vietnam calendar day of an instant, as a key (`2026-11-20`); null when unknown. */
export function vnDay(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const p = vnParts(iso);
  return p ? `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}` : null;
}

/** `dd/MM` of an instant in Vietnam time. */
export function dayMonth(iso: string): string {
  const p = vnParts(iso);
  return p ? `${String(p.day).padStart(2, '0')}/${String(p.month).padStart(2, '0')}` : '';
}
