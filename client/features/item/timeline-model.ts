/**
 * Turns a dossier or task detail (API shapes, ISO instants) into a timeline model (epoch ms).
 * Pure: the clock comes in as `now`.
 */
import type { DossierDetailResponse, TaskDetailResponse, TimelineEntry } from '../../../shared/contract/api';
import type { BuckPassingCaseView, BuckPassingRule } from '../../../shared/contract/buck-passing';
import type { TimeBar, TimeLine, TimeMarker, TimelineModel } from './timeline-geometry';
import { timelineDomain } from './timeline-geometry';
import { parseVnInstant } from '../../../shared/datetime';

/**
 * Epoch ms of an ISO 8601 instant, a bare `YYYY-MM-DD` (the end of that Vietnam day) or epoch ms
 * already; null for anything else. Event `data` is the source's own JSON, so all shapes may appear there.
 */
export function parseInstant(iso: unknown): number | null {
  // A bare date is the end of that Vietnam day, as everywhere (shared/datetime.ts).
  if (typeof iso === 'number' || typeof iso === 'string') return parseVnInstant(iso);
  return null;
}

/** Id of the timeline bar of the i-th hold (0-based). */
export function holdBarId(index: number): string {
  return `hold-${index}`;
}

/** What the buck-passing cases say of one hold. */
export interface HoldCaseMark {
  /** The rules of the cases whose cycle includes this hold (each once, in case order). */
  rules: BuckPassingRule[];
  /** While a case is shown (`selected`): whether this hold is in its cycle; null when none is. */
  inSelected: boolean | null;
}

/**
 * For each of `count` holds, the cases it is part of (the server's one definition of buck-passing:
 * the cases come with the dossier), and whether it is in the case being shown.
 */
export function holdCaseMarks(count: number, cases: readonly BuckPassingCaseView[], selected: BuckPassingCaseView | null): HoldCaseMark[] {
  return Array.from({ length: count }, (_, i) => {
    const rules: BuckPassingRule[] = [];
    for (const c of cases) if (i >= c.holds.first && i <= c.holds.last && !rules.includes(c.rule)) rules.push(c.rule);
    return { rules, inSelected: selected ? i >= selected.holds.first && i <= selected.holds.last : null };
  });
}

/** The case with this id among the dossier's, or null. */
export function findCase(cases: readonly BuckPassingCaseView[], id: string | null): BuckPassingCaseView | null {
  return (id && cases.find((c) => c.id === id)) || null;
}

function dueLines(dueAt: number | null, originalDueAt: number | null): TimeLine[] {
  const lines: TimeLine[] = [];
  if (originalDueAt !== null && originalDueAt !== dueAt) lines.push({ kind: 'originalDue', at: originalDueAt });
  if (dueAt !== null) lines.push({ kind: 'due', at: dueAt });
  return lines;
}

/**
 * The timeline of a dossier: a bar per hold (lane per official, the part past the step's allotted
 * time marked), supplement pauses, apologies with their proposed dates, due dates, end and now.
 * The axis runs from receipt to the latest of end (or now while open), due dates and proposed dates;
 * a finished dossier does not stretch to today, which would squash an old dossier into a sliver.
 * Holds in a buck-passing case are flagged; while `selectedCase` is shown its holds are highlighted
 * and the others dimmed.
 */
export function dossierTimelineModel(
  d: DossierDetailResponse,
  now: number,
  selectedCase: string | null = null,
  /** A replayed moment (`?at=`): a line of its own, inside the axis. */
  at: number | null = null,
): TimelineModel {
  const endAt = parseInstant(d.endAt);
  const open = endAt === null;
  const stop = endAt ?? now;
  const dueAt = parseInstant(d.dueAt);
  const originalDueAt = parseInstant(d.originalDueAt);
  const marks = holdCaseMarks(d.holds.length, d.buckPassing ?? [], findCase(d.buckPassing ?? [], selectedCase));

  const bars: TimeBar[] = d.holds.flatMap((h, i) => {
    const from = parseInstant(h.from);
    if (from === null) return [];
    return [
      {
        id: holdBarId(i),
        lane: h.handlerId,
        laneLabel: h.handlerName,
        from,
        to: parseInstant(h.to) ?? stop,
        allottedUntil: parseInstant(h.stepDueAt),
        flagged: marks[i].rules.length > 0,
        highlight: marks[i].inSelected === null ? null : marks[i].inSelected ? 'case' : 'dimmed',
      },
    ];
  });
  const spans = d.pauses.flatMap((p) => {
    const from = parseInstant(p.from);
    return from === null ? [] : [{ from, to: parseInstant(p.to) ?? stop }];
  });
  const markers: TimeMarker[] = d.apologies.flatMap((a, i) => {
    const at = parseInstant(a.at);
    return at === null ? [] : [{ id: `apology-${i}`, kind: 'apology' as const, at, target: parseInstant(a.proposedDueAt) }];
  });
  const lines: TimeLine[] = [...dueLines(dueAt, originalDueAt)];
  if (endAt !== null) lines.push({ kind: 'end', at: endAt });
  if (open) lines.push({ kind: 'now', at: now });
  if (at !== null) lines.push({ kind: 'at', at });

  const start = parseInstant(d.receivedAt) ?? (bars.length ? Math.min(...bars.map((b) => b.from)) : parseInstant(d.timeline[0]?.at));
  // A moment replayed before receipt (nothing of it yet) still sits on the axis.
  const { from, to } = timelineDomain(start !== null && at !== null ? Math.min(start, at) : start, [
    stop,
    dueAt,
    originalDueAt,
    at,
    ...markers.map((m) => m.target),
    ...bars.map((b) => b.to),
  ]);
  return { from, to, bars, spans, lines, markers };
}

function findAt(timeline: readonly TimelineEntry[], type: string): number | null {
  const entry = timeline.find((e) => e.type === type);
  return entry ? parseInstant(entry.at) : null;
}

/**
 * The timeline of a directive task: one bar for the assignee from assignment to completion (or now),
 * the part past the deadline in force marked; extensions with their new deadline; progress reports.
 */
export function taskTimelineModel(t: TaskDetailResponse, now: number): TimelineModel {
  const assignedAt = parseInstant(t.assignedAt) ?? findAt(t.timeline, 'assigned');
  const completedAt = parseInstant(t.completedAt);
  const cancelledAt = t.timeliness === 'cancelled' ? findAt(t.timeline, 'cancelled') : null;
  const endAt = completedAt ?? cancelledAt;
  const stop = endAt ?? now;
  const dueAt = parseInstant(t.dueAt);
  const originalDueAt = parseInstant(t.originalDueAt);

  const bars: TimeBar[] =
    assignedAt === null
      ? []
      : [
          {
            id: 'task',
            lane: t.assignee ?? 'assignee',
            laneLabel: t.assigneeName ?? t.assignee ?? '',
            from: assignedAt,
            to: stop,
            allottedUntil: dueAt,
            flagged: false,
            highlight: null,
          },
        ];
  const markers: TimeMarker[] = t.timeline.flatMap((e): TimeMarker[] => {
    const at = parseInstant(e.at);
    if (at === null) return [];
    if (e.type === 'extended') return [{ id: e.eventId, kind: 'extension' as const, at, target: parseInstant(e.data.dueAt) }];
    if (e.type === 'progress_reported') return [{ id: e.eventId, kind: 'event' as const, at, target: null }];
    return [];
  });
  const lines: TimeLine[] = [...dueLines(dueAt, originalDueAt)];
  if (endAt !== null) lines.push({ kind: 'end', at: endAt });
  else lines.push({ kind: 'now', at: now });

  const { from, to } = timelineDomain(assignedAt ?? parseInstant(t.timeline[0]?.at), [
    stop,
    dueAt,
    originalDueAt,
    ...markers.map((m) => m.target),
  ]);
  return { from, to, bars, spans: [], lines, markers };
}
