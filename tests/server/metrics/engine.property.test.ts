/**
 * The engine, fed incrementally (events in arrival order, out of order by `at`, the clock advancing
 * at random), must give exactly what computeAllMetrics gives from scratch, for every scope × period,
 * at random checkpoints and at the end. So must an engine restarted mid-stream (open states +
 * finished facts) and fed the rest, and one restarted at the end; their previous-period flows must
 * agree with each other and with the oracle.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldDossier } from '../../../server/domain/dossier.js';
import { foldTask } from '../../../server/domain/task.js';
import type { Channel, DossierEvent, DossierState, TaskEvent, TaskState } from '../../../server/domain/types.js';
import { emptyScopeMetrics } from '../../../server/metrics/counters.js';
import { MetricsEngine } from '../../../server/metrics/engine.js';
import { dossierFacts } from '../../../server/metrics/footprint.js';
import { onTimeRateBasis, previousWindow } from '../../../server/metrics/periods.js';
import { computeAllMetrics, metricsKey } from '../../../server/metrics/recompute.js';
import { PERIODS } from '../../../server/metrics/types.js';
import { NO_PARENT, type ParentOf } from '../../../server/metrics/scope-rollup.js';
import type { ScopeKey, ScopeMetrics } from '../../../server/metrics/types.js';
import { calendar, ctx, procedure, scopeOf, settings, vn } from './factories.js';

const MIN_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MIN = 24 * 60;

/** Parents of the national view's run: the two communes in two provinces, departments in none. */
const provinces: ParentOf = (leaf) => (leaf === 'unit:26734' ? 'province:79' : leaf === 'unit:26737' ? 'province:80' : null);
/** Which level between the leaves and `city` a run has (none: a city pack). */
let parentOf: ParentOf = NO_PARENT;
const oracleCtx = () => ({ ...ctx, scopeOf, parentOf });

// ── generators ─────────────────────────────────────────────────────────────────────────────────
const unitArb = fc.constantFrom('26734', '26737', 'SNV', 'XX');
const minutes = (maxDays: number) => fc.integer({ min: 0, max: maxDays * DAY_MIN });

const dossierArb = fc.record({
  unit: unitArb,
  channel: fc.constantFrom<Channel>('online', 'in_person', 'postal'),
  receivedMin: minutes(90),
  dueWorkingHours: fc.integer({ min: 1, max: 100 }),
  bareDateDue: fc.boolean(),
  assignedAfterMin: fc.option(minutes(2), { nil: undefined }),
  // Hand-overs among a few officials (some of another unit) with a few step ends: buck-passing cases arise.
  handovers: fc.array(
    fc.record({
      afterMin: fc.integer({ min: 1, max: 3 * DAY_MIN }),
      handler: fc.constantFrom('h1', 'h2', 'h3', 'h4', 'p1'),
      stepDueDays: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    }),
    { maxLength: 7 },
  ),
  supplements: fc.array(
    fc.record({
      requestAfterMin: minutes(6),
      backAfterMin: fc.option(minutes(5), { nil: undefined }),
      newDueAfterBackHours: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
    }),
    { maxLength: 2 },
  ),
  apologiesAfterMin: fc.array(minutes(25), { maxLength: 2 }),
  end: fc.option(
    fc.record({
      kind: fc.constantFrom('processed', 'returned', 'stopped', 'refused', 'withdrawn', 'processed+returned'),
      afterMin: minutes(30),
    }),
    { nil: undefined },
  ),
});

const taskArb = fc.record({
  assignee: fc.constantFrom('26734', 'SNV', 'SXD', 'XX'),
  assignedMin: minutes(90),
  dueAfterMin: fc.option(minutes(20), { nil: undefined }),
  extensionsAfterMin: fc.array(fc.tuple(minutes(15), minutes(20)), { maxLength: 2 }),
  end: fc.option(fc.record({ kind: fc.constantFrom('completed', 'cancelled'), afterMin: minutes(30) }), { nil: undefined }),
});

const scenarioArb = fc.record({
  start: fc.constantFrom(vn('2025-09-20T00:00'), vn('2025-12-08T00:00'), vn('2026-03-10T00:00'), vn('2026-06-25T00:00')),
  startOffsetMin: minutes(10),
  dossiers: fc.array(dossierArb, { minLength: 1, maxLength: 14 }),
  tasks: fc.array(taskArb, { maxLength: 6 }),
  // Per event: arrival delay after `at` (negative: it arrives slightly before its `at`, clock skew).
  delaysMin: fc.array(fc.integer({ min: -30, max: 4 * DAY_MIN }), { minLength: 64, maxLength: 64 }),
  advanceBefore: fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
  // Extra clock advances with a full comparison at each.
  checkpointsMin: fc.array(minutes(150), { maxLength: 4 }),
  tailMin: minutes(70),
  // A second engine is restarted after this many arrivals, then fed the rest like the first.
  restartAfter: fc.nat({ max: 80 }),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

type Arrival =
  | { at: number; kind: 'dossier'; event: DossierEvent; advance: boolean }
  | { at: number; kind: 'task'; event: TaskEvent; advance: boolean }
  | { at: number; kind: 'check' };

function buildTimeline(s: Scenario): { arrivals: Arrival[]; t0: number } {
  const t0 = s.start + s.startOffsetMin * MIN_MS;
  const at = (min: number) => t0 + min * MIN_MS;
  const dossierEvents: DossierEvent[] = [];
  const taskEvents: TaskEvent[] = [];
  let n = 0;
  const eid = () => `e${n++}`;

  s.dossiers.forEach((d, i) => {
    const dossierId = `d${i}`;
    const rAt = at(d.receivedMin);
    let dueAt = calendar.addWorkingMs(rAt, d.dueWorkingHours * HOUR_MS);
    if (d.bareDateDue) dueAt = vn(new Date(dueAt + 7 * HOUR_MS).toISOString().slice(0, 10) + 'T23:59:59') + 999;
    dossierEvents.push({ id: eid(), type: 'received', dossierId, at: rAt, unit: d.unit, procedure, channel: d.channel, dueAt });
    if (d.assignedAfterMin !== undefined) {
      dossierEvents.push({
        id: eid(),
        type: 'assigned',
        dossierId,
        at: rAt + d.assignedAfterMin * MIN_MS,
        handler: { id: 'h1', name: 'Cán bộ A', unit: d.unit },
      });
    }
    let handedAt = rAt;
    for (const h of d.handovers) {
      handedAt += h.afterMin * MIN_MS;
      dossierEvents.push({
        id: eid(),
        type: 'assigned',
        dossierId,
        at: handedAt,
        handler: { id: h.handler, name: `Cán bộ ${h.handler}`, unit: h.handler === 'p1' ? 'SNV' : d.unit },
        ...(h.stepDueDays === undefined ? {} : { stepDueAt: rAt + h.stepDueDays * 86_400_000 }),
      });
    }
    let cursor = rAt;
    for (const sup of d.supplements) {
      cursor += sup.requestAfterMin * MIN_MS;
      dossierEvents.push({ id: eid(), type: 'supplement_requested', dossierId, at: cursor });
      if (sup.backAfterMin !== undefined) {
        cursor += sup.backAfterMin * MIN_MS;
        const newDue = sup.newDueAfterBackHours === undefined ? undefined : cursor + sup.newDueAfterBackHours * HOUR_MS;
        dossierEvents.push(
          newDue === undefined
            ? { id: eid(), type: 'supplement_received', dossierId, at: cursor }
            : { id: eid(), type: 'supplement_received', dossierId, at: cursor, dueAt: newDue },
        );
      }
    }
    for (const a of d.apologiesAfterMin) {
      dossierEvents.push({
        id: eid(),
        type: 'apology_issued',
        dossierId,
        at: rAt + a * MIN_MS,
        proposedDueAt: dueAt + 5 * 86_400_000,
        reason: 'x',
      });
    }
    if (d.end !== undefined) {
      const endAt = rAt + d.end.afterMin * MIN_MS;
      if (d.end.kind === 'processed+returned') {
        dossierEvents.push({ id: eid(), type: 'processed', dossierId, at: endAt });
        dossierEvents.push({ id: eid(), type: 'returned', dossierId, at: endAt + 2 * HOUR_MS });
      } else {
        dossierEvents.push({ id: eid(), type: d.end.kind, dossierId, at: endAt } as DossierEvent);
      }
    }
  });

  s.tasks.forEach((t, i) => {
    const taskId = `t${i}`;
    const aAt = at(t.assignedMin);
    const base = {
      id: eid(),
      type: 'assigned' as const,
      taskId,
      at: aAt,
      title: 'Nhiệm vụ',
      document: { number: '1/UBND', date: '2025-01-01' },
      issuer: 'UBND',
      assignee: t.assignee,
    };
    taskEvents.push(t.dueAfterMin === undefined ? base : { ...base, dueAt: aAt + t.dueAfterMin * MIN_MS });
    for (const [after, extra] of t.extensionsAfterMin) {
      taskEvents.push({
        id: eid(),
        type: 'extended',
        taskId,
        at: aAt + after * MIN_MS,
        dueAt: aAt + (after + extra) * MIN_MS,
        reason: 'x',
      });
    }
    if (t.end !== undefined) taskEvents.push({ id: eid(), type: t.end.kind, taskId, at: aAt + t.end.afterMin * MIN_MS });
  });

  const arrivals: Arrival[] = [];
  let k = 0;
  for (const event of dossierEvents) {
    const i = k++ % 64;
    arrivals.push({ at: event.at + s.delaysMin[i] * MIN_MS, kind: 'dossier', event, advance: s.advanceBefore[i] });
  }
  for (const event of taskEvents) {
    const i = k++ % 64;
    arrivals.push({ at: event.at + s.delaysMin[i] * MIN_MS, kind: 'task', event, advance: s.advanceBefore[i] });
  }
  for (const c of s.checkpointsMin) arrivals.push({ at: at(c), kind: 'check' });
  arrivals.sort((a, b) => a.at - b.at);
  return { arrivals, t0 };
}

// ── comparison ─────────────────────────────────────────────────────────────────────────────────
function expectSameAsOracle(
  engine: MetricsEngine,
  dossiers: Map<string, DossierState>,
  tasks: Map<string, TaskState>,
  now: number,
): Map<string, ScopeMetrics> {
  const oracle = computeAllMetrics([...dossiers.values()], [...tasks.values()], now, oracleCtx());
  const scopes = new Set<ScopeKey>(engine.scopes());
  for (const key of oracle.keys()) scopes.add(key.split('|')[0] as ScopeKey);
  for (const scope of scopes) {
    for (const period of PERIODS) {
      const key = metricsKey(scope, period);
      expect({ key, m: engine.metrics(scope, period) }).toEqual({ key, m: oracle.get(key) ?? emptyScopeMetrics(onTimeRateBasis(period)) });
    }
  }
  return oracle;
}

/** The flow half of ScopeMetrics (what previousMetrics answers for). */
function flowOf(m: ScopeMetrics) {
  return {
    received: m.received,
    receivedOnline: m.receivedOnline,
    paused: m.paused,
    finishedEarly: m.finishedEarly,
    finishedOnTime: m.finishedOnTime,
    finishedLate: m.finishedLate,
    withdrawn: m.withdrawn,
    apologies: m.apologies,
    buckPassingCases: m.buckPassingCases,
    processingDaysMedian: m.processingDaysMedian,
    processingDaysP90: m.processingDaysP90,
    onlineShare: m.onlineShare,
    assigned: m.tasks.assigned,
    doneOnTime: m.tasks.doneOnTime,
    doneLate: m.tasks.doneLate,
  };
}

/** An engine rebuilt at `now` the way the server restarts: open states, finished facts, tasks. */
function restart(dossiers: Map<string, DossierState>, tasks: Map<string, TaskState>, now: () => number): MetricsEngine {
  const engine = new MetricsEngine({ calendar, settings, scopeOf, parentOf, now });
  for (const d of dossiers.values()) {
    if (d.endAt === null) engine.loadOpenDossier(d);
    else {
      const facts = dossierFacts(d, ctx);
      if (facts !== null) engine.finished.dossier(facts);
    }
  }
  for (const t of tasks.values()) engine.loadTask(t);
  return engine;
}

function runScenario(s: Scenario): void {
  const { arrivals, t0 } = buildTimeline(s);
  const clock = { now: Math.min(t0, arrivals[0]?.at ?? t0) };
  const engines = [new MetricsEngine({ calendar, settings, scopeOf, parentOf, now: () => clock.now })];
  const dossierLogs = new Map<string, DossierEvent[]>();
  const taskLogs = new Map<string, TaskEvent[]>();
  const dossiers = new Map<string, DossierState>();
  const tasks = new Map<string, TaskState>();
  const takeAlerts = (alerts: ReturnType<MetricsEngine['advance']>) => {
    // An alert is dated at its item's due instant, never in the engine's future.
    for (const a of alerts) expect(a.at).toBeLessThanOrEqual(clock.now);
  };

  arrivals.forEach((a, i) => {
    clock.now = Math.max(clock.now, a.at);
    if (i === s.restartAfter) engines.push(restart(dossiers, tasks, () => clock.now));
    if (a.kind === 'check') {
      for (const engine of engines) {
        takeAlerts(engine.advance(clock.now));
        expectSameAsOracle(engine, dossiers, tasks, clock.now);
      }
      return;
    }
    if (a.advance) for (const engine of engines) takeAlerts(engine.advance(clock.now));
    if (a.kind === 'dossier') {
      const log = dossierLogs.get(a.event.dossierId) ?? [];
      log.push(a.event);
      dossierLogs.set(a.event.dossierId, log);
      const next = foldDossier(log, ctx);
      for (const engine of engines) engine.applyDossier(dossiers.get(a.event.dossierId) ?? null, next);
      dossiers.set(a.event.dossierId, next);
    } else {
      const log = taskLogs.get(a.event.taskId) ?? [];
      log.push(a.event);
      taskLogs.set(a.event.taskId, log);
      const next = foldTask(log);
      for (const engine of engines) engine.applyTask(tasks.get(a.event.taskId) ?? null, next);
      tasks.set(a.event.taskId, next);
    }
  });

  const end = clock.now + s.tailMin * MIN_MS;
  clock.now = end;
  for (const engine of engines) {
    takeAlerts(engine.advance(end));
    expect(engine.now).toBe(end);
    expectSameAsOracle(engine, dossiers, tasks, end);
  }
  const engine = engines[0];

  // Restart at the same instant: open states, finished facts, tasks.
  const restarted = restart(dossiers, tasks, () => end);
  expectSameAsOracle(restarted, dossiers, tasks, end);

  // Previous windows: the same in both engines, and equal to the oracle's flows for that window
  // (flows do not depend on `now`, so the oracle at the window's last millisecond gives them).
  const scopes = new Set([...engine.scopes(), ...restarted.scopes()]);
  for (const period of PERIODS) {
    const w = previousWindow(period, end);
    const oracle = computeAllMetrics([...dossiers.values()], [...tasks.values()], w.to - 1, oracleCtx());
    for (const scope of scopes) {
      const prev = engine.previousMetrics(scope, period);
      expect(restarted.previousMetrics(scope, period)).toEqual(prev);
      const expected = oracle.get(metricsKey(scope, period)) ?? emptyScopeMetrics();
      expect({ scope, period, flow: flowOf(prev) }).toEqual({ scope, period, flow: flowOf(expected) });
    }
  }
}

describe('MetricsEngine (property)', () => {
  it('equals a from-scratch recompute, incrementally and after a restart, for every scope and period', () => {
    parentOf = NO_PARENT;
    fc.assert(fc.property(scenarioArb, runScenario), { numRuns: 60 });
  });

  it('agrees with the recompute on "newly overdue" when a late supplement leaves an overdue dossier without a span at now (a found counterexample, replayed)', () => {
    parentOf = NO_PARENT;
    fc.assert(fc.property(scenarioArb, runScenario), {
      seed: 383507664,
      path: '28:0:8:0:1:0:0:0:5:4:4:5:6:5:6:7:6:6:7:6:10:10:10:13:12:15:15:15:15:18:18:18:18:20:20:20:22:22:22:22:23:23:23:23:24:24:25:24:26:26:43:43:44:49:45:45:45:46:47:50:45:45:45:45:45:48:48:52:54:54:52:52:52:67:67:69:51:51:51:51:54:56:56:58:58:58:58:59:59:59:59:73:72:97:97:97:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:93:94:92:93:92:92:93:92:94:92:93:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:92:99:27:0:0:22:22:20:20:20:20:65:65:20:20:27:22:21:20:22:65:20:28:22:21:20:20:20:20:65:20:29:22:20:22:65:20:30:22:20:21:65:20:31:22:20:20:65:20:32:22:20:65:20:33:22:65:20:34:66:20:20:65:20:81:36:65:20:87:29:21:62:56:56:55:57:57:57:58:57:57:58:58:58',
      endOnFailure: true,
    });
  });

  it('follows an overdue dossier whose overdue span starts after now (an event dated ahead of the clock; a found counterexample, replayed)', () => {
    parentOf = NO_PARENT;
    fc.assert(fc.property(scenarioArb, runScenario), {
      seed: -1036609524,
      path: '56:1:4:3:3:3:6:5:5:7:7:7:7:9:9:9:9:10:10:10:11:12:11:11:13:13:13:16:16:16:16:17:19:18:18:20:20:20:22:22:22:22:23:23:23:23:25:25:24:24:25:26:25:28:28:28:28:30:29:29:30:30:30:33:31:31:32:32:32:31:32:44:44:40:40:40:40:40:40:40:40:40:40:40:40:40:40:40:40:40:40:40:40:40:40:40:40:40:40:40:27:28:30:29:27:27:28:40:40:27:28:28:27:28:34:32:32:34:32:31:31:32:34:32:33:33:31:32:32:33:32:32:31:31:39:38:33:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:33:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:32:33',
      endOnFailure: true,
    });
  });

  it('with provinces, counts every commune item in its province too, equal to the recompute, incrementally and after a restart', () => {
    parentOf = provinces;
    try {
      fc.assert(
        fc.property(scenarioArb, (s) => {
          runScenario(s);
        }),
        { numRuns: 40 },
      );
    } finally {
      parentOf = NO_PARENT;
    }
  });
});
