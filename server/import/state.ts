/**
 * The resume state of an import, in a file next to the input (FILE.import-state.json): the byte
 * offset and line number of the first record not yet acknowledged by the server, the counts so far,
 * and how long the report of rejected rows was then. Written atomically (temp file + rename) so a
 * crash leaves the previous state or the new one, never half of one.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

export interface ImportCounts {
  /** Records read (blank lines aside). */
  read: number;
  accepted: number;
  duplicate: number;
  /** Rejected by the server. */
  rejected: number;
  /** Could not be parsed here (not sent). */
  unparsable: number;
}

export interface ImportState {
  version: 1;
  kind: string;
  format: string;
  /** Size of the input file: a different file under the same name is not resumed. */
  size: number;
  offset: number;
  line: number;
  counts: ImportCounts;
  reportBytes: number;
  savedAt: string;
}

export const emptyCounts = (): ImportCounts => ({ read: 0, accepted: 0, duplicate: 0, rejected: 0, unparsable: 0 });

export type LoadedState = { ok: true; state: ImportState | null } | { ok: false; problem: string };

/** The state to resume from (null: none, start at the beginning), or why it cannot be used. */
export function loadState(stateFile: string, expect: { kind: string; format: string; size: number }): LoadedState {
  if (!existsSync(stateFile)) return { ok: true, state: null };
  let state: ImportState;
  try {
    state = JSON.parse(readFileSync(stateFile, 'utf8')) as ImportState;
  } catch (err) {
    return { ok: false, problem: `the state file ${stateFile} cannot be read (${(err as Error).message}); delete it to start over` };
  }
  if (state.version !== 1 || typeof state.offset !== 'number' || typeof state.line !== 'number' || !state.counts) {
    return { ok: false, problem: `the state file ${stateFile} is not an import state; delete it to start over` };
  }
  const differs = (['kind', 'format', 'size'] as const).filter((k) => state[k] !== expect[k]);
  if (differs.length) {
    const what = differs.map((k) => `${k} ${String(state[k])} then, ${String(expect[k])} now`).join('; ');
    return { ok: false, problem: `the state file ${stateFile} belongs to another import (${what}); delete it to start over` };
  }
  return { ok: true, state };
}

export function saveState(stateFile: string, state: Omit<ImportState, 'version' | 'savedAt'>): void {
  const tmp = `${stateFile}.tmp`;
  writeFileSync(tmp, JSON.stringify({ version: 1, ...state, savedAt: new Date().toISOString() }, null, 2) + '\n');
  renameSync(tmp, stateFile);
}

export function removeState(stateFile: string): void {
  rmSync(stateFile, { force: true });
}
