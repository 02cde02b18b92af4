/**
 * The early-warning index, fed dossiers' states as their events arrive (late, in random order of
 * dossiers) with the clock moving on, must count exactly what the overdue spans' definition gives for
 * the latest states at every horizon (a brute force over all of them), count at risk what isAtRisk says,
 * and have reported every dossier at risk now.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldDossier } from '../../../server/domain/dossier.js';
import { isAtRisk } from '../../../server/domain/early-warning.js';
import { officeCloseMs } from '../../../server/domain/forecast.js';
import { isOverdueAt, overdueSpans, overdueWorkDay, spanAt } from '../../../server/domain/overdue-spans.js';
import type { DossierEvent, DossierState } from '../../../server/domain/types.js';
import { EarlyWarningIndex } from '../../../server/metrics/early-warning-index.js';
import { forecastHorizons, type Horizons } from '../../../server/metrics/forecast.js';
import { PERIODS, type ScopeKey } from '../../../server/metrics/types.js';
import { calendar, ctx, procedure, scopeOf, settings, vn } from './factories.js';

const MIN = 60_000;
const HOUR = 3_600_000;
const CLOSE = officeCloseMs(settings.officeHours);

const dossierArb = fc.record({
  unit: fc.constantFrom('26734', '26737', 'SNV', 'XX'),
  receivedMin: fc.integer({ min: 0, max: 6 * 24 * 60 }),
  dueWorkingHours: fc.integer({ min: 1, max: 40 }),
  bareDate: fc.boolean(),
  touchesMin: fc.array(fc.integer({ min: 0, max: 5 * 24 * 60 }), { maxLength: 3 }),
  supplements: fc.array(
    fc.record({ afterMin: fc.integer({ min: 0, max: 3000 }), backMin: fc.option(fc.integer({ min: 1, max: 3000 }), { nil: undefined }) }),
    {
      maxLength: 2,
    },
  ),
  endMin: fc.option(fc.integer({ min: 0, max: 8 * 24 * 60 }), { nil: undefined }),
});

const scenarioArb = fc.record({
  start: fc.constantFrom(vn('2026-11-27T06:00'), vn('2026-12-03T13:00'), vn('2026-12-31T08:00'), vn('2026-02-12T09:00')),
  dossiers: fc.array(dossierArb, { minLength: 1, maxLength: 10 }),
  delaysMin: fc.array(fc.integer({ min: 0, max: 2 * 24 * 60 }), { minLength: 32, maxLength: 32 }),
  checkpointsMin: fc.array(fc.integer({ min: 0, max: 12 * 24 * 60 }), { minLength: 1, maxLength: 5 }),
});

type GeneratedDossier = typeof dossierArb extends fc.Arbitrary<infer T> ? T : never;

function eventsOf(d: GeneratedDossier, i: number, t0: number): DossierEvent[] {
  const id = `d${i}`;
  const rAt = t0 + d.receivedMin * MIN;
  let dueAt = calendar.addWorkingMs(rAt, d.dueWorkingHours * HOUR);
  if (d.bareDate) dueAt = vn(new Date(dueAt + 7 * HOUR).toISOString().slice(0, 10) + 'T23:59:59') + 999;
  const out: DossierEvent[] = [
    { id: `${id}r`, type: 'received', dossierId: id, at: rAt, unit: d.unit, procedure, channel: 'online', dueAt },
  ];
  d.touchesMin.forEach((m, k) =>
    out.push({ id: `${id}a${k}`, type: 'assigned', dossierId: id, at: rAt + m * MIN, handler: { id: `h${k}`, name: 'A', unit: d.unit } }),
  );
  let cursor = rAt;
  d.supplements.forEach((s, k) => {
    cursor += s.afterMin * MIN;
    out.push({ id: `${id}s${k}`, type: 'supplement_requested', dossierId: id, at: cursor });
    if (s.backMin !== undefined) {
      cursor += s.backMin * MIN;
      out.push({ id: `${id}b${k}`, type: 'supplement_received', dossierId: id, at: cursor });
    }
  });
  if (d.endMin !== undefined) out.push({ id: `${id}e`, type: 'processed', dossierId: id, at: rAt + d.endMin * MIN });
  return out;
}

/** The brute force: every open, counted state judged at the horizons by its overdue spans. */
function bruteForce(states: DossierState[], scope: ScopeKey, h: Horizons, now: number) {
  const inScope = states.filter(
    (s) =>
      s.endAt === null && s.unit !== null && s.dueAt !== null && (scope === 'city' ? scopeOf(s.unit) !== null : scopeOf(s.unit) === scope),
  );
  const at = (t: number) => inScope.filter((s) => isOverdueAt(overdueSpans(s), t)).length;
  const end = h.periodEnd;
  return {
    today: at(h.today.at),
    nextWorkingDay: at(h.nextWorkingDay.close + 1),
    week: at(h.week.at),
    periodEnd: at(end.at),
    periodNew: inScope.filter((s) => {
      const span = spanAt(overdueSpans(s), end.at);
      if (span === null) return false;
      const day = overdueWorkDay(span, calendar);
      return day >= end.fromDay && day <= end.lastDay;
    }).length,
    atRisk: inScope.filter((s) => isAtRisk(s, now, ctx)).length,
  };
}

describe('EarlyWarningIndex against the overdue spans, brute force', () => {
  it('counts at every horizon what the spans of the latest states say, and has reported every dossier at risk now', () => {
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        const events = sc.dossiers.flatMap((d, i) => eventsOf(d, i, sc.start));
        const arrivals = events.map((e, k) => ({ e, at: e.at + sc.delaysMin[k % 32] * MIN })).sort((a, b) => a.at - b.at);
        const checks = sc.checkpointsMin.map((m) => sc.start + m * MIN);
        let now = sc.start;
        const index = new EarlyWarningIndex({ ...ctx, scopeOf, now: () => now });
        const seen = new Map<string, DossierEvent[]>();
        const reported = new Set<string>();
        const latest = () => [...seen.values()].map((es) => foldDossier(es, ctx));
        const check = () => {
          for (const a of index.advance(now)) reported.add(a.id);
          const states = latest();
          for (const s of states)
            if (s.unit !== null && scopeOf(s.unit) !== null && isAtRisk(s, now, ctx))
              expect(reported, `${s.id} at risk at ${now}`).toContain(s.id);
          const period = PERIODS[Math.abs(now) % PERIODS.length];
          const h = forecastHorizons(now, period, calendar, CLOSE);
          for (const scope of ['city', 'unit:26734', 'unit:26737', 'department:SNV'] as ScopeKey[]) {
            expect({ scope, period, now, c: index.forecast(scope, h) }).toEqual({
              scope,
              period,
              now,
              c: bruteForce(states, scope, h, now),
            });
          }
        };
        for (const { e, at } of arrivals) {
          while (checks.length && checks[0] < at) {
            now = Math.max(now, checks.shift()!);
            check();
          }
          now = Math.max(now, at);
          const list = seen.get(e.dossierId) ?? [];
          list.push(e);
          seen.set(e.dossierId, list);
          index.applyDossier(foldDossier(list, ctx));
          check();
        }
        for (const c of checks) {
          now = Math.max(now, c);
          check();
        }
      }),
      { numRuns: 60 },
    );
  });
});
