/**
 * The lists of requests: a unit's (its page), a user's own (the header: to their unit, and sent by
 * them), and an item's (its timeline). Each row's state comes from the one rule at `now`; the counts
 * per state are of the list before its state filter.
 */
import {
  canAnswerRequest,
  canReadDossier,
  canReadReminders,
  canReadRequest,
  canReadTask,
  canSendReminder,
  heldScopes,
  isUser,
  type Principal,
} from '../auth/policy.js';
import type { ReminderRow } from '../db/reminders-repo.js';
import type { ItemStore } from '../db/item-store/contract.js';
import type { RequestsStore } from '../db/requests-store/contract.js';
import { toVnIso } from '../domain/time.js';
import { HttpError } from '../errors.js';
import type { ScopeKey } from '../metrics/types.js';
import {
  REQUEST_STATES,
  type RequestKind,
  type RequestListResponse,
  type RequestState,
  type RequestStateFilter,
} from '../../shared/contract/requests.js';
import { stateMatches } from '../../shared/request-state.js';
import { partiesOf, stateOf, toRequestView } from './request-view.js';

/** A list holds at most this many requests, the newest (a unit receives a few a week: years of them). */
export const REQUEST_LIST_LIMIT = 1_000;

export interface ListFilter {
  state?: RequestStateFilter;
  kind?: RequestKind;
}

export interface RequestListDeps {
  /** The requests (either engine). */
  requests: RequestsStore;
  /** Whether a dossier or task exists and where (either engine). */
  items: Pick<ItemStore, 'dossierUnit' | 'taskAssignee'>;
  now: () => number;
  scopeOf(code: string): ScopeKey | null;
  unitName(code: string): string;
}

const denied = (p: Principal, what: string) =>
  p.role === 'public'
    ? new HttpError(401, 'login_required', `sign in to see ${what}`)
    : new HttpError(403, 'forbidden', `your role may not see ${what}`);

export function createRequestLists(deps: RequestListDeps) {
  const repo = deps.requests;

  function list(rows: ReminderRow[], filter: ListFilter, extra: Partial<RequestListResponse> = {}): RequestListResponse {
    const now = deps.now();
    const counts = Object.fromEntries(REQUEST_STATES.map((s) => [s, 0])) as Record<RequestState, number>;
    const items = [];
    for (const r of rows) {
      if (filter.kind && r.kind !== filter.kind) continue;
      const state = stateOf(r, now);
      counts[state]++;
      if (!filter.state || stateMatches(state, filter.state)) items.push(toRequestView(r, now, deps.unitName));
    }
    return { asOf: toVnIso(now), items, counts, ...extra };
  }

  const readable = (p: Principal) => (r: ReminderRow) => {
    const pt = partiesOf(r, deps.scopeOf);
    return pt !== null && canReadRequest(p, pt);
  };

  return {
    /** `GET /units/:code/reminders`: what was sent to a unit or department, newest first. */
    async ofUnit(p: Principal, code: string, filter: ListFilter): Promise<RequestListResponse> {
      const scope = deps.scopeOf(code);
      if (!scope || scope === 'city') throw new HttpError(404, 'not_found', `no unit or department with code "${code}"`);
      if (!canReadReminders(p, scope)) throw denied(p, `the reminders of ${scope}`);
      return list(await repo.ofUnit(scope.slice(scope.indexOf(':') + 1), REQUEST_LIST_LIMIT), filter);
    },

    /**
     * `GET /reminders/mine`: a unit's users get what was sent to their unit; senders what they sent;
     * a department both. `unread`: requests to the user's unit nobody has read yet, plus answers to the
     * user's requests they have not seen.
     */
    async mine(p: Principal, filter: ListFilter): Promise<RequestListResponse> {
      // Every unit the user holds (the union); none for city- or province-wide roles, who receive nothing here.
      const bound = heldScopes(p).filter((s) => s !== 'city' && !s.startsWith('province:') && canReadReminders(p, s));
      const sends = canSendReminder(p);
      if (!isUser(p) || (!bound.length && !sends)) throw denied(p, 'reminders');
      const codes = bound.map((s) => s.slice(s.indexOf(':') + 1));
      const rows = await repo.toUnitsOrBySender(codes, sends ? p.userId! : null, REQUEST_LIST_LIMIT);
      let unread = 0;
      for (const r of rows) {
        if (r.sentById === p.userId) {
          if (r.answeredAt !== null && r.answerSeenAt === null) unread++;
        } else if (r.acknowledgedAt === null && codes.includes(r.unit)) {
          const to = bound[codes.indexOf(r.unit)];
          if (canAnswerRequest(p, { to, sentById: r.sentById })) unread++;
        }
      }
      return list(rows, filter, { unread });
    },

    /** `GET /dossiers/:id/reminders`: requests about a dossier the principal may open, those it may read. */
    async aboutDossier(p: Principal, id: string): Promise<RequestListResponse> {
      if (p.role === 'public' || p.role === 'admin' || p.role === 'display') throw denied(p, 'dossier details');
      const unit = await deps.items.dossierUnit(id);
      const notFound = new HttpError(404, 'not_found', `no dossier with id "${id}"`);
      if (unit === undefined || !canReadDossier(p, unit ? deps.scopeOf(unit) : null)) throw notFound;
      return list((await repo.aboutDossier(id, REQUEST_LIST_LIMIT)).filter(readable(p)), {});
    },

    /** `GET /tasks/:id/reminders`: requests about a task the principal may open, those it may read. */
    async aboutTask(p: Principal, id: string): Promise<RequestListResponse> {
      // As GET /tasks/:id: roles that open no task are refused first; another unit's task answers like a missing one.
      if (p.role === 'public' || p.role === 'admin' || p.role === 'display' || p.role === 'supervisor') throw denied(p, 'task details');
      const assignee = await deps.items.taskAssignee(id);
      if (assignee === undefined || !canReadTask(p, assignee ? deps.scopeOf(assignee) : null))
        throw new HttpError(404, 'not_found', `no task with id "${id}"`);
      return list((await repo.aboutSubject('task', id, REQUEST_LIST_LIMIT)).filter(readable(p)), {});
    },
  };
}

export type RequestLists = ReturnType<typeof createRequestLists>;
