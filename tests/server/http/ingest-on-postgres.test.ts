/**
 * The ingest path on PostgreSQL (issue 17, slice 1): with the write store and the access store on
 * PostgreSQL, native batches and DVCQG snapshots are decided in memory and logged there in one
 * transaction each; a resend answers duplicate (or unchanged), bad records are quarantined there with
 * their raw text, the metrics engine and a live screen follow, and nothing of it is in the SQLite file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessStore } from '../../../server/db/access-store/contract.js';
import { openPgAccessStore } from '../../../server/db/access-store/pg-access-store.js';
import type { WriteStore } from '../../../server/db/write-store/contract.js';
import { openPgWriteStore } from '../../../server/db/write-store/pg-write-store.js';
import { generateSourceKey, hashSourceKey } from '../../../server/ingest/keys.js';
import { createAsyncIngestService } from '../../../server/ingest/async-ingest.js';
import type { MetricsUpdated, SubscribeAck } from '../../../server/realtime/events.js';
import { usePostgres } from '../../helpers/on-postgres.js';
import { receivedEvent, startTestServer, T0, waitFor, type TestServer } from '../../helpers/test-server.js';

const DOSSIERS = '/api/v1/ingest/dossiers';
const TASKS = '/api/v1/ingest/tasks';
const DVCQG = '/api/v1/ingest/dvcqg';
const postgres = usePostgres();
let access: AccessStore;
let write: WriteStore;
let server: TestServer;
const dossierKey = generateSourceKey();
const taskKey = generateSourceKey();

beforeAll(async () => {
  const url = await postgres.database('ingest_app');
  access = await openPgAccessStore(url);
  write = await openPgWriteStore(url);
  await access.sources.upsertKey('pg-dossiers', 'dossier', hashSourceKey(dossierKey), T0);
  await access.sources.upsertKey('pg-tasks', 'task', hashSourceKey(taskKey), T0);
  server = await startTestServer({ access, write });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await write?.close();
  await access?.close();
});

const at = (h: number, m = 0) => `2026-11-20T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+07:00`;
const assigned = (id: string, dossierId: string, when: string) => ({
  id,
  type: 'assigned',
  dossierId,
  at: when,
  handler: { id: 'cb1', name: 'Nguyễn Văn A', unit: '26740' },
});
const statuses = (body: { results: { status: string }[] }) => body.results.map((r) => r.status);

describe('ingest on PostgreSQL', () => {
  it('accepts a native batch once, answers duplicate for a resend, and logs it in PostgreSQL alone', async () => {
    const events = [
      receivedEvent({ id: 'N1-r', dossierId: 'N1', at: at(8) }),
      receivedEvent({ id: 'N2-r', dossierId: 'N2', at: at(8, 5), unit: '26743' }),
      assigned('N1-a', 'N1', at(8, 20)),
    ];
    const first = await server.post(DOSSIERS, { events }, dossierKey);
    expect([first.status, first.body.accepted, statuses(first.body)]).toEqual([200, 3, ['accepted', 'accepted', 'accepted']]);
    const again = await server.post(DOSSIERS, { events }, dossierKey);
    expect([again.body.accepted, again.body.duplicate]).toEqual([0, 3]);
    expect((await write.eventsOfItem('dossier', 'N1')).map((e) => e.eventId)).toEqual(['N1-r', 'N1-a']);
    expect(server.runtime.store.events.count()).toBe(0);
    expect(server.runtime.asyncIngest?.dossier('N1')).toMatchObject({ unit: '26740', receivedAt: Date.parse(at(8)) });
    const tasks = await server.post(
      TASKS,
      { events: [{ id: 'T1-c', type: 'created', taskId: 'T1', at: at(8), title: 'Báo cáo' }] },
      taskKey,
    );
    expect(tasks.status).toBe(200);
  });

  it('quarantines refused events with their raw text in PostgreSQL, none in the SQLite file', async () => {
    const before = (await write.listQuarantine({ limit: 1, offset: 0 })).total;
    const events = [
      { id: 'bad-1', type: 'received', dossierId: 'Q1', at: 'not a time' },
      { ...receivedEvent({ id: 'N1-r', dossierId: 'N1', at: at(8) }), unit: '26743' },
      assigned('Q2-a', 'Q2', at(7)),
    ];
    const res = await server.post(DOSSIERS, { events }, dossierKey);
    expect(statuses(res.body)).toEqual(['rejected', 'rejected', 'accepted']);
    expect(res.body.results[1].errors).toEqual([expect.objectContaining({ path: 'id', message: expect.stringContaining('conflict') })]);
    const page = await write.listQuarantine({ limit: 10, offset: 0 });
    expect(page.total).toBe(before + 2);
    expect(page.items.slice(0, 2).map((r) => [r.eventId, r.kind, r.source, (r.raw as { unit?: string }).unit])).toEqual([
      ['N1-r', 'dossier', 'pg-dossiers', '26743'],
      ['bad-1', 'dossier', 'pg-dossiers', undefined],
    ]);
    expect(server.runtime.store.quarantine.page({ limit: 1, offset: 0 }).total).toBe(0);
  });

  it('folds a late event onto the log as a fresh node reading the log would', async () => {
    await server.post(
      DOSSIERS,
      {
        events: [
          receivedEvent({ id: 'L1-r', dossierId: 'L1', at: at(8) }),
          { id: 'L1-p', type: 'processed', dossierId: 'L1', at: at(8, 50) },
        ],
      },
      dossierKey,
    );
    const late = await server.post(DOSSIERS, { events: [assigned('L1-a', 'L1', at(8, 30))] }, dossierKey);
    expect(statuses(late.body)).toEqual(['accepted']);
    const held = server.runtime.asyncIngest!.dossier('L1');
    expect(held?.holds).toHaveLength(1);
    expect(held?.holds[0].to).toBe(Date.parse(at(8, 50)));
    // Another node, holding nothing, folds the same state from the log.
    const other = createAsyncIngestService({
      write,
      domain: { calendar: server.runtime.calendar, settings: server.runtime.settings },
      now: () => server.clock.now(),
      isKnownCode: () => true,
      jurisdictionName: 'hcmc',
      onApplied: () => {},
    });
    await other.exclusive((t) => t.loadDossiers(['L1']));
    expect(other.dossier('L1')).toEqual(held);
  });

  it('moves the metrics engine and sends metrics:updated to a live screen', async () => {
    const socket = await server.socket();
    const ack = await new Promise<SubscribeAck>((resolve) =>
      socket.emit('scope:subscribe', { scope: 'unit:26737', period: 'live' }, resolve),
    );
    expect(ack.ok).toBe(true);
    const received = () => server.runtime.engine.metrics('unit:26737', 'live').received;
    const was = received();
    const delta = waitFor<MetricsUpdated>(socket, 'metrics:updated', (m: MetricsUpdated) => m.changes['unit:26737'] !== undefined);
    await server.post(DOSSIERS, { events: [receivedEvent({ id: 'M1-r', dossierId: 'M1', unit: '26737', at: at(8, 40) })] }, dossierKey);
    expect(received()).toBe(was + 1);
    expect((await delta).changes['unit:26737']?.received).toBe(was + 1);
  });

  it('logs a batch two clients send at once a single time', async () => {
    const events = Array.from({ length: 20 }, (_, i) => receivedEvent({ id: `C${i}-r`, dossierId: `C${i}`, at: at(8, i) }));
    const seq = await write.maxSeq();
    const [a, b] = await Promise.all([server.post(DOSSIERS, { events }, dossierKey), server.post(DOSSIERS, { events }, dossierKey)]);
    expect([a.body.accepted + b.body.accepted, a.body.duplicate + b.body.duplicate]).toEqual([20, 20]);
    expect(await write.maxSeq()).toBe(seq + 20);
  });

  it('takes a DVCQG snapshot once, answers unchanged for a resend, and quarantines a bad record raw', async () => {
    const record = {
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
      QuaTrinhXuLy: [{ NguoiXuLy: 'Nguyễn Thị Lan', ChucDanh: 'Công chức', ThoiDiemXuLy: '20261120083000' }],
    };
    const body = { service: 'DongBoHoSoMC', isUpdating: false, data: [record, { MaHoSo: 'G-bad', TrangThaiHoSo: '4' }] };
    const first = await server.post(DVCQG, body, dossierKey);
    expect(first.body).toMatchObject({ accepted: 1, rejected: 1, events: 2 });
    expect((await write.eventsOfItem('dossier', 'G-1')).map((e) => e.type)).toEqual(['received', 'assigned']);
    const again = await server.post(DVCQG, body, dossierKey);
    expect(again.body).toMatchObject({ accepted: 0, unchanged: 1, rejected: 1, events: 0 });
    const dvcqg = (await write.listQuarantine({ limit: 100, offset: 0 })).items.filter((r) => r.kind === 'dvcqg');
    expect(dvcqg.map((r) => [r.eventId, (r.raw as { MaHoSo: string }).MaHoSo])).toEqual([
      ['G-bad', 'G-bad'],
      ['G-bad', 'G-bad'],
    ]);
    expect(server.runtime.store.events.count()).toBe(0);
  });
});
