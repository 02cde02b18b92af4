/**
 * A dossier's whole life, decided when it is received, from its own seed: its procedure and due
 * date, the officials it passes through, supplements, lateness, and how it ends.
 *
 * Lateness is decided first and then the timeline is laid out to match it, in working time over the
 * injected calendar: "on time" ends at or before the due date in force, "late" after it. That keeps
 * the city's on-time rate at the calibrated target (≈ 96%) while units and officials differ.
 *
 * Times inside a plan are "active" working ms since the receipt (supplement pauses excluded);
 * `place` turns them into instants. Every random draw happens in a fixed order: moving one changes
 * the stream (tests/server/simulator/determinism.test.ts).
 */

import { MS_PER_HOUR, MS_PER_MINUTE, vnDayIndex } from '../domain/time.js';
import type { Channel } from '../domain/types.js';
import type { SimOfficial, SimUnit } from './city-model.js';
import { ALTERNATIVE_END_SHARE } from './city-model.js';
import { drawIndexFields, type SimIndexFields } from './index-fields.js';
import { injectDossierFault, type InjectedFaultKind } from './faults.js';
import { planBounce, planHandovers, type HandoverHost, type HandoverLife } from './handover-plan.js';
import type { SimProcedure } from './procedures.js';
import { Random } from './random.js';
import { floorSecond, type SimCalendar } from './sim-calendar.js';
import { APOLOGY_REASONS, COMPLAINTS, REFUSAL_REASONS, STOP_REASONS, SUPPLEMENT_REASONS, WITHDRAWAL_REASONS } from './texts.js';
import type { WireDossierEventType, WireProcedure } from './wire.js';
import type { WireEncoder } from './wire-encode.js';

/** Working time allotted to a step handed over after its planned end (half a working day). */
const LATE_STEP_ALLOTTED_MS = 4 * MS_PER_HOUR;

/** A dossier as drawn on arrival; `id` and `ord` are set when it is numbered, the rest when planned. */
export interface DossierRun {
  /** Arrival order (shared with tasks): the ordering key's high part. */
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
  /** The national service index's other fields (index-fields.ts); null until planned. */
  index: SimIndexFields | null;
}

/** A dossier received at `at` (whole second), with its own seed; every field present (one object shape). */
export function newDossierRun(unit: SimUnit, channel: Channel, at: number, seed: number): DossierRun {
  return {
    ord: 0,
    at,
    id: '',
    unit,
    channel,
    seed,
    procedure: null,
    dueWire: '',
    unitCode: unit.code,
    paidOnline: undefined,
    digitized: false,
    index: null,
  };
}

/** One planned dossier event. Every field is always present so all items share one object shape. */
export interface DossierPlanItem {
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

/** What planning a dossier needs from the generator. */
export interface DossierPlanContext {
  cal: SimCalendar;
  wire: WireEncoder;
  /** Share of events made deliberately bad. */
  badEventRate: number;
  knownCodes: ReadonlySet<string>;
}

/** The facts of one dossier that its phases share. */
interface Life {
  run: DossierRun;
  rng: Random;
  unit: SimUnit;
  /** Index of the procedure in the unit's list. */
  pi: number;
  proc: SimProcedure;
  steps: 1 | 2 | 3;
  receiver: SimOfficial;
  specialist: SimOfficial;
  leader: SimOfficial;
  /** The official who does the work (the receiver for one-step dossiers). */
  main: SimOfficial;
  /** Active ms of the receiver's assignment. */
  aR: number;
  /** Active ms of the due date in force (moves with a fresh due date after a supplement). */
  dueA: number;
  /** Active ms of the last supplement request, or -1. */
  lastSupplementA: number;
}

/**
 * Plans dossiers one at a time. The plan being built and its clock are fields rather than closures
 * made per dossier: tsx and vitest wrap every closure creation in a naming helper, which showed up
 * in profiles at ~100,000 dossiers per history.
 */
export class DossierPlanner {
  private items: DossierPlanItem[] = [];
  private placeFrom = 0;
  private pauses: { a: number; w: number }[] = [];
  /** The hand-over plan's hooks into this dossier's plan (handover-plan.ts). */
  private readonly host: HandoverHost = {
    // (add() gives a step handed over after its allotted end time of its own.)
    handOver: (a, handler, stepDueAt) => void this.add(this.place(a), 'assigned', handler, stepDueAt),
    newStep: (a, handler, dueA) => this.add(this.place(a), 'assigned', handler, this.place(dueA)).stepDueAt as number,
    raiseStepDues: (a, minDue) => {
      const t = floorSecond(this.place(a));
      for (const item of this.items) {
        if (item.type === 'assigned' && item.at >= t && item.stepDueAt !== undefined && item.stepDueAt < minDue) item.stepDueAt = minDue;
      }
    },
    activeAt: (instant) => {
      const w = this.ctx.cal.calendar.workingMsBetween(this.placeFrom, instant);
      let shift = 0;
      for (const p of this.pauses) {
        const start = p.a + shift;
        if (start >= w) break;
        if (start + p.w >= w) return p.a; // within this pause
        shift += p.w;
      }
      return w - shift;
    },
  };

  constructor(private readonly ctx: DossierPlanContext) {}

  /** Plans a dossier's events in emission order; sets its procedure and due date on `run`. */
  plan(run: DossierRun): DossierPlanItem[] {
    const { cal, wire } = this.ctx;
    const rng = new Random(run.seed);
    const u = run.unit;
    const pi = rng.pickCumulative(u.procedureCumulativeWeights);
    const proc = u.procedures[pi]!;
    run.procedure = u.wireProcedures[pi]!;
    const t0 = run.at;
    const dueInstant = cal.dueFrom(t0, proc.legalDays);
    const due = u.dueAsDate ? cal.endOfDay(dueInstant) : dueInstant;
    run.dueWire = u.dueAsDate ? cal.dayKey(vnDayIndex(dueInstant)) : wire.sharedIso(dueInstant);
    run.digitized = rng.chance(u.digitizedShare);
    run.paidOnline = proc.feeBearing ? run.channel === 'online' && rng.chance(u.paidOnlineShare) : undefined;
    run.index = drawIndexFields(run.seed, run.channel, proc.feeBearing);
    const plan: DossierPlanItem[] = [];
    this.items = plan;
    this.add(t0, 'received');
    this.placeFrom = t0;
    this.pauses = [];

    const dueA = cal.calendar.workingMsBetween(t0, due);
    const receiver = rng.pick(u.receivers);
    const specialist = rng.pick(u.specialists);
    const leader = rng.pick(u.leaders);
    const steps = proc.legalDays <= 1 ? (rng.chance(0.4) ? 1 : 2) : proc.legalDays <= 5 ? (rng.chance(0.4) ? 2 : 3) : 3;
    const aR = rng.range(1, 12) * MS_PER_MINUTE;
    const life: Life = {
      run,
      rng,
      unit: u,
      pi,
      proc,
      steps,
      receiver,
      specialist,
      leader,
      main: steps === 1 ? receiver : specialist,
      aR,
      dueA,
      lastSupplementA: -1,
    };
    const firstStepDue = steps === 1 ? dueA : Math.max(30 * MS_PER_MINUTE, Math.min(0.1 * dueA, 4 * MS_PER_HOUR));
    this.add(this.place(aR), 'assigned', receiver, this.place(firstStepDue));

    const ending = rng.next();
    if (ending < ALTERNATIVE_END_SHARE) {
      this.alternativeEnding(life, ending);
      return this.finish(run, plan, rng);
    }
    // Receiver → specialist, early (the one-stop desk forwards the file within the first hours).
    const aSpec = steps > 1 ? aR + Math.min(rng.range(10, 120) * MS_PER_MINUTE, 0.15 * dueA) : aR;
    const specDue = steps === 3 ? this.place(dueA * 0.85) : this.place(dueA);
    const specStepDue = steps > 1 ? (this.add(this.place(aSpec), 'assigned', specialist, specDue).stepDueAt as number) : specDue;
    const abandoned = steps > 1 && rng.chance(u.procedureSupplementRates[pi]!) && this.supplements(life, aSpec);
    if (!abandoned) this.processing(life, aSpec, specStepDue);
    return this.finish(run, plan, rng);
  }

  /** Appends an event to the plan being built, at a whole second. */
  private add(
    at: number,
    type: WireDossierEventType,
    handler?: SimOfficial,
    stepDueAt?: number,
    due?: number,
    reason?: string,
  ): DossierPlanItem {
    const t = floorSecond(at);
    const item: DossierPlanItem = {
      at: t,
      wireAt: t,
      type,
      handler,
      // A step handed over after its planned end (a late dossier changing hands) still gets some time
      // of its own, as a real system allots it from the assignment: never a step due before it began.
      stepDueAt: stepDueAt !== undefined && stepDueAt < t ? this.ctx.cal.calendar.addWorkingMs(t, LATE_STEP_ALLOTTED_MS) : stepDueAt,
      due,
      reason,
      rating: undefined,
      complaint: undefined,
      fault: undefined,
    };
    this.items.push(item);
    return item;
  }

  /** Instant after `a` active working ms from the receipt: working time, skipping supplement pauses. */
  private place(a: number): number {
    let shift = 0;
    for (const p of this.pauses) if (p.a < a) shift += p.w;
    return this.ctx.cal.calendar.addWorkingMs(this.placeFrom, a + shift);
  }

  /** Refused, withdrawn or stopped, always within the due date. */
  private alternativeEnding(life: Life, ending: number): void {
    const { rng, aR, dueA } = life;
    const type: WireDossierEventType = ending < 0.008 ? 'refused' : ending < 0.018 ? 'withdrawn' : 'stopped';
    const span = Math.max(dueA - aR, 20 * MS_PER_MINUTE);
    const aE = type === 'refused' ? aR + span * rng.range(0.05, 0.3) : aR + span * rng.range(type === 'withdrawn' ? 0.1 : 0.3, 0.95);
    if (life.steps > 1 && aE - aR > 2 * MS_PER_HOUR) {
      this.add(this.place(aR + (aE - aR) * 0.3), 'assigned', life.specialist, this.place(dueA * 0.85));
    }
    const reasons = type === 'refused' ? REFUSAL_REASONS : type === 'withdrawn' ? WITHDRAWAL_REASONS : STOP_REASONS;
    this.add(this.place(aE), type, undefined, undefined, undefined, rng.pick(reasons.slice(0, 2)));
  }

  /**
   * One or two supplement rounds: the clock stops on the request and restarts when the citizen
   * brings it back. Returns true when the dossier is abandoned during a pause (its end is planned).
   */
  private supplements(life: Life, aSpec: number): boolean {
    const { rng, unit: u, proc } = life;
    const { cal } = this.ctx;
    const calendar = cal.calendar;
    const rounds = rng.chance(0.08) ? 2 : 1;
    for (let r = 0; r < rounds; r++) {
      const lo = Math.max(life.lastSupplementA, aSpec) + 20 * MS_PER_MINUTE;
      const aS = Math.max(lo, lo + (life.dueA - lo) * rng.range(0.1, 0.55));
      const tS = this.place(aS);
      this.add(tS, 'supplement_requested', undefined, undefined, undefined, rng.pick(SUPPLEMENT_REASONS));
      life.lastSupplementA = aS;
      if (rng.chance(0.1)) {
        // Never brought back: the citizen gives up, or the unit stops processing.
        const tEnd = calendar.addWorkingMs(tS, rng.range(10, 30) * cal.perDay);
        const type = rng.chance(0.5) ? 'withdrawn' : 'stopped';
        this.add(tEnd, type, undefined, undefined, undefined, type === 'withdrawn' ? WITHDRAWAL_REASONS[2] : STOP_REASONS[1]);
        return true;
      }
      const pauseW = Math.max(30 * MS_PER_MINUTE, rng.logNormal(1.2 * cal.perDay, 0.8));
      const tR = floorSecond(calendar.addWorkingMs(tS, pauseW));
      this.pauses.push({ a: aS, w: calendar.workingMsBetween(tS, tR) });
      if (rng.chance(0.55)) {
        // The decree's mode: a fresh due date counted from the return.
        const newDue = cal.dueFrom(tR, proc.legalDays);
        this.add(tR, 'supplement_received', undefined, undefined, newDue);
        life.dueA = aS + calendar.workingMsBetween(tR, u.dueAsDate ? cal.endOfDay(newDue) : newDue);
      } else {
        // No new date: the due date is extended by the paused working time (dueA unchanged).
        this.add(tR, 'supplement_received');
      }
    }
    return false;
  }

  /** Processing to its end: lateness, the leader's signature, hand-overs, an apology, the return. */
  private processing(life: Life, aSpec: number, specStepDue: number): void {
    const { rng, unit: u, main, steps, dueA, lastSupplementA } = life;
    const perDay = this.ctx.cal.perDay;
    // Late or not, decided from the unit, the procedure and the official who does the work.
    const bounce = main.buckPasser && u.specialists.length >= 2 && steps > 1 && rng.chance(0.45);
    const pLate = Math.min(0.95, u.lateRate * u.procedureLateFactors[life.pi]! * main.lateFactor * (bounce ? 2.5 : 1));
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
    let handovers: HandoverLife | null = null;
    if (steps > 1) {
      const aLead = steps === 3 ? this.leaderSigns(life, aSpec, A, late) : A;
      handovers = { ...life, aSpec, aLead, specStepDue };
      if (bounce) planBounce(this.host, handovers);
    }
    if (late && rng.chance(0.5)) {
      // Apology letter, normally sent just before the due date; the proposed date is usually kept.
      const floor = Math.max(life.aR, lastSupplementA) + 5 * MS_PER_MINUTE;
      const aAp = Math.min(A - MS_PER_MINUTE, Math.max(floor, dueA - rng.range(0.5, 6) * MS_PER_HOUR));
      const proposed = rng.chance(0.8)
        ? this.place(A + rng.range(0.05, 0.8) * perDay)
        : this.place(dueA + (A - dueA) * rng.range(0.3, 0.8));
      this.add(this.place(aAp), 'apology_issued', undefined, undefined, floorSecond(proposed), rng.pick(APOLOGY_REASONS));
    }
    this.returnAndRating(life, this.place(A), late);
    // Drawn last, so that the rest of the dossier's stream is as it was before these hand-overs existed.
    if (handovers !== null) planHandovers(this.host, handovers, bounce);
  }

  /** The leader signs at the end (3 steps); a late leader holds beyond the step's allotted time. Returns its active ms. */
  private leaderSigns(life: Life, aSpec: number, A: number, late: boolean): number {
    const { rng, dueA, leader, specialist } = life;
    const floor = Math.max(aSpec, life.lastSupplementA) + MS_PER_MINUTE;
    let hold = (A - aSpec) * rng.range(0.08, 0.25);
    if (late && !life.main.slow && rng.chance(0.3)) hold = Math.max(hold, A - dueA + (dueA - aSpec) * 0.15);
    let aLead = Math.max(floor, A - hold);
    if (aLead >= A) aLead = floor + (A - floor) * 0.5;
    this.add(this.place(aLead), 'assigned', leader, this.place(dueA));
    if (rng.chance(0.01)) {
      // The leader sends it back a step, then gets it again: a sent-back case (returned to an earlier
      // step without a supplement request), rare enough that buck-passers' cases stand out.
      const h = A - aLead;
      this.add(this.place(aLead + h * 0.4), 'assigned', specialist, this.place(dueA));
      this.add(this.place(aLead + h * 0.7), 'assigned', leader, this.place(dueA));
    }
    return aLead;
  }

  /** Processed, then handed back to the citizen (by channel), sometimes rated. */
  private returnAndRating(life: Life, tEnd: number, late: boolean): void {
    const { rng, run } = life;
    const { calendar, perDay } = this.ctx.cal;
    const returnedOnly = rng.chance(0.04); // some sources only report the hand-over
    if (!returnedOnly) this.add(tEnd, 'processed');
    if (!(returnedOnly || rng.chance(0.95))) return;
    const tRet = returnedOnly
      ? tEnd
      : run.channel === 'online'
        ? tEnd + rng.range(1, 180) * MS_PER_MINUTE
        : run.channel === 'postal'
          ? calendar.addWorkingMs(tEnd, rng.range(1, 3) * perDay)
          : calendar.addWorkingMs(tEnd, Math.min(15 * perDay, Math.max(10 * MS_PER_MINUTE, rng.logNormal(0.5 * perDay, 1))));
    this.add(tRet, 'returned');
    if (rng.chance(0.25)) {
      const unhappy = rng.chance(late ? 0.25 : 0.015);
      const rated = this.add(floorSecond(tRet) + 5 * MS_PER_MINUTE + rng.exponential(20 * MS_PER_HOUR), 'rated');
      rated.rating = unhappy ? 'unsatisfied' : 'satisfied';
      if (unhappy && rng.chance(0.6)) rated.complaint = late ? COMPLAINTS[0] : rng.pick(COMPLAINTS.slice(1));
    }
  }

  /** Sorts the plan (stable) and injects a fault with probability badEventRate per event. */
  private finish(run: DossierRun, plan: DossierPlanItem[], rng: Random): DossierPlanItem[] {
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
    const rate = this.ctx.badEventRate;
    if (rate > 0 && rng.chance(rate * plan.length)) injectDossierFault(run, plan, rng, this.ctx.knownCodes);
    return plan;
  }
}
