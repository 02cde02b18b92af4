/**
 * One official's page from their steps: the period's scorecard (the same computation as the
 * city-wide list), the weekly trend, what they hold now measured against the step's allotted time,
 * the period's steps and the reminders counted for them. Pure: rows, windows, `now` and the calendar
 * in; wire values out.
 */
import { classifyDossier } from '../domain/dossier.js';
import { MS_PER_HOUR, toVnIso } from '../domain/time.js';
import type { DomainSettings, DossierState, WorkCalendar } from '../domain/types.js';
import {
  OFFICIAL_STEPS_LIMIT,
  type OfficialDetailResponse,
  type OfficialHolding,
  type OfficialReminder,
  type OfficialStep,
} from '../../shared/contract/officials.js';
import { aggregateOfficials, emptyAcc, mergeAccs, toScorecard, weeklyTrend, type ReminderHolder } from './official-scorecards.js';
import { allottedMsOf, bouncedSteps, heldMsAt, measureStep, touchesWindow, type StepFacts, type Window } from './official-steps.js';

export interface OfficialDetailInput {
  id: string;
  /** Every step of the dossiers the official held since the trend's first week (or the period's start), per dossier. */
  dossiers: readonly (readonly StepFacts[])[];
  /** Reminders of the period counted for the official. */
  reminders: readonly (ReminderHolder & { id: number; dossierId: string; unit: string; sentAt: number; message: string })[];
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

export type OfficialDetailParts = Pick<OfficialDetailResponse, 'scorecard' | 'weeks' | 'holdings' | 'steps' | 'stepsTotal' | 'reminders'>;

const hours1 = (ms: number) => Math.round((ms / MS_PER_HOUR) * 10) / 10;
const iso = (t: number | null) => (t === null ? null : toVnIso(t));

/** The official's page for the period `input.window`. */
export function officialDetail(input: OfficialDetailInput): OfficialDetailParts {
  const { id, window: w, now, calendar } = input;
  const aggregate = aggregateOfficials(input.dossiers, input.reminders, w, now, calendar).get(id);
  const own = input.dossiers.flatMap((steps) => steps.filter((s) => s.handlerId === id));
  const { steps, total } = periodSteps(input, w);
  return {
    scorecard: toScorecard(aggregate ? mergeAccs(aggregate.byField.values()) : emptyAcc()),
    weeks: weeklyTrend(own, input.weeks, now, calendar),
    holdings: holdings(input),
    steps,
    stepsTotal: total,
    reminders: input.reminders.map((r): OfficialReminder => ({
      id: r.id,
      dossierId: r.dossierId,
      sentAt: toVnIso(r.sentAt),
      message: r.message,
      canOpen: input.canOpen(r.unit),
    })),
  };
}

/** The steps of the period: finished in it, or held beyond the allotted time during it; most hours beyond first. */
function periodSteps(input: OfficialDetailInput, w: Window): { steps: OfficialStep[]; total: number } {
  const out: (OfficialStep & { sortTo: number })[] = [];
  for (const steps of input.dossiers) {
    const bounced = bouncedSteps(steps, w);
    steps.forEach((s, i) => {
      if (s.handlerId !== input.id || !touchesWindow(s, w, input.now)) return;
      const m = measureStep(s, w, input.now, input.calendar);
      if (!m.done && m.beyondMs <= 0) return;
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
        bounced: bounced.has(i),
        canOpen: input.canOpen(s.unit),
        sortTo: s.toAt ?? input.now,
      });
    });
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
