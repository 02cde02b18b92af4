/**
 * The live city: a seeded, reproducible stream of dossier and directive-task events.
 *
 * How it stays reproducible however time is chunked:
 *  - Time is cut into 30-minute slots. Each slot's arrivals are drawn from a stream seeded by
 *    (seed, slot), never from a stream shared across calls, so generate(a, c) equals
 *    generate(a, b) + generate(b, c).
 *  - A dossier's whole life (steps, supplements, lateness, ending) is decided when it is received,
 *    from its own seed; its events wait in a priority queue keyed by (instant, arrival order,
 *    position), which fixes the output order whichever call emits them.
 *
 * Lateness is decided first and then the timeline is laid out to match it, in working time over the
 * injected calendar: "on time" ends at or before the due date in force, "late" after it. That keeps
 * the city's on-time rate at the calibrated target (≈ 96%) while units and officials differ.
 */

import type { Channel, DomainSettings, Jurisdiction, WorkCalendar } from '../domain/types.js';
import { DEFAULT_DOMAIN_SETTINGS } from '../domain/types.js';
import * as time from '../domain/time.js';
import * as cityModel from './city-model.js';
import type { CityModel, CityModelOptions, SimOfficial, SimUnit } from './city-model.js';
import type { SimProcedure } from './procedures.js';
import * as random from './random.js';
import type { Random as RandomStream } from './random.js';
import * as texts from './texts.js';
import type {
  WireDossierEvent,
  WireDossierEventType,
  WireDossierRefused,
  WireDossierStopped,
  WireDossierWithdrawn,
  WireProcedure,
  WireTaskEvent,
  WireTaskEventType,
} from './wire.js';

// Local copies of imported bindings used in hot loops: under tsx and vitest, ES module imports are
// compiled to getter calls, and reading MS_PER_MINUTE & co. through getters millions of times
// showed up as a tenth of the generation time in profiles.
const {
  dayKeyOfIndex,
  dayOfWeekOfIndex,
  daysFromCivil,
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  VN_OFFSET_MS,
  vnDayIndex,
  vnDayStartOfIndex,
} = time;
const { ALTERNATIVE_END_SHARE, buildCityModel } = cityModel;
const { cumulativeWeights, hashSeed, Random } = random;
const {
  APOLOGY_REASONS,
  COMPLAINTS,
  REFUSAL_REASONS,
  STOP_REASONS,
  SUPPLEMENT_REASONS,
  TASK_EXTENSION_REASONS,
  TASK_ISSUERS,
  TASK_PROGRESS_NOTES,
  TASK_TITLES,
  WITHDRAWAL_REASONS,
} = texts;

/** Length of an arrival slot. Office sessions start and end on half hours, so slots align with them. */
export const SLOT_MS = 30 * MS_PER_MINUTE;

/** Deliberately bad data, so that quarantine and the data-trust checks have real content. */
export type InjectedFaultKind =
  /** A `received` event for a unit code that is not in the jurisdiction. */
  | 'unknown_unit'
  /** A `received` event whose `dueAt` has no offset ("2026-11-27T17:00:00"). */
  | 'due_without_offset'
  /** An event whose `at` is far in the future (hundreds of days). */
  | 'future_at'
  /** The end of processing stamped before the receipt. */
  | 'end_before_receipt'
  /** A task assigned to a code that is not in the jurisdiction. */
  | 'unknown_assignee'
  /** A task whose `dueAt` has no offset. */
  | 'task_due_without_offset';

/** Counters of what has been emitted so far. */
export interface GeneratorStats {
  dossiersReceived: number;
  dossierEvents: number;
  tasksAssigned: number;
  taskEvents: number;
  /** Emitted bad events by kind. */
  injected: Record<InjectedFaultKind, number>;
}

/** Events of one call, each list sorted by the instant it happened. */
export interface GeneratedEvents {
  dossiers: WireDossierEvent[];
  tasks: WireTaskEvent[];
}

/** Options of {@link createCityGenerator}. */
export interface CityGeneratorOptions {
  seed: number;
  jurisdiction: Jurisdiction;
  procedures: readonly SimProcedure[];
  calendar: WorkCalendar;
  /** Share of the real city's volume (1 ≈ 15,000 dossiers and ≈ 55 tasks per working day). */
  scale?: number;
  /** Share of events made deliberately bad (default 0.001). 0 for a clean stream. */
  badEventRate?: number;
  /** Office sessions; must be the ones the calendar was built with (default: DOMAIN.md's). */
  officeHours?: DomainSettings['officeHours'];
  /** Directive tasks per ordinary working day at scale 1 (default 55). */
  tasksPerWorkingDay?: number;
  /** Overrides for the city model (volumes, shares, on-time target). */
  model?: Partial<Omit<CityModelOptions, 'seed' | 'jurisdiction' | 'procedures'>>;
}

/** A seeded city generator. */
export interface CityGenerator {
  /** The static city the events are drawn from (units, officials, performance). */
  readonly model: CityModel;
  /** Current share of the real city's volume. */
  readonly scale: number;
  /** End (exclusive) of the last generated range, or null before the first call. */
  readonly cursor: number | null;
  /**
   * Every event whose instant is in [fromMs, toMs), sorted by that instant, continuing the city
   * from the previous call. The first call starts an empty city at `fromMs` (nothing received
   * before it exists). Later calls should start where the previous ended; a later `fromMs` skips
   * the gap (its events are dropped, dossiers carry on), an earlier one throws RangeError.
   * Deliberately bad events are emitted at the instant they really happened, with a wrong `at`
   * string (see {@link injectedFaults}). Events share nested objects (the procedure, the handler)
   * with other events: treat them as read-only.
   */
  generate(fromMs: number, toMs: number): GeneratedEvents;
  /**
   * Changes the volume for arrivals from the next slot not yet drawn (e.g. history at 0.25, live
   * at 1). Dossiers already received are unaffected.
   */
  setScale(scale: number): void;
  stats(): GeneratorStats;
  /** Ids of the deliberately bad events emitted so far, with their kind (events carry no marker). */
  injectedFaults(): ReadonlyMap<string, InjectedFaultKind>;
  /** Events planned but not yet emitted (of open dossiers and tasks). */
  pending(): { dossiers: number; tasks: number };
}

// ——— Shapes of demand ————————————————————————————————————————————————————————————————

/** Relative volume by day of week (0 = Sunday): Monday heavy, Friday light; mean of Mon–Fri = 1. */
const WEEKDAY_FACTOR = [0.9, 1.15, 1.05, 1.0, 0.95, 0.85, 0.9];
/** The first working day after a long break (Tết, 30/4–1/5) brings the backlog. */
const AFTER_LONG_BREAK_FACTOR = 1.3;
/** Online submissions on a day off, relative to a working day's online volume. */
const DAY_OFF_ONLINE_FACTOR = 0.18;

/** Counter-side demand by local hour: a morning peak, a lighter afternoon. */
function counterShape(hour: number): number {
  if (hour < 8) return 0.8;
  if (hour < 9) return 1.35;
  if (hour < 10) return 1.5;
  if (hour < 11) return 1.2;
  if (hour < 12) return 0.75;
  if (hour < 14) return 0.8;
  if (hour < 15) return 1.0;
  if (hour < 16) return 0.9;
  if (hour < 17) return 0.6;
  return 0.5;
}

/** Online submissions outside office hours on a working day, by local hour. */
function onlineOffHoursShape(hour: number): number {
  if (hour < 6) return 0.04;
  if (hour < 8) return 0.25;
  if (hour < 13) return 0.45;
  if (hour < 19) return 0.5;
  if (hour < 22) return 0.45;
  return 0.2;
}

/** Online submissions on a day off, by local hour. */
function dayOffShape(hour: number): number {
  if (hour < 6) return 0.08;
  if (hour < 8) return 0.5;
  if (hour < 22) return 1;
  return 0.3;
}

// ——— Internal records ————————————————————————————————————————————————————————————————

/** One planned dossier event. Every field is always present so all items share one object shape. */
interface PlanItem {
  /** When it really happens (ordering key). */
  at: number;
  /** The instant written into `at` on the wire (differs only for injected faults). */
  wireAt: number;
  type: WireDossierEventType;
  handler: SimOfficial | undefined;
  stepDueAt: number | undefined;
  /** supplement_received: new due; apology_issued: proposed due. */
  due: number | undefined;
  reason: string | undefined;
  rating: 'satisfied' | 'unsatisfied' | undefined;
  complaint: string | undefined;
  fault: InjectedFaultKind | undefined;
}

interface DossierRun {
  ord: number;
  at: number;
  id: string;
  unit: SimUnit;
  channel: Channel;
  seed: number;
  // Set when planned:
  procedure: WireProcedure | null;
  dueWire: string;
  unitCode: string;
  paidOnline: boolean | undefined;
  digitized: boolean;
}

interface TaskPlanItem {
  at: number;
  wireAt: number;
  type: WireTaskEventType;
  due?: number;
  dueAsDate?: boolean;
  reason?: string;
  note?: string;
  percent?: number;
  fault?: InjectedFaultKind;
}

interface TaskRun {
  ord: number;
  at: number;
  id: string;
  assignee: SimUnit;
  seed: number;
  title: string;
  issuer: string;
  document: { number: string; date: string };
  assigneeCode: string;
  dueWire: string | undefined;
}

/**
 * Min-heap of events keyed by (at, ord), where ord = (arrival order × 64 + position in the
 * item's plan): ties are broken the same way however the time range is chunked. Every planned
 * event sits in the queue until emitted, so popping hands back the event itself; keys live in
 * typed arrays so sifting reads contiguous numbers instead of chasing pointers across a large heap.
 */
class EventQueue<E> {
  private at = new Float64Array(4096);
  private ord = new Float64Array(4096);
  private values: (E | undefined)[] = [];
  private n = 0;
  /** `ord` of the entry the last pop() returned. */
  poppedOrd = 0;

  get size(): number {
    return this.n;
  }

  /** Smallest `at`, or +Infinity when empty. */
  peekAt(): number {
    return this.n === 0 ? Number.POSITIVE_INFINITY : this.at[0]!;
  }

  push(keyAt: number, keyOrd: number, value: E): void {
    if (this.n === this.at.length) {
      const grownAt = new Float64Array(this.n * 2);
      grownAt.set(this.at);
      this.at = grownAt;
      const grownOrd = new Float64Array(this.n * 2);
      grownOrd.set(this.ord);
      this.ord = grownOrd;
    }
    const at = this.at;
    const ord = this.ord;
    const values = this.values;
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pa = at[parent]!;
      if (pa < keyAt || (pa === keyAt && ord[parent]! < keyOrd)) break;
      at[i] = pa;
      ord[i] = ord[parent]!;
      values[i] = values[parent];
      i = parent;
    }
    at[i] = keyAt;
    ord[i] = keyOrd;
    values[i] = value;
  }

  /** Removes and returns the smallest entry; the queue must not be empty. */
  pop(): E {
    const at = this.at;
    const ord = this.ord;
    const values = this.values;
    const top = values[0] as E;
    this.poppedOrd = ord[0]!;
    const n = --this.n;
    const lastAt = at[n]!;
    const lastOrd = ord[n]!;
    const last = values[n];
    // Clear the slot rather than shrinking the array (resizing on every pop was measurable).
    values[n] = undefined;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      let c = l;
      const r = l + 1;
      if (r < n && (at[r]! < at[l]! || (at[r] === at[l] && ord[r]! < ord[l]!))) c = r;
      const ca = at[c]!;
      if (lastAt < ca || (lastAt === ca && lastOrd <= ord[c]!)) break;
      at[i] = ca;
      ord[i] = ord[c]!;
      values[i] = values[c];
      i = c;
    }
    at[i] = lastAt;
    ord[i] = lastOrd;
    values[i] = last;
    return top;
  }
}

/** Plans longer than this would break the ordering key (they are far shorter: ≤ ~15 events). */
const MAX_PLAN_LENGTH = 64;
/** Working time allotted to a step handed over after its planned end (half a working day). */
const LATE_STEP_ALLOTTED_MS = 4 * 3_600_000;

const FAULT_KINDS: readonly InjectedFaultKind[] = [
  'unknown_unit',
  'due_without_offset',
  'future_at',
  'end_before_receipt',
  'unknown_assignee',
  'task_due_without_offset',
];

function parseClock(s: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(s);
  if (!m) throw new RangeError(`Office hour must be "HH:MM": ${JSON.stringify(s)}`);
  return Number(m[1]) * MS_PER_HOUR + Number(m[2]) * MS_PER_MINUTE;
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;
const floorSecond = (t: number): number => Math.floor(t / 1000) * 1000;

/**
 * Creates a seeded city generator. Pure given its inputs: the same seed, jurisdiction, procedures,
 * calendar and sequence of calls give the same events.
 */
export function createCityGenerator(options: CityGeneratorOptions): CityGenerator {
  const {
    seed,
    jurisdiction,
    procedures,
    calendar,
    badEventRate = 0.001,
    officeHours = DEFAULT_DOMAIN_SETTINGS.officeHours,
    tasksPerWorkingDay = 55,
  } = options;
  let scale = options.scale ?? 1;
  if (!(scale >= 0)) throw new RangeError(`scale must be ≥ 0: ${scale}`);
  const model = buildCityModel({ seed, jurisdiction, procedures, ...options.model });
  const province = model.provinceCode;
  const units = model.units;
  const dossierUnits = units.filter((u) => u.dailyVolume > 0 && u.procedures.length > 0);
  const counterCumulative = cumulativeWeights(dossierUnits.map((u) => u.dailyVolume * (1 - u.onlineShare)));
  const onlineCumulative = cumulativeWeights(dossierUnits.map((u) => u.dailyVolume * u.onlineShare));
  const counterTotal = counterCumulative[counterCumulative.length - 1] ?? 0;
  const onlineTotal = onlineCumulative[onlineCumulative.length - 1] ?? 0;
  const wardUnits = units.filter((u) => u.kind === 'unit');
  const departmentUnits = units.filter((u) => u.kind === 'department');
  const knownCodes = new Set(units.map((u) => u.code));
  const perDay = calendar.workingMsPerDay;

  // ——— Vietnam-time helpers with small caches (the same few days are asked for constantly) ———
  // Day keys in a dense array from the first day asked for (a Map lookup per event was measurable).
  let dayKeyBase = Number.NaN;
  const dayKeysDense: (string | undefined)[] = [];
  const dayKeysSparse = new Map<number, string>();
  const dayKey = (d: number): string => {
    if (dayKeyBase !== dayKeyBase) dayKeyBase = d - 400;
    const i = d - dayKeyBase;
    if (i >= 0 && i < 20_000) {
      let k = dayKeysDense[i];
      if (k === undefined) {
        k = dayKeyOfIndex(d);
        dayKeysDense[i] = k;
      }
      return k;
    }
    let k = dayKeysSparse.get(d);
    if (k === undefined) {
      k = dayKeyOfIndex(d);
      dayKeysSparse.set(d, k);
    }
    return k;
  };
  const workingDays = new Map<number, boolean>();
  const isWorking = (d: number): boolean => {
    let w = workingDays.get(d);
    if (w === undefined) {
      w = calendar.isWorkingDay(dayKey(d));
      workingDays.set(d, w);
    }
    return w;
  };
  // Time-of-day suffixes "THH:MM:SS+07:00", one per second of the day, built on first use. An ISO
  // string is then a single concatenation of two shared strings: a template literal per event made
  // a chain of seven string pieces (~250 bytes) for each of millions of events.
  const timeSuffixes: (string | undefined)[] = new Array<string | undefined>(86_400);
  /** "YYYY-MM-DDTHH:MM:SS+07:00" (whole seconds: every simulated instant is floored to a second). */
  const iso = (t: number): string => {
    const local = t + VN_OFFSET_MS;
    const d = Math.floor(local / MS_PER_DAY);
    const sec = Math.floor((local - d * MS_PER_DAY) / 1000);
    let suffix = timeSuffixes[sec];
    if (suffix === undefined) {
      const hh = Math.floor(sec / 3600);
      const mm = Math.floor((sec - hh * 3600) / 60);
      suffix = `T${pad2(hh)}:${pad2(mm)}:${pad2(sec % 60)}+07:00`;
      timeSuffixes[sec] = suffix;
    }
    return dayKey(d) + suffix;
  };
  // Due dates and step deadlines repeat across thousands of dossiers (same morning, same legal
  // time), so their strings are shared through a small cache, emptied when it grows.
  const sharedIsoCache = new Map<number, string>();
  const sharedIso = (t: number): string => {
    let s = sharedIsoCache.get(t);
    if (s === undefined) {
      if (sharedIsoCache.size >= 20_000) sharedIsoCache.clear();
      s = iso(t);
      sharedIsoCache.set(t, s);
    }
    return s;
  };
  /** ":1", ":2", … — event-id suffixes, shared for the same reason. */
  const idSuffixes: string[] = [];
  const eventId = (itemId: string, index: number): string => {
    let suffix = idSuffixes[index];
    if (suffix === undefined) {
      suffix = `:${index + 1}`;
      idSuffixes[index] = suffix;
    }
    return itemId + suffix;
  };
  const endOfDay = (t: number): number => vnDayStartOfIndex(vnDayIndex(t) + 1) - 1;
  /** yymmdd of a day index, for ids ("261120"). */
  const yymmdd = (d: number): string => {
    const k = dayKey(d);
    return k.slice(2, 4) + k.slice(5, 7) + k.slice(8, 10);
  };

  // ——— Office sessions and per-slot demand profiles (48 half-hour slots of a day) ———
  const sessions = officeHours.map((s) => [parseClock(s.start), parseClock(s.end)] as const);
  const firstSessionStart = sessions[0]![0];
  const SLOTS_PER_DAY = MS_PER_DAY / SLOT_MS;
  /** Parts of slot k inside office sessions, as [start, end) ms after midnight. */
  const officeParts: (readonly [number, number])[][] = [];
  const officeFraction: number[] = [];
  for (let k = 0; k < SLOTS_PER_DAY; k++) {
    const a = k * SLOT_MS;
    const b = a + SLOT_MS;
    const parts: [number, number][] = [];
    for (const [s, e] of sessions) {
      const lo = Math.max(a, s);
      const hi = Math.min(b, e);
      if (hi > lo) parts.push([lo, hi]);
    }
    officeParts.push(parts);
    officeFraction.push(parts.reduce((sum, [lo, hi]) => sum + hi - lo, 0) / SLOT_MS);
  }
  const normalise = (xs: number[]): number[] => {
    const total = xs.reduce((s, x) => s + x, 0);
    return xs.map((x) => (total > 0 ? x / total : 0));
  };
  const hourOf = (k: number): number => (k * SLOT_MS) / MS_PER_HOUR;
  const counterProfile = normalise(officeFraction.map((f, k) => f * counterShape(hourOf(k))));
  const onlineWorkingProfile = normalise(
    officeFraction.map((f, k) => f * counterShape(hourOf(k)) + (1 - f) * onlineOffHoursShape(hourOf(k))),
  );
  const onlineDayOffProfile = normalise(officeFraction.map((_, k) => dayOffShape(hourOf(k))));

  /** Volume multiplier of a working day: weekday, and the backlog after a long break. */
  const dayFactors = new Map<number, number>();
  const dayFactor = (d: number): number => {
    let f = dayFactors.get(d);
    if (f === undefined) {
      f = WEEKDAY_FACTOR[dayOfWeekOfIndex(d)]!;
      let off = 0;
      while (off < 10 && !isWorking(d - 1 - off)) off++;
      if (off >= 3) f = Math.max(f, AFTER_LONG_BREAK_FACTOR);
      dayFactors.set(d, f);
    }
    return f;
  };

  /** The start of the first office session at or after t on a working day (receipt counts from here). */
  const nextWorkingMorning = (t: number): number => {
    let d = vnDayIndex(t);
    if (isWorking(d) && t <= vnDayStartOfIndex(d) + firstSessionStart) return vnDayStartOfIndex(d) + firstSessionStart;
    d++;
    while (!isWorking(d)) d++;
    return vnDayStartOfIndex(d) + firstSessionStart;
  };
  const dueCache = new Map<number, number>();
  /** Due instant: legalDays working days from the next working morning (cached per morning and length). */
  const dueFrom = (t: number, legalDays: number): number => {
    const morning = nextWorkingMorning(t);
    const key = morning * 64 + legalDays;
    let due = dueCache.get(key);
    if (due === undefined) {
      due = calendar.addWorkingDays(morning, legalDays);
      dueCache.set(key, due);
    }
    return due;
  };
  /** A working day before day d (or d itself when back = 0). */
  const workingDayBefore = (d: number, back: number): number => {
    let x = d;
    for (let i = 0; i < back; i++) {
      x--;
      while (!isWorking(x)) x--;
    }
    return x;
  };

  // ——— State ———
  let cursor: number | null = null;
  let nextSlot = 0;
  let ord = 0;
  const dossierQueue = new EventQueue<WireDossierEvent>();
  const taskQueue = new EventQueue<WireTaskEvent>();
  /**
   * Injected faults of events still queued, by ordering key (rare, so a map beside the queue; keyed
   * by number so draining never has to touch the event objects themselves).
   */
  const queuedFaults = new Map<number, InjectedFaultKind>();
  const queuedTaskFaults = new Map<number, InjectedFaultKind>();
  const counterDay = new Int32Array(units.length).fill(-1);
  const counterN = new Int32Array(units.length);
  let taskCounterDay = -1;
  let taskCounterN = 0;
  const stats: GeneratorStats = {
    dossiersReceived: 0,
    dossierEvents: 0,
    tasksAssigned: 0,
    taskEvents: 0,
    injected: Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<InjectedFaultKind, number>,
  };
  const injected = new Map<string, InjectedFaultKind>();

  const issuerCumulative = cumulativeWeights(TASK_ISSUERS.map((i) => i.weight));
  const fakeCode = (rng: RandomStream): string => {
    // Looks like a unit code (5 digits) but is in no jurisdiction's list: e.g. a pre-merger ward code.
    for (;;) {
      const c = String(rng.int(10000, 99999));
      if (!knownCodes.has(c)) return c;
    }
  };

  // ——— Arrivals ———————————————————————————————————————————————————————————————————————
  /** Draws the arrivals of one slot and queues those at or after `from`. */
  const generateSlot = (slot: number, from: number): void => {
    const start = slot * SLOT_MS;
    const day = vnDayIndex(start);
    const k = Math.round((start - vnDayStartOfIndex(day)) / SLOT_MS);
    const working = isWorking(day);
    const rng = new Random(hashSeed(seed, 'slot', slot));
    const factor = working ? dayFactor(day) : 0;
    const counterWeight = working ? counterProfile[k]! * factor : 0;
    const onlineWeight = working ? onlineWorkingProfile[k]! * factor : onlineDayOffProfile[k]! * DAY_OFF_ONLINE_FACTOR;
    const parts = officeParts[k]!;
    const officeLen = officeFraction[k]! * SLOT_MS;
    const arrivals: DossierRun[] = [];

    if (scale > 0 && dossierUnits.length > 0) {
      // A Poisson count for the whole city, each arrival then given to a unit in proportion to its
      // volume: the same distribution as one Poisson per unit, at a fraction of the draws.
      const nCounter = counterWeight > 0 ? rng.poisson(counterTotal * scale * counterWeight) : 0;
      const nOnline = rng.poisson(onlineTotal * scale * onlineWeight);
      for (let i = 0; i < nCounter; i++) {
        const u = dossierUnits[rng.pickCumulative(counterCumulative)]!;
        // Counter and post arrivals only happen while the office is open.
        let x = rng.next() * officeLen;
        let t = 0;
        for (const [lo, hi] of parts) {
          if (x < hi - lo) {
            t = vnDayStartOfIndex(day) + lo + x;
            break;
          }
          x -= hi - lo;
        }
        arrivals.push(newRun(u, rng.chance(u.postalShare) ? 'postal' : 'in_person', floorSecond(t), rng.seed()));
      }
      for (let i = 0; i < nOnline; i++) {
        const u = dossierUnits[rng.pickCumulative(onlineCumulative)]!;
        arrivals.push(newRun(u, 'online', floorSecond(start + rng.next() * SLOT_MS), rng.seed()));
      }
    }
    arrivals.sort((a, b) => a.at - b.at || a.unit.index - b.unit.index || a.seed - b.seed);
    for (const run of arrivals) {
      const u = run.unit;
      if (counterDay[u.index] !== day) {
        counterDay[u.index] = day;
        counterN[u.index] = 0;
      }
      const n = counterN[u.index] + 1;
      counterN[u.index] = n;
      run.id = `H${province}.${u.code}-${yymmdd(day)}-${String(n).padStart(4, '0')}`;
      run.ord = ord++;
      if (run.at >= from) scheduleDossier(run);
    }

    // Directive tasks: documents arrive in office hours on working days; one document may task
    // several units with the same work.
    if (working && scale > 0 && officeLen > 0) {
      const trng = new Random(hashSeed(seed, 'task-slot', slot));
      const dayMultiplier = new Random(hashSeed(seed, 'task-day', day)).range(0.6, 1.4);
      const documents = trng.poisson((tasksPerWorkingDay / 1.5) * scale * dayMultiplier * counterProfile[k]! * factor);
      const taskRuns: TaskRun[] = [];
      for (let i = 0; i < documents; i++) {
        let x = trng.next() * officeLen;
        let t = 0;
        for (const [lo, hi] of parts) {
          if (x < hi - lo) {
            t = vnDayStartOfIndex(day) + lo + x;
            break;
          }
          x -= hi - lo;
        }
        t = floorSecond(t);
        const issuer = TASK_ISSUERS[trng.pickCumulative(issuerCumulative)]!;
        const suffix = trng.pick(issuer.suffixes);
        const [year, month] = dayKey(day).split('-');
        const dayOfYear = day - daysFromCivil(Number(year), 1, 1) + 1;
        const number = `${dayOfYear * 24 + trng.int(1, 23)}/${suffix}`;
        const docDay = workingDayBefore(day, trng.chance(0.4) ? 1 : 0);
        const title = trng
          .pick(TASK_TITLES)
          .replace('{m}', String(Number(month)))
          .replace('{y}', String(year))
          .replace('{q}', String(Math.floor((Number(month) - 1) / 3) + 1))
          .replace('{d}', dayKey(day + 21).split('-').reverse().join('/'));
        const count = trng.chance(0.75) ? 1 : trng.int(2, 4);
        const chosen = new Set<SimUnit>();
        for (let j = 0; j < count; j++) {
          const pool = departmentUnits.length > 0 && trng.chance(0.3) ? departmentUnits : wardUnits.length > 0 ? wardUnits : units;
          const assignee = trng.pick(pool);
          if (chosen.has(assignee)) continue;
          chosen.add(assignee);
          taskRuns.push({
            ord: 0,
            at: t,
            id: '',
            assignee,
            seed: trng.seed(),
            title,
            issuer: issuer.name,
            document: { number, date: dayKey(docDay) },

            assigneeCode: assignee.code,
            dueWire: undefined,
          });
        }
      }
      taskRuns.sort((a, b) => a.at - b.at);
      for (const run of taskRuns) {
        if (taskCounterDay !== day) {
          taskCounterDay = day;
          taskCounterN = 0;
        }
        taskCounterN++;
        run.id = `NV${province}-${yymmdd(day)}-${String(taskCounterN).padStart(3, '0')}`;
        run.ord = ord++;
        if (run.at >= from) scheduleTask(run);
      }
    }
  };

  function newRun(unit: SimUnit, channel: Channel, at: number, runSeed: number): DossierRun {
    return {
      ord: 0,
      at,
      id: '',
      unit,
      channel,
      seed: runSeed,

      procedure: null,
      dueWire: '',
      unitCode: unit.code,
      paidOnline: undefined,
      digitized: false,
    };
  }

  // ——— A dossier's life ———————————————————————————————————————————————————————————————
  // The plan being built and its clock, shared by add() and place() below. Module-level helpers
  // instead of closures made per dossier: tsx and vitest wrap every closure creation in a naming
  // helper, which showed up in profiles at ~100,000 dossiers per history.
  let planning: PlanItem[] = [];
  let placeFrom = 0;
  let placePauses: { a: number; w: number }[] = [];
  /** Appends an event to the plan being built, at a whole second. */
  function add(
    at: number,
    type: WireDossierEventType,
    handler?: SimOfficial,
    stepDueAt?: number,
    due?: number,
    reason?: string,
  ): PlanItem {
    const t = floorSecond(at);
    const item: PlanItem = {
      at: t,
      wireAt: t,
      type,
      handler,
      // A step handed over after its planned end (a late dossier changing hands) still gets some time
      // of its own, as a real system allots it from the assignment: never a step due before it began.
      stepDueAt: stepDueAt !== undefined && stepDueAt < t ? calendar.addWorkingMs(t, LATE_STEP_ALLOTTED_MS) : stepDueAt,
      due,
      reason,
      rating: undefined,
      complaint: undefined,
      fault: undefined,
    };
    planning.push(item);
    return item;
  }
  /** Instant after `a` active working ms from the receipt: working time, skipping supplement pauses. */
  function place(a: number): number {
    let shift = 0;
    for (const p of placePauses) if (p.a < a) shift += p.w;
    return calendar.addWorkingMs(placeFrom, a + shift);
  }

  const planDossier = (run: DossierRun): PlanItem[] => {
    const rng = new Random(run.seed);
    const u = run.unit;
    const pi = rng.pickCumulative(u.procedureCumulativeWeights);
    const proc = u.procedures[pi]!;
    run.procedure = u.wireProcedures[pi]!;
    const t0 = run.at;
    const dueInstant = dueFrom(t0, proc.legalDays);
    const due = u.dueAsDate ? endOfDay(dueInstant) : dueInstant;
    run.dueWire = u.dueAsDate ? dayKey(vnDayIndex(dueInstant)) : sharedIso(dueInstant);
    run.digitized = rng.chance(u.digitizedShare);
    run.paidOnline = proc.feeBearing ? run.channel === 'online' && rng.chance(u.paidOnlineShare) : undefined;
    const plan: PlanItem[] = [];
    planning = plan;
    add(t0, 'received');

    // Active working time: working ms since receipt, not counting supplement pauses.
    const pauses: { a: number; w: number }[] = [];
    placeFrom = t0;
    placePauses = pauses;
    const D = calendar.workingMsBetween(t0, due);
    let dueA = D;

    const receiver = rng.pick(u.receivers);
    const specialist = rng.pick(u.specialists);
    const leader = rng.pick(u.leaders);
    const steps = proc.legalDays <= 1 ? (rng.chance(0.4) ? 1 : 2) : proc.legalDays <= 5 ? (rng.chance(0.4) ? 2 : 3) : 3;
    const main = steps === 1 ? receiver : specialist;
    const aR = rng.range(1, 12) * MS_PER_MINUTE;
    add(
      place(aR),
      'assigned',
      receiver,
      steps === 1 ? place(dueA) : place(Math.max(30 * MS_PER_MINUTE, Math.min(0.1 * dueA, 4 * MS_PER_HOUR))),
    );

    // Endings other than processing: refused, withdrawn, stopped (always within the due date).
    const ending = rng.next();
    if (ending < ALTERNATIVE_END_SHARE) {
      const type: WireDossierEventType = ending < 0.008 ? 'refused' : ending < 0.018 ? 'withdrawn' : 'stopped';
      const span = Math.max(dueA - aR, 20 * MS_PER_MINUTE);
      const aE =
        type === 'refused' ? aR + span * rng.range(0.05, 0.3) : aR + span * rng.range(type === 'withdrawn' ? 0.1 : 0.3, 0.95);
      if (steps > 1 && aE - aR > 2 * MS_PER_HOUR) {
        add(place(aR + (aE - aR) * 0.3), 'assigned', specialist, place(dueA * 0.85));
      }
      const reasons = type === 'refused' ? REFUSAL_REASONS : type === 'withdrawn' ? WITHDRAWAL_REASONS : STOP_REASONS;
      add(place(aE), type, undefined, undefined, undefined, rng.pick(reasons.slice(0, 2)));
      return finishPlan(run, plan, rng);
    }

    // Receiver → specialist, early (the one-stop desk forwards the file within the first hours).
    const aSpec = steps > 1 ? aR + Math.min(rng.range(10, 120) * MS_PER_MINUTE, 0.15 * dueA) : aR;
    const specDue = steps === 3 ? place(dueA * 0.85) : place(dueA);
    if (steps > 1) add(place(aSpec), 'assigned', specialist, specDue);

    // Supplements: the clock stops on the request and restarts when the citizen brings it back.
    let lastSupplementA = -1;
    let abandonedAt: number | null = null;
    const supplementRate = u.procedureSupplementRates[pi]!;
    if (steps > 1 && rng.chance(supplementRate)) {
      const rounds = rng.chance(0.08) ? 2 : 1;
      for (let r = 0; r < rounds; r++) {
        const lo = Math.max(lastSupplementA, aSpec) + 20 * MS_PER_MINUTE;
        const aS = Math.max(lo, lo + (dueA - lo) * rng.range(0.1, 0.55));
        const tS = place(aS);
        add(tS, 'supplement_requested', undefined, undefined, undefined, rng.pick(SUPPLEMENT_REASONS));
        lastSupplementA = aS;
        if (rng.chance(0.1)) {
          // Never brought back: the citizen gives up, or the unit stops processing.
          const tEnd = calendar.addWorkingMs(tS, rng.range(10, 30) * perDay);
          abandonedAt = tEnd;
          const type = rng.chance(0.5) ? 'withdrawn' : 'stopped';
          add(tEnd, type, undefined, undefined, undefined, type === 'withdrawn' ? WITHDRAWAL_REASONS[2] : STOP_REASONS[1]);
          break;
        }
        const pauseW = Math.max(30 * MS_PER_MINUTE, rng.logNormal(1.2 * perDay, 0.8));
        const tR = floorSecond(calendar.addWorkingMs(tS, pauseW));
        const pauseActual = calendar.workingMsBetween(tS, tR);
        pauses.push({ a: aS, w: pauseActual });
        if (rng.chance(0.55)) {
          // The decree's mode: a fresh due date counted from the return.
          const newDue = dueFrom(tR, proc.legalDays);
          add(tR, 'supplement_received', undefined, undefined, newDue);
          dueA = aS + calendar.workingMsBetween(tR, u.dueAsDate ? endOfDay(newDue) : newDue);
        } else {
          // No new date: the due date is extended by the paused working time (dueA unchanged).
          add(tR, 'supplement_received');
        }
      }
    }

    if (abandonedAt === null) {
      // Late or not, decided from the unit, the procedure and the official who does the work.
      const bounce = main.buckPasser && u.specialists.length >= 2 && steps > 1 && rng.chance(0.45);
      const pLate = Math.min(
        0.95,
        u.lateRate * u.procedureLateFactors[pi]! * main.lateFactor * (bounce ? 2.5 : 1),
      );
      const late = rng.chance(pLate);
      const lo = Math.max(aSpec + rng.range(5, 40) * MS_PER_MINUTE, lastSupplementA + 10 * MS_PER_MINUTE);
      let A: number;
      if (late) {
        const median = u.lateMedianDays * perDay * (main.slow ? 1.5 : 1);
        const overrun = Math.min(40 * perDay, Math.max(30 * MS_PER_MINUTE, rng.logNormal(median, 0.9)));
        A = Math.max(dueA, lo) + overrun;
      } else {
        const hi = dueA - MS_PER_MINUTE;
        A = hi <= lo ? Math.min(lo, hi) : lo + (hi - lo) * Math.pow(rng.next(), u.speed);
      }

      if (steps > 1) {
        // Leader signs at the end (3 steps); a late leader holds beyond the step's allotted time.
        let aLead = A;
        if (steps === 3) {
          const floor = Math.max(aSpec, lastSupplementA) + MS_PER_MINUTE;
          let hold = (A - aSpec) * rng.range(0.08, 0.25);
          if (late && !main.slow && rng.chance(0.3)) hold = Math.max(hold, A - dueA + (dueA - aSpec) * 0.15);
          aLead = Math.max(floor, A - hold);
          if (aLead >= A) aLead = floor + (A - floor) * 0.5;
          add(place(aLead), 'assigned', leader, place(dueA));
          if (rng.chance(0.03)) {
            // The leader sends it back a step, then gets it again.
            const h = A - aLead;
            add(place(aLead + h * 0.4), 'assigned', specialist, place(dueA));
            add(place(aLead + h * 0.7), 'assigned', leader, place(dueA));
          }
        }

        if (bounce) {
          // A→B→A: the buck-passer hands the file to a colleague, who hands it back.
          const others = u.specialists.filter((o) => o !== specialist);
          const other = rng.pick(others);
          const seg = aLead - aSpec;
          let a = aSpec + seg * rng.range(0.1, 0.25);
          const rounds = rng.chance(0.25) ? 2 : 1;
          for (let r = 0; r < rounds; r++) {
            add(place(a), 'assigned', other, specDue);
            a += seg * rng.range(0.05, 0.15);
            add(place(a), 'assigned', specialist, specDue);
            a += seg * rng.range(0.05, 0.15);
          }
        }
      }

      if (late && rng.chance(0.5)) {
        // Apology letter, normally sent just before the due date; the proposed date is usually kept.
        const floor = Math.max(aR, lastSupplementA) + 5 * MS_PER_MINUTE;
        const aAp = Math.min(A - MS_PER_MINUTE, Math.max(floor, dueA - rng.range(0.5, 6) * MS_PER_HOUR));
        const proposed = rng.chance(0.8)
          ? place(A + rng.range(0.05, 0.8) * perDay)
          : place(dueA + (A - dueA) * rng.range(0.3, 0.8));
        add(place(aAp), 'apology_issued', undefined, undefined, floorSecond(proposed), rng.pick(APOLOGY_REASONS));
      }

      const tEnd = place(A);
      const returnedOnly = rng.chance(0.04); // some sources only report the hand-over
      if (!returnedOnly) add(tEnd, 'processed');
      if (returnedOnly || rng.chance(0.95)) {
        const tRet = returnedOnly
          ? tEnd
          : run.channel === 'online'
            ? tEnd + rng.range(1, 180) * MS_PER_MINUTE
            : run.channel === 'postal'
              ? calendar.addWorkingMs(tEnd, rng.range(1, 3) * perDay)
              : calendar.addWorkingMs(tEnd, Math.min(15 * perDay, Math.max(10 * MS_PER_MINUTE, rng.logNormal(0.5 * perDay, 1))));
        add(tRet, 'returned');
        if (rng.chance(0.25)) {
          const unhappy = rng.chance(late ? 0.25 : 0.015);
          const rated = add(floorSecond(tRet) + 5 * MS_PER_MINUTE + rng.exponential(20 * MS_PER_HOUR), 'rated');
          rated.rating = unhappy ? 'unsatisfied' : 'satisfied';
          if (unhappy && rng.chance(0.6)) rated.complaint = late ? COMPLAINTS[0] : rng.pick(COMPLAINTS.slice(1));
        }
      }
    }
    return finishPlan(run, plan, rng);
  };

  /** Sorts the plan (stable) and injects a fault with probability badEventRate per event. */
  function finishPlan(run: DossierRun, plan: PlanItem[], rng: RandomStream): PlanItem[] {
    // Stable insertion sort: plans are a handful of items, mostly in order already.
    for (let i = 1; i < plan.length; i++) {
      const item = plan[i]!;
      let j = i - 1;
      while (j >= 0 && plan[j]!.at > item.at) {
        plan[j + 1] = plan[j]!;
        j--;
      }
      plan[j + 1] = item;
    }
    if (badEventRate > 0 && rng.chance(badEventRate * plan.length)) {
      const kinds: InjectedFaultKind[] = plan.length > 1
        ? ['unknown_unit', 'due_without_offset', 'future_at', 'end_before_receipt']
        : ['unknown_unit', 'due_without_offset'];
      const kind = rng.pick(kinds);
      const first = plan[0]!;
      if (kind === 'unknown_unit' || kind === 'due_without_offset') {
        // The whole dossier is that one bad receipt: later events would only pile up as orphans.
        plan.length = 1;
        first.fault = kind;
        if (kind === 'unknown_unit') run.unitCode = fakeCode(rng);
        else run.dueWire = run.dueWire.length === 10 ? `${run.dueWire}T17:00:00` : run.dueWire.slice(0, 19);
      } else if (kind === 'future_at') {
        const item = plan[rng.int(1, plan.length - 1)]!;
        item.fault = kind;
        item.wireAt = floorSecond(item.at + rng.range(200, 900) * MS_PER_DAY);
      } else {
        const end = plan.find((p) => p.type === 'processed' || p.type === 'returned' || p.type === 'withdrawn' ||
          p.type === 'refused' || p.type === 'stopped') ?? plan[plan.length - 1]!;
        end.fault = kind;
        end.wireAt = floorSecond(first.at - rng.range(1, 72) * MS_PER_HOUR);
      }
    }
    return plan;
  }

  /** A due date as the unit's system writes it: a bare date (end of day) or an instant. */
  const dueString = (u: SimUnit, t: number): string => (u.dueAsDate ? dayKey(vnDayIndex(t)) : iso(t));

  // Events are built as plain literals with optional fields assigned afterwards: object spread
  // with conditional parts pushes V8 into slow dictionary-mode objects, several times the memory.
  const toWireDossier = (run: DossierRun, item: PlanItem, index: number): WireDossierEvent => {
    const id = eventId(run.id, index);
    const at = iso(item.wireAt);
    const dossierId = run.id;
    switch (item.type) {
      // The two hot types get one literal per variant: a property added after creation lands in
      // a separate out-of-object store, one more allocation per event.
      case 'received':
        return run.paidOnline === undefined
          ? {
              id,
              dossierId,
              at,
              type: 'received',
              unit: run.unitCode,
              procedure: run.procedure!,
              channel: run.channel,
              dueAt: run.dueWire,
              digitized: run.digitized,
            }
          : {
              id,
              dossierId,
              at,
              type: 'received',
              unit: run.unitCode,
              procedure: run.procedure!,
              channel: run.channel,
              dueAt: run.dueWire,
              paidOnline: run.paidOnline,
              digitized: run.digitized,
            };
      case 'assigned':
        return item.stepDueAt === undefined
          ? { id, dossierId, at, type: 'assigned', handler: item.handler!.wire }
          : { id, dossierId, at, type: 'assigned', handler: item.handler!.wire, stepDueAt: sharedIso(floorSecond(item.stepDueAt)) };
      case 'supplement_requested': {
        const ev: WireDossierEvent = { id, dossierId, at, type: 'supplement_requested' };
        if (item.reason) ev.reason = item.reason;
        return ev;
      }
      case 'supplement_received': {
        const ev: WireDossierEvent = { id, dossierId, at, type: 'supplement_received' };
        if (item.due !== undefined) ev.dueAt = dueString(run.unit, item.due);
        return ev;
      }
      case 'apology_issued':
        return { id, dossierId, at, type: 'apology_issued', proposedDueAt: dueString(run.unit, item.due!), reason: item.reason! };
      case 'processed':
        return { id, dossierId, at, type: 'processed' };
      case 'returned':
        return { id, dossierId, at, type: 'returned' };
      case 'stopped':
      case 'refused':
      case 'withdrawn': {
        const ev: WireDossierStopped | WireDossierRefused | WireDossierWithdrawn = { id, dossierId, at, type: item.type };
        if (item.reason) ev.reason = item.reason;
        return ev;
      }
      case 'rated': {
        const ev: WireDossierEvent = { id, dossierId, at, type: 'rated', rating: item.rating! };
        if (item.complaint) ev.complaint = item.complaint;
        return ev;
      }
    }
  };

  // ——— A task's life ———————————————————————————————————————————————————————————————————
  const planTask = (run: TaskRun): TaskPlanItem[] => {
    const rng = new Random(run.seed);
    const u = run.assignee;
    const t0 = run.at;
    const plan: TaskPlanItem[] = [];
    const assigned: TaskPlanItem = { at: t0, wireAt: t0, type: 'assigned' };
    plan.push(assigned);
    const add = (at: number, type: WireTaskEventType, extra?: Partial<TaskPlanItem>): void => {
      const t = floorSecond(at);
      const item: TaskPlanItem = { at: t, wireAt: t, type };
      if (extra) Object.assign(item, extra);
      plan.push(item);
    };
    const dueAsDate = rng.chance(0.5); // deadlines are often written as "trước ngày 30/11"
    const hasDue = rng.chance(0.85);
    let dueEff: number | null = null;
    if (hasDue) {
      const days = rng.pick([5, 7, 10, 10, 15, 15, 20, 30]);
      const due = calendar.addWorkingDays(t0, days);
      dueEff = dueAsDate ? endOfDay(due) : due;
      run.dueWire = dueAsDate ? dayKey(vnDayIndex(due)) : iso(floorSecond(due));
    }
    const jitter = (): number => rng.range(0, 50) * MS_PER_MINUTE;
    const x = rng.next();
    let endAt: number | null = null;
    let endType: 'completed' | 'cancelled' = 'completed';
    if (dueEff === null) {
      if (rng.chance(0.7)) endAt = calendar.addWorkingMs(t0, rng.range(3, 40) * perDay);
    } else if (x < 0.02) {
      endType = 'cancelled';
      endAt = calendar.addWorkingMs(t0, calendar.workingMsBetween(t0, dueEff) * rng.range(0.1, 0.6));
    } else if (x < 0.02 + (u.chronicallyLate ? 0.15 : 0.04)) {
      // Never done: stays open and overdue.
      endAt = null;
    } else {
      if (rng.chance(0.12)) {
        // An approved extension moves the deadline in force.
        const D = calendar.workingMsBetween(t0, dueEff);
        const at = calendar.addWorkingMs(t0, Math.max(MS_PER_HOUR, D - rng.range(0.5, 3) * perDay));
        const newDue = calendar.addWorkingDays(dueEff, rng.int(5, 15));
        dueEff = dueAsDate ? endOfDay(newDue) : newDue;
        add(at + jitter(), 'extended', { due: newDue, reason: rng.pick(TASK_EXTENSION_REASONS) });
      }
      const D = calendar.workingMsBetween(t0, dueEff);
      endAt = rng.chance(u.taskLateRate)
        ? calendar.addWorkingMs(dueEff, Math.min(60 * perDay, Math.max(0.5 * perDay, rng.logNormal(3 * perDay, 0.8))))
        : calendar.addWorkingMs(t0, D * rng.range(0.3, 0.97));
    }
    // Progress reports along the way (up to the end, or the deadline for tasks that never end).
    const horizon = endAt ?? (dueEff !== null ? dueEff + 10 * MS_PER_DAY : t0 + 30 * MS_PER_DAY);
    const spanW = calendar.workingMsBetween(t0, horizon);
    const reports = Math.min(3, rng.int(0, Math.max(0, Math.round(spanW / (5 * perDay)))));
    let percent = 0;
    for (let i = 1; i <= reports; i++) {
      const frac = (i / (reports + 1)) * rng.range(0.8, 1);
      percent = Math.max(percent + 5, Math.round(frac * 100 * rng.range(0.7, 1)));
      add(calendar.addWorkingMs(t0, spanW * frac), 'progress_reported', {
        note: rng.pick(TASK_PROGRESS_NOTES),
        percent: Math.min(95, percent),
      });
    }
    if (endAt !== null) {
      add(endAt, endType, endType === 'cancelled' ? { reason: 'Nội dung đã được giao trong văn bản khác' } : {});
    }
    // Emitted ascending; extension and reports are placed before the end by construction.
    plan.sort((a, b) => a.at - b.at);
    if (badEventRate > 0 && rng.chance(badEventRate * plan.length)) {
      const kind: InjectedFaultKind =
        plan.length > 1 && rng.chance(0.34) ? 'future_at' : rng.chance(0.5) && run.dueWire ? 'task_due_without_offset' : 'unknown_assignee';
      if (kind === 'future_at') {
        const item = plan[rng.int(1, plan.length - 1)]!;
        item.fault = kind;
        item.wireAt = floorSecond(item.at + rng.range(200, 900) * MS_PER_DAY);
      } else {
        plan.length = 1;
        assigned.fault = kind;
        if (kind === 'unknown_assignee') run.assigneeCode = fakeCode(rng);
        else run.dueWire = run.dueWire!.length === 10 ? `${run.dueWire}T17:00:00` : run.dueWire!.slice(0, 19);
      }
    }
    for (const item of plan) if (item.type === 'extended') item.dueAsDate = dueAsDate;
    return plan;
  };

  const toWireTask = (run: TaskRun, item: TaskPlanItem, index: number): WireTaskEvent => {
    const id = eventId(run.id, index);
    const at = iso(item.wireAt);
    const taskId = run.id;
    switch (item.type) {
      case 'assigned': {
        const ev: WireTaskEvent = {
          id,
          taskId,
          at,
          type: 'assigned',
          title: run.title,
          document: { number: run.document.number, date: run.document.date },
          issuer: run.issuer,
          assignee: run.assigneeCode,
        };
        if (run.dueWire !== undefined) ev.dueAt = run.dueWire;
        return ev;
      }
      case 'extended':
        return {
          id,
          taskId,
          at,
          type: 'extended',
          dueAt: item.dueAsDate ? dayKey(vnDayIndex(item.due!)) : iso(floorSecond(item.due!)),
          reason: item.reason!,
        };
      case 'progress_reported':
        return { id, taskId, at, type: 'progress_reported', note: item.note!, percent: item.percent! };
      case 'completed':
        return { id, taskId, at, type: 'completed' };
      case 'cancelled': {
        const ev: WireTaskEvent = { id, taskId, at, type: 'cancelled' };
        if (item.reason) ev.reason = item.reason;
        return ev;
      }
    }
  };

  // ——— Driving the queues ——————————————————————————————————————————————————————————————
  const generate = (fromMs: number, toMs: number): GeneratedEvents => {
    if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) throw new RangeError('generate: instants must be finite');
    if (toMs < fromMs) throw new RangeError(`generate: to (${toMs}) is before from (${fromMs})`);
    if (cursor === null) {
      nextSlot = Math.floor(fromMs / SLOT_MS);
    } else if (fromMs < cursor) {
      throw new RangeError(`generate: from (${fromMs}) is before the end of the previous range (${cursor})`);
    } else if (fromMs > cursor) {
      nextSlot = Math.max(nextSlot, Math.floor(fromMs / SLOT_MS));
    }
    cursor = toMs;
    const out: GeneratedEvents = { dossiers: [], tasks: [] };
    // Slot by slot: drain what happens before the next slot opens, then draw that slot. The queue
    // then only holds open dossiers, not every arrival of a long range at once.
    for (;;) {
      const slotStart = nextSlot * SLOT_MS;
      drain(Math.min(slotStart, toMs), fromMs, out);
      if (slotStart >= toMs) break;
      generateSlot(nextSlot++, fromMs);
    }
    return out;
  };

  /**
   * Plans a dossier's whole life at its receipt and queues every event. Planning at arrival (not
   * at emission) keeps the per-dossier state short-lived; the ordering key keeps the output the
   * same whichever call plans it.
   */
  const scheduleDossier = (run: DossierRun): void => {
    const plan = planDossier(run);
    if (plan.length > MAX_PLAN_LENGTH) throw new Error(`simulator: plan of ${plan.length} events for ${run.id}`);
    const base = run.ord * MAX_PLAN_LENGTH;
    for (let k = 0; k < plan.length; k++) {
      const item = plan[k]!;
      const ev = toWireDossier(run, item, k);
      if (item.fault !== undefined) queuedFaults.set(base + k, item.fault);
      dossierQueue.push(item.at, base + k, ev);
    }
  };

  const scheduleTask = (run: TaskRun): void => {
    const plan = planTask(run);
    const base = run.ord * MAX_PLAN_LENGTH;
    for (let k = 0; k < plan.length && k < MAX_PLAN_LENGTH; k++) {
      const item = plan[k]!;
      const ev = toWireTask(run, item, k);
      if (item.fault !== undefined) queuedTaskFaults.set(base + k, item.fault);
      taskQueue.push(item.at, base + k, ev);
    }
  };

  /** Emits every queued event before `limit` (those before `fromMs` are dropped: a skipped gap). */
  const drain = (limit: number, fromMs: number, out: GeneratedEvents): void => {
    while (dossierQueue.peekAt() < limit) {
      const t = dossierQueue.peekAt();
      const ev = dossierQueue.pop();
      const key = dossierQueue.poppedOrd;
      const fault = queuedFaults.get(key);
      if (fault !== undefined) queuedFaults.delete(key);
      if (t < fromMs) continue;
      out.dossiers.push(ev);
      stats.dossierEvents++;
      if (key % MAX_PLAN_LENGTH === 0) stats.dossiersReceived++; // position 0 is the receipt
      if (fault !== undefined) {
        stats.injected[fault]++;
        injected.set(ev.id, fault);
      }
    }
    while (taskQueue.peekAt() < limit) {
      const t = taskQueue.peekAt();
      const ev = taskQueue.pop();
      const key = taskQueue.poppedOrd;
      const fault = queuedTaskFaults.get(key);
      if (fault !== undefined) queuedTaskFaults.delete(key);
      if (t < fromMs) continue;
      out.tasks.push(ev);
      stats.taskEvents++;
      if (key % MAX_PLAN_LENGTH === 0) stats.tasksAssigned++;
      if (fault !== undefined) {
        stats.injected[fault]++;
        injected.set(ev.id, fault);
      }
    }
  };

  return {
    model,
    get scale() {
      return scale;
    },
    get cursor() {
      return cursor;
    },
    generate,
    setScale(next: number) {
      if (!(next >= 0)) throw new RangeError(`scale must be ≥ 0: ${next}`);
      scale = next;
    },
    stats: () => ({ ...stats, injected: { ...stats.injected } }),
    injectedFaults: () => injected,
    pending: () => ({ dossiers: dossierQueue.size, tasks: taskQueue.size }),
  };
}
