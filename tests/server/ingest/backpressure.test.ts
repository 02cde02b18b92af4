import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/connection.js';
import { receivedEvent, startTestServer, type TestServer } from '../../helpers/test-server.js';

/** `n` valid `received` events of distinct dossiers, ids prefixed by `tag`. */
function batch(tag: string, n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => receivedEvent({ id: `${tag}-${i}`, dossierId: `D-${tag}-${i}` }));
}

async function send(server: TestServer, events: unknown[]) {
  const res = await fetch(`${server.url}/api/v1/ingest/dossiers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.dossierKey}` },
    body: JSON.stringify({ events }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as any };
}

describe('ingest backpressure (INGEST_MAX_LAG_EVENTS)', () => {
  let server: TestServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('answers 503 backpressure with Retry-After while the projection writer lags over the bound, accepts again once it caught up, and loses or logs nothing extra', async () => {
    // The writer holds its writes back 1.5 s: after one batch of 20 events it lags 20 > 10.
    server = await startTestServer({ projectionFlushMs: 1_500, ingestMaxLagEvents: 10 });
    const first = await send(server, batch('a', 20));
    expect(first.status).toBe(200);
    expect(first.body.accepted).toBe(20);
    expect(server.runtime.projections.lag()).toBe(20);

    const refused = await send(server, batch('b', 5));
    expect(refused.status).toBe(503);
    expect(refused.retryAfter).toBe('1');
    expect(refused.body.error.code).toBe('backpressure');
    expect(refused.body.error.message).toMatch(/20 events behind the log \(bound 10\)/);

    // Once the writer has flushed (its own timer, no read forcing it), the same batch is accepted. The
    // bound is generous: a loaded machine delays the writer thread's start and timer well past 1.5 s.
    const deadline = Date.now() + 20_000;
    while (server.runtime.projections.lag() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(server.runtime.projections.lag()).toBe(0);
    const retried = await send(server, batch('b', 5));
    expect(retried.status).toBe(200);
    expect(retried.body.accepted).toBe(5);

    const { dbFile } = server;
    await server.close({ keepFiles: true });
    server = null;
    const db = openDatabase(dbFile);
    try {
      const ids = db.prepare(`SELECT event_id FROM events ORDER BY seq`).pluck().all() as string[];
      // Every accepted event once, the refused attempt not at all (its resend is the only 'b' copy).
      expect(ids).toEqual([...batch('a', 20), ...batch('b', 5)].map((e) => e.id));
      expect(db.prepare(`SELECT count(*) FROM dossiers`).pluck().get()).toBe(25);
      expect(db.prepare(`SELECT count(*) FROM quarantine`).pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  }, 60_000);

  it('admits batches while the lag is within the bound', async () => {
    server = await startTestServer({ projectionFlushMs: 1_500, ingestMaxLagEvents: 10 });
    expect((await send(server, batch('a', 6))).status).toBe(200);
    // Lag 6 ≤ 10: admitted (the bound is checked before a batch, on what is already unprojected).
    expect((await send(server, batch('b', 6))).status).toBe(200);
    expect((await send(server, batch('c', 1))).status).toBe(503);
  });
});
