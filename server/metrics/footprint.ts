/**
 * What one dossier or task contributes to the metrics, computed at an instant. A footprint has two
 * halves:
 * - backlog flags ("open now": in progress, overdue, due soon, …), which depend on `now` and change
 *   with no event at `nextTransitionAt`;
 * - flow facts keyed by Vietnam day index (received on day d, finished on day d with an outcome, …),
 *   which depend on the state only.
 * The engine adds and subtracts footprints; everything in them is an integer or a flag so that
 * incremental updates, a restart and a recompute agree exactly.
 */
import { buckPassingCaseCount } from '../domain/buck-passing.js';
import { classifyDossier } from '../domain/dossier.js';
import type { DossierContext } from '../domain/dossier.js';
import { overdueSpans, overdueWorkDay, spanAt } from '../domain/overdue-spans.js';
import { indexBits, isSatisfactionBad, UNKNOWN_INDEX_FIELDS } from '../domain/service-index-facts.js';
import { classifyTask } from '../domain/task.js';
import { vnDayIndex } from '../domain/time.js';
import type { DossierClassification, DossierState, TaskState } from '../domain/types.js';
import { processingBin } from './histogram.js';

/**
 * How a dossier's processing ended, for the flow counters:
 * early / on_time / late (done: processed or returned), withdrawn (by the citizen, status 7),
 * stopped (processing stopped, status 8: the `paused` figure).
 */
export type DossierOutcome = 'early' | 'on_time' | 'late' | 'withdrawn' | 'stopped';

/** A dossier's contribution to the metrics at one instant. */
export interface DossierFootprint {
  /** Unit or department code it is counted under; null → it contributes nothing. */
  code: string | null;
  /** Not ended: the engine keeps it for reclassification. */
  open: boolean;
  /** Open, in the in-progress bucket (status 2/4), overdue and due-soon ones included. */
  inProgress: boolean;
  /** Open and overdue now (past due, or more than one supplement request). */
  overdue: boolean;
  /**
   * Open and overdue: the Vietnam day its current lateness began in working time (overdueWorkDay), for
   * the short periods' on-time rate; null otherwise.
   */
  overdueDay: number | null;
  /** Open and due within the due-soon window now. */
  dueSoon: boolean;
  /** Open, clock stopped awaiting the citizen's supplement (status 5). */
  awaitingSupplement: boolean;
  /** Vietnam day index of receipt; null when not counted. */
  receivedDay: number | null;
  /** Received online (channel 2). */
  online: boolean;
  /** Vietnam day index of the end of processing; null while open. */
  endDay: number | null;
  outcome: DossierOutcome | null;
  /** Processing-time histogram bin (0.1 working day) of a done dossier; null otherwise. */
  processingBin: number | null;
  /** Vietnam day index of each apology letter, in fold order. */
  apologyDays: number[];
  /** Buck-passing cases found in its hand-overs (domain/buck-passing.ts), counted on `receivedDay`. */
  buckPassingCases: number;
  /** Its national service index contributions (indexBits), counted on `receivedDay`. */
  indexBits: number;
  /** On the bad side of satisfaction now (complaint known, and a complaint, late or overdue). */
  satisfactionBad: boolean;
  /** Instant (epoch ms) the backlog flags change with no event; null if never. */
  nextTransitionAt: number | null;
}

/**
 * The now-independent facts of a finished dossier, flat and column-friendly (numbers, strings and
 * null only; booleans as 0/1 because SQLite has no boolean), so the store can persist them and a
 * restart can load finished dossiers without folding their events.
 */
export interface FinishedDossierFacts {
  /** Unit or department code. */
  code: string;
  /** Vietnam day index of receipt. */
  receivedDay: number;
  /** 1 if received online, else 0. */
  online: 0 | 1;
  /** Vietnam day index of the end of processing. */
  endDay: number;
  outcome: DossierOutcome;
  /** Processing-time bin for done outcomes (early/on_time/late); null for withdrawn/stopped. */
  processingBin: number | null;
  /** Apology letters' Vietnam day indexes, comma-separated ascending ("20400,20412"); null when none. */
  apologyDays: string | null;
  /** Buck-passing cases found in its hand-overs (0 when none). */
  buckPassingCases: number;
  /** National service index contributions (indexBits; satisfaction follows from them and `outcome`); absent = 0. */
  indexBits?: number;
}

/** A task's contribution to the metrics at one instant. */
export interface TaskFootprint {
  /** Assignee (unit or department) code; null → it contributes nothing. */
  code: string | null;
  /** Neither completed nor cancelled. */
  open: boolean;
  openInTerm: boolean;
  openOverdue: boolean;
  /** Open without a deadline. */
  noDeadline: boolean;
  /** Vietnam day index of assignment; null when not counted. */
  assignedDay: number | null;
  /** Vietnam day index of completion; null unless completed. */
  completedDay: number | null;
  /** Completed by the deadline in force (or without one). */
  completedOnTime: boolean;
  nextTransitionAt: number | null;
}

const EMPTY_APOLOGY_DAYS: number[] = [];

/**
 * Whether a dossier counts at all: received, with a unit, and not refused (status 3 "not accepted"
 * is "not received" in the national buckets). Withdrawn and stopped dossiers do count (received,
 * then their own outcome).
 */
export function isCountedDossier(state: DossierState): boolean {
  return state.receivedAt !== null && state.unit !== null && state.endKind !== 'refused';
}

/**
 * The outcome of an ended, counted dossier, from its end kind and its classification; null while
 * open. Done dossiers (processed/returned) are early / on_time / late as classifyDossier judges them
 * (the two-supplements rule included).
 */
export function dossierOutcome(state: DossierState, c: DossierClassification): DossierOutcome | null {
  switch (state.endKind) {
    case null:
    case 'refused':
      return null;
    case 'withdrawn':
      return 'withdrawn';
    case 'stopped':
      return 'stopped';
    case 'processed':
    case 'returned':
      return c.timeliness === 'early' || c.timeliness === 'on_time' ? c.timeliness : 'late';
  }
}

/** Whether an outcome is a done one (in the on-time rate and the processing-time histogram). */
export function isDoneOutcome(outcome: DossierOutcome | null): outcome is 'early' | 'on_time' | 'late' {
  return outcome === 'early' || outcome === 'on_time' || outcome === 'late';
}

function noDossierFootprint(): DossierFootprint {
  return {
    code: null,
    open: false,
    inProgress: false,
    overdue: false,
    overdueDay: null,
    dueSoon: false,
    awaitingSupplement: false,
    receivedDay: null,
    online: false,
    endDay: null,
    outcome: null,
    processingBin: null,
    apologyDays: EMPTY_APOLOGY_DAYS,
    buckPassingCases: 0,
    indexBits: 0,
    satisfactionBad: false,
    nextTransitionAt: null,
  };
}

/**
 * The dossier's contribution at `now` (epoch ms). Backlog flags are set only for open dossiers;
 * `awaitingSupplement` and `inProgress` follow the status bucket (disjoint), `overdue` and `dueSoon`
 * follow classifyDossier (so a dossier awaiting its second supplement is both awaiting and overdue).
 */
export function dossierFootprint(state: DossierState, now: number, ctx: DossierContext): DossierFootprint {
  if (!isCountedDossier(state)) return noDossierFootprint();
  const c = classifyDossier(state, now, ctx);
  const open = state.endAt === null;
  const outcome = open ? null : dossierOutcome(state, c);
  const overdue = open && c.overdue;
  const lateness = overdue ? currentLateness(state, now, ctx) : NO_LATENESS;
  const bits = indexBits(state.index ?? UNKNOWN_INDEX_FIELDS);
  return {
    code: state.unit,
    open,
    inProgress: open && state.bucket === 'in_progress',
    overdue,
    overdueDay: lateness.day,
    dueSoon: open && c.dueSoon,
    awaitingSupplement: open && state.bucket === 'awaiting_supplement',
    receivedDay: vnDayIndex(state.receivedAt as number),
    online: state.channel === 'online',
    endDay: open ? null : vnDayIndex(state.endAt as number),
    outcome,
    processingBin: isDoneOutcome(outcome) && c.processingDays !== null ? processingBin(c.processingDays) : null,
    apologyDays: state.apologies.length === 0 ? EMPTY_APOLOGY_DAYS : state.apologies.map((a) => vnDayIndex(a.at)),
    buckPassingCases: buckPassingCaseCount(state, ctx.settings.accountability),
    indexBits: bits,
    satisfactionBad: isSatisfactionBad(bits, overdue || outcome === 'late'),
    nextTransitionAt: open ? earliest(c.nextTransitionAt, lateness.changesAt) : null,
  };
}

/** An overdue dossier's current span, as the footprint reads it: its day, and when that changes. */
interface Lateness {
  /** The working day the lateness holding now began; null when no span holds now. */
  day: number | null;
  /** The next span boundary after now, where `day` changes; null when none is to come. */
  changesAt: number | null;
}
const NO_LATENESS: Lateness = { day: null, changesAt: null };

/**
 * The day the lateness of an overdue dossier began (its span holding now), and the next instant a span
 * begins or ends. None when no span holds now, as in the recompute and the store's overdue spans, which
 * judge "newly overdue" by the spans only. The boundary is a transition of its own: an event dated
 * after now (a source's clock ahead of ours) can leave a dossier overdue now with its span starting
 * later, and the classification alone would schedule nothing then (property-test counterexamples).
 */
function currentLateness(state: DossierState, now: number, ctx: DossierContext): Lateness {
  const spans = overdueSpans(state);
  const span = spanAt(spans, now);
  let changesAt: number | null = null;
  for (const s of spans) {
    const boundary = s.from > now ? s.from : s.to !== null && s.to > now ? s.to : null;
    if (boundary !== null && (changesAt === null || boundary < changesAt)) changesAt = boundary;
  }
  return { day: span === null ? null : overdueWorkDay(span, ctx.calendar), changesAt };
}

function earliest(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

/**
 * The flat facts of a finished, counted dossier (see FinishedDossierFacts); null for an open or
 * uncounted one. Equal to what dossierFootprint gives at any instant, as a finished dossier's
 * footprint does not depend on `now`.
 */
export function dossierFacts(state: DossierState, ctx: DossierContext): FinishedDossierFacts | null {
  if (!isCountedDossier(state) || state.endAt === null) return null;
  // Any instant will do for a finished dossier; its end is as good as another.
  const fp = dossierFootprint(state, state.endAt, ctx);
  return footprintFacts(fp);
}

/** The facts of a finished footprint (its flow half); null if it is open or contributes nothing. */
export function footprintFacts(fp: DossierFootprint): FinishedDossierFacts | null {
  if (fp.code === null || fp.open || fp.receivedDay === null || fp.endDay === null || fp.outcome === null) return null;
  return {
    code: fp.code,
    receivedDay: fp.receivedDay,
    online: fp.online ? 1 : 0,
    endDay: fp.endDay,
    outcome: fp.outcome,
    processingBin: fp.processingBin,
    apologyDays:
      fp.apologyDays.length === 0
        ? null
        : fp.apologyDays
            .slice()
            .sort((a, b) => a - b)
            .join(','),
    buckPassingCases: fp.buckPassingCases,
    indexBits: fp.indexBits,
  };
}

/** Decodes FinishedDossierFacts.apologyDays into day indexes (empty for null or ''). */
export function parseApologyDays(encoded: string | null): number[] {
  if (encoded === null || encoded === '') return [];
  return encoded.split(',').map(Number);
}

/**
 * The task's contribution at `now` (epoch ms). Counted once assigned to a code. A cancelled task
 * still counts as assigned on its assignment day (it was assigned), and in nothing else.
 */
export function taskFootprint(state: TaskState, now: number): TaskFootprint {
  if (state.assignee === null || state.assignedAt === null) {
    return {
      code: null,
      open: false,
      openInTerm: false,
      openOverdue: false,
      noDeadline: false,
      assignedDay: null,
      completedDay: null,
      completedOnTime: false,
      nextTransitionAt: null,
    };
  }
  const c = classifyTask(state, now);
  const completed = state.status === 'completed' && state.completedAt !== null;
  return {
    code: state.assignee,
    open: state.status === 'open',
    openInTerm: c.timeliness === 'open_in_term',
    openOverdue: c.timeliness === 'open_overdue',
    noDeadline: c.timeliness === 'no_deadline',
    assignedDay: vnDayIndex(state.assignedAt),
    completedDay: completed ? vnDayIndex(state.completedAt as number) : null,
    completedOnTime: completed && c.timeliness === 'done_on_time',
    nextTransitionAt: c.nextTransitionAt,
  };
}

/** Whether two dossier footprints contribute the same (nextTransitionAt aside). */
export function sameDossierFootprint(a: DossierFootprint, b: DossierFootprint): boolean {
  if (
    a.code !== b.code ||
    a.open !== b.open ||
    a.inProgress !== b.inProgress ||
    a.overdue !== b.overdue ||
    a.overdueDay !== b.overdueDay ||
    a.dueSoon !== b.dueSoon ||
    a.awaitingSupplement !== b.awaitingSupplement ||
    a.receivedDay !== b.receivedDay ||
    a.online !== b.online ||
    a.endDay !== b.endDay ||
    a.outcome !== b.outcome ||
    a.processingBin !== b.processingBin ||
    a.buckPassingCases !== b.buckPassingCases ||
    a.indexBits !== b.indexBits ||
    a.satisfactionBad !== b.satisfactionBad ||
    a.apologyDays.length !== b.apologyDays.length
  ) {
    return false;
  }
  for (let i = 0; i < a.apologyDays.length; i++) if (a.apologyDays[i] !== b.apologyDays[i]) return false;
  return true;
}

/** Whether two task footprints contribute the same (nextTransitionAt aside). */
export function sameTaskFootprint(a: TaskFootprint, b: TaskFootprint): boolean {
  return (
    a.code === b.code &&
    a.open === b.open &&
    a.openInTerm === b.openInTerm &&
    a.openOverdue === b.openOverdue &&
    a.noDeadline === b.noDeadline &&
    a.assignedDay === b.assignedDay &&
    a.completedDay === b.completedDay &&
    a.completedOnTime === b.completedOnTime
  );
}
