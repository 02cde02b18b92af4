/**
 * The data-quality review of quarantined records: an admin replays a fixed copy as the record's source
 * through the same ingest path (validation, unit limits, idempotency, the one writer) — a DVCQG record
 * through the DVCQG adapter — or dismisses it with a note. A refused replay is answered with its new
 * errors and changes nothing: the record stays open and is not quarantined a second time.
 */
import type { FieldError } from '../../shared/contract/errors.js';
import type { DvcqgService } from '../../shared/contract/dvcqg.js';
import type { Store } from '../db/store.js';
import type { QuarantineRow } from '../db/quarantine-repo.js';
import type { SourceRow } from '../db/sources-repo.js';
import { HttpError } from '../errors.js';
import type { IngestService } from './service.js';
import type { DvcqgIngest } from './dvcqg-service.js';

export interface QuarantineReviewDeps {
  store: Store;
  ingest: Pick<IngestService, 'ingest'>;
  dvcqg: Pick<DvcqgIngest, 'sync'>;
  /** When the review happened (the audit's clock). */
  now: () => number;
}

type Outcome = { outcome: 'accepted' | 'duplicate'; eventIds: string[] } | { outcome: 'rejected'; errors: FieldError[] };

export type ReplayResult = Outcome & { before: QuarantineRow; after: QuarantineRow };

/** The progress-step fields of CapNhatTienDoHoSoMC; a record with none of the snapshot's fields and one of these is a step. */
const STEP_FIELDS = ['NguoiXuLy', 'ThoiDiemXuLy', 'NoiDungXuLy', 'PhongBanXuLy'];
const SNAPSHOT_FIELDS = ['TrangThaiHoSo', 'NgayTiepNhan', 'NgayHenTra', 'DonViXuLy', 'MaTTHC'];

/**
 * Which DVCQG service a quarantined record was sent with (not stored with it): a progress step names
 * who handled it and when, and none of a snapshot's fields.
 */
export function dvcqgServiceOf(raw: unknown): DvcqgService {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return 'DongBoHoSoMC';
  const has = (f: string) => Object.prototype.hasOwnProperty.call(raw, f);
  return !SNAPSHOT_FIELDS.some(has) && STEP_FIELDS.some(has) ? 'CapNhatTienDoHoSoMC' : 'DongBoHoSoMC';
}

/** See the module's comment. */
export function createQuarantineReview(deps: QuarantineReviewDeps) {
  const { store } = deps;

  function find(id: number): QuarantineRow {
    const row = store.quarantine.get(id);
    if (!row) throw new HttpError(404, 'not_found', `no quarantined record ${id}`);
    return row;
  }

  function sourceOf(row: QuarantineRow): SourceRow {
    const source = row.source === null ? null : store.sources.findByName(row.source);
    if (!source) throw new HttpError(409, 'source_gone', `record ${row.id}: its source no longer exists; dismiss it instead`);
    return source;
  }

  /** Sends the edited payload as the record's source would have; one record in, one answer out. */
  function send(row: QuarantineRow, source: SourceRow, payload: unknown): Outcome {
    if (row.kind === 'dvcqg') {
      const batch = { service: dvcqgServiceOf(payload), records: [payload], defaultUnit: null };
      const r = deps.dvcqg.sync(source, batch, { replay: true }).results[0];
      if (r.status === 'rejected') return { outcome: 'rejected', errors: r.errors ?? [] };
      const accepted = r.events.filter((e) => e.status === 'accepted').map((e) => e.id);
      if (r.status === 'accepted') return { outcome: 'accepted', eventIds: accepted };
      return { outcome: 'duplicate', eventIds: r.events.map((e) => e.id) };
    }
    const r = deps.ingest.ingest(source, row.kind, [payload], { replay: true })[0];
    if (r.status === 'rejected') return { outcome: 'rejected', errors: r.errors };
    return { outcome: r.status, eventIds: r.id === null ? [] : [r.id] };
  }

  return {
    /**
     * Replays a fixed copy of an open (or already replayed) record. Accepted, or found already in the
     * log (duplicate): the record is marked replayed with the event ids; refused: it stays as it was.
     */
    replay(id: number, payload: unknown, actor: string): ReplayResult {
      const before = find(id);
      if (before.state === 'dismissed')
        throw new HttpError(
          409,
          'already_reviewed',
          `record ${id} was dismissed ${before.reviewedBy ? `by ${before.reviewedBy}` : ''}`.trim(),
        );
      const result = send(before, sourceOf(before), payload);
      if (result.outcome !== 'rejected' && before.state === 'open') {
        store.quarantine.review(id, {
          state: 'replayed',
          at: deps.now(),
          by: actor,
          note: null,
          eventIds: result.eventIds,
          raw: JSON.stringify(payload),
        });
      }
      return { ...result, before, after: find(id) };
    },

    /** Sets an open record aside with a note (required: why it needs no fix). */
    dismiss(id: number, note: string, actor: string): { before: QuarantineRow; after: QuarantineRow } {
      const before = find(id);
      if (before.state !== 'open') throw new HttpError(409, 'already_reviewed', `record ${id} is already ${before.state}`);
      store.quarantine.review(id, { state: 'dismissed', at: deps.now(), by: actor, note });
      return { before, after: find(id) };
    },
  };
}

export type QuarantineReview = ReturnType<typeof createQuarantineReview>;
