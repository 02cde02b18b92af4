/**
 * Changing an existing source's settings (unit limits and when it counts as silent): parsed once and
 * applied the same way by `npm run source:set` and PATCH /api/v1/admin/sources/:name.
 */
import type { SourceRow, SourceSettings } from '../db/sources-repo.js';
import type { ScopeKey } from '../metrics/types.js';
import { parseSourceSilenceOptions, type SourceSilenceOptions } from './source-silence-options.js';
import { parseSourceUnits } from './unit-limit.js';

/** Settings as given (command-line text or a JSON body); undefined: not given, kept. */
export interface SourceSettingsInput {
  /** Codes as a list or `26740,26743`; empty (or [], null) lifts the limit. */
  units?: unknown;
  silentAfterMinutes?: unknown;
  hours?: unknown;
  /** May send history-load batches (npm run import): true/false, or `yes`/`no` as typed on a command line. */
  historyLoad?: unknown;
}

/** A checked change: `units` undefined keeps the limit, null lifts it. */
export interface SourceSettingsChange extends SourceSilenceOptions {
  units?: string[] | null;
  historyLoad?: boolean;
}

const YES_NO: Record<string, boolean> = { true: true, yes: true, on: true, false: false, no: false, off: false };

/** Checks the settings given; `scopeOf` knows the jurisdiction's unit and department codes. */
export function parseSourceSettings(
  input: SourceSettingsInput,
  scopeOf: (code: string) => ScopeKey | null,
): { ok: true; change: SourceSettingsChange } | { ok: false; problem: string } {
  const problems: string[] = [];
  const change: SourceSettingsChange = {};
  const silence = parseSourceSilenceOptions(input.silentAfterMinutes, input.hours);
  if (silence.ok) Object.assign(change, silence.options);
  else problems.push(silence.problem);
  if (input.units !== undefined) {
    const u = input.units;
    const text =
      u === null ? '' : Array.isArray(u) && u.every((c) => typeof c === 'string') ? u.join(',') : typeof u === 'string' ? u : null;
    if (text === null) problems.push('units: a list of unit or department codes, or a comma-separated text');
    else {
      const units = parseSourceUnits(text, scopeOf);
      if (units.ok) change.units = units.units;
      else problems.push(units.problem);
    }
  }
  if (input.historyLoad !== undefined) {
    const h = input.historyLoad;
    const v = typeof h === 'boolean' ? h : typeof h === 'string' ? YES_NO[h.trim().toLowerCase()] : undefined;
    if (v === undefined) problems.push('historyLoad: yes or no');
    else change.historyLoad = v;
  }
  if (problems.length) return { ok: false, problem: problems.join('; ') };
  if (Object.keys(change).length === 0)
    return { ok: false, problem: 'nothing to change: give units, silentAfterMinutes, hours or historyLoad' };
  return { ok: true, change };
}

/** Where the change is written: the access store's sources (either engine), or the SQLite repository (the CLI). */
export interface SourceSettingsWriter {
  update(name: string, settings: SourceSettings): boolean | Promise<boolean>;
  findByName(name: string): SourceRow | null | Promise<SourceRow | null>;
}

/** Applies a checked change in one transaction; the source as it now is, or null when there is no such source. */
export async function applySourceSettings(
  sources: SourceSettingsWriter,
  name: string,
  change: SourceSettingsChange,
): Promise<SourceRow | null> {
  if (!(await sources.update(name, change))) return null;
  return sources.findByName(name);
}

/** What the audit log records of a source's settings after a change. */
export function sourceSettingsDetails(s: SourceRow): Record<string, unknown> {
  return { units: s.units, silentAfterMs: s.silentAfterMs, hours: s.hours, historyLoad: s.historyLoad };
}
