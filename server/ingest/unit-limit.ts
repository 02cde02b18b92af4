/**
 * Sources limited to some units (a ward's own system may write only its ward): which events of a
 * batch fall outside the limit, with an error that says so. The ingest service checks it in the
 * batch's transaction, before anything else; refused events are quarantined like any rejected event.
 */
import type { FieldError } from '../../shared/contract/errors.js';
import type { ScopeKey } from '../metrics/types.js';
import type { IngestKind } from './validate.js';

/** Where an item already known belongs, by its latest state (undefined: no such item yet). */
export interface ItemUnits {
  dossierUnit(id: string): string | null | undefined;
  taskAssignee(id: string): string | null | undefined;
}

/**
 * Parses `--units 26740,26743` (or the API's list): every code must be a unit or department.
 * @returns the codes, or null for "no limit" when the value is empty.
 */
export function parseSourceUnits(
  value: string | undefined,
  scopeOf: (code: string) => ScopeKey | null,
): { ok: true; units: string[] | null } | { ok: false; problem: string } {
  if (value === undefined || !value.trim()) return { ok: true, units: null };
  const codes = [
    ...new Set(
      value
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
    ),
  ];
  const unknown = codes.filter((c) => scopeOf(c) === null);
  if (unknown.length) return { ok: false, problem: `units: unknown unit or department code(s) ${unknown.join(', ')}` };
  return { ok: true, units: codes };
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * For each event, the errors that put it outside the source's units, or null when it is within them
 * (or malformed in a way validation will report). An event is outside when it names another unit
 * (`unit` of a receipt, `assignee` of an assignment) or concerns an item already known under another unit.
 */
export function unitLimitErrors(
  kind: IngestKind,
  events: readonly unknown[],
  allowed: readonly string[],
  items: ItemUnits,
): (FieldError[] | null)[] {
  const allow = new Set(allowed);
  const list = allowed.join(', ');
  /** Units named earlier in this batch for items not stored yet. */
  const batchUnit = new Map<string, string>();
  return events.map((raw) => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
    const e = raw as Record<string, unknown>;
    const idField = kind === 'dossier' ? 'dossierId' : 'taskId';
    const itemId = str(e[idField]);
    if (itemId === null) return null;
    const errors: FieldError[] = [];
    const stored = kind === 'dossier' ? items.dossierUnit(itemId) : items.taskAssignee(itemId);
    const known = stored ?? batchUnit.get(itemId);
    if (known && !allow.has(known)) {
      errors.push({ path: idField, message: `${kind} "${itemId}" belongs to unit ${known}; this source may only write units ${list}` });
    }
    const named = kind === 'dossier' ? (e.type === 'received' ? str(e.unit) : null) : e.type === 'assigned' ? str(e.assignee) : null;
    const namedPath = kind === 'dossier' ? 'unit' : 'assignee';
    if (named !== null) {
      if (!allow.has(named)) errors.push({ path: namedPath, message: `unit ${named} is outside this source's units (${list})` });
      else if (stored === undefined && !batchUnit.has(itemId)) batchUnit.set(itemId, named);
    }
    return errors.length ? errors : null;
  });
}
