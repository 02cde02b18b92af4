/**
 * GET /metrics over the real server (port 0, a real SQLite file, real Socket.IO clients): closed unless
 * configured, the token and the allow-list, and Prometheus text holding the named figures after ingest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivedEvent, startTestServer, type TestServer } from '../../helpers/test-server.js';

const TOKEN = 'prometheus-scrape-token-1234';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * Parses Prometheus' text format (0.0.4) strictly enough to fail on a malformed line: `# HELP`/`# TYPE`
 * comments, then `name{label="value",…} number` samples; every sample's family has both comments.
 */
function parseExposition(text: string): { samples: Sample[]; types: Map<string, string>; help: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  const help = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const comment = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (comment) {
      (comment[1] === 'HELP' ? help : types).set(comment[2], comment[3]);
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.e+-]+|NaN|[+-]Inf)$/i.exec(line);
    if (!m) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/g)) labels[l[1]] = l[2];
    samples.push({ name: m[1], labels, value: Number(m[3]) });
  }
  for (const s of samples) {
    const family = [...types.keys()].find((f) => s.name === f || s.name.startsWith(`${f}_`));
    if (!family || !help.has(family)) throw new Error(`sample ${s.name} has no # TYPE and # HELP`);
  }
  return { samples, types, help };
}

function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

async function scrape(srv: TestServer, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${srv.url}/metrics`, { headers });
}

describe('GET /metrics: closed unless configured', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer();
  });
  afterAll(async () => {
    await srv.close();
  });

  it('answers 404 with neither METRICS_TOKEN nor METRICS_ALLOW, even with a token or as an admin', async () => {
    expect((await scrape(srv)).status).toBe(404);
    expect((await scrape(srv, { authorization: `Bearer ${TOKEN}` })).status).toBe(404);
    const admin = await srv.as('admin');
    expect((await admin.get('/metrics')).status).toBe(404);
  });

  it('is not served under /api/v1', async () => {
    const res = await srv.get('/api/v1/metrics');
    expect(res.status).toBe(404);
  });
});

describe('GET /metrics with an allow-list', () => {
  it('refuses an address outside it (403) and serves one in it', async () => {
    const outside = await startTestServer({ security: { metricsAllow: ['10.0.0.0/8'] } });
    const inside = await startTestServer({ security: { metricsAllow: ['10.0.0.0/8', '127.0.0.1'] } });
    try {
      const refused = await scrape(outside);
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ error: { code: 'forbidden' } });
      const served = await scrape(inside);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toContain('text/plain');
      // A registry per app: this server ingested nothing, whatever other apps in the process did.
      const { samples } = parseExposition(await served.text());
      expect(value(samples, 'bdtt_ingest_events_total', { kind: 'dossier', outcome: 'accepted' })).toBe(0);
    } finally {
      await outside.close();
      await inside.close();
    }
  });
});

describe('GET /metrics with a token, after ingest and with sockets open', () => {
  let srv: TestServer;
  let samples: Sample[];
  let types: Map<string, string>;

  beforeAll(async () => {
    srv = await startTestServer({ security: { metricsToken: TOKEN } });
    // Three received an hour after they happened (at 08:00, arriving 09:00), then one resent, one refused.
    const first = await srv.post('/api/v1/ingest/dossiers', {
      events: ['A', 'B', 'C'].map((d) => receivedEvent({ id: `r-${d}`, dossierId: `D-${d}` })),
    });
    expect(first.body).toMatchObject({ accepted: 3 });
    const second = await srv.post('/api/v1/ingest/dossiers', {
      events: [
        receivedEvent({ id: 'r-A', dossierId: 'D-A' }),
        receivedEvent({ id: 'r-X', dossierId: 'D-X', unit: '99999' }),
        receivedEvent({ id: 'r-Y', dossierId: 'D-Y', channel: 'fax' }),
      ],
    });
    expect(second.body).toMatchObject({ accepted: 0, duplicate: 1, rejected: 2 });
    expect((await srv.post('/api/v1/ingest/dossiers', 'not json')).status).toBe(400);

    const leader = await srv.as('city_leader');
    const display = await srv.as('display', 'city');
    await leader.socket();
    await display.socket();
    await srv.socket();
    await srv.socket();
    // A few realtime flushes (every 50 ms in tests).
    await new Promise((r) => setTimeout(r, 300));

    const res = await scrape(srv, { authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(200);
    ({ samples, types } = parseExposition(await res.text()));
  });
  afterAll(async () => {
    await srv.close();
  });

  it('refuses a scrape without the token or with a wrong one (401, WWW-Authenticate), and a session cookie does not replace it', async () => {
    const none = await scrape(srv);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect((await scrape(srv, { authorization: 'Bearer wrong-token-wrong-token' })).status).toBe(401);
    const admin = await srv.as('admin');
    expect((await admin.get('/metrics')).status).toBe(401);
  });

  it('counts ingested events by kind and outcome', () => {
    expect(types.get('bdtt_ingest_events_total')).toBe('counter');
    expect(value(samples, 'bdtt_ingest_events_total', { kind: 'dossier', outcome: 'accepted' })).toBe(3);
    expect(value(samples, 'bdtt_ingest_events_total', { kind: 'dossier', outcome: 'duplicate' })).toBe(1);
    expect(value(samples, 'bdtt_ingest_events_total', { kind: 'dossier', outcome: 'rejected' })).toBe(2);
    expect(value(samples, 'bdtt_ingest_events_total', { kind: 'task', outcome: 'accepted' })).toBe(0);
  });

  it('counts rejected events by the field that broke the rule', () => {
    expect(value(samples, 'bdtt_ingest_rejections_total', { kind: 'dossier', rule: 'unit' })).toBe(1);
    expect(value(samples, 'bdtt_ingest_rejections_total', { kind: 'dossier', rule: 'channel' })).toBe(1);
    expect(samples.filter((s) => s.name === 'bdtt_ingest_rejections_total')).toHaveLength(2);
  });

  it('times ingest requests by route and status class', () => {
    expect(types.get('bdtt_ingest_request_duration_seconds')).toBe('histogram');
    expect(value(samples, 'bdtt_ingest_request_duration_seconds_count', { route: 'dossiers', status: '2xx' })).toBe(2);
    expect(value(samples, 'bdtt_ingest_request_duration_seconds_count', { route: 'dossiers', status: '4xx' })).toBe(1);
    const sum = value(samples, 'bdtt_ingest_request_duration_seconds_sum', { route: 'dossiers', status: '2xx' })!;
    expect(sum).toBeGreaterThan(0);
    expect(sum).toBeLessThan(30);
    expect(value(samples, 'bdtt_ingest_request_duration_seconds_bucket', { route: 'dossiers', status: '2xx', le: '+Inf' })).toBe(2);
  });

  it('counts connected sockets by role', () => {
    expect(value(samples, 'bdtt_realtime_sockets', { role: 'city_leader' })).toBe(1);
    expect(value(samples, 'bdtt_realtime_sockets', { role: 'display' })).toBe(1);
    expect(value(samples, 'bdtt_realtime_sockets', { role: 'public' })).toBe(2);
    expect(value(samples, 'bdtt_realtime_sockets', { role: 'admin' })).toBe(0);
  });

  it('times realtime flushes', () => {
    expect(value(samples, 'bdtt_realtime_flush_duration_seconds_count')).toBeGreaterThan(0);
  });

  it('reports projection lag, the database and WAL sizes', () => {
    expect(value(samples, 'bdtt_projection_lag_events')).toBeGreaterThanOrEqual(0);
    expect(value(samples, 'bdtt_projection_lag_events')).toBeLessThanOrEqual(3);
    expect(value(samples, 'bdtt_sqlite_database_bytes')).toBeGreaterThan(100_000);
    expect(value(samples, 'bdtt_sqlite_wal_bytes')).toBeGreaterThan(0);
  });

  it('reports each source’s clock skew in seconds, with its sample size', () => {
    expect(value(samples, 'bdtt_source_clock_skew_seconds', { source: 'test-dossiers', kind: 'dossier' })).toBe(3600);
    expect(value(samples, 'bdtt_source_clock_skew_samples', { source: 'test-dossiers' })).toBe(3);
    // A source that sent nothing has no series (no figure, rather than a made-up 0).
    expect(value(samples, 'bdtt_source_clock_skew_seconds', { source: 'test-tasks' })).toBeUndefined();
  });

  it('includes the process’s event-loop delay and heap', () => {
    expect(value(samples, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(value(samples, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(1_000_000);
    expect(types.get('nodejs_eventloop_lag_p99_seconds')).toBe('gauge');
  });
});
