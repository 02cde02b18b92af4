/**
 * The procedure catalogue's legal processing times, by national procedure code (MaTTHC). DVCQG records
 * carry no legal time, only NgayHenTra; with the catalogue a synced dossier gets its procedure's real
 * legal time, so that a due date set later than the law allows is flagged like a native one
 * (domain/data-trust.ts). PROCEDURES_FILE selects the catalogue; the demo's is fixtures/procedures.json.
 */
import { DEFAULT_PROCEDURES_PATH, loadProcedures } from '../simulator/procedures.js';

/** Legal time in working days of each catalogued procedure code. */
export type ProcedureLegalDays = ReadonlyMap<string, number>;

export function loadProcedureLegalDays(path: string = process.env.PROCEDURES_FILE || DEFAULT_PROCEDURES_PATH): ProcedureLegalDays {
  return new Map(loadProcedures(path).map((p) => [p.code, p.legalDays]));
}
