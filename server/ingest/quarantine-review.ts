/**
 * The data-quality review of quarantined records: an admin replays a fixed copy as the record's source
 * through the same ingest path (validation, unit limits, idempotency, the one writer) — a DVCQG record
 * through the DVCQG adapter — or dismisses it with a note. A refused replay is answered with its new
 * errors and changes nothing: the record stays open and is not quarantined a second time. The records
 * are where the ingest path quarantines them (the write store: the SQLite file, or PostgreSQL with the
 * asynchronous path), and a replay goes through that same live path.
 */
import type { FieldError } from '../../shared/contract/errors.js';
import type { DvcqgAnswer, DvcqgService } from '../../shared/contract/dvcqg.js';
import type { SourcesStore } from '../db/access-store/contract.js';
import type { QuarantineRow } from '../db/quarantine-repo.js';
import type { SourceRow } from '../db/sources-repo.js';
import type { WriteStore } from '../db/write-store/contract.js';
import { HttpError } from '../errors.js';
import type { EventResult, IngestOptions } from './service.js';
import type { DvcqgBatch } from './dvcqg-service.js';
import type { IngestKind } from './validate.js';

export interface QuarantineReviewDeps {
  /** Where the records are: the write store the ingest path quarantines into (either engine). */
  quarantine: Pick<WriteStore, 'quarantineRecord' | 'dismissQuarantine' | 'markReplayed'>;
  /** Where the records' sources are (the access store, either engine). */
  sources: Pick<SourcesStore, 'findByName'>;
  /** The live ingest path (ingest-paths.ts): the file's synchronous one, or the write store's asynchronous one. */
  ingest: { ingest(source: SourceRow, kind: IngestKind, raw: unknown[], opts?: IngestOptions): EventResult[] | Promise<EventResult[]> };
  dvcqg: { sync(source: SourceRow, b: DvcqgBatch, opts?: IngestOptions): DvcqgAnswer | Promise<DvcqgAnswer> };
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
  const { quarantine } = deps;

  async function find(id: number): Promise<QuarantineRow> {
    const row = await quarantine.quarantineRecord(id);
    if (!row) throw new HttpError(404, 'not_found', `no quarantined record ${id}`);
    return row;
  }

  async function sourceOf(row: QuarantineRow): Promise<SourceRow> {
    const source = row.source === null ? null : await deps.sources.findByName(row.source);
    if (!source) throw new HttpError(409, 'source_gone', `record ${row.id}: its source no longer exists; dismiss it instead`);
    return source;
  }

  /** Sends the edited payload as the record's source would have; one record in, one answer out. */
  async function send(row: QuarantineRow, source: SourceRow, payload: unknown): Promise<Outcome> {
    if (row.kind === 'dvcqg') {
      const batch = { service: dvcqgServiceOf(payload), records: [payload], defaultUnit: null };
      const r = (await deps.dvcqg.sync(source, batch, { replay: true })).results[0];
      if (r.status === 'rejected') return { outcome: 'rejected', errors: r.errors ?? [] };
      const accepted = r.events.filter((e) => e.status === 'accepted').map((e) => e.id);
      if (r.status === 'accepted') return { outcome: 'accepted', eventIds: accepted };
      return { outcome: 'duplicate', eventIds: r.events.map((e) => e.id) };
    }
    const r = (await deps.ingest.ingest(source, row.kind, [payload], { replay: true }))[0];
    if (r.status === 'rejected') return { outcome: 'rejected', errors: r.errors };
    return { outcome: r.status, eventIds: r.id === null ? [] : [r.id] };
  }

  return {
    /**
     * Replays a fixed copy of an open (or already replayed) record. Accepted, or found already in the
     * log (duplicate): the record is marked replayed with the event ids, if it is still open then (of
     * two admins replaying at once, on any nodes, the log takes the event once and the mark is the
     * first's); refused: it stays as it was.
     */
    async replay(id: number, payload: unknown, actor: string): Promise<ReplayResult> {
      const before = await find(id);
      if (before.state === 'dismissed')
        throw new HttpError(
          409,
          'already_reviewed',
          `record ${id} was dismissed ${before.reviewedBy ? `by ${before.reviewedBy}` : ''}`.trim(),
        );
      const result = await send(before, await sourceOf(before), payload);
      if (result.outcome !== 'rejected' && before.state === 'open') {
        await quarantine.markReplayed(id, { at: deps.now(), by: actor, eventIds: result.eventIds, raw: JSON.stringify(payload) });
      }
      return { ...result, before, after: await find(id) };
    },

    /** Sets an open record aside with a note (required: why it needs no fix). */
    async dismiss(id: number, note: string, actor: string): Promise<{ before: QuarantineRow; after: QuarantineRow }> {
      const before = await find(id);
      const done = await quarantine.dismissQuarantine(id, { at: deps.now(), by: actor, note });
      if (done === 'not_found') throw new HttpError(404, 'not_found', `no quarantined record ${id}`);
      if (done !== 'dismissed') throw new HttpError(409, 'already_reviewed', `record ${id} is already ${done.alreadyReviewed}`);
      return { before, after: await find(id) };
    },
  };
}

export type QuarantineReview = ReturnType<typeof createQuarantineReview>;
