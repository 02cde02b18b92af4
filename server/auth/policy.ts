/**
 * Who may see what: the one table of access rules, as pure functions of a principal and a scope.
 * The HTTP routes and the socket hub both ask these; the client only mirrors them (from /auth/me).
 *
 * | role        | bound to        | aggregates | officials, dossier lists/details | task lists/details | reminders, explanation requests |
 * |-------------|-----------------|------------|----------------------------------|--------------------|---------------------------------|
 * | city_leader | city¶           | all        | all                              | all                | send to any unit (any subject); read all |
 * | supervisor  | city¶           | all        | all                              | —                  | send to any unit (not about tasks); read all |
 * | unit_leader | its units§      | own units† | own units                        | own units          | read, mark read, answer its units' |
 * | department  | its units§      | own units† | own units                        | own units          | as unit leader; send about its own staff's steps‡ |
 * | display     | token's scope   | its scope† | lists of its scope (the wall feed), no details | lists of its scope | — |
 * | public      | —               | all*       | —                                | —                  | —                |
 * | admin       | —               | all*       | —                                | —                  | — (users, sources, audit, quarantine, presets) |
 *
 * Every sender also reads the requests they sent, and their answers. Nobody marks read or answers a
 * request they sent themselves.
 * *aggregates only, and only while the public view is on (PUBLIC_VIEW=1); alerts reach them without names.
 * †and, while the public view is on, every scope's aggregates too: nobody signed in sees less than an
 *  anonymous visitor. Names and lists stay within their own scope (alerts of other scopes come without names).
 * ‡a dossier (or a buck-passing case given with its dossier) held now, or last, by an official of the
 *  department — a ward's dossier too (inter-level steps); the request then goes to the department itself.
 * §one or more units (unit:<code>) and/or departments (department:<code>): a user may hold several and
 *  sees the union — every rule below asks `within`, which is true for any scope the user holds.
 * ¶or, in a national pack, one or more provinces (province:<code>): "all" and "any unit" then mean
 *  the province and its communes (`reach`), and nothing of another province or of the country's
 *  departments; details whose unit is unknown (a dossier without a unit yet) stay the country's.
 */
import type { ScopeKey } from '../metrics/types.js';
import type { Role } from '../../shared/contract/roles.js';
import type { RequestSubjectType } from '../../shared/contract/requests.js';

/** Every kind of principal (a user's role, a display, the public): defined in the contract. */
export { ROLES, type Role } from '../../shared/contract/roles.js';

/** Who is asking: a signed-in user, a wall display (token), or the public (nobody signed in). */
export interface Principal {
  role: Role;
  /**
   * The home scope: city for city-wide roles; the first unit/department held for bound ones; a
   * display's scope; null for public and admin.
   */
  scope: ScopeKey | null;
  /** Every unit, department or province a bound user holds (the home first); absent: just `scope`. */
  scopes?: readonly ScopeKey[];
  /** The communes of the provinces held (province-bound users: server/auth/province-reach.ts). */
  reach?: ReadonlySet<ScopeKey>;
  /** Signed-in users. */
  userId?: number;
  username?: string;
  /** A user's full name, or a wall display's name. */
  displayName?: string;
  /** SHA-256 of the session id (never the id itself), to disconnect sockets when the session ends. */
  sessionHash?: string;
  /** Wall displays. */
  displayId?: number;
}

export const PUBLIC: Principal = Object.freeze({ role: 'public', scope: null }) as Principal;

export interface PolicyOptions {
  /** Anonymous visitors may see aggregates (the public map and KPIs). */
  publicView: boolean;
}

/** The scopes a principal is bound to: all a user holds, or the one of a display (none for public and admin). */
export function heldScopes(p: Principal): readonly ScopeKey[] {
  return p.scopes ?? (p.scope ? [p.scope] : []);
}

/**
 * True when the principal is bound to the whole city, holds `scope` (one of its units: the union), or
 * holds the province `scope` is a commune of.
 */
function within(p: Principal, scope: ScopeKey): boolean {
  return p.scope === 'city' || heldScopes(p).includes(scope) || p.reach?.has(scope) === true;
}

/** City-wide (or country-wide): not bound to provinces, units or departments. */
const wholeCity = (p: Principal): boolean => p.scope === 'city';

/**
 * Aggregate metrics of a scope (counts, rates: no names). While the public view is on, everyone may
 * see every scope's aggregates: signing in never shows less than the public sees.
 */
export function canSeeMetrics(p: Principal, scope: ScopeKey, o: PolicyOptions): boolean {
  if (o.publicView) return true;
  switch (p.role) {
    case 'public':
      return false;
    case 'admin':
      return true;
    default:
      return within(p, scope);
  }
}

/** Names of officials: per-official scorecards, holders in lists and alerts. */
export function canSeeNames(p: Principal, scope: ScopeKey): boolean {
  if (p.role === 'public' || p.role === 'admin') return false;
  return within(p, scope);
}

/**
 * Officials' scorecards and pages (names with their performance) of a scope: people only, within their
 * scope. A wall display shows no one's performance, even a city display.
 */
export function canSeeOfficials(p: Principal, scope: ScopeKey): boolean {
  return p.role !== 'display' && canSeeNames(p, scope);
}

/** Dossier lists of a scope (and their CSV export). */
export function canListDossiers(p: Principal, scope: ScopeKey): boolean {
  return canSeeNames(p, scope);
}

/** Directive-task lists of a scope. The administration centre supervises dossiers, not directives. */
export function canListTasks(p: Principal, scope: ScopeKey): boolean {
  return p.role !== 'supervisor' && canSeeNames(p, scope);
}

/** One dossier's detail, given the dossier's unit scope. Displays show lists, never a citizen's dossier. */
export function canReadDossier(p: Principal, unitScope: ScopeKey | null): boolean {
  if (p.role === 'display' || unitScope === null) return (p.role === 'city_leader' || p.role === 'supervisor') && wholeCity(p);
  return canListDossiers(p, unitScope);
}

/** Reviewing a data-trust flag of a scope (justified / confirmed): the administration centre's supervisors. */
export function canReviewDataTrust(p: Principal, scope: ScopeKey): boolean {
  return p.role === 'supervisor' && within(p, scope);
}

/** One task's detail, given its assignee's scope. */
export function canReadTask(p: Principal, assigneeScope: ScopeKey | null): boolean {
  if (p.role === 'display' || assigneeScope === null) return p.role === 'city_leader' && wholeCity(p);
  return canListTasks(p, assigneeScope);
}

/** Roles that may send reminders or explanation requests at all (what about: canSendRequest). */
export function canSendReminder(p: Principal): boolean {
  return p.role === 'city_leader' || p.role === 'supervisor' || p.role === 'department';
}

/** A request about to be sent, as the policy sees it. */
export interface RequestTarget {
  type: RequestSubjectType;
  /** The unit or department it goes to. */
  to: ScopeKey;
  /**
   * The unit or department code of the official holding the dossier now, or who held it last (a
   * dossier subject, or a case given with its dossier); null otherwise.
   */
  holderUnit: string | null;
}

/**
 * Sending a reminder or an explanation request. City leaders: to any unit about anything; the
 * administration centre's supervisors: the same but tasks (it supervises dossiers, not directives);
 * a province's: to its communes only; a department head: about its own staff's steps only, to its own
 * department.
 */
export function canSendRequest(p: Principal, t: RequestTarget): boolean {
  switch (p.role) {
    case 'city_leader':
      return within(p, t.to);
    case 'supervisor':
      return t.type !== 'task' && within(p, t.to);
    case 'department':
      return (
        (t.type === 'dossier' || t.type === 'case') &&
        t.holderUnit !== null &&
        t.to === `department:${t.holderUnit}` &&
        heldScopes(p).includes(t.to)
      );
    default:
      return false;
  }
}

/** The subject types a principal may send requests about (the client shows the send button there only). */
export function requestSubjectsOf(p: Principal): RequestSubjectType[] {
  switch (p.role) {
    case 'city_leader':
      return ['dossier', 'task', 'case', 'unit'];
    case 'supervisor':
      return ['dossier', 'case', 'unit'];
    case 'department':
      return ['dossier', 'case'];
    default:
      return [];
  }
}

/** Reading a unit's reminders and requests. */
export function canReadReminders(p: Principal, scope: ScopeKey): boolean {
  return p.role !== 'display' && canSeeNames(p, scope);
}

/** Acknowledging (marking read) a reminder sent to one's own unit (any of them). */
export function canAcknowledgeReminder(p: Principal, scope: ScopeKey): boolean {
  return (p.role === 'unit_leader' || p.role === 'department') && heldScopes(p).includes(scope);
}

/** One request: where it goes and who sent it. */
export interface RequestParties {
  to: ScopeKey;
  sentById: number;
}

/** Reading one request: whoever reads its unit's requests, and its sender. */
export function canReadRequest(p: Principal, r: RequestParties): boolean {
  return canReadReminders(p, r.to) || (p.userId !== undefined && p.userId === r.sentById);
}

/** Marking read or answering a request to one's own unit; never one's own request. */
export function canAnswerRequest(p: Principal, r: RequestParties): boolean {
  return canAcknowledgeReminder(p, r.to) && p.userId !== r.sentById;
}

/** Users, sources, audit log, quarantine, wall presets. */
export function isAdmin(p: Principal): boolean {
  return p.role === 'admin';
}

/** A signed-in person (not a display, not the public). */
export function isUser(p: Principal): boolean {
  return p.userId !== undefined;
}

/** What the client shows or hides, computed by the same rules (for /auth/me). */
export interface Capabilities {
  /** The scope the home page opens: the city, or the unit/department/province the user is bound to. */
  home: ScopeKey | null;
  /** Every scope whose names and lists the user sees: ['city'], or their units and departments (home first). */
  scopes: ScopeKey[];
  cityOverview: boolean;
  dossierLists: boolean;
  taskLists: boolean;
  officials: boolean;
  sendReminders: boolean;
  readReminders: boolean;
  acknowledgeReminders: boolean;
  /** What the user may send requests about (empty: sends none). */
  requestSubjects: RequestSubjectType[];
  admin: boolean;
}

export function capabilities(p: Principal, o: PolicyOptions): Capabilities {
  const home = p.scope;
  const ref: ScopeKey = p.scope ?? 'city';
  return {
    home,
    scopes: p.role === 'display' || p.role === 'public' || p.role === 'admin' ? [] : [...heldScopes(p)],
    cityOverview: canSeeMetrics(p, 'city', o),
    dossierLists: canListDossiers(p, ref),
    taskLists: canListTasks(p, ref),
    officials: canSeeNames(p, ref),
    sendReminders: canSendReminder(p),
    readReminders: canReadReminders(p, ref),
    acknowledgeReminders: p.scope !== null && p.scope !== 'city' && canAcknowledgeReminder(p, p.scope),
    requestSubjects: requestSubjectsOf(p),
    admin: isAdmin(p),
  };
}
