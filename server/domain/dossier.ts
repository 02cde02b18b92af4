/**
 * A dossier (hồ sơ) as the fold of its events, and how it stands at an instant, by the DVCQG rules
 * of DOMAIN.md. Pure: the calendar, the settings and the instant are passed in.
 *
 * Choices where the rules are silent:
 * - End of processing: the earliest event of the highest rank, processed > returned >
 *   stopped = refused = withdrawn. A later event of the same rank does not move the end.
 * - After the end, `assigned`, `supplement_requested` and `supplement_received` change nothing
 *   (they are only counted); `apology_issued`, `rated`, a repeated `received` and a higher-ranked end
 *   still apply.
 * - A repeated `received` replaces the receipt facts (receipt time, due date, unit…): it is a
 *   correction or a re-receipt, and any earlier supplement extension is dropped with it.
 * - A supplement request while one is already pending counts as a request but opens no second pause.
 * - `refused` (not accepted, status 3) and `withdrawn` are excluded; `stopped` is `paused`, excluded
 *   from the on-time rate like withdrawn ones but shown in its own bucket (Tạm dừng).
 * - Durations are exact (not rounded) working days; presentation rounds.
 */
import { applyIndexFields, UNKNOWN_INDEX_FIELDS } from './service-index-facts.js';
import { MS_PER_HOUR, vnDayIndex, vnEndOfDay } from './time.js';
import type {
  DossierBucket,
  DossierClassification,
  DossierEvent,
  DossierState,
  DossierStatus,
  DomainSettings,
  Hold,
  OverdueReason,
  Pause,
  WorkCalendar,
} from './types.js';

/** What the fold and the classification need besides the events. */
export interface DossierContext {
  calendar: WorkCalendar;
  settings: DomainSettings;
}

type EndKind = NonNullable<DossierState['endKind']>;

const END_RANK: Record<EndKind, number> = { processed: 3, returned: 2, stopped: 1, refused: 1, withdrawn: 1 };

const BUCKET_OF_STATUS: Record<DossierStatus, DossierBucket> = {
  registered: 'not_received',
  refused: 'not_received',
  received: 'in_progress',
  processing: 'in_progress',
  supplement_requested: 'awaiting_supplement',
  stopped: 'paused',
  processed: 'done',
  returned: 'done',
  withdrawn: 'withdrawn',
};

/** The state of a dossier before any event: status 'registered', bucket 'not_received'. */
export function emptyDossierState(id: string): DossierState {
  return {
    id,
    unit: null,
    procedure: null,
    channel: null,
    receivedAt: null,
    originalDueAt: null,
    dueAt: null,
    status: 'registered',
    bucket: 'not_received',
    pauses: [],
    supplementRequests: 0,
    apologies: [],
    endAt: null,
    endKind: null,
    returnedAt: null,
    holds: [],
    rating: null,
    complaint: null,
    lastEventAt: 0,
    eventCount: 0,
  };
}

/**
 * The due date (epoch ms) moved later by `pausedMs` working milliseconds. A bare-date due (the last
 * millisecond of a Vietnam day) stays a bare-date due when the extension lands at the close of a
 * working day, so "due on that date" keeps meaning the whole date.
 */
export function extendDueAt(dueAt: number, pausedMs: number, calendar: WorkCalendar): number {
  if (pausedMs <= 0) return dueAt;
  const extended = calendar.addWorkingMs(dueAt, pausedMs);
  if (dueAt === vnEndOfDay(dueAt) && calendar.workingMsBetween(extended, vnEndOfDay(extended)) === 0) {
    return vnEndOfDay(extended);
  }
  return extended;
}

function setStatus(s: DossierState, status: DossierStatus): void {
  s.status = status;
  s.bucket = BUCKET_OF_STATUS[status];
}

// Array items are replaced, never mutated: states returned by applyDossierEvent share them.
function closeHold(s: DossierState, at: number): void {
  const last = s.holds[s.holds.length - 1];
  if (last !== undefined && last.to === null) s.holds[s.holds.length - 1] = { ...last, to: at };
}

/** Closes the pending pause at `at` and returns it as it was (open), or null if none was pending. */
function closePause(s: DossierState, at: number): Pause | null {
  const last = s.pauses[s.pauses.length - 1];
  if (last === undefined || last.to !== null) return null;
  s.pauses[s.pauses.length - 1] = { from: last.from, to: at };
  return last;
}

function endWith(s: DossierState, kind: EndKind, at: number): boolean {
  if (s.endKind !== null && END_RANK[kind] <= END_RANK[s.endKind]) return false;
  s.endAt = at;
  s.endKind = kind;
  closeHold(s, at);
  closePause(s, at);
  return true;
}

/** Applies one event to a state the caller owns (its arrays included). */
function applyInPlace(s: DossierState, e: DossierEvent, ctx: DossierContext): void {
  s.lastEventAt = s.eventCount === 0 || e.at > s.lastEventAt ? e.at : s.lastEventAt;
  s.eventCount += 1;
  const ended = s.endKind !== null;
  switch (e.type) {
    case 'received':
      s.unit = e.unit;
      s.procedure = e.procedure;
      s.channel = e.channel;
      s.receivedAt = e.at;
      s.originalDueAt = e.dueAt;
      s.dueAt = e.dueAt;
      applyIndexFields(s, e);
      if (s.status === 'registered') setStatus(s, 'received');
      return;
    case 'assigned': {
      if (ended) return;
      closeHold(s, e.at);
      s.holds.push({
        handlerId: e.handler.id,
        handlerName: e.handler.name,
        handlerUnit: e.handler.unit,
        from: e.at,
        to: null,
        stepDueAt: e.stepDueAt ?? null,
      });
      if (s.status === 'registered' || s.status === 'received') setStatus(s, 'processing');
      return;
    }
    case 'supplement_requested': {
      if (ended) return;
      s.supplementRequests += 1;
      if (s.supplementRequests === 2) {
        s.supplementRuleAt = e.at;
        if (s.dueAt !== null) s.dueAtSecondRequest = s.dueAt;
      }
      const last = s.pauses[s.pauses.length - 1];
      if (last === undefined || last.to !== null) s.pauses.push({ from: e.at, to: null });
      setStatus(s, 'supplement_requested');
      return;
    }
    case 'supplement_received': {
      if (ended) return;
      const pause = closePause(s, e.at);
      if (e.dueAt !== undefined) {
        s.dueAt = e.dueAt;
      } else if (pause !== null && s.dueAt !== null && ctx.settings.extendDueByPausedTime) {
        s.dueAt = extendDueAt(s.dueAt, ctx.calendar.workingMsBetween(pause.from, e.at), ctx.calendar);
      }
      setStatus(s, 'processing');
      return;
    }
    case 'apology_issued':
      s.apologies.push({ at: e.at, proposedDueAt: e.proposedDueAt, reason: e.reason });
      return;
    case 'processed':
      applyIndexFields(s, e);
      if (endWith(s, 'processed', e.at)) setStatus(s, s.returnedAt !== null ? 'returned' : 'processed');
      return;
    case 'returned':
      applyIndexFields(s, e);
      if (s.returnedAt === null) s.returnedAt = e.at;
      endWith(s, 'returned', e.at);
      if (s.endKind === 'processed' || s.endKind === 'returned') setStatus(s, 'returned');
      return;
    case 'stopped':
    case 'refused':
    case 'withdrawn':
      if (endWith(s, e.type, e.at)) setStatus(s, e.type);
      return;
    case 'rated':
      s.rating = e.rating;
      s.complaint = e.complaint ?? s.complaint;
      // A rating is the citizen's word on the dossier: a dislike or a complaint text is a complaint;
      // a satisfied rating makes it known, without erasing a complaint sent before.
      s.index = {
        ...(s.index ?? UNKNOWN_INDEX_FIELDS),
        complaint: e.rating === 'unsatisfied' || (e.complaint ?? '').trim() !== '' || s.index?.complaint === true,
      };
      return;
  }
}

/**
 * The state after one more event, for events arriving in order (`event.at` ≥ `state.lastEventAt`);
 * an event older than that needs a re-fold with foldDossier. Does not mutate `state`.
 */
export function applyDossierEvent(state: DossierState, event: DossierEvent, ctx: DossierContext): DossierState {
  const next = copyDossierState(state);
  applyInPlace(next, event, ctx);
  return next;
}

/**
 * A copy of a state that the caller owns: its own object and arrays (their items are shared, which
 * is safe: the fold replaces array items, never mutates them).
 */
export function copyDossierState(state: DossierState): DossierState {
  return { ...state, pauses: state.pauses.slice(), holds: state.holds.slice(), apologies: state.apologies.slice() };
}

/**
 * applyDossierEvent without the copy, for a caller that owns `state` (a copy, or a fold's result, that
 * nothing else holds yet): folding an item's many events of one batch or pass copies its state once,
 * not once per event.
 */
export function applyDossierEventInPlace(state: DossierState, event: DossierEvent, ctx: DossierContext): void {
  applyInPlace(state, event, ctx);
}

/**
 * Folds a dossier's events, in any arrival order, into its state: events are sorted by `at`,
 * stably (equal `at` keep arrival order), then applied one by one. Duplicates (same event id)
 * must be removed by the caller. `id` defaults to the first event's dossierId.
 */
export function foldDossier(events: readonly DossierEvent[], ctx: DossierContext, id: string = events[0]?.dossierId ?? ''): DossierState {
  let sorted = events;
  for (let i = 1; i < events.length; i++) {
    if (events[i].at < events[i - 1].at) {
      sorted = events.slice().sort((a, b) => a.at - b.at);
      break;
    }
  }
  const state = emptyDossierState(id);
  for (const e of sorted) applyInPlace(state, e, ctx);
  return state;
}

/** Working ms of the pauses (the citizen's supplement waits) within [from, until]. */
export function pausedWorkingMs(pauses: readonly Pause[], from: number, until: number, calendar: WorkCalendar): number {
  let total = 0;
  for (const p of pauses) {
    const a = p.from > from ? p.from : from;
    const b = p.to === null || p.to > until ? until : p.to;
    if (b > a) total += calendar.workingMsBetween(a, b);
  }
  return total;
}

/**
 * Working days from receipt to `until` minus the working time of pauses (8 working hours = 1 day).
 * Not clamped: an end before receipt gives a negative figure, which the data checks report.
 */
export function processingDaysOf(state: DossierState, until: number, calendar: WorkCalendar): number | null {
  if (state.receivedAt === null) return null;
  const working = calendar.workingMsBetween(state.receivedAt, until);
  return (working - pausedWorkingMs(state.pauses, state.receivedAt, until, calendar)) / calendar.workingMsPerDay;
}

const EXCLUDED: DossierClassification = {
  timeliness: 'excluded',
  overdue: false,
  dueSoon: false,
  daysOverdue: 0,
  overdueReason: null,
  processingDays: null,
  nextTransitionAt: null,
};

/**
 * How a dossier stands at `now` (epoch ms), by the state as folded:
 * - not received, refused, withdrawn → excluded;  stopped → paused (not in the on-time rate);
 * - finished → early (end on a Vietnam date before the due date's), on_time (end ≤ due), late;
 *   more than one supplement request → late whatever the dates (national index rule);
 * - open → overdue if more than one supplement request or now > due; awaiting_supplement while the
 *   only request is pending; due_soon when the working time left is ≤ settings.dueSoonWorkingHours
 *   (0 disables it); else in_term.
 * daysOverdue and processingDays are in working days; nextTransitionAt is the instant the
 * classification changes with no new event: in_term → the start of due soon, due_soon → dueAt + 1.
 */
export function classifyDossier(state: DossierState, now: number, ctx: DossierContext): DossierClassification {
  const { calendar, settings } = ctx;
  const due = state.dueAt;
  if (state.receivedAt === null || due === null) return EXCLUDED;
  if (state.endKind === 'refused' || state.endKind === 'withdrawn') return EXCLUDED;

  if (state.endAt !== null) {
    const end = state.endAt;
    if (state.endKind === 'stopped') return classified('paused', state, end, null, ctx);
    if (state.supplementRequests > 1 || end > due) return classified('late', state, end, null, ctx, end > due ? 'past_due' : 'supplements');
    return classified(vnDayIndex(end) < vnDayIndex(due) ? 'early' : 'on_time', state, end, null, ctx);
  }
  const pastDue = state.bucket !== 'awaiting_supplement' && now > due;
  if (state.supplementRequests > 1 || pastDue) {
    return classified('overdue', state, now, null, ctx, pastDue ? 'past_due' : 'supplements');
  }
  if (state.bucket === 'awaiting_supplement') return classified('awaiting_supplement', state, now, null, ctx);
  const dueSoonMs = settings.dueSoonWorkingHours * MS_PER_HOUR;
  if (dueSoonMs > 0 && calendar.workingMsBetween(now, due) <= dueSoonMs) {
    return classified('due_soon', state, now, due + 1, ctx);
  }
  const dueSoonStartsAt = dueSoonMs > 0 ? calendar.addWorkingMs(due, -dueSoonMs) : due + 1;
  return classified('in_term', state, now, dueSoonStartsAt, ctx);
}

/** The classification of a received dossier; `until` is the end of processing, or now while open. */
function classified(
  timeliness: DossierClassification['timeliness'],
  state: DossierState,
  until: number,
  nextTransitionAt: number | null,
  { calendar }: DossierContext,
  overdueReason: OverdueReason | null = null,
): DossierClassification {
  const overdue = timeliness === 'overdue';
  return {
    timeliness,
    overdue,
    dueSoon: timeliness === 'due_soon',
    // For an open dossier `until` is now; counted overdue by the supplements rule before its due date → 0.
    daysOverdue: overdue ? Math.max(0, calendar.workingMsBetween(state.dueAt ?? until, until)) / calendar.workingMsPerDay : 0,
    overdueReason,
    processingDays: processingDaysOf(state, until, calendar),
    nextTransitionAt,
  };
}

/**
 * How a dossier stood at `instant` (epoch ms), e.g. the end of a report period: events after the
 * instant are set aside where the state allows it (end of processing, pauses; received later →
 * excluded). Due-date moves and supplement counts after the instant are not undone (pending
 * requests are approximated by the pauses started); fold the events up to the instant for an exact
 * answer.
 */
export function judgeAt(state: DossierState, instant: number, ctx: DossierContext): DossierClassification {
  if (state.receivedAt === null || state.receivedAt > instant) return EXCLUDED;
  if (state.endAt === null || state.endAt <= instant) return classifyDossier(state, instant, ctx);
  const pauses: Pause[] = [];
  for (const p of state.pauses) {
    if (p.from > instant) break;
    pauses.push(p.to !== null && p.to > instant ? { from: p.from, to: null } : p);
  }
  const waiting = pauses.length > 0 && pauses[pauses.length - 1].to === null;
  const status: DossierStatus = waiting ? 'supplement_requested' : 'processing';
  const asThen: DossierState = {
    ...state,
    endAt: null,
    endKind: null,
    status,
    bucket: BUCKET_OF_STATUS[status],
    pauses,
    supplementRequests: Math.min(state.supplementRequests, pauses.length),
  };
  return classifyDossier(asThen, instant, ctx);
}

/** Working-day figures of one processing step (Hold). */
export interface HoldDurations {
  /** Working days held, up to `now` while held. */
  heldDays: number;
  /** Working days from the start of the hold to its allotted end; null without stepDueAt. */
  allottedDays: number | null;
  /** Working days held beyond the allotted time (≥ 0; 0 without stepDueAt). */
  delayDays: number;
}

/**
 * Held, allotted and delay durations of a hold, in working days. Pass the dossier's pauses to leave
 * the time spent waiting for the citizen's supplement out of the official's holding time.
 */
export function holdDurations(hold: Hold, now: number, calendar: WorkCalendar, pauses: readonly Pause[] = []): HoldDurations {
  const perDay = calendar.workingMsPerDay;
  const to = hold.to ?? now;
  const heldMs = calendar.workingMsBetween(hold.from, to) - pausedWorkingMs(pauses, hold.from, to, calendar);
  const heldDays = heldMs / perDay;
  const allottedDays = hold.stepDueAt === null ? null : calendar.workingMsBetween(hold.from, hold.stepDueAt) / perDay;
  const delayDays = allottedDays === null ? 0 : Math.max(0, heldDays - allottedDays);
  return { heldDays, allottedDays, delayDays };
}
