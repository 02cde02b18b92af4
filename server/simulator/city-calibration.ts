/**
 * The city-wide passes over the drafted units (simulator/city-model.ts): which department takes a
 * ward's inter-level step, late rates scaled so the city lands on its on-time target, and the few
 * buck-passers.
 */
import type { SimUnit } from './city-model.js';
import type { Random } from './random.js';

/** Share of dossiers that end withdrawn/refused/stopped (always on time) rather than processed. */
export const ALTERNATIVE_END_SHARE = 0.022;

export const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);

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

/**
 * Scales the ordinary units' late rates so the city lands on the target. The chronic ones are
 * fixed by definition; the processed share excludes withdrawn/refused/stopped endings.
 */
export function calibrateLateRates(units: SimUnit[], targetOnTimeRate: number): void {
  const processedLateTarget = (1 - targetOnTimeRate) / (1 - ALTERNATIVE_END_SHARE);
  let chronicLate = 0;
  let ordinaryRaw = 0;
  let ordinaryVolume = 0;
  let totalVolume = 0;
  for (const u of units) {
    totalVolume += u.dailyVolume;
    if (u.chronicallyLate) chronicLate += u.dailyVolume * u.lateRate;
    else {
      ordinaryRaw += u.dailyVolume * u.lateRate;
      ordinaryVolume += u.dailyVolume;
    }
  }
  const budget = Math.max(processedLateTarget * totalVolume - chronicLate, 0.004 * ordinaryVolume);
  const factor = ordinaryRaw > 0 ? budget / ordinaryRaw : 0;
  const meanOrdinary = ordinaryVolume > 0 ? budget / ordinaryVolume : processedLateTarget;
  for (const u of units) {
    if (!u.chronicallyLate) u.lateRate = clamp(u.lateRate * factor, 0.003, 0.14);
    // Units that are late on dossiers tend to be late on directives too.
    u.taskLateRate = clamp(0.1 * Math.sqrt(u.lateRate / Math.max(meanOrdinary, 1e-6)), 0.04, 0.45);
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
