/**
 * The working calendar is data (fixtures/calendar/YYYY.json, edited by hand): a change to it is
 * recorded in the audit log at the first start that sees it, with the years that changed.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CALENDAR_DIR } from '../config/calendar-loader.js';
import type { Store } from '../db/store.js';
import type { AuditLog } from './audit.js';

const META_KEY = 'audit.calendarDigests';

/** SHA-256 of each calendar year file, by file name. */
export function calendarDigests(dir = DEFAULT_CALENDAR_DIR): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir)
    .filter((n) => /^\d{4}\.json$/.test(n))
    .sort()) {
    out[f] = createHash('sha256')
      .update(readFileSync(join(dir, f)))
      .digest('hex');
  }
  return out;
}

/** Compares the calendar files with the last start's and records `calendar.changed` when they differ. */
export function recordCalendarChanges(store: Store, audit: AuditLog, dir = DEFAULT_CALENDAR_DIR): string[] {
  const now = calendarDigests(dir);
  const before = JSON.parse(store.meta.get(META_KEY) ?? 'null') as Record<string, string> | null;
  store.meta.set(META_KEY, JSON.stringify(now));
  if (!before) return [];
  const changed = [...new Set([...Object.keys(now), ...Object.keys(before)])].filter((f) => now[f] !== before[f]).sort();
  if (changed.length) audit.record({ actor: 'system', action: 'calendar.changed', target: 'calendar', details: { files: changed } });
  return changed;
}

/**
 * After the administration wrote `file` (and audited it with its actor), remembers its digest, so that
 * the next start does not record the same change again as the system's. Other files keep the digests
 * of the last start: a hand edit of them is still recorded then.
 */
export function rememberCalendarFile(store: Store, dir: string, file: string): void {
  const before = JSON.parse(store.meta.get(META_KEY) ?? 'null') as Record<string, string> | null;
  if (!before) return; // no start has taken the baseline yet: the next one takes it, with this file as it is
  const now = calendarDigests(dir);
  if (now[file] === undefined) return;
  store.meta.set(META_KEY, JSON.stringify({ ...before, [file]: now[file] }));
}
