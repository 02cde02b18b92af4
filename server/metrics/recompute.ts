/**
 * Metrics from scratch: loop over every dossier and task, classify it at `now`, count it in every
 * window it falls in. Deliberately simple and independent of the engine's machinery (no footprints,
 * no day buckets, no heap; windows compared as instants, durations sorted instead of binned into a
 * histogram) so that it can serve as the oracle of the engine's property test. The rules it shares
 * with the engine are the domain's: classifyDossier/classifyTask, and the processing-time bin.
 * O(items × periods); not for production paths.
 */
import { findCaseRanges } from '../domain/buck-passing.js';
import { classifyDossier } from '../domain/dossier.js';
import type { DossierContext } from '../domain/dossier.js';
import { classifyTask } from '../domain/task.js';
import type { DossierState, TaskState } from '../domain/types.js';
import { binLowerEdge, nearestRank, processingBin } from './histogram.js';
import { overdueSpans, overdueWorkDay, spanAt } from '../domain/overdue-spans.js';
import { vnDayIndex } from '../domain/time.js';
import { onTimeRateBasis, periodWindow } from './periods.js';
import { emptyScopeMetrics } from '../../shared/contract/metrics.js';
import { PERIODS } from './types.js';
import { NO_PARENT, rollupScopes, type ParentOf } from './scope-rollup.js';
import type { Period, PeriodWindow, ScopeKey, ScopeMetrics } from './types.js';

export interface RecomputeContext extends DossierContext {
  /** Same mapping as the engine's: code → `unit:…`/`department:…`; null (or `city`) → ignored. */
  scopeOf: (code: string) => ScopeKey | null;
  /** Same as the engine's: the province a leaf scope also counts in (scope-rollup.ts); none by default. */
  parentOf?: ParentOf;
}

/** Key of computeAllMetrics' map: `${scope}|${period}`. */
export function metricsKey(scope: ScopeKey, period: Period): string {
  return `${scope}|${period}`;
}

interface Tally {
  metrics: ScopeMetrics;
  /** Processing-time bins of done dossiers finished in the window. */
  bins: number[];
}

function zeroTally(): Tally {
  return { bins: [], metrics: emptyScopeMetrics() };
}

const within = (w: PeriodWindow, t: number | null): boolean => t !== null && t >= w.from && t < w.to;

// Long by design: the oracle stays one plain pass over dossiers, then tasks, with each count written
// where it is decided, so it reads as the definition the engine's property test compares against.
/**
 * Every scope × period's metrics at `now` (epoch ms), keyed by metricsKey(scope, period). Scopes
 * present: `city` and every scope with at least one counted dossier or task.
 */
// eslint-disable-next-line max-lines-per-function -- long by design: see the comment above
export function computeAllMetrics(
  dossiers: readonly DossierState[],
  tasks: readonly TaskState[],
  now: number,
  ctx: RecomputeContext,
): Map<string, ScopeMetrics> {
  const windows = PERIODS.map((p) => periodWindow(p, now));
  const tallies = new Map<ScopeKey, Tally[]>();
  const talliesOf = (scope: ScopeKey): Tally[] => {
    let t = tallies.get(scope);
    if (t === undefined) {
      t = PERIODS.map(zeroTally);
      tallies.set(scope, t);
    }
    return t;
  };
  const scopesOf = (code: string): ScopeKey[] | null => rollupScopes(ctx.scopeOf(code), ctx.parentOf ?? NO_PARENT);
  talliesOf('city');

  for (const d of dossiers) {
    // Not received, refused (status 3) → not counted anywhere.
    if (d.receivedAt === null || d.unit === null || d.endKind === 'refused') continue;
    const scopes = scopesOf(d.unit);
    if (scopes === null) continue;
    const c = classifyDossier(d, now, ctx);
    const open = d.endAt === null;
    // The day its current lateness began, in working time (see overdue-spans.ts).
    const span = open && c.overdue ? spanAt(overdueSpans(d), now) : null;
    const overdueDay = span === null ? null : overdueWorkDay(span, ctx.calendar);
    for (const scope of scopes) {
      const perPeriod = talliesOf(scope);
      for (let i = 0; i < windows.length; i++) {
        const w = windows[i];
        const { metrics: m, bins } = perPeriod[i];
        if (open) {
          if (d.bucket === 'in_progress') m.inProgress += 1;
          if (d.bucket === 'awaiting_supplement') m.awaitingSupplement += 1;
          if (c.overdue) m.overdue += 1;
          if (overdueDay !== null && overdueDay >= vnDayIndex(w.from) && overdueDay < vnDayIndex(w.to)) m.overdueNew += 1;
          if (c.dueSoon) m.dueSoon += 1;
        }
        if (within(w, d.receivedAt)) {
          m.received += 1;
          if (d.channel === 'online') m.receivedOnline += 1;
          // The rules themselves, not the engine's memoised count.
          m.buckPassingCases += findCaseRanges(d.holds, d.pauses, ctx.settings.accountability).length;
        }
        if (!open && within(w, d.endAt)) {
          if (d.endKind === 'withdrawn') m.withdrawn += 1;
          else if (d.endKind === 'stopped') m.paused += 1;
          else {
            if (c.timeliness === 'early') m.finishedEarly += 1;
            else if (c.timeliness === 'on_time') m.finishedOnTime += 1;
            else m.finishedLate += 1;
            if (c.processingDays !== null) bins.push(processingBin(c.processingDays));
          }
        }
        for (const a of d.apologies) if (within(w, a.at)) m.apologies += 1;
      }
    }
  }

  for (const t of tasks) {
    if (t.assignee === null || t.assignedAt === null) continue;
    const scopes = scopesOf(t.assignee);
    if (scopes === null) continue;
    const c = classifyTask(t, now);
    for (const scope of scopes) {
      const perPeriod = talliesOf(scope);
      for (let i = 0; i < windows.length; i++) {
        const m = perPeriod[i].metrics.tasks;
        if (within(windows[i], t.assignedAt)) m.assigned += 1;
        if (c.timeliness === 'open_in_term') m.openInTerm += 1;
        if (c.timeliness === 'open_overdue') m.openOverdue += 1;
        if (c.timeliness === 'no_deadline') m.noDeadline += 1;
        if (t.status === 'completed' && within(windows[i], t.completedAt)) {
          if (c.timeliness === 'done_on_time') m.doneOnTime += 1;
          else m.doneLate += 1;
        }
      }
    }
  }

  const out = new Map<string, ScopeMetrics>();
  for (const [scope, perPeriod] of tallies) {
    PERIODS.forEach((period, i) => {
      const { metrics: m, bins } = perPeriod[i];
      const onTime = m.finishedEarly + m.finishedOnTime;
      m.onTimeRateBasis = onTimeRateBasis(period);
      const judged = onTime + m.finishedLate + (m.onTimeRateBasis === 'new' ? m.overdueNew : m.overdue);
      m.onTimeRate = judged === 0 ? null : onTime / judged;
      m.onlineShare = m.received === 0 ? null : m.receivedOnline / m.received;
      if (bins.length > 0) {
        bins.sort((a, b) => a - b);
        m.processingDaysMedian = binLowerEdge(bins[nearestRank(bins.length, 5) - 1]);
        m.processingDaysP90 = binLowerEdge(bins[nearestRank(bins.length, 9) - 1]);
      }
      out.set(metricsKey(scope, period), m);
    });
  }
  return out;
}
