/**
 * One official's page from their steps: the period's scorecard (the same computation as the
 * city-wide list), the weekly trend, what they hold now measured against the step's allotted time,
 * and the period's steps, each with the buck-passing cases whose cycle holds it. Pure: rows, windows,
 * `now` and the calendar in; wire values out.
 */
import { classifyDossier } from '../domain/dossier.js';
import { MS_PER_HOUR, toVnIso } from '../domain/time.js';
import type { DomainSettings, DossierState, WorkCalendar } from '../domain/types.js';
import { caseId } from '../domain/buck-passing.js';
import {
  OFFICIAL_STEPS_LIMIT,
  type OfficialDetailResponse,
  type OfficialHolding,
  type OfficialStep,
} from '../../shared/contract/officials.js';
import type { BuckPassingRule } from '../../shared/contract/buck-passing.js';
import { aggregateOfficials, emptyAcc, mergeAccs, toScorecard, weeklyTrend, type Attributed } from './official-scorecards.js';
import { allottedMsOf, heldMsAt, measureStep, touchesWindow, type StepFacts, type Window } from './official-steps.js';

/** A stored buck-passing case's place in its dossier's holds (0-based, inclusive). */
export interface CaseSpan {
  dossierId: string;
  rule: BuckPassingRule;
  firstHold: number;
  lastHold: number;
}

export interface OfficialDetailInput {
  id: string;
  /** Every step of the dossiers the official held since the trend's first week (or the period's start), per dossier. */
  dossiers: readonly (readonly StepFacts[])[];
  /** The cases and requests of the period counted for the official (the list's rules: official-scorecards.ts Attributed). */
  attributed: readonly Attributed[];
  /** The cases the official was a party to (any time): a step within one's span is marked with it. */
  cases: readonly CaseSpan[];
  /** The open dossiers the official holds now. */
  held: readonly DossierState[];
  window: Window;
  weeks: readonly Window[];
  now: number;
  calendar: WorkCalendar;
  settings: DomainSettings;
  unitName: (code: string) => string;
  /** Whether the asker may open a dossier of this unit (null: a dossier without a unit). */
  canOpen: (unit: string | null) => boolean;
}

export type OfficialDetailParts = Pick<OfficialDetailResponse, 'scorecard' | 'weeks' | 'holdings' | 'steps' | 'stepsTotal'>;

const hours1 = (ms: number) => Math.round((ms / MS_PER_HOUR) * 10) / 10;
const iso = (t: number | null) => (t === null ? null : toVnIso(t));

/** The official's page for the period `input.window`. */
export function officialDetail(input: OfficialDetailInput): OfficialDetailParts {
  const { id, window: w, now, calendar } = input;
  const aggregate = aggregateOfficials(input.dossiers, input.attributed, w, now, calendar).get(id);
  const own = input.dossiers.flatMap((steps) => steps.filter((s) => s.handlerId === id));
  const { steps, total } = periodSteps(input, w);
  return {
    scorecard: toScorecard(aggregate ? mergeAccs(aggregate.byField.values()) : emptyAcc()),
    weeks: weeklyTrend(own, input.weeks, now, calendar),
    holdings: holdings(input),
    steps,
    stepsTotal: total,
  };
}

/** The cases of each dossier, for marking its steps. */
function casesByDossier(cases: readonly CaseSpan[]): Map<string, CaseSpan[]> {
  const out = new Map<string, CaseSpan[]>();
  for (const c of cases) {
    const list = out.get(c.dossierId);
    if (list) list.push(c);
    else out.set(c.dossierId, [c]);
  }
  return out;
}

/** The steps of the period: finished in it, or held beyond the allotted time during it; most hours beyond first. */
function periodSteps(input: OfficialDetailInput, w: Window): { steps: OfficialStep[]; total: number } {
  const out: (OfficialStep & { sortTo: number })[] = [];
  const cases = casesByDossier(input.cases);
  for (const steps of input.dossiers) {
    for (const s of steps) {
      if (s.handlerId !== input.id || !touchesWindow(s, w, input.now)) continue;
      const m = measureStep(s, w, input.now, input.calendar);
      if (!m.done && m.beyondMs <= 0) continue;
      out.push({
        dossierId: s.dossierId,
        unit: s.unit ?? '',
        from: toVnIso(s.fromAt),
        to: iso(s.toAt),
        stepDueAt: iso(s.stepDueAt),
        heldHours: hours1(m.heldMs),
        allottedHours: m.allottedMs === null ? null : hours1(m.allottedMs),
        beyondHoursInPeriod: hours1(m.beyondMs),
        done: m.done,
        within: m.done && m.timed ? m.within : null,
        cases: (cases.get(s.dossierId) ?? [])
          .filter((c) => c.firstHold <= s.idx && s.idx <= c.lastHold)
          .map((c) => ({ id: caseId(c.dossierId, c.rule, c.firstHold), rule: c.rule })),
        canOpen: input.canOpen(s.unit),
        sortTo: s.toAt ?? input.now,
      });
    }
  }
  out.sort((a, b) => b.beyondHoursInPeriod - a.beyondHoursInPeriod || b.sortTo - a.sortTo || (a.dossierId < b.dossierId ? -1 : 1));
  return { steps: out.slice(0, OFFICIAL_STEPS_LIMIT).map(({ sortTo: _sortTo, ...s }) => s), total: out.length };
}

/** What the official holds now: overdue dossiers first (the most recently overdue first), then by hours beyond the step's allotted time. */
function holdings(input: OfficialDetailInput): OfficialHolding[] {
  const ctx = { calendar: input.calendar, settings: input.settings };
  const rows: OfficialHolding[] = [];
  for (const d of input.held) {
    const hold = d.holds[d.holds.length - 1];
    if (!hold || hold.to !== null || hold.handlerId !== input.id) continue;
    const step: StepFacts = {
      dossierId: d.id,
      idx: d.holds.length - 1,
      unit: d.unit,
      handlerId: hold.handlerId,
      handlerName: hold.handlerName,
      handlerUnit: hold.handlerUnit,
      fromAt: hold.from,
      toAt: null,
      stepDueAt: hold.stepDueAt,
      field: d.procedure?.field ?? '',
      open: true,
      overdue: false,
      pauses: d.pauses,
    };
    const heldMs = heldMsAt(step, input.now, input.calendar);
    const allottedMs = allottedMsOf(step, input.calendar);
    const c = classifyDossier(d, input.now, ctx);
    rows.push({
      dossierId: d.id,
      unit: d.unit ?? '',
      unitName: d.unit ? input.unitName(d.unit) : '',
      procedureName: d.procedure?.name ?? '',
      field: d.procedure?.field ?? '',
      heldSince: toVnIso(hold.from),
      stepDueAt: iso(hold.stepDueAt),
      heldHours: hours1(heldMs),
      allottedHours: allottedMs === null ? null : hours1(allottedMs),
      beyondHours: allottedMs === null ? 0 : hours1(Math.max(0, heldMs - allottedMs)),
      dueAt: iso(d.dueAt),
      timeliness: c.timeliness,
      daysOverdue: c.daysOverdue,
      canOpen: input.canOpen(d.unit),
    });
  }
  const due = (h: OfficialHolding) => (h.dueAt ? Date.parse(h.dueAt) : -Infinity);
  return rows.sort((a, b) => {
    const ao = a.timeliness === 'overdue' ? 1 : 0;
    const bo = b.timeliness === 'overdue' ? 1 : 0;
    if (ao !== bo) return bo - ao;
    if (ao) return due(b) - due(a) || (a.dossierId < b.dossierId ? -1 : 1);
    return b.beyondHours - a.beyondHours || Date.parse(a.heldSince) - Date.parse(b.heldSince) || (a.dossierId < b.dossierId ? -1 : 1);
  });
}
