/**
 * The data-trust checks on the projection writer's path (like the buck-passing rows): as each pass
 * folds a dossier's new events, its flags are recomputed from all its events (data-trust.ts) and
 * rewritten only when they changed; a finished dossier's completion is kept per official and the
 * completion-burst rule read around it; the unit's daily figures (the daily jump's history) move by
 * the dossier's change, summed over the transaction and written once per unit and day at its end
 * (endTransaction). All in the dossier row's transaction, so what is stored always matches the row.
 * What the checks remember of a dossier (its events' arrivals, what was last written) is a bounded
 * cache: a miss reads the dossier's events back from the log and rewrites its flags.
 */
import type { Store } from '../db/store.js';
import type { LoggedEvent } from '../db/events-repo.js';
import type { FlagRow } from '../db/data-trust-repo.js';
import type { DossierContext } from '../domain/dossier.js';
import {
  completionBurstMembers,
  dossierFlags,
  holdAt,
  payloadContentKey,
  type TrustContext,
  type TrustEvent,
} from '../domain/data-trust.js';
import { parseLoggedDossierEvent } from '../domain/logged-events.js';
import { MS_PER_MINUTE, vnDayIndex } from '../domain/time.js';
import type { DossierEvent, DossierState } from '../domain/types.js';
import { StateCache } from './state-cache.js';

/** Dossiers whose memo stays between passes (≈ the open dossiers of a day of a large city). */
const CACHED = 30_000;
/** The meta key naming the end of a history load (see data-trust.ts): epoch ms, or `pending` while one runs. */
export const HISTORY_UNTIL_KEY = 'data_trust.history_until';
/** At most this many completions are kept as a burst flag's evidence. */
const MAX_BURST_EVIDENCE = 50;

/** A dossier's share of its unit's daily figures. */
interface Contribution {
  unit: string | null;
  receivedDay: number | null;
  endDay: number | null;
  onTime: boolean;
}

interface Memo {
  events: TrustEvent[];
  /** JSON of the flags last written; null: unknown (rewrite them). */
  flags: string | null;
  /** The handler of the completion last written (null: none written). */
  doneBy: string | null;
  /** The instant of the completion last written (-1: none; NaN: unknown, rewrite it). */
  doneAt: number;
  contribution: Contribution | null;
}

export class DataTrustRows {
  private readonly memos = new StateCache<Memo>(CACHED);
  private readonly pass = new Map<string, Memo>();
  /** The daily figures' changes of the open transaction: `<unit>\u0000<day>` → [received, finished, on time]. */
  private readonly unitDays = new Map<string, [string, number, number, number, number]>();
  private historyUntil = -Infinity;
  /** What the rules read besides the dossier, made once per pass (not once per row). */
  private trustCtx: TrustContext | null = null;

  constructor(
    private readonly store: Store,
    private readonly ctx: DossierContext,
    private readonly outcomeOf: (state: DossierState) => string | null,
  ) {}

  private get enabled(): boolean {
    return this.ctx.settings.accountability.dataTrust.enabled;
  }

  /** A pass begins: reads where a history load ends (inside the pass's read snapshot). */
  beginPass(): void {
    // A pass that failed left its memos changed in the cache (memoBefore does not take them out):
    // dropped, so that the next pass reads those dossiers back from the log.
    for (const id of this.pass.keys()) this.memos.delete(id);
    this.pass.clear();
    this.unitDays.clear();
    if (!this.enabled) return;
    const v = this.store.meta.get(HISTORY_UNTIL_KEY);
    this.historyUntil = v === null ? -Infinity : v === 'pending' ? Infinity : Number(v);
    this.trustCtx = { calendar: this.ctx.calendar, settings: this.ctx.settings.accountability.dataTrust, historyUntil: this.historyUntil };
  }

  /** A logged dossier event was folded; `isNew`: the dossier had no state before it (no earlier event). */
  observe(ev: LoggedEvent, e: DossierEvent, isNew: boolean): void {
    if (!this.enabled) return;
    let memo = this.pass.get(ev.itemId);
    if (!memo) {
      memo = this.memoBefore(ev, isNew);
      this.pass.set(ev.itemId, memo);
    }
    this.addEvent(memo.events, ev, e);
  }

  /**
   * Adds an event to a dossier's: its content key (a hash of its whole payload, the dearest part of the
   * checks per event) is computed only when another event of the dossier from its source claims the
   * same type and instant, for both. identical_bounce compares only events with equal keys from one
   * source, and equal content means equal type and instant: so it finds exactly what it would if every
   * event were hashed. Until then the key is minus the event's seq (unique; a hash is never negative).
   */
  private addEvent(events: TrustEvent[], ev: LoggedEvent, e: DossierEvent): void {
    const t = trustEvent(ev, e);
    for (const o of events) {
      // The instant first: it nearly always differs.
      if (o.at !== t.at || o.sourceId !== t.sourceId || o.type !== t.type) continue;
      if (t.contentKey < 0) t.contentKey = payloadContentKey(ev.payload, ev.eventId);
      if (o.contentKey < 0) {
        // An event of an earlier pass: its payload from the log (inside the pass's read snapshot).
        const payload = this.store.events.payloadAt(o.seq);
        if (payload !== undefined) o.contentKey = payloadContentKey(payload, o.eventId);
      }
    }
    events.push(t);
  }

  /** In the dossier row's step: writes what changed in its flags, completion and daily figures. */
  write(prev: DossierState | null, next: DossierState, nextOutcome: string | null): void {
    const memo = this.pass.get(next.id);
    if (!this.enabled || !memo) return;
    this.writeFlags(next, memo);
    this.writeCompletion(next, memo);
    // Most events leave the dossier's share of the daily figures as it was: compared before it is made.
    if (memo.contribution !== null && isContributionOf(memo.contribution, next, nextOutcome)) return;
    const contribution = contributionOf(next, nextOutcome);
    const before = memo.contribution ?? (prev === null ? null : contributionOf(prev, this.outcomeOf(prev)));
    this.moveDailyFigures(before, contribution);
    memo.contribution = contribution;
  }

  /**
   * In a transaction of the pass, after its last row: writes the daily figures its rows moved, one
   * statement per unit and day (a day's figures move with most of its dossiers' rows).
   */
  endTransaction(): void {
    const repo = this.store.dataTrust;
    for (const [unit, day, received, finished, onTime] of this.unitDays.values()) {
      if (received !== 0 || finished !== 0 || onTime !== 0) repo.addUnitDay(unit, day, received, finished, onTime);
    }
    this.unitDays.clear();
  }

  /**
   * The pass's rows committed: its memos are what is stored now. Those it took from the cache are
   * there already, changed in place: not re-inserted (the cache evicts memos first in, first out).
   * A finished dossier's memo leaves the cache, as its state leaves the projector's: it is rarely heard
   * of again (then its events are read back from the log), and after a burst the memos of finished
   * dossiers were most of the writer's heap (their events' ids and flag evidence; issue 15's RSS).
   */
  committed(finished: (id: string) => boolean = () => false): void {
    for (const [id, memo] of this.pass) {
      if (finished(id)) this.memos.delete(id);
      else if (this.memos.get(id) !== memo) this.memos.set(id, memo);
    }
    this.pass.clear();
  }

  private memoBefore(ev: LoggedEvent, isNew: boolean): Memo {
    // The pass takes the cached memo over in place (no copy, and not taken out of the cache: deleting
    // and re-adding thousands of entries a pass made the cache's table shrink and grow again). A pass
    // that fails has its memos dropped at the next beginPass.
    const cached = this.memos.get(ev.itemId);
    if (cached) return cached;
    if (isNew) return { events: [], flags: '[]', doneBy: null, doneAt: -1, contribution: null };
    const events: TrustEvent[] = [];
    for (const l of this.store.events.withArrivalOfItem('dossier', ev.itemId, ev.seq - 1)) {
      this.addEvent(events, l, parseLoggedDossierEvent(l.payload));
    }
    return { events, flags: null, doneBy: null, doneAt: NaN, contribution: null };
  }

  private writeFlags(next: DossierState, memo: Memo): void {
    const ctx = (this.trustCtx ??= {
      calendar: this.ctx.calendar,
      settings: this.ctx.settings.accountability.dataTrust,
      historyUntil: this.historyUntil,
    });
    const found = dossierFlags(next, memo.events, ctx);
    // Nearly every dossier has no flag, before and after: nothing to build, serialise or compare then.
    if (found.length === 0 && memo.flags === '[]') return;
    const rows: FlagRow[] = found.map((f) => ({
      id: f.id,
      rule: f.rule,
      unit: f.unit,
      dossierId: f.dossierId,
      receivedAt: next.receivedAt ?? f.raisedAt,
      official: f.official,
      raisedAt: f.raisedAt,
      evidence: f.evidence,
    }));
    const key = rows.length === 0 ? '[]' : JSON.stringify(rows);
    if (key === memo.flags) return;
    this.store.dataTrust.replaceDossierFlags(next.id, memo.flags !== '[]', rows);
    memo.flags = key;
  }

  /** Keeps the dossier's completion per official, and flags the burst it makes part of (if any). */
  private writeCompletion(next: DossierState, memo: Memo): void {
    const done = next.endAt !== null && (next.endKind === 'processed' || next.endKind === 'returned') && next.unit !== null;
    const hold = done ? holdAt(next.holds, next.endAt as number) : undefined;
    // Compared before anything is made: nearly every event leaves the completion as it was.
    const by = hold === undefined ? null : hold.handlerId;
    const at = hold === undefined ? -1 : (next.endAt as number);
    if (by === memo.doneBy && at === memo.doneAt) return;
    const repo = this.store.dataTrust;
    memo.doneBy = by;
    memo.doneAt = at;
    if (hold === undefined) return repo.removeCompletion(next.id);
    const end = memo.events.find((e) => e.at === at && (e.type === 'processed' || e.type === 'returned'));
    repo.setCompletion({
      dossierId: next.id,
      handlerId: hold.handlerId,
      handlerName: hold.handlerName,
      unit: next.unit as string,
      receivedAt: next.receivedAt ?? at,
      at,
      eventId: end?.eventId ?? null,
      arrivedAt: end?.arrivedAt ?? null,
    });
    const { burstCompletions, burstMinutes } = this.ctx.settings.accountability.dataTrust;
    const span = burstMinutes * MS_PER_MINUTE;
    // No burst can hold this completion with fewer around it: counted from the index alone, and the
    // rows read only when there are enough (nearly never).
    if (repo.countCompletionsAround(hold.handlerId, at - span, at + span) < burstCompletions) return;
    const around = repo.completionsAround(hold.handlerId, at - span, at + span);
    const members = completionBurstMembers(around, { burstCompletions, burstMinutes }).map((i) => around[i]);
    if (members.length === 0) return;
    const evidence = members.slice(0, MAX_BURST_EVIDENCE).map((c) => ({
      dossierId: c.dossierId,
      eventId: c.eventId,
      type: 'processed',
      at: c.at,
      arrivedAt: c.arrivedAt,
      limitAt: null,
    }));
    const raisedAt = Math.max(...members.map((c) => c.arrivedAt ?? c.at));
    for (const c of members) {
      repo.upsertFlag({
        id: `${c.dossierId}:completion_burst`,
        rule: 'completion_burst',
        unit: c.unit,
        dossierId: c.dossierId,
        receivedAt: c.receivedAt,
        official: { id: c.handlerId, name: c.handlerName },
        raisedAt,
        evidence,
      });
    }
  }

  private moveDailyFigures(before: Contribution | null, after: Contribution): void {
    if (sameContribution(before, after)) return;
    if (before !== null) this.addContribution(before, -1);
    this.addContribution(after, 1);
  }

  /** Adds a dossier's share (sign −1: takes it back) to the open transaction's daily figures. */
  private addContribution(c: Contribution, sign: 1 | -1): void {
    if (c.unit === null) return;
    if (c.receivedDay !== null) this.addUnitDay(c.unit, c.receivedDay, sign, 0, 0);
    if (c.endDay !== null) this.addUnitDay(c.unit, c.endDay, 0, sign, c.onTime ? sign : 0);
  }

  private addUnitDay(unit: string, day: number, received: number, finished: number, onTime: number): void {
    const key = `${unit}\u0000${day}`;
    const sum = this.unitDays.get(key);
    if (sum === undefined) this.unitDays.set(key, [unit, day, received, finished, onTime]);
    else {
      sum[2] += received;
      sum[3] += finished;
      sum[4] += onTime;
    }
  }
}

function sameContribution(a: Contribution | null, b: Contribution): boolean {
  return a !== null && a.unit === b.unit && a.receivedDay === b.receivedDay && a.endDay === b.endDay && a.onTime === b.onTime;
}

/** Whether `c` is what contributionOf(state, outcome) gives, without making it. */
function isContributionOf(c: Contribution, state: DossierState, outcome: string | null): boolean {
  const done = outcome === 'early' || outcome === 'on_time' || outcome === 'late';
  return (
    c.unit === state.unit &&
    c.receivedDay === (state.receivedAt === null ? null : vnDayIndex(state.receivedAt)) &&
    c.endDay === (done && state.endAt !== null ? vnDayIndex(state.endAt) : null) &&
    c.onTime === (outcome === 'early' || outcome === 'on_time')
  );
}

/** The event as the checks read it, its content key not computed yet (see addEvent). */
function trustEvent(ev: LoggedEvent, e: DossierEvent): TrustEvent {
  return {
    seq: ev.seq,
    sourceId: ev.sourceId,
    eventId: ev.eventId,
    type: e.type,
    at: e.at,
    arrivedAt: ev.arrivedAt,
    contentKey: -ev.seq,
  };
}

/** A dossier's share of the daily figures (outcome: the row's, footprint.ts DossierOutcome): received on its day of receipt; finished (early, on time, late) on its day of end. */
function contributionOf(state: DossierState, outcome: string | null): Contribution {
  const done = outcome === 'early' || outcome === 'on_time' || outcome === 'late';
  return {
    unit: state.unit,
    receivedDay: state.receivedAt === null ? null : vnDayIndex(state.receivedAt),
    endDay: done && state.endAt !== null ? vnDayIndex(state.endAt) : null,
    onTime: outcome === 'early' || outcome === 'on_time',
  };
}
