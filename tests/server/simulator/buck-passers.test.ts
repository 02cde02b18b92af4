/**
 * The simulator's buck-passers are found by the buck-passing rules: generate a few working days of
 * the real city, fold each dossier as the server does, and look at whose dossiers the cases are in.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buckPassingCases, type BuckPassingCase } from '../../../server/domain/buck-passing.js';
import { foldDossier } from '../../../server/domain/dossier.js';
import { parseLoggedDossierEvent } from '../../../server/domain/logged-events.js';
import { DEFAULT_DOMAIN_SETTINGS, type DossierEvent, type DossierState } from '../../../server/domain/types.js';
import { loadJurisdiction } from '../../../server/geo/jurisdiction-loader.js';
import { createCityGenerator } from '../../../server/simulator/generator.js';
import { calendar, procedures, vn } from './helpers.js';

const ctx = { calendar, settings: DEFAULT_DOMAIN_SETTINGS };

interface Folded {
  state: DossierState;
  cases: BuckPassingCase[];
}

describe("the simulator's buck-passers", () => {
  let dossiers: Folded[];
  let buckPassers: Set<string>;
  let departments: Set<string>;

  beforeAll(() => {
    const jurisdiction = loadJurisdiction();
    const gen = createCityGenerator({ seed: 79, jurisdiction, procedures, calendar, scale: 0.15 });
    buckPassers = new Set(gen.model.buckPassers);
    departments = new Set(jurisdiction.departments.map((d) => d.code));
    const from = vn('2026-11-09T00:00'); // a Monday: five working days
    const events = new Map<string, DossierEvent[]>();
    for (const e of gen.generate(from, from + 5 * 86_400_000).dossiers) {
      let parsed: DossierEvent;
      try {
        parsed = parseLoggedDossierEvent(JSON.stringify(e));
      } catch {
        continue; // an injected bad event: ingest would quarantine it
      }
      const list = events.get(parsed.dossierId) ?? [];
      list.push(parsed);
      events.set(parsed.dossierId, list);
    }
    dossiers = [...events].map(([id, list]) => {
      const state = foldDossier(list, ctx, id);
      return { state, cases: buckPassingCases(state, DEFAULT_DOMAIN_SETTINGS.accountability, calendar) };
    });
  }, 120_000);

  const cases = () => dossiers.flatMap((d) => d.cases);
  /** The official who did a multi-step dossier's work: its second holder, the specialist. */
  const specialistOf = (d: Folded) => d.state.holds[1]?.handlerId ?? null;

  it('produce cases of every rule: back and forth, sent back, passed around, and between a ward and a department', () => {
    const byRule = new Map<string, number>();
    for (const c of cases()) byRule.set(c.rule, (byRule.get(c.rule) ?? 0) + 1);
    for (const rule of ['bounce', 'sent_back', 'pass_around', 'cross_unit']) expect(byRule.get(rule) ?? 0, rule).toBeGreaterThan(0);
  });

  it('are in most of the cases, and their dossiers are flagged far more often than anyone else’s', () => {
    const all = cases();
    const involved = all.filter((c) => c.officials.some((o) => buckPassers.has(o.id)));
    expect(involved.length / all.length).toBeGreaterThan(0.6);
    const rate = (ds: Folded[]) => ds.filter((d) => d.cases.length > 0).length / ds.length;
    const multiStep = dossiers.filter((d) => specialistOf(d) !== null);
    const theirs = multiStep.filter((d) => buckPassers.has(specialistOf(d)!));
    const others = multiStep.filter((d) => !buckPassers.has(specialistOf(d)!));
    expect(theirs.length).toBeGreaterThan(30);
    expect(rate(theirs)).toBeGreaterThan(0.3);
    // Ordinary officials: a leader now and then sends a draft back a step; rarely anything else.
    expect(rate(others)).toBeLessThan(0.01);
    expect(rate(theirs)).toBeGreaterThan(30 * rate(others));
  });

  it('are each found: every buck-passer with a dozen dossiers of their own has cases', () => {
    for (const id of buckPassers) {
      const own = dossiers.filter((d) => specialistOf(d) === id);
      if (own.length < 12) continue;
      expect(
        own.some((d) => d.cases.length > 0),
        id,
      ).toBe(true);
    }
  });

  it('leave the planned inter-level route alone: most ward dossiers with a department step are not flagged, and its officials count under the department', () => {
    const liaison = dossiers.filter(
      (d) => !departments.has(d.state.unit ?? '') && d.state.holds.some((h) => departments.has(h.handlerUnit)),
    );
    expect(liaison.length).toBeGreaterThan(20);
    expect(liaison.filter((d) => d.cases.length === 0).length / liaison.length).toBeGreaterThan(0.8);
    for (const d of liaison) {
      for (const h of d.state.holds) if (departments.has(h.handlerUnit)) expect(h.handlerId).toContain(`-${h.handlerUnit}-`);
    }
    const pingPong = cases().filter((c) => c.rule === 'cross_unit');
    for (const c of pingPong) expect(c.officials.some((o) => departments.has(o.unit))).toBe(true);
  });
});
