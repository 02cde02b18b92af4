/**
 * What the main thread does with every committed batch's changed dossiers, alone: the metrics engine's
 * applyDossier and the early-warning index's applyDossier (with its advance) — and, as the server now
 * feeds it, applyDossierLater with an advance at every 500 ms step (off the answer) — fed the states the
 * ingest path hands them for --events generator events (scale 1, from 10 days ago) in batches of 500.
 * No database, no HTTP, no other thread: CPU µs per event of this one thread, so a change to either
 * consumer shows even on a loaded machine (take the min of the reps; alternate two versions of the code).
 *   npx tsx bench/batch-consumers.ts [--events 50000] [--reps 7]
 */
import { applyDossierEvent, emptyDossierState } from '../server/domain/dossier.js';
import { loadWorkCalendar } from '../server/config/calendar-loader.js';
import { DEFAULT_DOMAIN_SETTINGS, type DossierEvent, type DossierState } from '../server/domain/types.js';
import { jurisdictionIndex, loadJurisdiction } from '../server/geo/jurisdiction-loader.js';
import { validateEvent } from '../server/ingest/validate.js';
import { EarlyWarningIndex } from '../server/metrics/early-warning-index.js';
import { MetricsEngine } from '../server/metrics/engine.js';
import type { ScopeKey } from '../server/metrics/types.js';
import { generateCity, isMain, log, median, numArg, round, runMain } from './lib.js';

interface Change {
  prev: DossierState | null;
  next: DossierState;
}

/** Each batch's changed dossiers, before and after, as the ingest service publishes them. */
function batchChanges(events: DossierEvent[], ctx: Parameters<typeof applyDossierEvent>[2]): Change[][] {
  const latest = new Map<string, DossierState>();
  const batches: Change[][] = [];
  for (let i = 0; i < events.length; i += 500) {
    const prev = new Map<string, DossierState | null>();
    const next = new Map<string, DossierState>();
    for (const e of events.slice(i, i + 500)) {
      if (!prev.has(e.dossierId)) prev.set(e.dossierId, latest.get(e.dossierId) ?? null);
      const cur = next.get(e.dossierId) ?? latest.get(e.dossierId) ?? emptyDossierState(e.dossierId);
      next.set(e.dossierId, applyDossierEvent(cur, e, ctx));
    }
    for (const [id, s] of next) latest.set(id, s);
    batches.push([...next].map(([id, n]) => ({ prev: prev.get(id) ?? null, next: n })));
  }
  return batches;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export async function main(args: Map<string, string>) {
  const maxEvents = numArg(args, 'events', 50_000);
  const reps = numArg(args, 'reps', 7);
  const city = generateCity({ days: 10, scale: 1, maxEvents });
  const jurisdiction = loadJurisdiction();
  const index = jurisdictionIndex(jurisdiction);
  const start = Date.now();
  const vctx = { now: start, isKnownCode: (c: string) => index.scopeOf(c) !== null, jurisdictionName: jurisdiction.name };
  const events: DossierEvent[] = [];
  for (const raw of city.dossiers) {
    const v = validateEvent('dossier', raw, vctx);
    if (v.ok && v.kind === 'dossier') events.push(v.event);
  }
  const settings = DEFAULT_DOMAIN_SETTINGS;
  const calendar = loadWorkCalendar(undefined, settings.officeHours);
  const batches = batchChanges(events, { calendar, settings });
  const scopes: ScopeKey[] = [
    ...jurisdiction.units.map((u) => `unit:${u.code}` as const),
    ...jurisdiction.departments.map((d) => `department:${d.code}` as const),
  ];
  const scopeOf = (code: string) => index.scopeOf(code);

  const engineUs: number[] = [];
  const warningsUs: number[] = [];
  const laterUs: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    // The clock moves 100 ms per batch, as at 5,000 events/s.
    let now = start;
    const clock = () => now;
    const engine = new MetricsEngine({ calendar, settings, scopeOf, now: clock, scopes });
    let c = cpuMs();
    for (const b of batches) {
      now += 100;
      for (const d of b) engine.applyDossier(d.prev, d.next);
    }
    engineUs.push(((cpuMs() - c) * 1000) / events.length);
    now = start;
    const warnings = new EarlyWarningIndex({ calendar, settings, scopeOf, now: clock });
    c = cpuMs();
    for (const b of batches) {
      now += 100;
      for (const d of b) warnings.applyDossier(d.next);
      warnings.advance(now);
    }
    warningsUs.push(((cpuMs() - c) * 1000) / events.length);
    // As the server feeds it since the answer stopped waiting for it: queued per batch (applyDossierLater),
    // applied at the live scheduler's step every 500 ms (DELTA_FLUSH_MS), once per dossier changed in between.
    now = start;
    const later = new EarlyWarningIndex({ calendar, settings, scopeOf, now: clock });
    let nextStep = start + 500;
    c = cpuMs();
    for (const b of batches) {
      now += 100;
      for (const d of b) later.applyDossierLater(d.next);
      if (now >= nextStep) {
        later.advance(now);
        nextStep += 500;
      }
    }
    later.advance(now);
    laterUs.push(((cpuMs() - c) * 1000) / events.length);
    log(
      `batch-consumers: rep ${rep + 1}: engine ${round(engineUs[rep], 2)}, early-warning index ${round(warningsUs[rep], 2)} ` +
        `(applied at the 500 ms step: ${round(laterUs[rep], 2)}) CPU µs/event`,
    );
  }
  const summary = (xs: number[]) => ({ min: round(Math.min(...xs), 2), median: round(median(xs), 2) });
  return {
    events: events.length,
    batches: batches.length,
    engineCpuUsPerEvent: summary(engineUs),
    earlyWarningCpuUsPerEvent: summary(warningsUs),
    earlyWarningAtStepCpuUsPerEvent: summary(laterUs),
  };
}

if (isMain(import.meta.url)) void runMain('batch-consumers', main);
