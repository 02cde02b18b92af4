import { get, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBoundaries, writeImportedBoundaries } from '../../../server/geo/boundaries-store.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

const PATH = '/api/v1/jurisdiction/boundaries';

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  bytes: Buffer;
}

/** A GET with exactly these headers; the body as it came on the wire (not decoded). */
function rawGet(url: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

describe('GET /jurisdiction/boundaries on the wire', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer();
  });
  afterAll(async () => {
    await srv.close();
  });

  it('sends gzip when the browser sends Accept-Encoding: gzip, and the same collection as identity', async () => {
    const plain = await rawGet(srv.url + PATH, { 'accept-encoding': 'identity' });
    const gz = await rawGet(srv.url + PATH, { 'accept-encoding': 'gzip' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gz.status).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toMatch(/accept-encoding/i);
    expect(gz.bytes.length).toBeLessThan(plain.bytes.length / 2);
    expect(gunzipSync(gz.bytes).equals(plain.bytes)).toBe(true);
    expect(JSON.parse(plain.bytes.toString('utf8')).features).toHaveLength(168);
  });

  it('answers 304 without a body to a matching If-None-Match, and 200 to a stale one', async () => {
    const first = await rawGet(srv.url + PATH, { 'accept-encoding': 'gzip' });
    const etag = first.headers.etag!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    const again = await rawGet(srv.url + PATH, { 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.bytes.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    const stale = await rawGet(srv.url + PATH, { 'if-none-match': '"not-the-etag"' });
    expect(stale.status).toBe(200);
  });

  it('changes the ETag when boundaries are re-imported', async () => {
    const before = (await rawGet(srv.url + PATH, {})).headers.etag!;
    const fc = resolveBoundaries('hcmc', { boundariesDir: `${srv.dir}/boundaries` });
    writeImportedBoundaries('hcmc', fc.features, { boundariesDir: `${srv.dir}/boundaries` });
    const after = await rawGet(srv.url + PATH, { 'if-none-match': before });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before);
    expect(JSON.parse(after.bytes.toString('utf8')).schematic).toBe(false);
  });

  it('leaves small answers uncompressed (under 1 KB)', async () => {
    const health = await rawGet(`${srv.url}/api/v1/client-config`, { 'accept-encoding': 'gzip' });
    expect(health.status).toBe(200);
    expect(health.headers['content-encoding']).toBeUndefined();
  });
});
