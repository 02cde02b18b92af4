/**
 * Arrivals: which dossiers and directive tasks arrive in a 30-minute slot, at which instant, for
 * which unit, under which id. Each slot's draws come from a stream seeded by (seed, slot), never
 * from a stream shared across calls, so a slot's arrivals are the same however time is chunked.
 */

import { daysFromCivil, vnDayIndex, vnDayStartOfIndex } from '../domain/time.js';
import type { CityModel, SimUnit } from './city-model.js';
import { DAY_OFF_ONLINE_FACTOR, officeInstant, SLOT_MS, type DemandProfile } from './demand.js';
import { newDossierRun, type DossierRun } from './dossier-plan.js';
import { cumulativeWeights, hashSeed, Random } from './random.js';
import { floorSecond, type SimCalendar } from './sim-calendar.js';
import type { TaskRun } from './task-plan.js';
import { TASK_ISSUERS, TASK_TITLES } from './texts.js';

/** Per-unit and per-day counters behind the ids ("H79.26734-261120-0001"): generator state. */
export interface ArrivalCounters {
  /** Day index of each unit's last numbered dossier (-1 before the first), by unit index. */
  dossierDay: Int32Array;
  /** Dossiers numbered on that day, by unit index. */
  dossierN: Int32Array;
  taskDay: number;
  taskN: number;
}

export function newArrivalCounters(unitCount: number): ArrivalCounters {
  return { dossierDay: new Int32Array(unitCount).fill(-1), dossierN: new Int32Array(unitCount), taskDay: -1, taskN: 0 };
}

/** The arrivals of one slot, in arrival order, numbered; `ord` is still to be given. */
export interface SlotArrivals {
  dossiers: DossierRun[];
  tasks: TaskRun[];
}

/** Options of {@link Arrivals}. */
export interface ArrivalsOptions {
  seed: number;
  model: CityModel;
  cal: SimCalendar;
  demand: DemandProfile;
  /** Directive tasks per ordinary working day at scale 1. */
  tasksPerWorkingDay: number;
}

/** Draws the arrivals of a slot. Holds only what is fixed for the city (units, weights). */
export class Arrivals {
  private readonly seed: number;
  private readonly cal: SimCalendar;
  private readonly demand: DemandProfile;
  private readonly tasksPerWorkingDay: number;
  private readonly province: string;
  private readonly units: SimUnit[];
  private readonly dossierUnits: SimUnit[];
  private readonly counterCumulative: Float64Array;
  private readonly onlineCumulative: Float64Array;
  private readonly counterTotal: number;
  private readonly onlineTotal: number;
  private readonly wardUnits: SimUnit[];
  private readonly departmentUnits: SimUnit[];
  private readonly issuerCumulative = cumulativeWeights(TASK_ISSUERS.map((i) => i.weight));

  constructor(options: ArrivalsOptions) {
    const { model } = options;
    this.seed = options.seed;
    this.cal = options.cal;
    this.demand = options.demand;
    this.tasksPerWorkingDay = options.tasksPerWorkingDay;
    this.province = model.provinceCode;
    this.units = model.units;
    this.dossierUnits = model.units.filter((u) => u.dailyVolume > 0 && u.procedures.length > 0);
    this.counterCumulative = cumulativeWeights(this.dossierUnits.map((u) => u.dailyVolume * (1 - u.onlineShare)));
    this.onlineCumulative = cumulativeWeights(this.dossierUnits.map((u) => u.dailyVolume * u.onlineShare));
    this.counterTotal = this.counterCumulative[this.counterCumulative.length - 1] ?? 0;
    this.onlineTotal = this.onlineCumulative[this.onlineCumulative.length - 1] ?? 0;
    this.wardUnits = model.units.filter((u) => u.kind === 'unit');
    this.departmentUnits = model.units.filter((u) => u.kind === 'department');
  }

  /** Dossiers and tasks arriving in `slot` at `scale`, numbered with `counters`. */
  draw(slot: number, scale: number, counters: ArrivalCounters): SlotArrivals {
    const start = slot * SLOT_MS;
    const day = vnDayIndex(start);
    const k = Math.round((start - vnDayStartOfIndex(day)) / SLOT_MS);
    const working = this.cal.isWorking(day);
    const factor = working ? this.demand.dayFactor(day) : 0;
    const dossiers = this.drawDossiers(slot, day, k, working, factor, scale);
    this.numberDossiers(dossiers, day, counters);
    const officeLen = this.demand.officeFraction[k]! * SLOT_MS;
    // Directive tasks: documents arrive in office hours on working days.
    const tasks = working && scale > 0 && officeLen > 0 ? this.drawTasks(slot, day, k, factor, scale) : [];
    this.numberTasks(tasks, day, counters);
    return { dossiers, tasks };
  }

  private drawDossiers(slot: number, day: number, k: number, working: boolean, factor: number, scale: number): DossierRun[] {
    const { demand, dossierUnits } = this;
    const start = slot * SLOT_MS;
    const rng = new Random(hashSeed(this.seed, 'slot', slot));
    const counterWeight = working ? demand.counter[k]! * factor : 0;
    const onlineWeight = working ? demand.onlineWorking[k]! * factor : demand.onlineDayOff[k]! * DAY_OFF_ONLINE_FACTOR;
    const parts = demand.officeParts[k]!;
    const officeLen = demand.officeFraction[k]! * SLOT_MS;
    const dayStart = vnDayStartOfIndex(day);
    const arrivals: DossierRun[] = [];
    if (scale > 0 && dossierUnits.length > 0) {
      // A Poisson count for the whole city, each arrival then given to a unit in proportion to its
      // volume: the same distribution as one Poisson per unit, at a fraction of the draws.
      const nCounter = counterWeight > 0 ? rng.poisson(this.counterTotal * scale * counterWeight) : 0;
      const nOnline = rng.poisson(this.onlineTotal * scale * onlineWeight);
      for (let i = 0; i < nCounter; i++) {
        const u = dossierUnits[rng.pickCumulative(this.counterCumulative)]!;
        const t = officeInstant(parts, dayStart, rng.next() * officeLen);
        arrivals.push(newDossierRun(u, rng.chance(u.postalShare) ? 'postal' : 'in_person', floorSecond(t), rng.seed()));
      }
      for (let i = 0; i < nOnline; i++) {
        const u = dossierUnits[rng.pickCumulative(this.onlineCumulative)]!;
        arrivals.push(newDossierRun(u, 'online', floorSecond(start + rng.next() * SLOT_MS), rng.seed()));
      }
    }
    arrivals.sort((a, b) => a.at - b.at || a.unit.index - b.unit.index || a.seed - b.seed);
    return arrivals;
  }

  /** "H<province>.<unit>-<yymmdd>-<nnnn>", numbered per unit and day in arrival order. */
  private numberDossiers(runs: DossierRun[], day: number, counters: ArrivalCounters): void {
    if (runs.length === 0) return;
    const { dossierDay, dossierN } = counters;
    const date = this.cal.yymmdd(day);
    for (const run of runs) {
      const i = run.unit.index;
      if (dossierDay[i] !== day) {
        dossierDay[i] = day;
        dossierN[i] = 0;
      }
      const n = dossierN[i]! + 1;
      dossierN[i] = n;
      run.id = `H${this.province}.${run.unit.code}-${date}-${String(n).padStart(4, '0')}`;
    }
  }

  /** Directive documents of the slot; one document may task several units with the same work. */
  private drawTasks(slot: number, day: number, k: number, factor: number, scale: number): TaskRun[] {
    const { cal, demand } = this;
    const trng = new Random(hashSeed(this.seed, 'task-slot', slot));
    const dayMultiplier = new Random(hashSeed(this.seed, 'task-day', day)).range(0.6, 1.4);
    const documents = trng.poisson((this.tasksPerWorkingDay / 1.5) * scale * dayMultiplier * demand.counter[k]! * factor);
    const parts = demand.officeParts[k]!;
    const officeLen = demand.officeFraction[k]! * SLOT_MS;
    const runs: TaskRun[] = [];
    for (let i = 0; i < documents; i++) {
      const t = floorSecond(officeInstant(parts, vnDayStartOfIndex(day), trng.next() * officeLen));
      const issuer = TASK_ISSUERS[trng.pickCumulative(this.issuerCumulative)]!;
      const suffix = trng.pick(issuer.suffixes);
      const [year, month] = cal.dayKey(day).split('-');
      const dayOfYear = day - daysFromCivil(Number(year), 1, 1) + 1;
      const number = `${dayOfYear * 24 + trng.int(1, 23)}/${suffix}`;
      const docDay = cal.workingDayBefore(day, trng.chance(0.4) ? 1 : 0);
      const title = trng
        .pick(TASK_TITLES)
        .replace('{m}', String(Number(month)))
        .replace('{y}', String(year))
        .replace('{q}', String(Math.floor((Number(month) - 1) / 3) + 1))
        .replace(
          '{d}',
          cal
            .dayKey(day + 21)
            .split('-')
            .reverse()
            .join('/'),
        );
      const count = trng.chance(0.75) ? 1 : trng.int(2, 4);
      const chosen = new Set<SimUnit>();
      for (let j = 0; j < count; j++) {
        const pool =
          this.departmentUnits.length > 0 && trng.chance(0.3)
            ? this.departmentUnits
            : this.wardUnits.length > 0
              ? this.wardUnits
              : this.units;
        const assignee = trng.pick(pool);
        if (chosen.has(assignee)) continue;
        chosen.add(assignee);
        const document = { number, date: cal.dayKey(docDay) };
        runs.push({
          ord: 0,
          at: t,
          id: '',
          assignee,
          seed: trng.seed(),
          title,
          issuer: issuer.name,
          document,
          assigneeCode: assignee.code,
          dueWire: undefined,
        });
      }
    }
    runs.sort((a, b) => a.at - b.at);
    return runs;
  }

  /** "NV<province>-<yymmdd>-<nnn>", numbered per day in arrival order. */
  private numberTasks(runs: TaskRun[], day: number, counters: ArrivalCounters): void {
    for (const run of runs) {
      if (counters.taskDay !== day) {
        counters.taskDay = day;
        counters.taskN = 0;
      }
      counters.taskN++;
      run.id = `NV${this.province}-${this.cal.yymmdd(day)}-${String(counters.taskN).padStart(3, '0')}`;
    }
  }
}
