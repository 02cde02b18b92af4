/**
 * Buck-passing (đùn đẩy, DOMAIN.md "Accountability"): the cases found in one dossier's hand-overs.
 * Pure: the holds, the supplement pauses, the settings and the calendar in, cases out.
 *
 * A hand-over is a hold that follows another official's hold (an official reassigned to themselves
 * hands nothing over). A step is a run of consecutive holds sharing one allotted step end
 * (`stepDueAt`): a hand-over that sets a later one completes the step. Where the source sends no
 * step end, a hand-over to an official new to the dossier completes the step, one to an earlier
 * holder does not. A hand-over made after a supplement request (since the previous hand-over) is
 * justified: the dossier goes back for the citizen's papers, and no rule counts it.
 *
 * Rules, in the order one hand-over is judged (the first that applies names it):
 * - cross_unit: it goes back to a unit it had left (X → Y → X: ward ↔ department, ward ↔ ward) to an
 *   earlier holder, or without completing the step;
 * - sent_back: to an official who held an earlier step, or to the receiving desk (the first holder);
 *   the hand-over that takes it forward again (to the sender, or on) is part of the same case;
 * - bounce: to an official who already held the dossier in the current step (A → B → A, A → B → C → A);
 *   back-and-forth that keeps overlapping the same cycle stays one case.
 * - pass_around (counted besides): more than `passAroundTransfers` unjustified hand-overs with no step
 *   completed, or more than `passAroundHolders` officials holding it within one step; one case per step.
 * A planned route A → B → C, each a new step, is never a case.
 */
import type { AccountabilitySettings } from './accountability-settings.js';
import { pausedWorkingMs } from './dossier.js';
import type { DossierState, Hold, Pause, WorkCalendar } from './types.js';
import type { BuckPassingRule } from '../../shared/contract/buck-passing.js';

export type { BuckPassingRule } from '../../shared/contract/buck-passing.js';

/** An official involved in a case, as the holds name them. */
export interface CaseOfficial {
  id: string;
  name: string;
  unit: string;
}

/** One case of buck-passing in a dossier. Instants in epoch ms. */
export interface BuckPassingCase {
  /** `<dossierId>:<rule>:<firstHold>`: stable while the dossier's holds up to the case do not change. */
  id: string;
  dossierId: string;
  rule: BuckPassingRule;
  /** Index of the first and last hold of the case in `holds` (inclusive). */
  firstHold: number;
  lastHold: number;
  /** The first and last hand-over of the cycle. */
  firstHandoverAt: number;
  lastHandoverAt: number;
  /** Working ms between them, the supplement waits within left out. */
  lostWorkingMs: number;
  /**
   * Sent back and not passed forward again yet: its last hand-over is the return, so the time lost
   * is only counted once the dossier moves on.
   */
  ongoing: boolean;
  /** Distinct holders of the case's holds, in order of first appearance. */
  officials: CaseOfficial[];
  /** The dossier's unit. */
  unit: string | null;
}

/** A case before its officials and times are read: hold indexes only. */
export interface CaseRange {
  rule: BuckPassingRule;
  first: number;
  last: number;
  /** Holds whose start is the first and the last hand-over. */
  firstHandover: number;
  lastHandover: number;
  /** A sent-back case still waiting for the hand-over that takes the dossier forward again. */
  ongoing?: boolean;
}

/** Steps of a dossier's holds: which step each hold is in, where each step starts, who first held it when. */
interface Steps {
  /** step[i]: the step (0-based) hold i belongs to. */
  step: Int32Array;
  /** completes[i]: hold i began a new step (a later step end, or a new official without step ends). */
  completes: Uint8Array;
  /** The hold each step starts with. */
  starts: number[];
  /** The step of each official's first hold. */
  firstStep: Map<string, number>;
}

function stepsOf(holds: readonly Hold[]): Steps {
  const n = holds.length;
  const step = new Int32Array(n);
  const completes = new Uint8Array(n);
  const starts = [0];
  const firstStep = new Map<string, number>([[holds[0].handlerId, 0]]);
  for (let i = 1; i < n; i++) {
    const a = holds[i - 1];
    const b = holds[i];
    const done = a.stepDueAt !== null && b.stepDueAt !== null ? b.stepDueAt > a.stepDueAt : !firstStep.has(b.handlerId);
    step[i] = step[i - 1] + (done ? 1 : 0);
    if (done) {
      completes[i] = 1;
      starts.push(i);
    }
    if (!firstStep.has(b.handlerId)) firstStep.set(b.handlerId, step[i]);
  }
  return { step, completes, starts, firstStep };
}

/** One pass over the hand-overs, keeping the cases that may still grow. */
class Scan {
  readonly cases: CaseRange[] = [];
  private readonly lastHeld = new Map<string, number>();
  private readonly lastInUnit = new Map<string, number>();
  private sentBack: { range: CaseRange; sender: string } | null = null;
  private bounce: CaseRange | null = null;
  private cross: CaseRange | null = null;
  // The current step's pass-around bookkeeping.
  private stepStart = 0;
  private stepFirstHandover = -1;
  private stepHandovers = 0;
  private stepHolders = new Set<string>();
  private passAround: CaseRange | null = null;
  private pauseIndex = 0;

  constructor(
    private readonly holds: readonly Hold[],
    private readonly pauses: readonly Pause[],
    private readonly steps: Steps,
    private readonly settings: AccountabilitySettings,
  ) {
    this.seen(0);
    this.stepHolders.add(holds[0].handlerId);
  }

  run(): CaseRange[] {
    for (let k = 1; k < this.holds.length; k++) {
      const self = this.holds[k].handlerId === this.holds[k - 1].handlerId;
      const justified = this.supplementBefore(k);
      this.countForPassAround(k, self, justified);
      if (!self) this.judge(k, justified);
      this.seen(k);
    }
    if (this.sentBack) this.sentBack.range.ongoing = true;
    return this.cases.sort((a, b) => a.first - b.first || a.last - b.last);
  }

  private seen(k: number): void {
    this.lastHeld.set(this.holds[k].handlerId, k);
    this.lastInUnit.set(this.holds[k].handlerUnit, k);
  }

  /** Whether a supplement was requested after the previous hand-over and by this one. */
  private supplementBefore(k: number): boolean {
    const after = this.holds[k - 1].from;
    const until = this.holds[k].from;
    while (this.pauseIndex < this.pauses.length && this.pauses[this.pauseIndex].from <= after) this.pauseIndex++;
    return this.pauseIndex < this.pauses.length && this.pauses[this.pauseIndex].from <= until;
  }

  private countForPassAround(k: number, self: boolean, justified: boolean): void {
    if (this.steps.completes[k]) {
      this.stepStart = k;
      this.stepFirstHandover = -1;
      this.stepHandovers = 0;
      this.stepHolders = new Set([this.holds[k].handlerId]);
      this.passAround = null;
      return;
    }
    if (self) return;
    this.stepHolders.add(this.holds[k].handlerId);
    if (justified) return;
    if (this.stepFirstHandover < 0) this.stepFirstHandover = k;
    this.stepHandovers++;
    const s = this.settings;
    if (this.stepHandovers <= s.passAroundTransfers && this.stepHolders.size <= s.passAroundHolders) return;
    if (this.passAround) extend(this.passAround, k);
    else this.passAround = this.add('pass_around', this.stepStart, k, this.stepFirstHandover);
  }

  /** Names the hand-over to hold k by the first rule that applies (see the module's comment). */
  private judge(k: number, justified: boolean): void {
    const a = this.holds[k - 1];
    const b = this.holds[k];
    const sb = this.sentBack;
    if (justified) {
      this.sentBack = null;
      return;
    }
    if (sb && b.handlerId === sb.sender) {
      extend(sb.range, k);
      this.sentBack = null;
      return;
    }
    const before = this.lastHeld.get(b.handlerId);
    const completes = this.steps.completes[k] === 1;
    const unitBefore = b.handlerUnit !== a.handlerUnit ? this.lastInUnit.get(b.handlerUnit) : undefined;
    const currentStep = this.steps.step[k - 1];
    if (unitBefore !== undefined && (before !== undefined || !completes)) {
      this.cross = this.cycle(this.cross, 'cross_unit', unitBefore, k);
      this.sentBack = null;
    } else if (before !== undefined && (b.handlerId === this.holds[0].handlerId || this.steps.firstStep.get(b.handlerId)! < currentStep)) {
      if (sb) extend(sb.range, k);
      else this.sentBack = { range: this.add('sent_back', k - 1, k, k), sender: a.handlerId };
    } else if (before !== undefined && !completes && before >= this.steps.starts[currentStep]) {
      this.bounce = this.cycle(this.bounce, 'bounce', before, k);
      this.sentBack = null;
    } else if (sb) {
      // Forward again: the hand-over that ends the sent-back is part of it.
      extend(sb.range, k);
      this.sentBack = null;
    }
  }

  /** A cycle from hold j back at hold k: it grows the open case of its rule when they overlap, else starts one. */
  private cycle(open: CaseRange | null, rule: BuckPassingRule, j: number, k: number): CaseRange {
    if (open && j <= open.last) {
      extend(open, k);
      return open;
    }
    return this.add(rule, j, k, j + 1);
  }

  private add(rule: BuckPassingRule, first: number, last: number, firstHandover: number): CaseRange {
    const range: CaseRange = { rule, first, last, firstHandover, lastHandover: last };
    this.cases.push(range);
    return range;
  }
}

function extend(range: CaseRange, k: number): void {
  range.last = k;
  range.lastHandover = k;
}

/** The cases of a dossier as hold ranges, ordered by their first hold. */
export function findCaseRanges(holds: readonly Hold[], pauses: readonly Pause[], settings: AccountabilitySettings): CaseRange[] {
  if (holds.length < 2 || plainRoute(holds, settings)) return [];
  return new Scan(holds, pauses, stepsOf(holds), settings).run();
}

/**
 * Most dossiers, at a glance: too few holds to pass around, each official holding it once and no unit
 * holding it again after another did. No rule can apply to such a route; the scan is skipped.
 */
function plainRoute(holds: readonly Hold[], s: AccountabilitySettings): boolean {
  const n = holds.length;
  if (n - 1 > s.passAroundTransfers || n > s.passAroundHolders) return false;
  for (let i = 1; i < n; i++) {
    const h = holds[i];
    const unitChanged = h.handlerUnit !== holds[i - 1].handlerUnit;
    for (let j = 0; j < i; j++) {
      if (holds[j].handlerId === h.handlerId) return false;
      if (unitChanged && holds[j].handlerUnit === h.handlerUnit) return false;
    }
  }
  return true;
}

/** The id of a case: `<dossierId>:<rule>:<firstHold>`. */
export function caseId(dossierId: string, rule: BuckPassingRule, firstHold: number): string {
  return `${dossierId}:${rule}:${firstHold}`;
}

/**
 * The buck-passing cases of a dossier, with the officials involved and the working time lost
 * between the first and the last hand-over of each (supplement waits left out).
 */
export function buckPassingCases(
  state: Pick<DossierState, 'id' | 'unit' | 'holds' | 'pauses'>,
  settings: AccountabilitySettings,
  calendar: WorkCalendar,
): BuckPassingCase[] {
  return findCaseRanges(state.holds, state.pauses, settings).map((r) => {
    const from = state.holds[r.firstHandover].from;
    const to = state.holds[r.lastHandover].from;
    const lost = calendar.workingMsBetween(from, to) - pausedWorkingMs(state.pauses, from, to, calendar);
    return {
      id: caseId(state.id, r.rule, r.first),
      dossierId: state.id,
      rule: r.rule,
      firstHold: r.first,
      lastHold: r.last,
      firstHandoverAt: from,
      lastHandoverAt: to,
      lostWorkingMs: Math.max(0, lost),
      ongoing: r.ongoing === true,
      officials: officialsOf(state.holds, r.first, r.last),
      unit: state.unit,
    };
  });
}

function officialsOf(holds: readonly Hold[], first: number, last: number): CaseOfficial[] {
  const out: CaseOfficial[] = [];
  const ids = new Set<string>();
  for (let i = first; i <= last; i++) {
    const h = holds[i];
    if (ids.has(h.handlerId)) continue;
    ids.add(h.handlerId);
    out.push({ id: h.handlerId, name: h.handlerName, unit: h.handlerUnit });
  }
  return out;
}

interface CountMemo {
  holds: number;
  pauses: number;
  settings: AccountabilitySettings;
  count: number;
}

// Keyed by the last hold: the fold replaces hold objects and never mutates them, so the same last
// hold with as many holds and pauses is the same hand-over history (a refold makes new objects).
const countMemo = new WeakMap<Hold, CountMemo>();

/**
 * How many cases a dossier has (the map metric's numerator). Memoised on its hand-over history, so
 * the metrics engine pays for the rules only when a hand-over or a supplement request came in.
 */
export function buckPassingCaseCount(state: Pick<DossierState, 'holds' | 'pauses'>, settings: AccountabilitySettings): number {
  const { holds, pauses } = state;
  if (holds.length < 2) return 0;
  const last = holds[holds.length - 1];
  const memo = countMemo.get(last);
  if (memo && memo.holds === holds.length && memo.pauses === pauses.length && memo.settings === settings) return memo.count;
  const count = findCaseRanges(holds, pauses, settings).length;
  countMemo.set(last, { holds: holds.length, pauses: pauses.length, settings, count });
  return count;
}
