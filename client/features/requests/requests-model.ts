/**
 * Client state of request lists, as pure functions tested without a socket: live events merge into
 * a list (newest first, one entry per id, a stale copy never replaces a newer one), a request's state
 * follows the server's clock, and the unread count follows the server's rule.
 */
import type { RequestState, RequestStateFilter, RequestSubjectType, RequestView } from '../../../shared/contract/requests';
import { requestState, stateMatches } from '../../../shared/request-state';
import { parseVnInstant } from '../../../shared/datetime';

/** Who is looking: the signed-in user's username and the unit/department code they are bound to. */
export interface Viewer {
  username: string;
  /** `26740` or `STP` for a unit's users; null for city-wide roles. */
  unit: string | null;
  /** May mark read and answer what is sent to `unit` (a unit leader, a department user). */
  answers: boolean;
  /** May send requests (a city leader, a supervisor, a department user). */
  sends: boolean;
}

const at = (iso: string | null): number | null => (iso ? parseVnInstant(iso) : null);

/** How far a request has come: a copy that went further is never replaced by one that did not. */
function progress(r: RequestView): number {
  return (r.acknowledgedAt ? 1 : 0) + (r.answeredAt ? 2 : 0) + (r.answerSeenAt ? 4 : 0);
}

/** The list with `r` put in (replacing its older copy), newest sent first. */
export function mergeRequest(list: readonly RequestView[], r: RequestView): RequestView[] {
  const i = list.findIndex((x) => x.id === r.id);
  if (i >= 0) {
    if (progress(list[i]) > progress(r)) return [...list];
    const next = [...list];
    next[i] = r;
    return next;
  }
  return [r, ...list].sort((a, b) => (at(b.sentAt) ?? 0) - (at(a.sentAt) ?? 0) || b.id - a.id);
}

/** The state at the server's `now` (epoch ms): the one rule the server applies. */
export function liveState(r: RequestView, now: number): RequestState {
  return requestState({ answerDueAt: at(r.answerDueAt), readAt: at(r.acknowledgedAt), answeredAt: at(r.answeredAt) }, now);
}

/** Sent by the viewer. */
export const isMine = (r: RequestView, v: Viewer) => r.sentByUsername === v.username;

/** Sent to the viewer's unit by someone else, so the viewer may mark it read and answer it. */
export const isForMe = (r: RequestView, v: Viewer) => v.answers && v.unit !== null && r.unit === v.unit && !isMine(r, v);

/** Whether a request belongs in the viewer's own list (the header): sent to their unit, or by them. */
export const belongsToViewer = (r: RequestView, v: Viewer) => isMine(r, v) || (v.unit !== null && r.unit === v.unit);

/** Requests to the viewer's unit nobody has read yet, plus answers to the viewer's requests not seen yet. */
export function unreadCount(list: readonly RequestView[], v: Viewer): number {
  let n = 0;
  for (const r of list) {
    if (isMine(r, v)) n += r.answeredAt && !r.answerSeenAt ? 1 : 0;
    else if (isForMe(r, v)) n += r.acknowledgedAt ? 0 : 1;
  }
  return n;
}

/** The rows passing a state filter (null: all), judged at `now`. */
export function filterByState(list: readonly RequestView[], filter: RequestStateFilter | null, now: number): RequestView[] {
  return filter ? list.filter((r) => stateMatches(liveState(r, now), filter)) : [...list];
}

/** Counts per filter chip, judged at `now`. */
export function countByFilter(list: readonly RequestView[], now: number): Record<RequestStateFilter, number> {
  const out: Record<RequestStateFilter, number> = { sent: 0, read: 0, overdue: 0, answered: 0, open: 0 };
  for (const r of list) {
    const s = liveState(r, now);
    for (const f of Object.keys(out) as RequestStateFilter[]) if (stateMatches(s, f)) out[f]++;
  }
  return out;
}

/** What a request is about, for the send form and the timeline's filter. */
export interface SubjectRef {
  type: RequestSubjectType;
  id: string;
  /** Its unit (a case needs it); the server takes a dossier's or task's own. */
  unit?: string;
  /** The dossier of a buck-passing case. */
  dossierId?: string;
  /** Shown in the form: the procedure, the task's title, the unit's name. */
  title?: string | null;
  /**
   * Unit or department code of the official holding the dossier now or last: a department user is
   * offered the button only for its own officials' steps (the server checks it again).
   */
  holderUnit?: string | null;
}

/** Whether a request is about this dossier or task (a case counts for its dossier). */
export function isAbout(r: RequestView, kind: 'dossier' | 'task', id: string): boolean {
  if (kind === 'dossier') return r.dossierId === id || (r.subject.type === 'dossier' && r.subject.id === id);
  return r.subject.type === 'task' && r.subject.id === id;
}
