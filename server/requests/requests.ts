/**
 * The requests feature's parts, built once: the service (transitions, the overdue sweep) and the lists,
 * pushing through a notifier set once Socket.IO exists (server/realtime/request-rooms.ts).
 */
import type { Jurisdiction } from '../domain/types.js';
import { createRequestLists } from './request-lists.js';
import { createRequestService, type RequestNotifier, type RequestServiceDeps } from './request-service.js';

export type RequestsDeps = Omit<RequestServiceDeps, 'notifier' | 'unitName'> & { jurisdiction: Jurisdiction };

export function createRequests(deps: RequestsDeps) {
  const names = new Map<string, string>([
    ...deps.jurisdiction.units.map((u) => [u.code, u.fullName] as const),
    ...deps.jurisdiction.departments.map((d) => [d.code, d.name] as const),
  ]);
  const unitName = (code: string) => names.get(code) ?? code;
  let push: RequestNotifier = { created() {}, updated() {} };
  const service = createRequestService({
    ...deps,
    unitName,
    notifier: { created: (pt, msg) => push.created(pt, msg), updated: (pt, msg, only) => push.updated(pt, msg, only) },
  });
  const lists = createRequestLists({ requests: deps.requests, items: deps.items, now: deps.now, scopeOf: deps.scopeOf, unitName });
  return {
    service,
    lists,
    /** Sends the live events to `notifier` from now on (before: nowhere; no socket exists yet). */
    pushTo(notifier: RequestNotifier): void {
      push = notifier;
    },
  };
}
