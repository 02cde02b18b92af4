/**
 * Server memory after a burst (issue 15: RSS ≤ 400 MB after 100k events): the server in its own process
 * (with --expose-gc), --events realistic generator events POSTed in batches of 500, --concurrency at a
 * time, then the server's memory by phase (bench/memory-phases.ts): at start, when the last batch was
 * answered, once the projections caught up, after --idle-s seconds of quiet, after a full collection.
 * `--node-args=…` passes flags to the server's node (space-separated, e.g. `--node-args="--max-semi-space-size=4"`).
 *   npx tsx bench/memory-burst.ts [--events 100000] [--concurrency 2] [--idle-s 20] [--node-args "…"]
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chunk, generateCity, isMain, log, numArg, postIngest, round, runMain, startChild, tempDir } from './lib.js';

export const TARGET_RSS_MIB = 400;

type Child = Awaited<ReturnType<typeof startChild>>;

/** Sends a command line to the server child and resolves with the JSON of its `PREFIX {json}` answer. */
function asker(server: Child) {
  const waiting: { prefix: string; res: (v: unknown) => void }[] = [];
  if (!server.child.stdout) throw new Error('server child has no stdout');
  createInterface({ input: server.child.stdout }).on('line', (line) => {
    const w = waiting[0];
    if (w && line.startsWith(`${w.prefix} `)) {
      waiting.shift();
      w.res(JSON.parse(line.slice(w.prefix.length + 1)));
    }
  });
  return (cmd: string, prefix: string) =>
    new Promise<unknown>((res) => {
      waiting.push({ prefix, res });
      server.child.stdin?.write(`${cmd}\n`);
    });
}

async function burst(server: Child, ask: ReturnType<typeof asker>, bodies: string[], concurrency: number): Promise<number> {
  let next = 0;
  let resends = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        // A keep-alive connection the server closed just as it was reused: the batch again (events are idempotent by id).
        const post = () => postIngest(server.url, '/api/v1/ingest/dossiers', server.dossierKey, body);
        let r = await post().catch((e: unknown) => {
          log(`burst: ${String(e)}; sent again (server alive: ${server.child.exitCode === null})`);
          resends++;
          return post();
        });
        // Still refused after postIngest's resends (the writer far behind on a loaded machine): wait for it.
        if (r.status === 503) {
          await ask('sync', 'SYNCED');
          r = await post();
        }
        if (r.status !== 200) throw new Error(`burst: POST answered ${r.status}: ${r.text.slice(0, 200)}`);
        resends += r.resends;
      }
    }),
  );
  return resends;
}

export async function main(args: Map<string, string>) {
  const events = numArg(args, 'events', 100_000);
  const concurrency = numArg(args, 'concurrency', 2);
  const idleS = numArg(args, 'idle-s', 20);
  const city = generateCity({ days: Math.ceil(events / 5_000) + 5, scale: 1, maxEvents: events });
  const bodies = chunk(city.dossiers, 500).map((b) => JSON.stringify({ events: b }));
  log(`memory-burst: ${city.dossiers.length} events generated`);
  const tmp = tempDir('bdt-bench-memory-');
  const dbFile = join(tmp.dir, 'dashboard.db');
  const nodeArgs = (args.get('node-args') ?? '').split(/\s+/).filter(Boolean);
  const server = await startChild({ dbFile, nodeArgs: ['--expose-gc', ...nodeArgs] });
  const ask = asker(server);
  try {
    const phases: Record<string, unknown> = { start: await ask('mem', 'MEM') };
    const t0 = performance.now();
    const resends = await burst(server, ask, bodies, concurrency);
    const burstS = (performance.now() - t0) / 1000;
    phases.answered = await ask('mem', 'MEM');
    const synced = await ask('sync', 'SYNCED');
    phases.caughtUp = await ask('mem', 'MEM');
    await new Promise((r) => setTimeout(r, idleS * 1000));
    phases.idle = await ask('mem', 'MEM');
    phases.collected = await ask('mem gc', 'MEM');
    const rss = (p: unknown) => (p as { procMiB: { VmRSS: number } }).procMiB.VmRSS;
    log(
      `memory-burst: RSS ${Object.entries(phases)
        .map(([k, p]) => `${k} ${rss(p)}`)
        .join(', ')} MiB`,
    );
    const peak = (phases.collected as { procMiB: { VmHWM: number } }).procMiB.VmHWM;
    return {
      target: { rssMiB: TARGET_RSS_MIB },
      nodeArgs,
      events: city.dossiers.length,
      burstS: round(burstS, 1),
      eventsPerS: Math.round(city.dossiers.length / burstS),
      resends,
      syncAfterBurst: synced,
      dbMiB: round(statSync(dbFile).size / 2 ** 20, 1),
      rssMiB: Object.fromEntries(Object.entries(phases).map(([k, p]) => [k, rss(p)])),
      peakRssMiB: peak,
      ratioIdleToTarget: round(rss(phases.idle) / TARGET_RSS_MIB, 2),
      phases,
    };
  } finally {
    await server.close();
    tmp.remove();
  }
}

if (isMain(import.meta.url)) void runMain('memory-burst', main);
