/**
 * The simulator's catalogue of administrative procedures (fixtures/procedures.json).
 */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Which level receives a procedure: ward/commune, city department, or both. */
export type ProcedureLevel = 'ward' | 'department' | 'both';

/** One procedure as the simulator uses it. */
export interface SimProcedure {
  /** National code, e.g. "1.001193". */
  code: string;
  name: string;
  /** Lĩnh vực. */
  field: string;
  /** Legal processing time in working days (whole days; "within the day" counts as 1). */
  legalDays: number;
  level: ProcedureLevel;
  /** Relative frequency within the level that receives it. */
  weight: number;
  /** Carries a fee or charge (denominator of the online-payment indicator). */
  feeBearing: boolean;
  /**
   * Words matched (case-insensitively) against department names to decide which department
   * receives a department-level procedure, e.g. ["Tư pháp"].
   */
  agencies?: string[];
}

/** Default location of the catalogue, relative to this file (works from source and under tsx). */
export const DEFAULT_PROCEDURES_PATH = fileURLToPath(new URL('../../fixtures/procedures.json', import.meta.url));

/**
 * Reads and checks the procedure catalogue. Throws with the offending entry when the file is
 * malformed, because a silently skipped procedure would skew every simulated volume.
 */
export function loadProcedures(path: string = DEFAULT_PROCEDURES_PATH): SimProcedure[] {
  const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const list =
    raw && typeof raw === 'object' && Array.isArray((raw as { procedures?: unknown }).procedures)
      ? (raw as { procedures: unknown[] }).procedures
      : null;
  if (!list) throw new Error(`${path}: expected { "procedures": [...] }`);
  const seen = new Set<string>();
  return list.map((entry, i) => {
    const p = entry as Partial<SimProcedure>;
    const bad = (why: string): never => {
      throw new Error(`${path}: procedures[${i}] ${why}: ${JSON.stringify(entry)}`);
    };
    if (typeof p.code !== 'string' || !/^\d\.\d{6}$/.test(p.code)) bad('code must look like 1.001193');
    if (seen.has(p.code!)) bad('duplicate code');
    seen.add(p.code!);
    if (typeof p.name !== 'string' || !p.name) bad('name missing');
    if (typeof p.field !== 'string' || !p.field) bad('field missing');
    if (typeof p.legalDays !== 'number' || !Number.isInteger(p.legalDays) || p.legalDays < 1) {
      bad('legalDays must be a whole number of working days ≥ 1');
    }
    if (p.level !== 'ward' && p.level !== 'department' && p.level !== 'both') bad('bad level');
    if (typeof p.weight !== 'number' || !(p.weight > 0)) bad('weight must be > 0');
    if (typeof p.feeBearing !== 'boolean') bad('feeBearing must be a boolean');
    if (p.agencies !== undefined && !(Array.isArray(p.agencies) && p.agencies.every((a) => typeof a === 'string'))) {
      bad('agencies must be a list of strings');
    }
    return {
      code: p.code!,
      name: p.name!,
      field: p.field!,
      legalDays: p.legalDays!,
      level: p.level!,
      weight: p.weight!,
      feeBearing: p.feeBearing!,
      ...(p.agencies ? { agencies: [...p.agencies] } : {}),
    };
  });
}
