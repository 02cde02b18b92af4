/**
 * A directive task (nhiệm vụ) as the fold of its events, and its category at an instant
 * (DOMAIN.md › Directive documents and tasks). Pure.
 *
 * Choices where the rules are silent:
 * - The first terminal event (completed or cancelled) stands; later terminal events are only counted.
 * - A repeated `assigned` (reassignment) replaces title, document, issuer and assignee; a dueAt it
 *   carries becomes the deadline in force without counting as an extension.
 * - A completed task without a deadline is done on time; "no deadline" is for open tasks.
 * - daysOverdue is in calendar days (tasks are given in dates, not working time), fractional:
 *   for open overdue tasks up to now, for done-late ones up to completion.
 */
import { MS_PER_DAY } from './time.js';
import type { TaskEvent, TaskState, TaskTimeliness } from './types.js';

/** The state of a task before any event: open, no deadline. */
export function emptyTaskState(id: string): TaskState {
  return {
    id,
    title: null,
    document: null,
    issuer: null,
    assignee: null,
    assignedAt: null,
    originalDueAt: null,
    dueAt: null,
    extensions: 0,
    status: 'open',
    completedAt: null,
    cancelledAt: null,
    progressReports: 0,
    lastProgressAt: null,
    lastEventAt: 0,
    eventCount: 0,
  };
}

/** The state after one more event (in `at` order); does not mutate `state`. */
export function applyTaskEvent(state: TaskState, event: TaskEvent): TaskState {
  const s: TaskState = {
    ...state,
    lastEventAt: state.eventCount === 0 || event.at > state.lastEventAt ? event.at : state.lastEventAt,
    eventCount: state.eventCount + 1,
  };
  switch (event.type) {
    case 'assigned':
      s.title = event.title;
      s.document = event.document;
      s.issuer = event.issuer;
      s.assignee = event.assignee;
      if (s.assignedAt === null) s.assignedAt = event.at;
      if (event.dueAt !== undefined) {
        s.dueAt = event.dueAt;
        if (s.originalDueAt === null) s.originalDueAt = event.dueAt;
      }
      return s;
    case 'extended':
      s.dueAt = event.dueAt;
      s.extensions += 1;
      return s;
    case 'progress_reported':
      s.progressReports += 1;
      s.lastProgressAt = event.at;
      return s;
    case 'completed':
      if (s.status === 'open') {
        s.status = 'completed';
        s.completedAt = event.at;
      }
      return s;
    case 'cancelled':
      if (s.status === 'open') {
        s.status = 'cancelled';
        s.cancelledAt = event.at;
      }
      return s;
  }
}

/**
 * Folds a task's events, in any arrival order, into its state (sorted by `at`, stably).
 * `id` defaults to the first event's taskId.
 */
export function foldTask(events: readonly TaskEvent[], id: string = events[0]?.taskId ?? ''): TaskState {
  const sorted = events.slice().sort((a, b) => a.at - b.at);
  let state = emptyTaskState(id);
  for (const e of sorted) state = applyTaskEvent(state, e);
  return state;
}

/** A task's category at an instant. */
export interface TaskClassification {
  timeliness: TaskTimeliness;
  /** Calendar days past the deadline in force: open overdue → up to now; done late → at completion; else 0. */
  daysOverdue: number;
  /** Next instant the category changes with no event (open in term → dueAt + 1), else null. */
  nextTransitionAt: number | null;
}

/**
 * The Government Office category of a task at `now` (epoch ms), against the deadline in force:
 * cancelled; done on time (completedAt ≤ dueAt, or no deadline) / done late; open overdue
 * (now > dueAt) / open in term; no deadline (open without dueAt).
 */
export function classifyTask(state: TaskState, now: number): TaskClassification {
  const due = state.dueAt;
  if (state.status === 'cancelled') return { timeliness: 'cancelled', daysOverdue: 0, nextTransitionAt: null };
  if (state.status === 'completed') {
    const done = state.completedAt ?? now;
    if (due === null || done <= due) return { timeliness: 'done_on_time', daysOverdue: 0, nextTransitionAt: null };
    return { timeliness: 'done_late', daysOverdue: (done - due) / MS_PER_DAY, nextTransitionAt: null };
  }
  if (due === null) return { timeliness: 'no_deadline', daysOverdue: 0, nextTransitionAt: null };
  if (now > due) return { timeliness: 'open_overdue', daysOverdue: (now - due) / MS_PER_DAY, nextTransitionAt: null };
  return { timeliness: 'open_in_term', daysOverdue: 0, nextTransitionAt: due + 1 };
}
