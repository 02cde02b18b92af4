/**
 * The ingest API as the importer uses it: where a batch goes, its body, and what the answer says of
 * each item sent (README "Ingest API" and "National sync format (DVCQG)").
 */
import type { FieldError } from '../../shared/contract/errors.js';
import type { DvcqgService } from '../../shared/contract/dvcqg.js';

export type ImportKind = 'dossier' | 'task' | 'dvcqg';

/** A history load's batch size unless --batch-size says otherwise: the most events one request may carry (MAX_EVENTS_PER_BATCH). */
export const HISTORY_BATCH_SIZE = 5_000;

export type ItemOutcome = { status: 'accepted' | 'duplicate' } | { status: 'rejected'; errors: FieldError[] };

export interface Wire {
  path: string;
  body(jsons: string[]): string;
  /** One outcome per item sent, in order; DVCQG's `unchanged` (nothing new, e.g. sent before) counts as a duplicate. */
  outcomes(answer: unknown, sent: number): ItemOutcome[];
}

interface Answered {
  results?: { status?: string; errors?: FieldError[] }[];
}

function readOutcomes(answer: unknown, sent: number, same: string): ItemOutcome[] {
  const results = (answer as Answered | null)?.results;
  if (!Array.isArray(results) || results.length !== sent) {
    throw new Error(`the server's answer has ${Array.isArray(results) ? results.length : 'no'} results for ${sent} items sent`);
  }
  return results.map((r) => {
    if (r.status === 'accepted') return { status: 'accepted' };
    if (r.status === same) return { status: 'duplicate' };
    return { status: 'rejected', errors: r.errors ?? [{ path: '', message: `status ${String(r.status)}` }] };
  });
}

export function wireFor(kind: ImportKind, dvcqgService: DvcqgService = 'DongBoHoSoMC'): Wire {
  if (kind === 'dvcqg') {
    return {
      path: '/api/v1/ingest/dvcqg',
      body: (jsons) => `{"service":${JSON.stringify(dvcqgService)},"isUpdating":false,"data":[${jsons.join(',')}]}`,
      outcomes: (answer, sent) => readOutcomes(answer, sent, 'unchanged'),
    };
  }
  return {
    path: kind === 'dossier' ? '/api/v1/ingest/dossiers' : '/api/v1/ingest/tasks',
    body: (jsons) => `{"events":[${jsons.join(',')}]}`,
    outcomes: (answer, sent) => readOutcomes(answer, sent, 'duplicate'),
  };
}
