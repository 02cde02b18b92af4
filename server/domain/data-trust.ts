/**
 * Data trust (Độ tin cậy dữ liệu, DOMAIN.md "Accountability"): the logic checks on what units send.
 * Pure: a dossier's events as they reached us, its folded state, the settings and the calendar in;
 * flags out, each with the events it rests on. Flags sit beside the service metrics and never change them.
 *
 * A dossier's flags are computed from all its events at once, in any arrival order, so the projection
 * writer may recompute them whenever an event comes in and a restart gets the same answer. The
 * completion burst looks across dossiers (completionBurstMembers) and the daily jump across days
 * (data-trust-daily.ts); the store keeps what they read.
 *
 * Events that reached us up to `historyUntil` are a history load (the demo's seeded weeks, a first
 * import): they were sent late by nature, so the two rules that judge arrival (backdated,
 * synced_after_finish) leave them alone.
 */
import type { DataTrustSettings } from './accountability-settings.js';
import { MS_PER_HOUR, MS_PER_MINUTE, vnDayIndex, vnDayStartOfIndex, vnEndOfDay } from './time.js';
import type { DossierState, Hold, WorkCalendar } from './types.js';
import type { DataTrustRule } from '../../shared/contract/data-trust.js';

export type { DataTrustRule } from '../../shared/contract/data-trust.js';

/** One logged event of a dossier as the checks read it. Instants in epoch ms. */
export interface TrustEvent {
  seq: number;
  sourceId: number;
  eventId: string;
  type: string;
  /** The instant the event claims. */
  at: number;
  /** When it reached us (the log's received_at). */
  arrivedAt: number;
  /**
   * A hash of the event's content without its id (contentKey): equal for a resend under a new id. A
   * negative number instead when it is known to differ from every other event's (the projection writer
   * hashes only events that share their source, type and instant with another: data-trust-rows.ts).
   */
  contentKey: number;
}

/** One piece of evidence: an event, and the instant the rule compared it with (when it did). */
export interface EvidenceRef {
  /** Null for a unit's daily figure. */
  dossierId: string | null;
  eventId: string | null;
  type: string;
  at: number;
  arrivedAt: number | null;
  /** The latest due date allowed, the due date in force, the receipt or the end (see the contract). */
  limitAt: number | null;
}

/** A flag as the checks find it. */
export interface FoundFlag {
  /** `<dossierId>:<rule>`. */
  id: string;
  rule: DataTrustRule;
  dossierId: string;
  unit: string;
  official: { id: string; name: string } | null;
  /** When the flag's last piece of evidence reached us. */
  raisedAt: number;
  evidence: EvidenceRef[];
}

/** The rules computed from one dossier's own events (every rule but completion_burst and daily_jump). */
export const DOSSIER_RULES = [
  'end_before_receipt',
  'due_beyond_legal',
  'backdated',
  'supplement_before_due',
  'second_supplement',
  'synced_after_finish',
  'identical_bounce',
] as const satisfies readonly DataTrustRule[];

const END_TYPES = new Set(['processed', 'returned', 'stopped', 'refused', 'withdrawn']);

/**
 * A 53-bit hash of an event's content without its id (cyrb53): what identical_bounce compares. Two
 * events of one dossier differing only in id hash alike; different content collides about once in 2^53.
 */
export function contentKey(event: { id: string }): number {
  const { id: _id, ...rest } = event;
  return hash53(JSON.stringify(rest));
}

/**
 * The same key from an event's logged payload (its JSON as the source sent it, after validation):
 * the payload with its `"id":"…"` member taken out, hashed. Cheaper than parsing and re-serialising;
 * a resend with the same bytes but a new id hashes alike.
 */
export function payloadContentKey(payload: string, eventId: string): number {
  const member = `"id":${JSON.stringify(eventId)}`;
  const at = payload.indexOf(member);
  // The payload's hash with the member's characters skipped: the same as hashing the two pieces joined, without joining them.
  return at < 0 ? hash53(payload) : hash53(payload, at, at + member.length);
}

/** cyrb53 of `s` without its characters in [skipFrom, skipTo). */
function hash53(s: string, skipFrom = s.length, skipTo = s.length): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    if (i === skipFrom) i = skipTo;
    if (i >= s.length) break;
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** What the checks need besides the dossier. */
export interface TrustContext {
  calendar: WorkCalendar;
  settings: DataTrustSettings;
  /** Events that reached us up to this instant are a history load (see the module's comment); -Infinity: none. */
  historyUntil: number;
}

/**
 * The latest due date the procedure's legal time allows for a dossier received at `receivedAt`: its
 * legal working days counted from the working day after receipt (a dossier received late in the day
 * counts from the next morning), to the end of that day (a due date may be sent as a bare date).
 */
export function latestLawfulDue(receivedAt: number, legalDays: number, calendar: WorkCalendar): number {
  // One answer per calendar, day of receipt and legal time: the check runs at every change of a dossier.
  // Keyed by the day's index (a small integer, as V8 hashes fastest and without allocating), and the
  // last calendar's table kept at hand (there is one calendar in a process but for tests).
  let memo = lastMemo?.calendar === calendar ? lastMemo.memo : lawfulDueMemo.get(calendar);
  if (!memo) lawfulDueMemo.set(calendar, (memo = new Map()));
  if (lastMemo?.memo !== memo) lastMemo = { calendar, memo };
  const day = vnDayIndex(receivedAt) + 1;
  const key = day * 1024 + legalDays;
  let due = memo.get(key);
  if (due === undefined) {
    due = vnEndOfDay(calendar.addWorkingDays(vnDayStartOfIndex(day), legalDays));
    if (memo.size > 100_000) memo.clear();
    memo.set(key, due);
  }
  return due;
}

const lawfulDueMemo = new WeakMap<WorkCalendar, Map<number, number>>();
let lastMemo: { calendar: WorkCalendar; memo: Map<number, number> } | null = null;

type State = Pick<DossierState, 'id' | 'unit' | 'procedure' | 'channel' | 'receivedAt' | 'originalDueAt' | 'endAt' | 'holds'>;

/** The flags of one dossier, from all its events (any order) and its state after them; by rule order. */
export function dossierFlags(state: State, events: readonly TrustEvent[], ctx: TrustContext): FoundFlag[] {
  if (state.unit === null || events.length === 0) return NO_FLAGS;
  // This runs at every change of every dossier on the projection writer's thread, and nearly always
  // finds nothing: one loop finds what the rules look at, no closure is made per call, and the events
  // (nearly always logged in order already) are sorted only when they are not.
  const sorted = isSorted(events) ? events : events.slice().sort(byInstantThenSeq);
  let received: TrustEvent | undefined;
  let end: TrustEvent | undefined;
  let first = sorted[0];
  let requests: TrustEvent[] | null = null;
  for (const e of sorted) {
    if (received === undefined && e.type === 'received') received = e;
    if (end === undefined && state.endAt !== null && e.at === state.endAt && END_TYPES.has(e.type)) end = e;
    if (e.type === 'supplement_requested') (requests ??= []).push(e);
    if (e.arrivedAt < first.arrivedAt) first = e;
  }
  // Made only when a rule finds something (nearly never): nothing is allocated for a dossier without a flag.
  let found: Found[] | null = null;
  if (state.endAt !== null && state.receivedAt !== null && state.endAt < state.receivedAt && end && received) {
    found = withFlag(found, 'end_before_receipt', [refOf(state, received), refOf(state, end, state.receivedAt)]);
  }
  if (received && state.receivedAt !== null && state.originalDueAt !== null && state.procedure) {
    const allowed = latestLawfulDue(state.receivedAt, state.procedure.legalDays, ctx.calendar);
    if (state.originalDueAt > allowed) found = withFlag(found, 'due_beyond_legal', [refOf(state, received, allowed)]);
  }
  const late = backdated(sorted, ctx);
  if (late.length > 0) found = withFlag(found, 'backdated', refsOf(state, late));
  if (requests !== null && state.originalDueAt !== null) {
    const left = ctx.calendar.workingMsBetween(requests[0].at, state.originalDueAt);
    if (left < ctx.settings.supplementLastWorkingHours * MS_PER_HOUR)
      found = withFlag(found, 'supplement_before_due', [refOf(state, requests[0], state.originalDueAt)]);
  }
  if (requests !== null && requests.length >= 2) found = withFlag(found, 'second_supplement', refsOf(state, requests));
  if (state.channel === 'in_person' && state.endAt !== null && end) {
    if (first.arrivedAt > state.endAt && first.arrivedAt > ctx.historyUntil)
      found = withFlag(found, 'synced_after_finish', [refOf(state, first, state.endAt), refOf(state, end)]);
  }
  const bounces = identicalBounces(sorted);
  if (bounces.length > 0) found = withFlag(found, 'identical_bounce', refsOf(state, bounces));
  if (found === null) return NO_FLAGS;
  return found.map(({ rule, evidence }) => ({
    id: `${state.id}:${rule}`,
    rule,
    dossierId: state.id,
    unit: state.unit as string,
    official: holderAt(state.holds, evidence[evidence.length - 1].at),
    raisedAt: raisedAt(evidence),
    evidence,
  }));
}

interface Found {
  rule: DataTrustRule;
  evidence: EvidenceRef[];
}

/** `found` with one more rule's finding (the list made at the first). */
function withFlag(found: Found[] | null, rule: DataTrustRule, evidence: EvidenceRef[]): Found[] {
  (found ??= []).push({ rule, evidence });
  return found;
}

/** What dossierFlags answers for a dossier without a flag (one array, never changed). */
const NO_FLAGS = Object.freeze([]) as unknown as FoundFlag[];
const NO_EVENTS: readonly TrustEvent[] = Object.freeze([]);

const byInstantThenSeq = (a: TrustEvent, b: TrustEvent): number => a.at - b.at || a.seq - b.seq;

function isSorted(events: readonly TrustEvent[]): boolean {
  for (let i = 1; i < events.length; i++) if (byInstantThenSeq(events[i - 1], events[i]) > 0) return false;
  return true;
}

function refOf(state: State, e: TrustEvent, limitAt: number | null = null): EvidenceRef {
  return { dossierId: state.id, eventId: e.eventId, type: e.type, at: e.at, arrivedAt: e.arrivedAt, limitAt };
}

function refsOf(state: State, events: readonly TrustEvent[]): EvidenceRef[] {
  const out: EvidenceRef[] = [];
  for (const e of events) out.push(refOf(state, e));
  return out;
}

/** Events that reached us more than the setting's working days after the instant they claim (history loads aside). */
function backdated(sorted: readonly TrustEvent[], ctx: TrustContext): readonly TrustEvent[] {
  const limit = ctx.settings.backdatedWorkingDays * ctx.calendar.workingMsPerDay;
  let out: TrustEvent[] | null = null;
  // Working time never exceeds elapsed time: most events are judged without the calendar.
  for (const e of sorted) {
    if (e.arrivedAt - e.at > limit && e.arrivedAt > ctx.historyUntil && ctx.calendar.workingMsBetween(e.at, e.arrivedAt) > limit)
      (out ??= []).push(e);
  }
  return out ?? NO_EVENTS;
}

/** Events one source sent more than once under different ids (same content): every copy. */
function identicalBounces(sorted: readonly TrustEvent[]): readonly TrustEvent[] {
  // Only hashed keys (≥ 0) can repeat: the others are minus the event's seq, unique. Content keys
  // nearly never repeat within a dossier: group only when one does.
  let hashed = 0;
  for (const e of sorted) if (e.contentKey >= 0) hashed++;
  if (hashed < 2) return NO_EVENTS;
  const keys = new Set<number>();
  let repeated = false;
  for (const e of sorted) {
    if (keys.has(e.contentKey)) {
      repeated = true;
      break;
    }
    keys.add(e.contentKey);
  }
  if (!repeated) return NO_EVENTS;
  const groups = new Map<string, TrustEvent[]>();
  for (const e of sorted) {
    const key = `${e.sourceId}:${e.contentKey}`;
    const g = groups.get(key);
    if (g) g.push(e);
    else groups.set(key, [e]);
  }
  return [...groups.values()].filter((g) => g.length > 1).flat();
}

function raisedAt(evidence: readonly EvidenceRef[]): number {
  let t = -Infinity;
  for (const e of evidence) t = Math.max(t, e.arrivedAt ?? e.at);
  return t;
}

/** Who held the dossier at instant t (the last hold begun by then; the first when none was). */
export function holderAt(holds: readonly Hold[], t: number): { id: string; name: string } | null {
  const h = holdAt(holds, t);
  return h ? { id: h.handlerId, name: h.handlerName } : null;
}

/** The hold of holderAt itself (nothing made: the projection writer asks at every change of a finished dossier). */
export function holdAt(holds: readonly Hold[], t: number): Hold | undefined {
  let h: Hold | undefined;
  for (const x of holds) if (x.from <= t) h = x;
  return h ?? holds[0];
}

/** One official's completion: a dossier finished (processed or returned) while they held it. */
export interface Completion {
  dossierId: string;
  at: number;
}

/**
 * Completion burst: the completions (one official's, sorted by `at`) that lie in some window of
 * `burstMinutes` holding at least `burstCompletions` of them; their indexes. The same whatever order
 * they arrived in.
 */
export function completionBurstMembers(
  sorted: readonly Completion[],
  settings: Pick<DataTrustSettings, 'burstCompletions' | 'burstMinutes'>,
): number[] {
  const n = settings.burstCompletions;
  const span = settings.burstMinutes * MS_PER_MINUTE;
  const member = new Uint8Array(sorted.length);
  let i = 0;
  for (let j = 0; j < sorted.length; j++) {
    while (sorted[j].at - sorted[i].at >= span) i++;
    if (j - i + 1 >= n) member.fill(1, i, j + 1);
  }
  const out: number[] = [];
  for (let k = 0; k < member.length; k++) if (member[k]) out.push(k);
  return out;
}
