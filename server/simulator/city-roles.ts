/**
 * Who plays a city-wide part in the simulated city (simulator/city-model.ts): the department that
 * takes a ward's inter-level step, and the few buck-passers.
 */
import type { SimUnit } from './city-model.js';
import type { Random } from './random.js';

/** Which department handles the inter-level step (liên thông) of a ward procedure, by field: words of its name. */
const FIELD_LIAISON: ReadonlyArray<readonly [RegExp, string]> = [
  [/^Đất đai|^Tài nguyên/, 'Môi trường'],
  [/^Xây dựng/, 'Xây dựng'],
];

/** Sets each ward's procedure liaisons (see SimUnit.procedureLiaisons); departments whose staff could not take a step are skipped. */
export function linkLiaisons(units: SimUnit[]): void {
  const departments = units.filter((u) => u.kind === 'department' && u.specialists.length > 0);
  for (const u of units) {
    u.procedureLiaisons = u.procedures.map((p) => {
      if (u.kind !== 'unit') return null;
      const words = FIELD_LIAISON.find(([re]) => re.test(p.field))?.[1];
      return words === undefined ? null : (departments.find((d) => d.name.includes(words)) ?? null);
    });
  }
}

/** A few buck-passers city-wide, among specialists who have a colleague to pass to; returns their ids. */
export function pickBuckPassers(units: SimUnit[], rng: Random): string[] {
  const candidates = units.filter((u) => u.specialists.length >= 2);
  const buckPassers: string[] = [];
  const buckCount = Math.min(8, Math.max(candidates.length > 0 ? 1 : 0, Math.round(candidates.length / 20)));
  for (let k = 0; k < buckCount && candidates.length > 0; k++) {
    const u = candidates.splice(rng.int(0, candidates.length - 1), 1)[0]!;
    const o = rng.pick(u.specialists);
    o.buckPasser = true;
    buckPassers.push(o.id);
  }
  return buckPassers;
}
