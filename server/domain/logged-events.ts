import type { DossierEvent, TaskEvent } from './types.js';
import { dossierEventSchema, taskEventSchema } from './wire-schemas.js';
import { fastParseDossierEvent, fastParseTaskEvent } from './fast-parse.js';

/**
 * An event as the log stores it (its wire JSON, validated when it was accepted), parsed back into a
 * domain event. The ingest path and the projection writer both refold items from the log with these.
 */
export function parseLoggedDossierEvent(payload: string): DossierEvent {
  const raw = JSON.parse(payload) as Record<string, unknown>;
  return fastParseDossierEvent(raw) ?? (dossierEventSchema.parse(raw) as DossierEvent);
}

/** A logged task event parsed back into a domain event (see parseLoggedDossierEvent). */
export function parseLoggedTaskEvent(payload: string): TaskEvent {
  const raw = JSON.parse(payload) as Record<string, unknown>;
  return fastParseTaskEvent(raw) ?? (taskEventSchema.parse(raw) as TaskEvent);
}
