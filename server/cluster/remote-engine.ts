/**
 * What a web node has in place of the ingest node's in-memory metrics: period windows (a pure function
 * of the clock and the calendar) answered here, everything else refused loudly. The reads that need
 * the figures are forwarded to the ingest node (forward-reads.ts); one that is not fails with a 500
 * naming the call, never with zeros.
 */
import type { MetricsEngine } from '../metrics/engine.js';
import type { EarlyWarningIndex } from '../metrics/early-warning-index.js';

/** Thrown by a figure asked of a web node (a route missing from forward-reads.ts ENGINE_READS). */
export class EngineNotHereError extends Error {}

function refusing<T extends object>(what: string, target: T, allowed: ReadonlySet<PropertyKey>, absent = new Set<PropertyKey>()): T {
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (absent.has(prop)) return undefined;
      if (allowed.has(prop)) {
        const v: unknown = Reflect.get(t, prop, receiver);
        return typeof v === 'function' ? v.bind(t) : v;
      }
      return () => {
        throw new EngineNotHereError(
          `${what}.${String(prop)} lives on the ingest node (NODE_ROLE=ingest); this read should be forwarded there`,
        );
      };
    },
  });
}

/** The engine of a web node: never restored nor fed; only its period windows are read. */
export function windowsOnly(engine: MetricsEngine): MetricsEngine {
  // No listener for applied dossiers: nothing is applied here (the closed index counts read the store);
  // no revision: the overview keeps no answer here (it is forwarded anyway).
  return refusing('metrics', engine, new Set<PropertyKey>(['window']), new Set<PropertyKey>(['onDossierApplied', 'revision']));
}

/** The early warning of a web node: none (its lists are forwarded). */
export function noWarnings(): EarlyWarningIndex {
  return refusing('early warning', {} as EarlyWarningIndex, new Set());
}
