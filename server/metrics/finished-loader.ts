/**
 * The metrics engine's restart path: finished dossiers come back as their persisted facts, one at a
 * time (`dossier`) or as groups of identical facts (the other methods, called for every group of
 * millions of dossiers by the projections' bulk read). Only the scopes' own buckets are written; the
 * city's and every period total are rebuilt from them once, at the engine's next read or update.
 */
import { isSatisfactionBad } from '../domain/service-index-facts.js';
import { F_APOLOGIES, F_BUCK_PASSING, F_RECEIVED, F_RECEIVED_ONLINE, outcomeCounter } from './counters.js';
import type { FlowBuckets, ScopeState } from './flow-buckets.js';
import type { DossierOutcome, FinishedDossierFacts } from './footprint.js';
import { addIndexFactsDeferred } from './scope-accounting.js';

export class FinishedLoader {
  constructor(
    private readonly flows: FlowBuckets,
    /** The engine's scope of a unit or department code; null for none (or the city itself). */
    private readonly scopeOf: (code: string) => ScopeState | null,
  ) {}

  /**
   * Restart: adds a finished dossier from its persisted facts (dossierFacts). Facts older than the
   * previous year are skipped. Does not mark scopes changed (take a snapshot after loading).
   */
  dossier(f: FinishedDossierFacts): void {
    this.dossiers(f, 1);
  }

  /** Restart: `count` finished dossiers with exactly these facts (the time machine's grouped checkpoints). */
  dossiers(f: FinishedDossierFacts, count: number): void {
    const first = this.flows.firstCountedDay;
    if (f.receivedDay < first && f.endDay < first && f.apologyDays === null) return;
    this.received(f.code, f.receivedDay, f.online, count);
    this.ended(f.code, f.endDay, f.outcome, f.processingBin, count);
    if (f.apologyDays !== null) this.apologies(f.code, f.apologyDays, count);
    if (f.buckPassingCases > 0) this.buckPassing(f.code, f.receivedDay, f.buckPassingCases * count);
    if (f.indexBits) this.index(f.code, f.receivedDay, f.indexBits, f.outcome === 'late' ? 1 : 0, count);
  }

  /**
   * Restart, in bulk: `count` finished dossiers of `code` received on `day` with these index bits,
   * finished late (1) or not (0): their national service index facts (satisfaction follows from both).
   */
  index(code: string, day: number, bits: number, late: 0 | 1, count: number): void {
    const s = this.scopeOf(code);
    if (s === null || bits === 0) return;
    addIndexFactsDeferred(this.flows, s, day, bits, isSatisfactionBad(bits, late === 1), count);
  }

  /**
   * Restart, in bulk: `count` finished dossiers of unit/department `code` received on Vietnam day
   * index `day` (online or not). The calls together are `dossier` for
   * groups of identical facts; built to be called for every group of millions of dossiers: no
   * allocation beyond the buckets it creates. Only the scope's own buckets are written; the city's and
   * every period total are rebuilt from them once, at the next read or update.
   */
  received(code: string, day: number, online: 0 | 1, count: number): void {
    const s = this.scopeOf(code);
    if (s !== null) this.flows.addDeferred(s, day, F_RECEIVED, online === 1 ? F_RECEIVED_ONLINE : -1, -1, count);
  }

  /** Restart, in bulk: `count` finished dossiers of `code` that ended on `day` with this outcome and processing-time bin. */
  ended(code: string, day: number, outcome: DossierOutcome, bin: number | null, count: number): void {
    const s = this.scopeOf(code);
    if (s !== null) this.flows.addDeferred(s, day, outcomeCounter(outcome), -1, bin ?? -1, count);
  }

  /** Restart, in bulk: `count` finished dossiers of `code` with these apology letter days (FinishedDossierFacts.apologyDays). */
  apologies(code: string, apologyDays: string, count: number): void {
    const s = this.scopeOf(code);
    if (s === null || apologyDays === '') return;
    for (const part of apologyDays.split(',')) this.flows.addDeferred(s, Number(part), F_APOLOGIES, -1, -1, count);
  }

  /** Restart, in bulk: `cases` buck-passing cases of finished dossiers of `code` received on Vietnam day `day`. */
  buckPassing(code: string, day: number, cases: number): void {
    const s = this.scopeOf(code);
    if (s !== null && cases !== 0) this.flows.addDeferred(s, day, F_BUCK_PASSING, -1, -1, cases);
  }
}
