import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivedEvent, startTestServer, type RoleClient, type TestServer } from '../../helpers/test-server.js';

const DOSSIERS = '/api/v1/ingest/dossiers';
const OVERVIEW = '/api/v1/overview?period=month';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
}

/** A GET with exactly these headers (fetch would add and decode its own encodings). */
function rawGet(url: string, path: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(url + path, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const decoded = (r: Raw) =>
  JSON.parse(
    (r.headers['content-encoding'] === 'br'
      ? brotliDecompressSync(r.bytes)
      : r.headers['content-encoding'] === 'gzip'
        ? gunzipSync(r.bytes)
        : r.bytes
    ).toString(),
  );

describe('the overview answer kept between changes', () => {
  let srv: TestServer;
  let leader: RoleClient;
  let cookie: Record<string, string>;
  beforeAll(async () => {
    // The public view off: what a caller may see is theirs alone (the last test's unit leader).
    srv = await startTestServer({ security: { publicView: false } });
    leader = await srv.as('city_leader');
    cookie = { cookie: leader.cookie as string };
    await srv.post(DOSSIERS, {
      events: [
        receivedEvent({ id: 'r1', dossierId: 'D-1', at: '2026-11-19T08:00:00+07:00', dueAt: '2026-11-24' }),
        receivedEvent({ id: 'r2', dossierId: 'D-2', at: '2026-11-19T09:00:00+07:00', dueAt: '2026-11-24' }),
      ],
    });
  });
  afterAll(async () => {
    await srv.close();
  });

  it('answers the same figures as identity, gzip and brotli, with a weak ETag and Vary: Accept-Encoding', async () => {
    const plain = await rawGet(srv.url, OVERVIEW, { ...cookie, 'accept-encoding': 'identity' });
    const gz = await rawGet(srv.url, OVERVIEW, { ...cookie, 'accept-encoding': 'gzip' });
    const br = await rawGet(srv.url, OVERVIEW, { ...cookie, 'accept-encoding': 'gzip, deflate, br' });
    expect([plain.status, gz.status, br.status]).toEqual([200, 200, 200]);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(br.headers['content-encoding']).toBe('br');
    expect(decoded(gz)).toEqual(decoded(plain));
    expect(decoded(br)).toEqual(decoded(plain));
    expect(decoded(plain).city).toMatchObject({ received: 2 });
    for (const r of [plain, gz, br]) {
      expect(r.headers.etag).toMatch(/^W\//);
      expect(r.headers.vary).toContain('Accept-Encoding');
      expect(r.headers['content-type']).toContain('application/json');
    }
    expect(gz.headers.etag).toBe(plain.headers.etag);
  });

  it('answers 304 to a screen that has the figures, and the new figures once an event changes them', async () => {
    const first = await rawGet(srv.url, OVERVIEW, cookie);
    const etag = first.headers.etag as string;
    const again = await rawGet(srv.url, OVERVIEW, { ...cookie, 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.bytes.length).toBe(0);
    await srv.post(DOSSIERS, {
      events: [receivedEvent({ id: 'r3', dossierId: 'D-3', at: '2026-11-20T08:30:00+07:00', dueAt: '2026-11-25' })],
    });
    const after = await rawGet(srv.url, OVERVIEW, { ...cookie, 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(decoded(after).city.received).toBe(decoded(first).city.received + 1);
  });

  it('moves asOf with the clock while nothing changes, and the figures stay the same', async () => {
    const a = await leader.get(OVERVIEW);
    const b = await leader.get(OVERVIEW);
    expect(b.body.asOf).toBe(a.body.asOf);
    srv.clock.advance(5_000);
    const c = await leader.get(OVERVIEW);
    expect(c.body.asOf).not.toBe(a.body.asOf);
    const figures = (b: typeof a.body) => ({ ...b, asOf: null, forecast: { ...b.forecast, asOf: null } });
    expect(figures(c.body)).toEqual(figures(a.body));
  });

  it('keeps one answer per view: a unit leader after a city leader sees their unit only', async () => {
    await leader.get(OVERVIEW);
    const unit = await srv.as('unit_leader', 'unit:26740');
    const o = await unit.get(OVERVIEW);
    expect(o.status).toBe(200);
    expect(o.body.city).toBeNull();
    expect(Object.keys(o.body.units)).toEqual(['26740']);
    expect((await leader.get(OVERVIEW)).body.city).not.toBeNull();
  });
});
