/**
 * Who may see what: the one table of access rules, as pure functions of a principal and a scope.
 * The HTTP routes and the socket hub both ask these; the client only mirrors them (from /auth/me).
 *
 * | role        | bound to        | aggregates | officials, dossier lists/details | task lists/details | reminders        |
 * |-------------|-----------------|------------|----------------------------------|--------------------|------------------|
 * | city_leader | city            | all        | all                              | all                | read all         |
 * | supervisor  | city            | all        | all                              | —                  | send, read all   |
 * | unit_leader | unit:<code>     | own unit†  | own unit                         | own unit           | read, acknowledge|
 * | department  | department:<c>  | own dept†  | own department                   | own department     | read, acknowledge|
 * | display     | token's scope   | its scope† | lists of its scope (the wall feed), no details | lists of its scope | — |
 * | public      | —               | all*       | —                                | —                  | —                |
 * | admin       | —               | all*       | —                                | —                  | — (users, sources, audit, quarantine, presets) |
 *
 * *aggregates only, and only while the public view is on (PUBLIC_VIEW=1); alerts reach them without names.
 * †and, while the public view is on, every scope's aggregates too: nobody signed in sees less than an
 *  anonymous visitor. Names and lists stay within their own scope (alerts of other scopes come without names).
 */
import type { ScopeKey } from '../metrics/types.js';
import type { Role } from '../../shared/contract/roles.js';

/** Every kind of principal (a user's role, a display, the public): defined in the contract. */
export { ROLES, type Role } from '../../shared/contract/roles.js';

/** Who is asking: a signed-in user, a wall display (token), or the public (nobody signed in). */
export interface Principal {
  role: Role;
  /** city for city-wide roles; unit:<code> / department:<code> for bound ones; null for public and admin. */
  scope: ScopeKey | null;
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

/** True when the principal is bound to `scope` or to the whole city. */
function within(p: Principal, scope: ScopeKey): boolean {
  return p.scope === 'city' || p.scope === scope;
}

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
  if (p.role === 'display' || unitScope === null) return p.role === 'city_leader' || p.role === 'supervisor';
  return canListDossiers(p, unitScope);
}

/** One task's detail, given its assignee's scope. */
export function canReadTask(p: Principal, assigneeScope: ScopeKey | null): boolean {
  if (p.role === 'display' || assigneeScope === null) return p.role === 'city_leader';
  return canListTasks(p, assigneeScope);
}

/** Sending a reminder to a unit about its late dossiers. */
export function canSendReminder(p: Principal): boolean {
  return p.role === 'supervisor';
}

/** Reading a unit's reminders. */
export function canReadReminders(p: Principal, scope: ScopeKey): boolean {
  return p.role !== 'display' && canSeeNames(p, scope);
}

/** Acknowledging a reminder sent to one's own unit. */
export function canAcknowledgeReminder(p: Principal, scope: ScopeKey): boolean {
  return (p.role === 'unit_leader' || p.role === 'department') && p.scope === scope;
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
  /** The scope the home page opens: the city, or the unit/department the user is bound to. */
  home: ScopeKey | null;
  cityOverview: boolean;
  dossierLists: boolean;
  taskLists: boolean;
  officials: boolean;
  sendReminders: boolean;
  readReminders: boolean;
  acknowledgeReminders: boolean;
  admin: boolean;
}

export function capabilities(p: Principal, o: PolicyOptions): Capabilities {
  const home = p.scope;
  const ref: ScopeKey = p.scope ?? 'city';
  return {
    home,
    cityOverview: canSeeMetrics(p, 'city', o),
    dossierLists: canListDossiers(p, ref),
    taskLists: canListTasks(p, ref),
    officials: canSeeNames(p, ref),
    sendReminders: canSendReminder(p),
    readReminders: canReadReminders(p, ref),
    acknowledgeReminders: p.scope !== null && p.scope !== 'city' && canAcknowledgeReminder(p, p.scope),
    admin: isAdmin(p),
  };
}
