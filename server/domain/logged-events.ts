import type { DossierEvent, TaskEvent } from './types.js';
import { fastParseDossierEvent, fastParseTaskEvent } from './fast-parse.js';

/** What the parsers need of wire-schemas.ts: the schemas of record, for what the fast path does not recognise. */
interface WireSchemas {
  dossierEventSchema: { parse(raw: unknown): unknown };
  taskEventSchema: { parse(raw: unknown): unknown };
}

/**
 * Set by wire-schemas.ts when it is loaded. Not imported from here, so that a thread whose payloads
 * the fast path always recognises never loads zod: the projection writer's thread loads them only
 * when a payload needs them (loadWireSchemas), the main thread has them from the ingest path.
 */
let schemas: WireSchemas | null = null;

/** Called by wire-schemas.ts as it loads. */
export function useWireSchemas(s: WireSchemas): void {
  schemas = s;
}

/** Thrown by the parsers for a payload only the schemas can parse while they are not loaded: load them (loadWireSchemas), then retry. */
export class WireSchemasNotLoaded extends Error {
  override name = 'WireSchemasNotLoaded';
}

/** Loads the schemas (and zod) on this thread. */
export async function loadWireSchemas(): Promise<void> {
  await import('./wire-schemas.js');
}

function schemasOrThrow(): WireSchemas {
  if (schemas === null) throw new WireSchemasNotLoaded('a logged payload needs the wire schemas, which this thread has not loaded');
  return schemas;
}

/**
 * An event as the log stores it (its wire JSON, validated when it was accepted), parsed back into a
 * domain event. The ingest path and the projection writer both refold items from the log with these.
 */
export function parseLoggedDossierEvent(payload: string): DossierEvent {
  const raw = JSON.parse(payload) as Record<string, unknown>;
  return fastParseDossierEvent(raw) ?? (schemasOrThrow().dossierEventSchema.parse(raw) as DossierEvent);
}

/** A logged task event parsed back into a domain event (see parseLoggedDossierEvent). */
export function parseLoggedTaskEvent(payload: string): TaskEvent {
  const raw = JSON.parse(payload) as Record<string, unknown>;
  return fastParseTaskEvent(raw) ?? (schemasOrThrow().taskEventSchema.parse(raw) as TaskEvent);
}
