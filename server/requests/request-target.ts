/**
 * What a request being sent is about and where it goes: the subject looked up (a dossier's unit,
 * procedure and holder when sent; a task's assignee and title; a unit's name), checked against the
 * body. Errors say which field and why; to a sender bound to one department, an unknown dossier
 * answers like a dossier it may not ask about (its existence is private).
 */
import { heldScopes, type Principal } from '../auth/policy.js';
import type { ItemStore } from '../db/item-store/contract.js';
import { holderWhenSent } from '../domain/requests.js';
import type { Hold } from '../domain/types.js';
import { HttpError } from '../errors.js';
import type { ScopeKey } from '../metrics/types.js';
import type { RequestSubjectType } from '../../shared/contract/requests.js';

/** Ids of buck-passing cases (as the buck-passing list names them): checked for their form only. */
export const CASE_ID_RE = /^[\w.:/#-]{1,200}$/;

export interface SendInput {
  subject?: { type: RequestSubjectType; id: string };
  unit?: string;
  dossierId?: string;
}

export interface ResolvedTarget {
  type: RequestSubjectType;
  id: string;
  title: string | null;
  /** The unit or department code it goes to, and its scope. */
  unit: string;
  to: ScopeKey;
  dossierId: string | null;
  holder: Hold | null;
}

export interface TargetDeps {
  /** Where the subject dossier or task is looked up (either engine). */
  items: Pick<ItemStore, 'dossier' | 'task'>;
  scopeOf(code: string): ScopeKey | null;
  unitName(code: string): string;
}

const invalid = (msg: string) => new HttpError(400, 'invalid_reminder', msg);
const codeOf = (scope: ScopeKey) => scope.slice(scope.indexOf(':') + 1);

/**
 * Resolves the subject of `POST /reminders`. The older form `{unit, dossierId?}` means a dossier
 * (or the unit's backlog without one). A department's request goes to the department itself.
 */
export async function resolveTarget(p: Principal, body: SendInput, deps: TargetDeps): Promise<ResolvedTarget> {
  const subject =
    body.subject ??
    (body.dossierId ? { type: 'dossier' as const, id: body.dossierId } : body.unit ? { type: 'unit' as const, id: body.unit } : null);
  if (!subject) throw invalid('subject: say what the request is about ({"type": "dossier"|"task"|"case"|"unit", "id": "…"})');
  if (subject.type === 'dossier' && body.dossierId !== undefined && body.dossierId !== subject.id)
    throw invalid(`dossierId: "${body.dossierId}" differs from the subject dossier "${subject.id}"`);
  const bodyScope = body.unit === undefined ? null : deps.scopeOf(body.unit);
  if (body.unit !== undefined && !bodyScope) throw invalid(`unit: no unit or department with code "${body.unit}"`);
  // A department asks its own staff: the request goes to the department whatever the dossier's unit
  // (of a user holding several, the holder's one; the policy then checks that the holder is theirs).
  const own = (holderUnit: string | null | undefined): ScopeKey | null => {
    if (p.role !== 'department') return null;
    const held = heldScopes(p);
    const holders = holderUnit ? `department:${holderUnit}` : null;
    return held.find((s) => s === holders) ?? held.find((s) => s.startsWith('department:')) ?? p.scope;
  };
  // Only city-wide readers may learn whether a dossier or task exists.
  const unknown = (what: string) =>
    p.scope === 'city'
      ? invalid(what)
      : new HttpError(403, 'forbidden', `your role may not send requests about ${subject.type} "${subject.id}"`);

  switch (subject.type) {
    case 'dossier': {
      const d = await dossierFacts(subject.id, deps.items);
      if (!d) throw unknown(`subject: no dossier "${subject.id}"`);
      const allowed = [d.unit, d.holder?.handlerUnit].filter((c): c is string => !!c).map((c) => deps.scopeOf(c));
      const mine = own(d.holder?.handlerUnit);
      const to = mine ?? bodyScope ?? (d.unit ? deps.scopeOf(d.unit) : null);
      if (!to) throw invalid(`subject: dossier "${subject.id}" has no unit yet`);
      if (!mine && !allowed.includes(to))
        throw invalid(
          `unit: dossier "${subject.id}" belongs to unit ${d.unit ?? '—'}, not ${body.unit}; send it there or to its holder's unit`,
        );
      return { type: 'dossier', id: subject.id, title: d.title, unit: codeOf(to), to, dossierId: subject.id, holder: d.holder };
    }
    case 'task': {
      const t = await deps.items.task(subject.id);
      if (!t) throw unknown(`subject: no task "${subject.id}"`);
      const to = t.assignee ? deps.scopeOf(t.assignee) : null;
      if (!to) throw invalid(`subject: task "${subject.id}" is not assigned to a unit`);
      if (bodyScope && bodyScope !== to) throw invalid(`unit: task "${subject.id}" is assigned to ${t.assignee}, not ${body.unit}`);
      return { type: 'task', id: subject.id, title: t.title, unit: codeOf(to), to, dossierId: null, holder: null };
    }
    case 'case': {
      if (!CASE_ID_RE.test(subject.id)) throw invalid('subject.id: a case id is 1–200 letters, digits or . : / # - _');
      const d = body.dossierId === undefined ? null : await dossierFacts(body.dossierId, deps.items);
      if (body.dossierId !== undefined && !d) throw unknown(`dossierId: no dossier "${body.dossierId}"`);
      const to = own(d?.holder?.handlerUnit) ?? bodyScope;
      if (!to) throw invalid('unit: a request about a buck-passing case needs the unit it goes to');
      return {
        type: 'case',
        id: subject.id,
        title: d?.title ?? null,
        unit: codeOf(to),
        to,
        dossierId: body.dossierId ?? null,
        holder: d?.holder ?? null,
      };
    }
    case 'unit': {
      const to = deps.scopeOf(subject.id);
      if (!to || to === 'city') throw invalid(`subject.id: no unit or department with code "${subject.id}"`);
      if (bodyScope && bodyScope !== to) throw invalid(`unit: "${body.unit}" differs from the subject unit "${subject.id}"`);
      return { type: 'unit', id: codeOf(to), title: deps.unitName(codeOf(to)), unit: codeOf(to), to, dossierId: null, holder: null };
    }
  }
}

async function dossierFacts(
  id: string,
  items: TargetDeps['items'],
): Promise<{ unit: string | null; title: string | null; holder: Hold | null } | null> {
  const state = await items.dossier(id);
  if (!state) return null;
  return { unit: state.unit, title: state.procedure?.name ?? null, holder: holderWhenSent(state.holds) };
}
