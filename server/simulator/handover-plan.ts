/**
 * The hand-overs of a multi-step dossier beyond the plain route receiver → specialist → leader: the
 * buck-passers' habits (a colleague and back, the desk and back without a supplement request, a
 * round of colleagues) and the inter-level step (liên thông) a department's official takes on land
 * and construction files, which that official sometimes hands back to the ward without doing it.
 * The planner (dossier-plan.ts) draws these last, after everything else of the dossier, so the
 * rest of its stream stays as it was. Times are active working ms since the receipt.
 */
import type { SimOfficial, SimUnit } from './city-model.js';
import type { Random } from './random.js';

/** What planning hand-overs needs from the dossier's planner. */
export interface HandoverHost {
  /**
   * A hand-over within a step: it keeps the step's allotted end, unless that has passed (a source may not
   * send a step end before the hand-over; the step then gets time of its own, as a late step does).
   */
  handOver(a: number, handler: SimOfficial, stepDueAt: number): void;
  /** A hand-over that starts a new step ending at active ms `dueA`; answers the step end it got. */
  newStep(a: number, handler: SimOfficial, dueA: number): number;
  /** Moves the step end of every hand-over planned at or after active ms `a` to at least `minDue` (a later step ends later). */
  raiseStepDues(a: number, minDue: number): void;
  /** The active ms at which an instant falls (the inverse of placing: supplement pauses left out). */
  activeAt(instant: number): number;
}

/** The facts of the dossier these hand-overs need. */
export interface HandoverLife {
  rng: Random;
  unit: SimUnit;
  /** Index of the procedure in the unit's list. */
  pi: number;
  receiver: SimOfficial;
  specialist: SimOfficial;
  /** The specialist's step: from `aSpec` to the leader's signature at `aLead` (or the end, with 2 steps). */
  aSpec: number;
  aLead: number;
  /** The specialist's step end (instant). */
  specStepDue: number;
  steps: 1 | 2 | 3;
  /** Active ms of the due date in force. */
  dueA: number;
}

/** Share of a buck-passer's dossiers sent back to the desk without a supplement request, and of anyone else's. */
const DESK_RETURN = { buckPasser: 0.1, other: 0.002 };
/** Share of a buck-passer's dossiers (not already bounced) passed round three colleagues and back. */
const PASS_AROUND_BUCK_PASSER = 0.3;
/** Share of land and construction files with an inter-level step at a department. */
const LIAISON_SHARE = 0.35;
/** Share of those the department's official hands back to the ward without doing the step, and back again. */
const PING_PONG = { buckPasser: 0.6, other: 0.03 };

/**
 * The stretch of the specialist's step that transfers within it fall in: up to its allotted end when
 * that leaves a fifth of the step or more, else the whole step (its late transfers get time of their own).
 */
function withinStep(host: HandoverHost, life: HandoverLife): number {
  const whole = life.aLead - life.aSpec;
  const room = Math.min(life.aLead, host.activeAt(life.specStepDue)) - life.aSpec;
  return room >= whole * 0.2 ? room * 0.98 : whole;
}

/** A→B→A: the buck-passer hands the file to a colleague, who hands it back (once or twice), within the specialist's step. */
export function planBounce(host: HandoverHost, life: HandoverLife): void {
  const { rng, specialist } = life;
  const other = rng.pick(life.unit.specialists.filter((o) => o !== specialist));
  const seg = withinStep(host, life);
  let a = life.aSpec + seg * rng.range(0.1, 0.25);
  const rounds = rng.chance(0.25) ? 2 : 1;
  for (let r = 0; r < rounds; r++) {
    host.handOver(a, other, life.specStepDue);
    a += seg * rng.range(0.05, 0.15);
    host.handOver(a, specialist, life.specStepDue);
    a += seg * rng.range(0.05, 0.15);
  }
}

/** Everything else, drawn in this order: a return to the desk, a pass-around (when not bounced), the inter-level step. */
export function planHandovers(host: HandoverHost, life: HandoverLife, bounced: boolean): void {
  if (life.steps === 1) return;
  const { rng, specialist } = life;
  const seg = withinStep(host, life);
  if (rng.chance(specialist.buckPasser ? DESK_RETURN.buckPasser : DESK_RETURN.other)) {
    // Back to the one-stop desk at once, "not complete", with no supplement asked of the citizen
    // (before any colleague gets it: a bounce starts at 2.5% of the step at the earliest).
    const a = life.aSpec + seg * rng.range(0.004, 0.012);
    host.handOver(a, life.receiver, life.specStepDue);
    host.handOver(a + seg * rng.range(0.002, 0.008), specialist, life.specStepDue);
  }
  const colleagues = life.unit.specialists.filter((o) => o !== specialist);
  if (!bounced && specialist.buckPasser && colleagues.length >= 3 && rng.chance(PASS_AROUND_BUCK_PASSER)) {
    let a = life.aSpec + seg * rng.range(0.1, 0.2);
    for (let k = 0; k < 3; k++) {
      const [o] = colleagues.splice(rng.int(0, colleagues.length - 1), 1);
      host.handOver(a, o!, life.specStepDue);
      a += seg * rng.range(0.04, 0.1);
    }
    host.handOver(a, specialist, life.specStepDue);
  }
  const liaison = life.unit.procedureLiaisons[life.pi] ?? null;
  if (life.steps === 3 && liaison !== null && rng.chance(LIAISON_SHARE)) planLiaison(host, life, liaison);
}

/**
 * The inter-level step: the ward's specialist → a department official (a new step) → the ward's
 * leader; sometimes the official hands it back to the specialist and gets it again (liên thông qua lại).
 */
function planLiaison(host: HandoverHost, life: HandoverLife, department: SimUnit): void {
  const { rng } = life;
  const official = rng.pick(department.specialists);
  const seg = life.aLead - life.aSpec;
  // After every transfer within the specialist's step (they end by 86% of it).
  const a = life.aSpec + seg * rng.range(0.86, 0.9);
  const due = host.newStep(a, official, life.dueA * 0.93);
  if (rng.chance(official.buckPasser ? PING_PONG.buckPasser : PING_PONG.other)) {
    host.handOver(a + seg * 0.03, life.specialist, due);
    host.handOver(a + seg * 0.06, official, due);
  }
  // The leader's step after it ends later than the department's.
  host.raiseStepDues(a + seg * 0.07, due + 1);
}
