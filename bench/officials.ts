/**
 * The officials API (issue 12) over HTTP, in-process, signed in as a city leader:
 * - GET /officials?period=: the first request of a period (the city-wide pass on a worker thread),
 *   then requests served from the shared scorecards (filters, sorts, pages, name searches);
 * - GET /officials/:id?period=: one official's page (their steps through holds_by_handler).
 * Seeds --days of history at --scale first, or opens an existing database with --db (a copy is not
 * made: the migrations run on it). Reports medians and p99 in ms.
 *   npx tsx bench/officials.ts [--days 30] [--scale 1] [--db file] [--requests 200] [--pages 50] [--period live]
 */
import { join } from 'node:path';
import { benchLeaderCookie, chunk, generateCity, isMain, log, numArg, round, runMain, startInProcess, summarize, tempDir } from './lib.js';

async function timeGet(url: string, cookie: string, path: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url + path, { headers: { cookie } });
  const body = await res.arrayBuffer();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${Buffer.from(body).toString().slice(0, 300)}`);
  return ms;
}

const QUERIES = ['', '&sort=beyondHours&dir=desc', '&sort=name', '&q=nguyen%20van', '&q=le', '&page=2', '&sort=withinShare&dir=asc'];

export async function main(args: Map<string, string>) {
  const days = numArg(args, 'days', 30);
  const scale = numArg(args, 'scale', 1);
  const requests = numArg(args, 'requests', 200);
  const pages = numArg(args, 'pages', 50);
  const period = args.get('period') ?? 'live';
  const existing = args.get('db');
  const tmp = existing ? null : tempDir('bdt-bench-officials-');
  const dbFile = existing ?? join(tmp!.dir, 'dashboard.db');
  const server = await startInProcess({ dbFile });
  try {
    const rt = server.runtime!;
    if (!existing) {
      const city = generateCity({ days, scale });
      log(`officials: seeding ${city.dossiers.length} dossier events (${days} days at scale ${scale})…`);
      for (const b of chunk(city.dossiers, 5_000)) rt.ingest.ingest(server.dossierSource!, 'dossier', b);
    }
    const counts = rt.store.read.counts();
    const cookie = await benchLeaderCookie(rt, server.url);
    const base = `/api/v1/officials?period=${period}`;
    const firstMs = await timeGet(server.url, cookie, base);
    const first = (await (await fetch(`${server.url}${base}&pageSize=500`, { headers: { cookie } })).json()) as {
      total: number;
      items: { id: string; unit: string; unitKind: 'unit' | 'department' }[];
      fields: string[];
    };
    log(`officials: ${counts.dossiers} dossiers; first list ${Math.round(firstMs)} ms (${first.total} officials)`);
    const scopes = [...new Set(first.items.map((o) => `${o.unitKind}=${o.unit}`))];
    const paths = Array.from({ length: requests }, (_, i) => {
      const filter =
        i % 3 === 1
          ? `&${scopes[i % scopes.length]}`
          : i % 3 === 2
            ? `&field=${encodeURIComponent(first.fields[i % first.fields.length])}`
            : '';
      return `${base}${filter}${QUERIES[i % QUERIES.length]}`;
    });
    const listMs: number[] = [];
    for (const p of paths) listMs.push(await timeGet(server.url, cookie, p));
    const pageMs: number[] = [];
    for (const o of first.items.slice(0, pages))
      pageMs.push(await timeGet(server.url, cookie, `/api/v1/officials/${encodeURIComponent(o.id)}?period=${period}`));
    const list = summarize(listMs);
    const page = summarize(pageMs);
    log(
      `officials: list p50 ${round(list.p50, 2)} ms p99 ${round(list.p99, 2)}; official page p50 ${round(page.p50, 1)} ms p99 ${round(page.p99, 1)}`,
    );
    return {
      name: 'officials',
      dossiers: counts.dossiers,
      officials: first.total,
      period,
      firstListMs: round(firstMs, 0),
      listMs: { p50: round(list.p50, 2), p99: round(list.p99, 2), n: list.n },
      officialPageMs: { p50: round(page.p50, 1), p99: round(page.p99, 1), n: page.n },
    };
  } finally {
    await server.close();
    tmp?.remove();
  }
}

if (isMain(import.meta.url)) void runMain('officials', main);
