import express from 'express';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createIngestAdmission } from '../../../server/ingest/admission.js';
import { errorHandler } from '../../../server/http/errors.js';

/** The admission in front of one route that answers when `release()` is called. */
async function serve(lag: () => number, maxLagEvents: number) {
  const admission = createIngestAdmission({ lag, maxLagEvents });
  const waiting: (() => void)[] = [];
  const app = express();
  app.use('/ingest', admission.admit);
  app.post('/ingest/x', (_req, res) => {
    waiting.push(() => res.json({ ok: true }));
  });
  app.use(errorHandler({ error: () => {} }));
  const server: Server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ingest/x`;
  return { admission, server, url, release: () => waiting.splice(0).forEach((w) => w()), waiting: () => waiting.length };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('ingest admission', () => {
  let server: Server | null = null;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r) ?? r(null));
    server = null;
  });

  it('after stop() refuses new batches with 503 shutting_down, Retry-After and Connection: close, and drained() waits for the one in flight', async () => {
    const s = await serve(() => 0, 10);
    server = s.server;
    const inFlight = fetch(s.url, { method: 'POST' });
    while (s.waiting() === 0) await sleep(10);
    expect(s.admission.inFlight).toBe(1);

    s.admission.stop();
    const refused = await fetch(s.url, { method: 'POST' });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(refused.headers.get('connection')).toBe('close');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('shutting_down');

    let drained: boolean | null = null;
    const wait = s.admission.drained(5_000).then((d) => (drained = d));
    await sleep(50);
    expect(drained).toBeNull();
    s.release();
    expect((await inFlight).status).toBe(200);
    await wait;
    expect(drained).toBe(true);
    expect(s.admission.inFlight).toBe(0);
  });

  it('drained() answers false when a batch is still in flight after the timeout', async () => {
    const s = await serve(() => 0, 10);
    server = s.server;
    const inFlight = fetch(s.url, { method: 'POST' }).catch(() => null);
    while (s.waiting() === 0) await sleep(10);
    expect(await s.admission.drained(100)).toBe(false);
    s.release();
    await inFlight;
  });

  it('refuses with 503 backpressure and Retry-After only while the lag is over the bound', async () => {
    let lag = 11;
    const s = await serve(() => lag, 10);
    server = s.server;
    const refused = await fetch(s.url, { method: 'POST' });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('backpressure');
    expect(s.admission.inFlight).toBe(0);
    lag = 10;
    const admitted = fetch(s.url, { method: 'POST' });
    while (s.waiting() === 0) await sleep(10);
    s.release();
    expect((await admitted).status).toBe(200);
  });
});
