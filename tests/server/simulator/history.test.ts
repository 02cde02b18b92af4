/**
 * The whole city over a seeded history (what the demo shows on first start): volumes, on-time
 * rate, chronically late units, a consistent past. One generation, shared by the assertions.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MS_PER_DAY, vnDayKey } from '../../../server/domain/time.js';
import { loadJurisdiction } from '../../../server/geo/jurisdiction-loader.js';
import { createCityGenerator } from '../../../server/simulator/generator.js';
import type { CityGenerator, GeneratedEvents } from '../../../server/simulator/generator.js';
import { at, calendar, foldDossiers, onTimeRate, procedures, vn } from './helpers.js';
import { validateEvent } from '../../../server/ingest/validate.js';
import { jurisdictionIndex } from '../../../server/geo/jurisdiction-loader.js';
import type { FoldedDossier } from './helpers.js';

const hcmc = loadJurisdiction();
const NOW = vn('2026-11-20T10:00');
const FROM = NOW - 40 * MS_PER_DAY;

describe('generating history', () => {
  // Its speed is measured by the benchmarks (BENCHMARKS.md), not asserted here: shared machines are noisy.
  it('generates 40 days of the whole city at scale 0.25 in one call', () => {
    const gen = createCityGenerator({ seed: 79, jurisdiction: hcmc, procedures, calendar, scale: 0.25 });
    const out = gen.generate(FROM, NOW);
    expect(out.dossiers.length).toBeGreaterThan(400_000);
  });
});

describe('a 40-day history of the whole city at scale 0.25', () => {
  let gen: CityGenerator;
  let out: GeneratedEvents;
  let dossiers: Map<string, FoldedDossier>;

  beforeAll(() => {
    gen = createCityGenerator({ seed: 79, jurisdiction: hcmc, procedures, calendar, scale: 0.25 });
    out = gen.generate(FROM, NOW);
    dossiers = foldDossiers(out.dossiers, gen.injectedFaults());
  });

  it('receives about a quarter of 15,000 dossiers a working day, two thirds online', () => {
    const stats = gen.stats();
    const workingDays = Array.from({ length: 40 }, (_, i) => vnDayKey(FROM + i * MS_PER_DAY)).filter((d) =>
      calendar.isWorkingDay(d),
    ).length;
    expect(stats.dossiersReceived / workingDays).toBeGreaterThan(3_750 * 0.9);
    expect(stats.dossiersReceived / workingDays).toBeLessThan(3_750 * 1.25); // + online at weekends
    const online = [...dossiers.values()].filter((d) => d.channel === 'online').length;
    expect(online / dossiers.size).toBeGreaterThan(0.63);
    expect(online / dossiers.size).toBeLessThan(0.73);
  });

  it('finishes about 96% of dossiers on time', () => {
    // From an empty start the slow, long procedures are still open, so the whole window reads a
    // little better than the calibrated rate; the last 20 days are close to steady state.
    const recent = onTimeRate(dossiers.values(), NOW - 20 * MS_PER_DAY);
    const whole = onTimeRate(dossiers.values());
    console.info(
      `on time: last 20 days ${(recent.rate * 100).toFixed(2)}% of ${recent.finished}; whole history ${(whole.rate * 100).toFixed(2)}%`,
    );
    expect(recent.rate).toBeGreaterThan(0.95);
    expect(recent.rate).toBeLessThan(0.975);
    expect(whole.rate).toBeGreaterThan(0.955);
    expect(whole.rate).toBeLessThan(0.985);
  });

  it('makes the chronically late units measurably later', () => {
    const chronic = new Set(gen.model.chronicallyLate);
    const byUnit = new Map<string, FoldedDossier[]>();
    for (const d of dossiers.values()) byUnit.set(d.unit, [...(byUnit.get(d.unit) ?? []), d]);
    const pooled = (codes: string[]) => onTimeRate(codes.flatMap((c) => byUnit.get(c) ?? [])).rate;
    const others = [...byUnit.keys()].filter((c) => !chronic.has(c));
    const chronicRate = pooled([...chronic]);
    const otherRate = pooled(others);
    console.info(`on time: chronically late units ${(chronicRate * 100).toFixed(1)}%, others ${(otherRate * 100).toFixed(1)}%`);
    expect(otherRate - chronicRate).toBeGreaterThan(0.08);
    const otherRates = others.map((c) => onTimeRate(byUnit.get(c)!).rate).sort((a, b) => a - b);
    const median = otherRates[Math.floor(otherRates.length / 2)]!;
    for (const code of chronic) expect(onTimeRate(byUnit.get(code)!).rate, code).toBeLessThan(median);
  });

  it('has finished the old dossiers and left the recent ones open', () => {
    const share = (from: number, to: number) => {
      const cohort = [...dossiers.values()].filter((d) => d.receivedAt >= from && d.receivedAt < to);
      return cohort.filter((d) => d.end !== null).length / cohort.length;
    };
    const early = share(FROM, FROM + 10 * MS_PER_DAY);
    const lastDay = share(vn('2026-11-19T00:00'), NOW);
    console.info(
      `finished: received in the first 10 days ${(early * 100).toFixed(1)}%, in the last 34 hours ${(lastDay * 100).toFixed(1)}%`,
    );
    expect(early).toBeGreaterThan(0.97);
    expect(lastDay).toBeLessThan(0.6);
    // Some dossiers are open and overdue right now, which is what the map is for.
    const overdue = [...dossiers.values()].filter((d) => d.end === null && d.pauseFrom === null && d.due < NOW).length;
    expect(overdue).toBeGreaterThan(100);
  });

  it('keeps deliberately bad events at about 0.1%', () => {
    const total = out.dossiers.length + out.tasks.length;
    const bad = gen.injectedFaults().size;
    expect(bad / total).toBeGreaterThan(0.0005);
    expect(bad / total).toBeLessThan(0.002);
  });

  it('sends only events the server accepts, but for the deliberately bad ones', () => {
    const faults = gen.injectedFaults();
    const index = jurisdictionIndex(hcmc);
    const ctx = { now: NOW, isKnownCode: (c: string) => index.scopeOf(c) !== null, jurisdictionName: hcmc.name };
    const refused = [];
    for (const e of out.dossiers) {
      if (faults.has(e.id)) continue;
      const v = validateEvent('dossier', e, ctx);
      if (!v.ok) refused.push({ event: e, errors: v.errors });
    }
    expect(refused.slice(0, 3)).toEqual([]);
  });

  it('produces no event dated after now except the deliberately bad ones', () => {
    const faults = gen.injectedFaults();
    const late = out.dossiers.filter((e) => !faults.has(e.id) && at(e.at) >= NOW);
    expect(late).toEqual([]);
  });
});

describe('one working day of the whole city at scale 1', () => {
  it('receives 15,000 dossiers ± 20%', () => {
    const gen = createCityGenerator({ seed: 79, jurisdiction: hcmc, procedures, calendar, scale: 1 });
    const day = vn('2026-11-18T00:00'); // a Wednesday
    const { dossiers } = gen.generate(day, day + MS_PER_DAY);
    const received = dossiers.filter((e) => e.type === 'received').length;
    console.info(`Wednesday 18/11/2026 at scale 1: ${received} dossiers received`);
    expect(received).toBeGreaterThan(15_000 * 0.8);
    expect(received).toBeLessThan(15_000 * 1.2);
  });
});
