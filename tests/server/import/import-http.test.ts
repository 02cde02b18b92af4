/**
 * The importer against the real app (port 0, a temp SQLite file): what it sends takes the writer
 * path (validation, quarantine, idempotency), the report lists rejected rows by line, a stopped
 * import resumes without duplicates, and an unreachable server or a bad key says what to do.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runImport, type ImportOptions } from '../../../server/import/run-import.js';
import type { ProgressSink } from '../../../server/import/progress.js';
import { receivedEvent, startTestServer, type TestServer } from '../../helpers/test-server.js';

const dir = mkdtempSync(join(tmpdir(), 'bdt-import-http-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quiet: ProgressSink = { update: () => undefined, end: () => undefined };

/** `n` dossiers, each received and assigned before the test clock (20/11/2026 09:00). */
function nativeLines(n: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const dossierId = `B-${i}`;
    lines.push(JSON.stringify(receivedEvent({ id: `${dossierId}:1`, dossierId })));
    lines.push(
      JSON.stringify({
        id: `${dossierId}:2`,
        type: 'assigned',
        dossierId,
        at: '2026-11-20T08:10:00+07:00',
        handler: { id: 'cb1', name: 'Nguyễn Văn A', unit: '26740' },
      }),
    );
  }
  return lines;
}

function write(name: string, content: string | Buffer): string {
  const f = join(dir, name);
  writeFileSync(f, content);
  return f;
}

function reportRows(f: string): any[] {
  return readFileSync(f, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

describe('bulk import over the ingest API', () => {
  let srv: TestServer;
  beforeEach(async () => {
    srv = await startTestServer();
  });
  afterEach(async () => {
    await srv.close();
  });

  const options = (file: string, over: Partial<ImportOptions> = {}): ImportOptions => ({
    file,
    kind: 'dossier',
    format: 'ndjson',
    url: srv.url,
    key: srv.dossierKey,
    batchSize: 500,
    concurrency: 4,
    reportFile: `${file}.rejected.ndjson`,
    stateFile: `${file}.import-state.json`,
    progress: quiet,
    stopRequested: () => false,
    ...over,
  });

  it('imports a CSV with a BOM, `;` and Vietnamese headers; the dossier then shows in the read API', async () => {
    const csv =
      '\ufeffMã hồ sơ;Loại sự kiện;Thời điểm;Mã đơn vị;Mã thủ tục;Tên thủ tục;Lĩnh vực;Số ngày quy định;Kênh;Hạn trả;Mã cán bộ;Cán bộ xử lý;Đơn vị cán bộ\r\n' +
      'H-1;Tiếp nhận;20/11/2026 08:00;26740;1.001193;Đăng ký khai sinh;Hộ tịch;3;Trực tuyến;25/11/2026;;;\r\n' +
      'H-1;Phân công;20/11/2026 08:20;;;;;;;;cb9;Trần Thị Bích;26740\r\n';
    const file = write('vi.csv', csv);
    const s = await runImport(options(file, { format: 'csv' }));
    expect(s).toMatchObject({ status: 'done', counts: { read: 2, accepted: 2, duplicate: 0, rejected: 0, unparsable: 0 }, report: null });
    const detail = await (await srv.as('city_leader')).get('/api/v1/dossiers/H-1');
    expect(detail.body.holds[0].handlerName).toBe('Trần Thị Bích');
    expect(existsSync(`${file}.import-state.json`)).toBe(false);
  });

  it('reports bad rows with their line numbers and errors, and accepts the rest', async () => {
    const lines = nativeLines(3);
    lines.splice(2, 0, '{"id": "broken"', JSON.stringify(receivedEvent({ id: 'bad-unit', dossierId: 'X-1', unit: '99999' })));
    const file = write('mixed.ndjson', lines.join('\n') + '\n');
    const s = await runImport(options(file, { batchSize: 2 }));
    expect(s.counts).toEqual({ read: 8, accepted: 6, duplicate: 0, rejected: 1, unparsable: 1 });
    expect(reportRows(s.report!)).toEqual([
      { line: 3, raw: '{"id": "broken"', by: 'parser', errors: [{ path: '', message: expect.stringMatching(/^not JSON/) }] },
      {
        line: 4,
        raw: lines[3],
        by: 'server',
        errors: [{ path: 'unit', message: expect.stringContaining('unknown code "99999"') }],
      },
    ]);
    expect(srv.runtime.store.events.count()).toBe(6);
  });

  it('answers a second import of the same file with duplicates only', async () => {
    const file = write('twice.ndjson', nativeLines(300).join('\n'));
    await runImport(options(file));
    const again = await runImport(options(file));
    expect(again.counts).toEqual({ read: 600, accepted: 0, duplicate: 600, rejected: 0, unparsable: 0 });
    expect(srv.runtime.store.events.count()).toBe(600);
  });

  it('imports in history-load mode once the source is allowed to, and stops before sending anything when it is not', async () => {
    const file = write('history.ndjson', nativeLines(300).join('\n'));
    await expect(runImport(options(file, { history: true }))).rejects.toThrow(/history load.*--history-load yes.*without --history/);
    expect(srv.runtime.store.events.count()).toBe(0);
    srv.runtime.store.sources.update('test-dossiers', { historyLoad: true });
    const s = await runImport(options(file, { history: true }));
    expect(s.counts).toEqual({ read: 600, accepted: 600, duplicate: 0, rejected: 0, unparsable: 0 });
    expect(srv.runtime.historyLoad.status()).toMatchObject({ active: true });
    srv.runtime.historyLoad.end();
    // A read of the projections sees every accepted event (it waits for the writer's pass).
    expect(srv.runtime.store.read.counts().dossiers).toBe(300);
  });

  it('stops when asked, saves where it stood, and resumes with every event stored once', async () => {
    const file = write('stop.ndjson', nativeLines(500).join('\n') + '\n');
    let answered = 0;
    const progress: ProgressSink = { update: () => void answered++, end: () => undefined };
    const first = await runImport(options(file, { batchSize: 100, concurrency: 2, progress, stopRequested: () => answered >= 2 }));
    expect(first.status).toBe('interrupted');
    const state = JSON.parse(readFileSync(`${file}.import-state.json`, 'utf8'));
    expect(state).toMatchObject({ kind: 'dossier', format: 'ndjson', counts: { read: first.counts.read } });
    expect(first.counts.read).toBeLessThan(1000);
    expect(state.line).toBe(first.counts.read + 1);

    const second = await runImport(options(file, { batchSize: 100 }));
    expect(second.status).toBe('done');
    expect(second.counts).toMatchObject({ read: 1000, accepted: 1000, rejected: 0 });
    expect(srv.runtime.store.events.count()).toBe(1000);
    expect(existsSync(`${file}.import-state.json`)).toBe(false);
  });

  it('imports DVCQG records (NDJSON) through /ingest/dvcqg; the same records again are unchanged', async () => {
    const rec = {
      MaHoSo: 'G-1',
      MaTTHC: '1.001193',
      TenTTHC: 'Đăng ký khai sinh',
      MaLinhVuc: 'HT',
      TenLinhVuc: 'Hộ tịch',
      KenhThucHien: '2',
      NgayTiepNhan: '20261120081500',
      NgayHenTra: '20261125170000',
      TrangThaiHoSo: '4',
      DonViXuLy: 'UBND Phường Bến Thành',
    };
    const file = write('d.ndjson', [rec, { ...rec, MaHoSo: 'G-2', TrangThaiHoSo: '77' }].map((r) => JSON.stringify(r)).join('\n'));
    const s = await runImport(options(file, { kind: 'dvcqg' }));
    expect(s.counts).toEqual({ read: 2, accepted: 1, duplicate: 0, rejected: 1, unparsable: 0 });
    expect(reportRows(s.report!)[0]).toMatchObject({ line: 2, by: 'server', errors: [{ path: 'TrangThaiHoSo' }] });
    const again = await runImport(options(file, { kind: 'dvcqg' }));
    expect(again.counts).toMatchObject({ accepted: 0, duplicate: 1, rejected: 1 });
  });

  it('waits out 503 backpressure (Retry-After) and sends the batch again: everything is accepted once', async () => {
    await srv.close();
    // The writer holds its writes back 1.5 s: after one batch of 20 events it lags 20 > 10.
    srv = await startTestServer({ projectionFlushMs: 1_500, ingestMaxLagEvents: 10 });
    const file = write('busy.ndjson', nativeLines(30).join('\n'));
    const s = await runImport(options(file, { batchSize: 20, concurrency: 1 }));
    expect(s.resends.count).toBeGreaterThan(0);
    expect(s.counts).toEqual({ read: 60, accepted: 60, duplicate: 0, rejected: 0, unparsable: 0 });
    expect(srv.runtime.store.events.count()).toBe(60);
  }, 60_000);

  it('says to start the server when nothing answers, and to create a key when the key is refused', async () => {
    const file = write('k.ndjson', nativeLines(1).join('\n'));
    await expect(runImport(options(file, { url: 'http://127.0.0.1:9' }))).rejects.toThrow(/cannot reach .*npm start/);
    await expect(runImport(options(file, { key: 'nope' }))).rejects.toThrow(/refused the source key.*npm run source:add/);
    await expect(runImport(options(file, { key: srv.taskKey }))).rejects.toThrow(/403|task source/);
  });
});
