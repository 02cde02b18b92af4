import { request, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivedEvent, startTestServer, type TestServer } from '../../helpers/test-server.js';

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  bytes: Buffer;
}

/** A request with exactly these headers; the body as it came on the wire (not decoded). */
function raw(url: string, method: string, headers: Record<string, string>, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('response compression', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer();
  });
  afterAll(async () => {
    await srv.close();
  });

  it('answers an ingest batch uncompressed even when the source accepts brotli and gzip', async () => {
    const events = Array.from({ length: 60 }, (_, i) => receivedEvent({ id: `e-${i}`, dossierId: `D-${i}` }));
    const res = await raw(
      `${srv.url}/api/v1/ingest/dossiers`,
      'POST',
      { 'content-type': 'application/json', authorization: `Bearer ${srv.dossierKey}`, 'accept-encoding': 'br, gzip' },
      JSON.stringify({ events }),
    );
    expect(res.status).toBe(200);
    expect(res.bytes.length).toBeGreaterThan(2048);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(res.bytes.toString('utf8')).accepted).toBe(60);
  });

  it('still compresses a large read for a client that accepts it', async () => {
    const res = await raw(`${srv.url}/api/v1/jurisdiction/boundaries`, 'GET', { 'accept-encoding': 'br, gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
  });
});
