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
 * The parts, each with one job: arrivals.ts (who arrives when, and their ids) over demand.ts (the
 * shape of demand), dossier-plan.ts and task-plan.ts (a life, decided at arrival), wire-encode.ts
 * (planned events as wire JSON), event-queue.ts (events waiting to be emitted, in order),
 * sim-calendar.ts (the work calendar by day index), faults.ts (deliberately bad data). This file
 * only wires them together over an explicit {@link GeneratorState}.
 */

import type { DomainSettings, Jurisdiction, WorkCalendar } from '../domain/types.js';
import { DEFAULT_DOMAIN_SETTINGS } from '../domain/types.js';
import { Arrivals, newArrivalCounters, type ArrivalCounters } from './arrivals.js';
import { buildCityModel } from './city-model.js';
import type { CityModel, CityModelOptions } from './city-model.js';
import { DemandProfile, parseClock, SLOT_MS } from './demand.js';
import { DossierPlanner, type DossierRun } from './dossier-plan.js';
import { EventLane, MAX_PLAN_LENGTH } from './event-queue.js';
import { FAULT_KINDS, type InjectedFaultKind } from './faults.js';
import type { SimProcedure } from './procedures.js';
import { SimCalendar } from './sim-calendar.js';
import { planTask, type TaskPlanContext, type TaskRun } from './task-plan.js';
import type { WireDossierEvent, WireTaskEvent } from './wire.js';
import { WireEncoder } from './wire-encode.js';

export { SLOT_MS } from './demand.js';
export type { InjectedFaultKind } from './faults.js';

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

/** Everything that changes as the city runs; the parts below are fixed once built. */
interface GeneratorState {
  scale: number;
  /** End (exclusive) of the last generated range, or null before the first call. */
  cursor: number | null;
  /** The next slot whose arrivals are still to be drawn. */
  nextSlot: number;
  /** Arrival order of the next dossier or task (the ordering key's high part). */
  ord: number;
  counters: ArrivalCounters;
  dossiers: EventLane<WireDossierEvent, InjectedFaultKind>;
  tasks: EventLane<WireTaskEvent, InjectedFaultKind>;
  /** Ids of the emitted bad events, with their kind. */
  injected: Map<string, InjectedFaultKind>;
  injectedCounts: Record<InjectedFaultKind, number>;
}

/** The fixed parts of a generator. */
interface GeneratorParts {
  arrivals: Arrivals;
  planner: DossierPlanner;
  taskContext: TaskPlanContext;
  wire: WireEncoder;
}

/**
 * Creates a seeded city generator. Pure given its inputs: the same seed, jurisdiction, procedures,
 * calendar and sequence of calls give the same events.
 */
export function createCityGenerator(options: CityGeneratorOptions): CityGenerator {
  const { seed, jurisdiction, procedures, calendar, badEventRate = 0.001 } = options;
  const officeHours = options.officeHours ?? DEFAULT_DOMAIN_SETTINGS.officeHours;
  const scale = options.scale ?? 1;
  if (!(scale >= 0)) throw new RangeError(`scale must be ≥ 0: ${scale}`);
  const model = buildCityModel({ seed, jurisdiction, procedures, ...options.model });
  const knownCodes = new Set(model.units.map((u) => u.code));
  const cal = new SimCalendar(calendar, parseClock(officeHours[0]!.start));
  const wire = new WireEncoder(cal);
  const demand = new DemandProfile(officeHours, cal);
  const parts: GeneratorParts = {
    arrivals: new Arrivals({ seed, model, cal, demand, tasksPerWorkingDay: options.tasksPerWorkingDay ?? 55 }),
    planner: new DossierPlanner({ cal, wire, badEventRate, knownCodes }),
    taskContext: { cal, wire, badEventRate, knownCodes },
    wire,
  };
  const injected = new Map<string, InjectedFaultKind>();
  const injectedCounts = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<InjectedFaultKind, number>;
  const state: GeneratorState = {
    scale,
    cursor: null,
    nextSlot: 0,
    ord: 0,
    counters: newArrivalCounters(model.units.length),
    dossiers: new EventLane(injected, injectedCounts),
    tasks: new EventLane(injected, injectedCounts),
    injected,
    injectedCounts,
  };
  return {
    model,
    get scale() {
      return state.scale;
    },
    get cursor() {
      return state.cursor;
    },
    generate: (fromMs, toMs) => generate(parts, state, fromMs, toMs),
    setScale(next: number) {
      if (!(next >= 0)) throw new RangeError(`scale must be ≥ 0: ${next}`);
      state.scale = next;
    },
    stats: () => ({
      dossiersReceived: state.dossiers.started,
      dossierEvents: state.dossiers.emitted,
      tasksAssigned: state.tasks.started,
      taskEvents: state.tasks.emitted,
      injected: { ...state.injectedCounts },
    }),
    injectedFaults: () => state.injected,
    pending: () => ({ dossiers: state.dossiers.size, tasks: state.tasks.size }),
  };
}

/** {@link CityGenerator.generate}. */
function generate(parts: GeneratorParts, state: GeneratorState, fromMs: number, toMs: number): GeneratedEvents {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) throw new RangeError('generate: instants must be finite');
  if (toMs < fromMs) throw new RangeError(`generate: to (${toMs}) is before from (${fromMs})`);
  if (state.cursor === null) {
    state.nextSlot = Math.floor(fromMs / SLOT_MS);
  } else if (fromMs < state.cursor) {
    throw new RangeError(`generate: from (${fromMs}) is before the end of the previous range (${state.cursor})`);
  } else if (fromMs > state.cursor) {
    state.nextSlot = Math.max(state.nextSlot, Math.floor(fromMs / SLOT_MS));
  }
  state.cursor = toMs;
  const out: GeneratedEvents = { dossiers: [], tasks: [] };
  // Slot by slot: drain what happens before the next slot opens, then draw that slot. The queue
  // then only holds open dossiers, not every arrival of a long range at once.
  for (;;) {
    const slotStart = state.nextSlot * SLOT_MS;
    const limit = Math.min(slotStart, toMs);
    state.dossiers.drain(limit, fromMs, out.dossiers);
    state.tasks.drain(limit, fromMs, out.tasks);
    if (slotStart >= toMs) break;
    const arrived = parts.arrivals.draw(state.nextSlot++, state.scale, state.counters);
    // Dossiers before tasks in arrival order; those before `fromMs` (a skipped gap) keep their place but are never planned.
    for (const run of arrived.dossiers) {
      run.ord = state.ord++;
      if (run.at >= fromMs) scheduleDossier(parts, state, run);
    }
    for (const run of arrived.tasks) {
      run.ord = state.ord++;
      if (run.at >= fromMs) scheduleTask(parts, state, run);
    }
  }
  return out;
}

/**
 * Plans a dossier's whole life at its receipt and queues every event. Planning at arrival (not at
 * emission) keeps the per-dossier state short-lived; the ordering key keeps the output the same
 * whichever call plans it.
 */
function scheduleDossier(parts: GeneratorParts, state: GeneratorState, run: DossierRun): void {
  const plan = parts.planner.plan(run);
  if (plan.length > MAX_PLAN_LENGTH) throw new Error(`simulator: plan of ${plan.length} events for ${run.id}`);
  for (let k = 0; k < plan.length; k++) {
    const item = plan[k]!;
    state.dossiers.push(item.at, run.ord, k, parts.wire.dossierEvent(run, item, k), item.fault);
  }
}

function scheduleTask(parts: GeneratorParts, state: GeneratorState, run: TaskRun): void {
  const plan = planTask(parts.taskContext, run);
  for (let k = 0; k < plan.length && k < MAX_PLAN_LENGTH; k++) {
    const item = plan[k]!;
    state.tasks.push(item.at, run.ord, k, parts.wire.taskEvent(run, item, k), item.fault);
  }
}
