/**
 * One bulk import (npm run import): the file is read in batches that are posted to the running
 * server's ingest API, several at once; answers are taken in file order, so that the resume state
 * (state.ts) always points at the first record not yet acknowledged and the report (report.ts) lists
 * each rejected row once. A stop request (Ctrl-C) stops reading, lets the batches in flight finish,
 * and saves the state; a crash loses at most the state's last second, whose batches the server then
 * answers as duplicates.
 */
import { statSync } from 'node:fs';
import type { DvcqgService } from '../../shared/contract/dvcqg.js';
import { firstRecord, readBatches, type ImportBatch } from './batches.js';
import { csvRows, type CsvRows } from './csv-rows.js';
import { csvItem, ndjsonItem } from './items.js';
import type { ProgressSink } from './progress.js';
import { openReport, type RejectedRow, type Report } from './report.js';
import { createSender, ImportError, type BatchAnswer } from './sender.js';
import { emptyCounts, loadState, removeState, saveState, type ImportCounts } from './state.js';
import { wireFor, type ImportKind, type ItemOutcome, type Wire } from './wire.js';
import type { ReadFrom, SourceRecord } from './record-reader.js';

export type ImportFormat = 'csv' | 'ndjson';

export interface ImportOptions {
  file: string;
  kind: ImportKind;
  format: ImportFormat;
  url: string;
  key: string;
  batchSize: number;
  /** Batches in flight at once. */
  concurrency: number;
  reportFile: string;
  stateFile: string;
  dvcqgService?: DvcqgService;
  /** Send every batch in history-load mode (`X-Ingest-Mode: history`, server/ingest/history-load.ts). */
  history?: boolean;
  progress: ProgressSink;
  /** True once the import should stop (Ctrl-C): batches in flight finish, the state is saved. */
  stopRequested(): boolean;
  /** How often the resume state is written while running. */
  saveEveryMs?: number;
}

export interface ImportSummary {
  status: 'done' | 'interrupted';
  counts: ImportCounts;
  /** Where this run started (0: the beginning). */
  resumedAt: number;
  rowsThisRun: number;
  elapsedMs: number;
  /** The report file, when it holds rejected rows. */
  report: string | null;
  /** Batches this run sent again after 503/429 with Retry-After or a lost connection, and the time it waited. */
  resends: { count: number; waitedMs: number };
}

interface Running {
  o: ImportOptions;
  wire: Wire;
  rows: CsvRows | null;
  report: Report;
  counts: ImportCounts;
  at: ReadFrom;
  size: number;
  started: number;
  startOffset: number;
  rowsThisRun: number;
  savedAt: number;
}

/** Where reading starts, the CSV header's reader, and the counts so far. */
async function prepare(o: ImportOptions, size: number) {
  if (o.kind === 'dvcqg' && o.format !== 'ndjson')
    throw new ImportError('DVCQG records are imported from NDJSON only (one record per line)');
  const loaded = loadState(o.stateFile, { kind: o.kind, format: o.format, size });
  if (!loaded.ok) throw new ImportError(loaded.problem);
  const state = loaded.state;
  let at: ReadFrom = state ? { offset: state.offset, line: state.line } : { offset: 0, line: 1 };
  let rows: CsvRows | null = null;
  if (o.format === 'csv') {
    const header = await firstRecord(o.file, true);
    if (!header) throw new ImportError(`${o.file} is empty: a CSV file starts with its header row`);
    const r = csvRows(o.kind === 'task' ? 'task' : 'dossier', header.record.text);
    if (!r.ok) throw new ImportError(r.problem);
    rows = r.rows;
    if (at.offset < header.after.offset) at = header.after;
  }
  return { state, at, rows };
}

export async function runImport(o: ImportOptions): Promise<ImportSummary> {
  const size = statSync(o.file).size;
  const { state, at, rows } = await prepare(o, size);
  const wire = wireFor(o.kind, o.dvcqgService);
  const sender = createSender({ url: o.url, key: o.key, headers: o.history ? { 'x-ingest-mode': 'history' } : {} });
  await sender.probe(wire.path, wire.body([]));
  const run: Running = {
    o,
    wire,
    rows,
    report: openReport(o.reportFile, state?.reportBytes ?? 0),
    counts: state?.counts ?? emptyCounts(),
    at,
    size,
    started: Date.now(),
    startOffset: at.offset,
    rowsThisRun: 0,
    savedAt: Date.now(),
  };
  const toItem = rows ? (r: SourceRecord) => csvItem(rows, r) : ndjsonItem;
  const inFlight: Promise<{ batch: ImportBatch; answer: BatchAnswer | null }>[] = [];
  const send = async (batch: ImportBatch) => ({
    batch,
    answer: batch.jsons.length ? await sender.post(wire.path, wire.body(batch.jsons)) : null,
  });
  let stopped = false;
  try {
    for await (const batch of readBatches(o.file, o.format === 'csv', at, o.batchSize, toItem)) {
      inFlight.push(send(batch));
      // A rejection is handled when its turn comes (below); until then it must not count as unhandled.
      inFlight[inFlight.length - 1].catch(() => undefined);
      while (inFlight.length >= o.concurrency) commit(run, await inFlight.shift()!);
      if (o.stopRequested()) {
        stopped = true;
        break;
      }
    }
    while (inFlight.length) commit(run, await inFlight.shift()!);
  } catch (err) {
    // Whatever was acknowledged before the failure is kept: the state points after it.
    for (const p of inFlight) {
      const r = await p.catch(() => null);
      if (!r) break;
      commit(run, r);
    }
    save(run);
    run.report.close();
    o.progress.end();
    throw err;
  }
  o.progress.end();
  const done = !stopped || run.at.offset >= size;
  if (done) removeState(o.stateFile);
  else save(run);
  run.report.close();
  return {
    status: done ? 'done' : 'interrupted',
    counts: run.counts,
    resumedAt: run.startOffset,
    rowsThisRun: run.rowsThisRun,
    elapsedMs: Date.now() - run.started,
    report: run.report.bytes > 0 ? o.reportFile : null,
    resends: { ...sender.resends },
  };
}

function save(run: Running): void {
  saveState(run.o.stateFile, {
    kind: run.o.kind,
    format: run.o.format,
    size: run.size,
    offset: run.at.offset,
    line: run.at.line,
    counts: run.counts,
    reportBytes: run.report.bytes,
  });
  run.savedAt = Date.now();
}

/** Takes a batch's answer, in file order: counts, report, resume point, progress. */
function commit(run: Running, { batch, answer }: { batch: ImportBatch; answer: BatchAnswer | null }): void {
  const outcomes: ItemOutcome[] = !answer
    ? []
    : answer.ok
      ? run.wire.outcomes(answer.body, batch.jsons.length)
      : batch.jsons.map(() => ({
          status: 'rejected',
          errors: [{ path: '', message: `the batch was refused: ${answer.status} ${answer.message}` }],
        }));
  const rejected: RejectedRow[] = [];
  const c = run.counts;
  let k = 0;
  for (const item of batch.items) {
    c.read++;
    if (item.errors) {
      c.unparsable++;
      rejected.push({ line: item.line, raw: item.raw, by: 'parser', errors: withColumns(run.rows, item.errors) });
      continue;
    }
    const out = outcomes[k++];
    if ('errors' in out) {
      c.rejected++;
      rejected.push({ line: item.line, raw: item.raw, by: 'server', errors: withColumns(run.rows, out.errors) });
    } else if (out.status === 'accepted') c.accepted++;
    else c.duplicate++;
  }
  run.report.append(rejected);
  run.rowsThisRun += batch.items.length;
  run.at = { offset: batch.end, line: batch.nextLine };
  if (Date.now() - run.savedAt >= (run.o.saveEveryMs ?? 1_000)) save(run);
  const elapsedMs = Date.now() - run.started;
  run.o.progress.update({
    counts: c,
    rowsThisRun: run.rowsThisRun,
    bytesThisRun: run.at.offset - run.startOffset,
    bytesLeft: run.size - run.at.offset,
    fileSize: run.size,
    offset: run.at.offset,
    elapsedMs,
  });
}

/** A CSV row's errors name its column as written in the header, besides the event's path. */
function withColumns(rows: CsvRows | null, errors: RejectedRow['errors']): RejectedRow['errors'] {
  if (!rows) return errors;
  return errors.map((e) => {
    const column = rows.columnOf(e.path);
    return column ? { ...e, column } : e;
  });
}
