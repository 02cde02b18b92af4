/**
 * The static shape of the simulated city: who receives how many dossiers, for which procedures,
 * who handles them, and how well each unit and official performs. Derived once from a seed, the
 * jurisdiction and the procedure catalogue; the generator then only draws events from it.
 *
 * Calibration targets (DOMAIN.md › Scale): ≈ 15,000 dossiers per working day at scale 1, ≈ 68%
 * online, ≈ 96% of finished dossiers on time city-wide, with about ten chronically late units
 * (70–85% on time), some slow officials and a few buck-passers.
 */

import type { Jurisdiction } from '../domain/types.js';
import { randomVietnameseName } from './names.js';
import type { SimProcedure } from './procedures.js';
import { cumulativeWeights, hashSeed, Random } from './random.js';
import { linkLiaisons, pickBuckPassers } from './city-roles.js';
import type { WireHandler, WireProcedure } from './wire.js';

/** The role an official plays in a dossier's steps (tiếp nhận → chuyên viên → lãnh đạo ký). */
export type OfficialRole = 'receiver' | 'specialist' | 'leader';

/** A simulated official (cán bộ, công chức). */
export interface SimOfficial {
  /** Stable id "<province>-<unit>-cbNN", e.g. "79-26734-cb03". */
  id: string;
  name: string;
  /** Unit or department code. */
  unit: string;
  role: OfficialRole;
  /**
   * Multiplies the chance that a dossier this official processes ends late. Normalised so the
   * unit's officials of one role average 1, so slowness moves lateness between officials without
   * changing the unit's rate.
   */
  lateFactor: number;
  /** Chronically holds dossiers beyond the step's allotted time. */
  slow: boolean;
  /** Tends to bounce dossiers to a colleague and take them back (A→B→A). */
  buckPasser: boolean;
  /** Wire form ({ id, name, unit }), shared by every event that names this official. */
  wire: WireHandler;
}

/** A receiving unit: a ward/commune/special zone, or a city department. */
export interface SimUnit {
  /** Position in {@link CityModel.units}. */
  index: number;
  code: string;
  kind: 'unit' | 'department';
  name: string;
  /** Expected dossiers received on an ordinary working day at scale 1. */
  dailyVolume: number;
  /** Share of dossiers submitted online. */
  onlineShare: number;
  /** Share of the offline dossiers that arrive by post (bưu chính công ích). */
  postalShare: number;
  /** Share of dossiers digitised at receipt. */
  digitizedShare: number;
  /** Share of online fee-bearing dossiers paid online. */
  paidOnlineShare: number;
  /** Chance a processed dossier ends late, before procedure and official factors. */
  lateRate: number;
  /** One of the ~10 chronically late units. */
  chronicallyLate: boolean;
  /** Median lateness of a late dossier, working days. */
  lateMedianDays: number;
  /** ≥ 1; higher finishes on-time dossiers earlier in their allowed time. */
  speed: number;
  /** This unit's system sends due dates as bare dates (end of day) rather than instants. */
  dueAsDate: boolean;
  /** Chance a directive task assigned to this unit is completed late. */
  taskLateRate: number;
  receivers: SimOfficial[];
  specialists: SimOfficial[];
  leaders: SimOfficial[];
  /** Procedures this unit receives; empty for departments that handle none. */
  procedures: SimProcedure[];
  /** Wire form of each procedure (shared, so emitted events do not each allocate one). */
  wireProcedures: WireProcedure[];
  procedureCumulativeWeights: Float64Array;
  /** Per-procedure lateness multiplier, normalised to average 1 over this unit's mix. */
  procedureLateFactors: Float64Array;
  /** Per-procedure chance of a supplement request. */
  procedureSupplementRates: Float64Array;
  /**
   * Per procedure, the city department whose staff handle a step of this ward's dossiers (liên thông:
   * land and construction files go through the department between the ward's specialist and leader);
   * null for procedures the ward handles alone, and for departments' own procedures.
   */
  procedureLiaisons: (SimUnit | null)[];
}

/** The whole simulated city. */
export interface CityModel {
  seed: number;
  /** Province code, e.g. "79". */
  provinceCode: string;
  units: SimUnit[];
  byCode: ReadonlyMap<string, SimUnit>;
  /** Expected dossiers per ordinary working day at scale 1, city-wide. */
  dossiersPerWorkingDay: number;
  /** Codes of the chronically late units. */
  chronicallyLate: string[];
  /** Ids of slow officials. */
  slowOfficials: string[];
  /** Ids of buck-passing officials. */
  buckPassers: string[];
  /** Target share of finished dossiers ending on time. */
  targetOnTimeRate: number;
}

/** Options for {@link buildCityModel}. */
export interface CityModelOptions {
  seed: number;
  jurisdiction: Jurisdiction;
  procedures: readonly SimProcedure[];
  /** City-wide dossiers per ordinary working day at scale 1 (default 15,000). */
  dossiersPerWorkingDay?: number;
  /** Share of dossiers received by departments rather than wards (default 0.1). */
  departmentShare?: number;
  /** City-wide online share (default 0.68: 1.7 of 2.51 million in 2025). */
  onlineShare?: number;
  /** City-wide share of finished dossiers on time (default 0.96). */
  targetOnTimeRate?: number;
  /** How many chronically late units (default 10, at most ~6% of units). */
  chronicallyLateUnits?: number;
}

/** Share of dossiers that end withdrawn/refused/stopped (always on time) rather than processed. */
export const ALTERNATIVE_END_SHARE = 0.022;

/** How much likelier a field's dossiers are to run late than the unit's average (before normalising). */
const FIELD_LATE_WEIGHT: ReadonlyArray<readonly [RegExp, number]> = [
  [/^Đất đai/, 4],
  [/^Xây dựng/, 3],
  [/^Tài nguyên/, 2.5],
  [/^Y tế/, 2],
  [/^Bảo trợ|^Lao động/, 1.6],
  [/^Tư pháp/, 1.3],
  [/^Hộ tịch/, 0.6],
  [/^Chứng thực/, 0.3],
];

/** Chance of a supplement request by field (land and construction files are the ones sent back). */
const FIELD_SUPPLEMENT_RATE: ReadonlyArray<readonly [RegExp, number]> = [
  [/^Đất đai/, 0.2],
  [/^Xây dựng/, 0.18],
  [/^Tài nguyên|^Y tế/, 0.14],
  [/^Bảo trợ|^Lao động|^Thành lập/, 0.1],
  [/^Đăng ký kinh doanh/, 0.08],
  [/^Hộ tịch/, 0.03],
  [/^Chứng thực/, 0.008],
];

function lookup(table: ReadonlyArray<readonly [RegExp, number]>, field: string, fallback: number): number {
  for (const [re, v] of table) if (re.test(field)) return v;
  return fallback;
}

const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);

function officialId(province: string, unit: string, n: number): string {
  return `${province}-${unit}-cb${n < 10 ? '0' : ''}${n}`;
}

/** Department-level procedures a department receives: those whose agencies match its name. */
function proceduresForDepartment(name: string, procedures: readonly SimProcedure[]): SimProcedure[] {
  const lower = name.toLocaleLowerCase('vi');
  return procedures.filter((p) => p.level !== 'ward' && (p.agencies ?? []).some((a) => lower.includes(a.toLocaleLowerCase('vi'))));
}

/**
 * Builds the city model. Pure: the same options always give the same model.
 *
 * Volumes: wards share (1 − departmentShare) of the city volume in proportion to population
 * (± 15% local variation); departments share the rest in proportion to the weight of the
 * procedures they receive. Departments whose name matches no procedure's `agencies` receive no
 * dossiers (they still get directive tasks) — unless none match at all, in which case every
 * department receives every department-level procedure, so small hand-made jurisdictions work.
 */
export function buildCityModel(options: CityModelOptions): CityModel {
  const { seed, jurisdiction, dossiersPerWorkingDay = 15_000, targetOnTimeRate = 0.96, chronicallyLateUnits = 10 } = options;
  const province = jurisdiction.code;
  const rng = new Random(hashSeed(seed, 'city-model'));
  const drafts = draftUnits(options, rng);

  // Chronically late units: wards/communes only (they are what the map colours), ~6% of them.
  const unitDrafts = drafts.filter((d) => d.kind === 'unit');
  const chronicCount = Math.min(chronicallyLateUnits, Math.max(unitDrafts.length >= 4 ? 1 : 0, Math.floor(unitDrafts.length * 0.06)));
  const chronicSet = new Set<string>();
  const pool = unitDrafts.map((d) => d.code);
  for (let k = 0; k < chronicCount && pool.length > 0; k++) {
    const i = rng.int(0, pool.length - 1);
    chronicSet.add(pool[i]!);
    pool.splice(i, 1);
  }

  const maxVolume = Math.max(...drafts.map((d) => d.dailyVolume), 1);
  const slowOfficials: string[] = [];
  const units: SimUnit[] = drafts.map((d, index) => {
    const urng = new Random(hashSeed(seed, 'unit', d.code));
    const chronic = chronicSet.has(d.code);
    const staff = staffUnit(province, d, maxVolume, chronic, urng);
    for (const o of [...staff.receivers, ...staff.specialists]) if (o.slow) slowOfficials.push(o.id);
    return unitOf(d, index, chronic, staff, options.onlineShare ?? 0.68, urng);
  });
  calibrateLateRates(units, targetOnTimeRate);
  linkLiaisons(units);
  const buckPassers = pickBuckPassers(units, rng);

  return {
    seed,
    provinceCode: province,
    units,
    byCode: new Map(units.map((u) => [u.code, u] as const)),
    dossiersPerWorkingDay,
    chronicallyLate: units.filter((u) => u.chronicallyLate).map((u) => u.code),
    slowOfficials,
    buckPassers,
    targetOnTimeRate,
  };
}

/** A unit before its officials and rates are drawn. */
interface Draft {
  code: string;
  kind: 'unit' | 'department';
  name: string;
  unitType: string;
  dailyVolume: number;
  procedures: SimProcedure[];
}

/** Wards then departments, with their volumes and the procedures they receive. */
function draftUnits(options: CityModelOptions, rng: Random): Draft[] {
  const { jurisdiction, procedures, dossiersPerWorkingDay = 15_000, departmentShare = 0.1 } = options;
  const wardProcedures = procedures.filter((p) => p.level !== 'department');
  if (wardProcedures.length === 0) throw new Error('buildCityModel: no ward-level procedures');

  let departmentProcedures = jurisdiction.departments.map((d) => proceduresForDepartment(d.name, procedures));
  if (departmentProcedures.every((list) => list.length === 0)) {
    const all = procedures.filter((p) => p.level !== 'ward');
    departmentProcedures = jurisdiction.departments.map(() => all);
  }
  const hasDepartmentVolume = departmentProcedures.some((l) => l.length > 0);
  const wardShare = hasDepartmentVolume ? 1 - departmentShare : 1;

  const drafts: Draft[] = [];
  const wardJitter = jurisdiction.units.map(() => rng.range(0.85, 1.15));
  const jitterTotal = jurisdiction.units.reduce((s, u, i) => s + Math.max(u.population, 1) * wardJitter[i]!, 0);
  jurisdiction.units.forEach((u, i) => {
    drafts.push({
      code: u.code,
      kind: 'unit',
      name: u.fullName || u.name,
      unitType: u.type,
      dailyVolume: (dossiersPerWorkingDay * wardShare * Math.max(u.population, 1) * wardJitter[i]!) / jitterTotal,
      procedures: wardProcedures,
    });
  });
  const departmentWeights = departmentProcedures.map((list) => list.reduce((s, p) => s + p.weight, 0));
  const departmentWeightTotal = departmentWeights.reduce((s, w) => s + w, 0);
  jurisdiction.departments.forEach((d, i) => {
    drafts.push({
      code: d.code,
      kind: 'department',
      name: d.name,
      unitType: 'Sở',
      dailyVolume:
        departmentWeightTotal > 0 ? (dossiersPerWorkingDay * (1 - wardShare) * departmentWeights[i]!) / departmentWeightTotal : 0,
      procedures: departmentProcedures[i]!,
    });
  });
  return drafts;
}

interface Staff {
  leaders: SimOfficial[];
  receivers: SimOfficial[];
  specialists: SimOfficial[];
}

/** 4–12 officials, more where the volume is; departments at the upper end. */
function staffUnit(province: string, d: Draft, maxVolume: number, chronic: boolean, urng: Random): Staff {
  const staff = clamp(
    Math.round((d.kind === 'department' ? 8 : 4) + 6 * Math.sqrt(d.dailyVolume / maxVolume) + urng.range(-1, 1.5)),
    4,
    12,
  );
  const leaderCount = staff >= 7 ? 2 : 1;
  const receiverCount = clamp(Math.round(staff * 0.25), 1, 3);
  const specialistCount = staff - leaderCount - receiverCount;
  const names = new Set<string>();
  let n = 0;
  const make = (role: OfficialRole, slowChance: number): SimOfficial => {
    let name = randomVietnameseName(urng);
    while (names.has(name)) name = randomVietnameseName(urng);
    names.add(name);
    n++;
    const slow = urng.chance(slowChance);
    const id = officialId(province, d.code, n);
    return { id, name, unit: d.code, role, lateFactor: slow ? 3.5 : 1, slow, buckPasser: false, wire: { id, name, unit: d.code } };
  };
  const leaders = Array.from({ length: leaderCount }, () => make('leader', 0));
  const receivers = Array.from({ length: receiverCount }, () => make('receiver', 0.06));
  const specialists = Array.from({ length: specialistCount }, () => make('specialist', chronic ? 0.3 : 0.12));
  for (const group of [receivers, specialists]) {
    const mean = group.reduce((s, o) => s + o.lateFactor, 0) / group.length;
    for (const o of group) o.lateFactor /= mean;
  }
  return { leaders, receivers, specialists };
}

/** The unit's shares, rates and procedure tables (late rates before calibration). */
function unitOf(d: Draft, index: number, chronic: boolean, staff: Staff, onlineShare: number, urng: Random): SimUnit {
  const weights = d.procedures.map((p) => p.weight);
  const rawLate = d.procedures.map((p) => lookup(FIELD_LATE_WEIGHT, p.field, 1));
  const weightSum = weights.reduce((s, w) => s + w, 0);
  const meanLate = weightSum > 0 ? d.procedures.reduce((s, p, i) => s + p.weight * rawLate[i]!, 0) / weightSum : 1;

  let online = clamp(onlineShare + urng.normal() * 0.05, 0.45, 0.9);
  if (d.unitType === 'Xã') online -= 0.06; // rural communes submit more in person
  if (d.unitType === 'Đặc khu') online -= 0.12;
  if (d.kind === 'department') online += 0.08;

  return {
    index,
    code: d.code,
    kind: d.kind,
    name: d.name,
    dailyVolume: d.dailyVolume,
    onlineShare: clamp(online, 0.3, 0.95),
    postalShare: urng.range(0.02, 0.06),
    digitizedShare: urng.range(0.72, 0.97),
    paidOnlineShare: urng.range(0.45, 0.9),
    lateRate: chronic ? urng.range(0.18, 0.32) : urng.logNormal(1, 0.55),
    chronicallyLate: chronic,
    lateMedianDays: chronic ? urng.range(1.5, 3) : urng.range(0.4, 1.2),
    speed: chronic ? urng.range(1, 1.3) : urng.range(1.2, 2.4),
    dueAsDate: urng.chance(0.08),
    taskLateRate: 0,
    receivers: staff.receivers,
    specialists: staff.specialists,
    leaders: staff.leaders,
    procedures: d.procedures,
    wireProcedures: d.procedures.map((p) => ({ code: p.code, name: p.name, field: p.field, legalDays: p.legalDays })),
    procedureCumulativeWeights: cumulativeWeights(weights.length > 0 ? weights : [1]),
    procedureLateFactors: Float64Array.from(rawLate, (r) => r / meanLate),
    procedureSupplementRates: Float64Array.from(d.procedures, (p) => lookup(FIELD_SUPPLEMENT_RATE, p.field, 0.06)),
    procedureLiaisons: [],
  };
}

/**
 * Scales the ordinary units' late rates so the city lands on the target. The chronic ones are
 * fixed by definition; the processed share excludes withdrawn/refused/stopped endings.
 */
function calibrateLateRates(units: SimUnit[], targetOnTimeRate: number): void {
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
