/**
 * The officials' pages, the city-wide scorecards and the buck-passing case lists, engine-neutral and
 * asynchronous (issue 17, slice 3): the steps (holds) a window touches with their dossiers' facts, one
 * official's steps, cases, held dossiers and identity, the cases and requests counted per official,
 * and a page of buck-passing cases. Two engines: SQLite (the officials and read repositories wrapped,
 * sqlite-officials-store.ts) and PostgreSQL (pg-officials-store.ts); tests/server/db/officials-store.shared.ts
 * proves they answer alike.
 */
import type { DossierState } from '../../domain/types.js';
import type { Attributed } from '../../metrics/official-scorecards.js';
import type { CaseSpan } from '../../metrics/official-detail.js';
import type { StepFacts } from '../../metrics/official-steps.js';
import type { CaseQuery, StoredCase } from '../buck-passing-read.js';
import type { BuckPassingRule, BuckPassingSort } from '../../../shared/contract/buck-passing.js';

export type { Attributed, CaseQuery, CaseSpan, StepFacts, StoredCase };

export interface CasePageQuery extends CaseQuery {
  sort: BuckPassingSort;
  dir: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export interface CasePage {
  total: number;
  items: StoredCase[];
  /** Cases and time lost per rule, the rule filter aside. */
  byRule: { rule: BuckPassingRule; cases: number; lostMs: number }[];
}

export interface OfficialsStore {
  readonly engine: 'sqlite' | 'postgres';
  /**
   * The steps that may touch [from, to), one dossier's at a time in step order; `now` classifies the
   * dossiers held now. A city month is hundreds of thousands of steps: read in pages, never all at once.
   */
  windowSteps(p: { from: number; to: number; now: number }): AsyncIterable<StepFacts[]>;
  /** Every step of the dossiers official `id` held at or after `from`, one array per dossier. */
  officialSteps(p: { id: string; from: number; now: number }): Promise<StepFacts[][]>;
  /** The cases and requests of [from, to) counted for every official. */
  windowAttributed(p: { from: number; to: number }): Promise<Attributed[]>;
  /** The cases and requests of [from, to) counted for official `id`. */
  officialAttributed(p: { id: string; from: number; to: number }): Promise<Attributed[]>;
  /** The cases official `id` was a party to whose last hand-over is at or after `from`. */
  officialCases(p: { id: string; from: number }): Promise<CaseSpan[]>;
  /** The open dossiers official `id` holds now. */
  heldDossiers(id: string): Promise<DossierState[]>;
  /** The name and own unit of official `id` at their latest step, or null when they never held a dossier. */
  identity(id: string): Promise<{ name: string; unit: string } | null>;
  /** One page of buck-passing cases in the order asked, with the totals per rule. */
  buckPassingPage(q: CasePageQuery): Promise<CasePage>;
  close(): Promise<void>;
}
