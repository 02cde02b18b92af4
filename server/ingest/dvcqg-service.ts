/**
 * The national sync format (DVCQG) on the one writer path: each record is read (dvcqg-record.ts),
 * compared with its dossier's latest known state (dvcqg-map.ts), and the native events that explain
 * the change go through the ingest service like any pushed batch — same validation, unit limits,
 * idempotency, log and quarantine. A record refused before mapping is quarantined here, raw, as kind
 * `dvcqg`; so is a record one of whose events the ingest path refused (that event is quarantined
 * there too, as a native event).
 */
import type { FieldError } from '../../shared/contract/errors.js';
import type { DvcqgAnswer, DvcqgRecordResult, DvcqgService } from '../../shared/contract/dvcqg.js';
import type { Store } from '../db/store.js';
import type { SourceRow } from '../db/sources-repo.js';
import type { Jurisdiction, WorkCalendar } from '../domain/types.js';
import { createUnitMatcher } from '../domain/dvcqg-units.js';
import { readDvcqgRecord, readStep } from '../domain/dvcqg-record.js';
import { mapDvcqgRecord, mapDvcqgSteps, type MappedEvent } from '../domain/dvcqg-map.js';
import type { EventResult, IngestOptions, IngestService } from './service.js';

export interface DvcqgDeps {
  store: Store;
  ingest: Pick<IngestService, 'ingest' | 'dossier'>;
  jurisdiction: Jurisdiction;
  calendar: WorkCalendar;
  /** The city's clock (the arrival time of snapshots). */
  now: () => number;
  /** The procedure catalogue's legal time of a code (config/procedure-catalogue.ts); absent: derived from NgayHenTra. */
  legalDaysOf?: (procedureCode: string) => number | undefined;
}

export interface DvcqgBatch {
  service: DvcqgService;
  records: unknown[];
  /** MaDinhDanhDV (query string or wrapper): the unit of records without DonViXuLy. */
  defaultUnit: string | null;
}

export type DvcqgRead = { ok: true; dossierId: string; map: () => MappedEvent[] } | { ok: false; id: string | null; errors: FieldError[] };

/** See the module's comment. */
export function createDvcqgIngest(deps: DvcqgDeps) {
  const matchUnit = createUnitMatcher(deps.jurisdiction);

  /** `dossier`: the latest states the record is compared with (the asynchronous path's, dvcqg-async.ts, or the ingest service's). */
  function readOne(source: SourceRow, b: DvcqgBatch, raw: unknown, arrivalAt: number, dossier = deps.ingest.dossier): DvcqgRead {
    if (b.service === 'DongBoHoSoMC') {
      const r = readDvcqgRecord(raw, matchUnit, b.defaultUnit, arrivalAt);
      if (!r.ok) return r;
      const rec = r.value;
      // Refused whole, before mapping: the native limit would refuse the receipt but not the events
      // that follow it, which name no unit.
      if (source.units && !source.units.includes(rec.unit)) {
        const message = `unit ${rec.unit} is outside this source's units (${source.units.join(', ')})`;
        return { ok: false, id: rec.dossierId, errors: [{ path: 'DonViXuLy', message }] };
      }
      return {
        ok: true,
        dossierId: rec.dossierId,
        map: () => mapDvcqgRecord(rec, dossier(rec.dossierId), { calendar: deps.calendar, arrivalAt, legalDaysOf: deps.legalDaysOf }),
      };
    }
    const errors: FieldError[] = [];
    const obj = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
    const id = obj && (typeof obj.MaHoSo === 'string' || typeof obj.MaHoSo === 'number') ? String(obj.MaHoSo).trim() : null;
    if (!id) errors.push({ path: 'MaHoSo', message: 'is required' });
    const step = readStep(raw, '', errors, arrivalAt);
    if (!id || !step) return { ok: false, id, errors };
    if ((dossier(id)?.unit ?? null) === null) {
      return { ok: false, id, errors: [{ path: 'MaHoSo', message: `unknown dossier "${id}": send its DongBoHoSoMC record first` }] };
    }
    // The state is read when mapped: after the batch's earlier steps of the same dossier were sent.
    return { ok: true, dossierId: id, map: () => mapDvcqgSteps(id, [step], dossier(id)!, '') };
  }

  /** Maps and logs a batch; one result per record, in order (opts.replay: see IngestService.ingest). */
  function sync(source: SourceRow, b: DvcqgBatch, opts: IngestOptions = {}): DvcqgAnswer {
    const arrivalAt = deps.now();
    const steps = mapAndLog((raw) => readOne(source, b, raw, arrivalAt), b.records);
    let step = steps.next();
    while (!step.done) step = steps.next(deps.ingest.ingest(source, 'dossier', step.value, opts));
    const { results, quarantined } = step.value;
    // A replay's refusal is answered only: its record is already in quarantine.
    if (quarantined.length && !opts.replay) {
      deps.store.transaction(() => {
        for (const q of quarantined) deps.store.quarantine.add(source.id, 'dvcqg', arrivalAt, q.id, safeJson(b.records[q.index]), q.errors);
      });
    }
    return answer(b.service, results);
  }

  return { sync, readOne };
}

export type DvcqgIngest = ReturnType<typeof createDvcqgIngest>;

/** The records refused before mapping or by the ingest path, to quarantine raw as kind `dvcqg`. */
export interface DvcqgQuarantined {
  index: number;
  id: string | null;
  errors: FieldError[];
}

/**
 * The batch's mapping, whatever runs the ingest path: yields each run of native events to log and is
 * resumed with their results (synchronously on SQLite, awaited on the asynchronous path, dvcqg-async.ts);
 * returns one result per record and the records to quarantine.
 */
export function* mapAndLog(
  read: (raw: unknown) => DvcqgRead,
  records: readonly unknown[],
): Generator<unknown[], { results: DvcqgRecordResult[]; quarantined: DvcqgQuarantined[] }, EventResult[]> {
  const results: DvcqgRecordResult[] = new Array(records.length);
  const quarantined: DvcqgQuarantined[] = [];
  let pending: { index: number; id: string; mapped: MappedEvent[] }[] = [];
  const pendingIds = new Set<string>();
  // Records of one batch are mapped against the states their predecessors left: a dossier seen
  // twice sends what is pending first, so the second snapshot is compared with the first's outcome.
  function* flush(): Generator<unknown[], void, EventResult[]> {
    if (!pending.length) return;
    const answers = yield pending.flatMap((p) => p.mapped.map((m) => m.event));
    let k = 0;
    for (const p of pending) {
      results[p.index] = summarize(p.index, p.id, p.mapped, answers.slice(k, (k += p.mapped.length)));
      if (results[p.index].status === 'rejected') quarantined.push({ index: p.index, id: p.id, errors: results[p.index].errors! });
    }
    pending = [];
    pendingIds.clear();
  }
  for (let index = 0; index < records.length; index++) {
    const r = read(records[index]);
    if (!r.ok) {
      results[index] = { index, id: r.id, status: 'rejected', events: [], errors: r.errors };
      quarantined.push({ index, id: r.id, errors: r.errors });
      continue;
    }
    if (pendingIds.has(r.dossierId)) yield* flush();
    const mapped = r.map();
    if (!mapped.length) results[index] = { index, id: r.dossierId, status: 'unchanged', events: [] };
    else {
      pending.push({ index, id: r.dossierId, mapped });
      pendingIds.add(r.dossierId);
    }
  }
  yield* flush();
  return { results, quarantined };
}

/** Native error paths that name a DVCQG field of their own; any other is the field the event came from. */
const FIELD_OF_PATH: Record<string, string> = { unit: 'DonViXuLy', 'handler.unit': 'DonViXuLy', dossierId: 'MaHoSo' };

function summarize(index: number, id: string, mapped: MappedEvent[], answers: EventResult[]): DvcqgRecordResult {
  const events = mapped.map((m, i) => ({ id: String(m.event.id), type: String(m.event.type), status: answers[i].status }));
  const errors: FieldError[] = [];
  answers.forEach((a, i) => {
    if (a.status !== 'rejected') return;
    for (const e of a.errors) {
      const path = FIELD_OF_PATH[e.path] ?? mapped[i].field;
      errors.push({ path, message: `${String(mapped[i].event.type)}: ${e.path ? `${e.path} ` : ''}${e.message}` });
    }
  });
  if (errors.length) return { index, id, status: 'rejected', events, errors };
  return { index, id, status: events.some((e) => e.status === 'accepted') ? 'accepted' : 'unchanged', events };
}

export function answer(service: DvcqgService, results: DvcqgRecordResult[]): DvcqgAnswer {
  const count = (s: DvcqgRecordResult['status']) => results.filter((r) => r.status === s).length;
  const events = results.reduce((n, r) => n + r.events.filter((e) => e.status === 'accepted').length, 0);
  return { service, accepted: count('accepted'), unchanged: count('unchanged'), rejected: count('rejected'), events, results };
}

export function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? 'null';
  } catch {
    return String(v);
  }
}
