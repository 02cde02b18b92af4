/**
 * The one place an overdue item becomes an `alert:raised` payload. Pure: the engine's alert and the
 * latest known state of the item in, the wire shape out.
 */
import type { DossierState, TaskState } from '../domain/types.js';
import { toVnIso } from '../domain/time.js';
import type { Alert } from '../metrics/engine.js';
import type { AtRiskAlert } from '../metrics/early-warning-index.js';
import type { AlertRaised } from './events.js';

/** What an alert reads besides the engine's alert: the item's latest state and unit names. */
export interface AlertSources {
  latestDossier(id: string): DossierState | null;
  latestTask(id: string): TaskState | null;
  /** Display name of a unit or department code (the code itself when unknown). */
  unitName(code: string): string;
}

/**
 * The `alert:raised` payload of an item that just became overdue, or of a dossier that just became at
 * risk (kind `at_risk`, shaped like a dossier's). Times are Vietnam-time ISO strings;
 * the title falls back to the item's id and the holder to null when the state is not known. The
 * holder is the official of the open hold of a dossier (tasks carry none); the hub removes it for
 * those who may see aggregates only.
 */
export function alertPayload(alert: Alert | AtRiskAlert, from: AlertSources): AlertRaised {
  const common = { id: alert.id, unit: alert.code, unitName: from.unitName(alert.code), at: toVnIso(alert.at) };
  if (alert.kind === 'dossier' || alert.kind === 'at_risk') {
    const d = from.latestDossier(alert.id);
    const last = d?.holds.length ? d.holds[d.holds.length - 1] : null;
    return {
      kind: alert.kind,
      ...common,
      title: d?.procedure?.name ?? alert.id,
      dueAt: d?.dueAt != null ? toVnIso(d.dueAt) : null,
      holderName: last && last.to === null ? last.handlerName : null,
    };
  }
  const t = from.latestTask(alert.id);
  return {
    kind: 'task',
    ...common,
    title: t?.title ?? alert.id,
    dueAt: t?.dueAt != null ? toVnIso(t.dueAt) : null,
    holderName: null,
  };
}
