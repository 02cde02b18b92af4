/**
 * Runs the benchmarks in sequence, each in its own Node process (so one's heap, JIT state and open
 * files do not colour the next), and writes their results to bench/results/latest.json (gitignored).
 * Running a subset updates only those entries of latest.json. Prints a target / measured / ratio table.
 *   npm run bench                      # all four: ingest, fanout, overview, restart
 *   npm run bench -- ingest overview   # a subset
 *   npm run bench -- ingest --runs 5   # other flags are passed to every selected benchmark
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR, codeVersion, machineInfo, round, tempDir } from './lib.js';

const BENCHES = {
  ingest: 'ingest-http.ts',
  fanout: 'fanout.ts',
  overview: 'overview.ts',
  restart: 'restart.ts',
} as const;
type BenchName = keyof typeof BENCHES;

const RESULTS = join(BENCH_DIR, 'results', 'latest.json');

function runOne(name: BenchName, flags: string[], out: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(BENCH_DIR, BENCHES[name]), '--json', out, ...flags], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const forward = (sig: NodeJS.Signals) => () => child.kill(sig);
    const onInt = forward('SIGINT');
    const onTerm = forward('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
    child.on('exit', (code) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(code ?? 1);
    });
  });
}

interface Row {
  bench: string;
  target: string;
  measured: string;
  ratio: number | null;
  met: boolean | null;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One or more table rows per benchmark result: measured / target (for "under X" targets, ≤ 1 is met). */
function rows(name: string, r: Json): Row[] {
  if (r.error) return [{ bench: name, target: '', measured: `failed: ${r.error}`, ratio: null, met: null }];
  switch (name) {
    case 'ingest': {
      const out: Row[] = [];
      for (const [mode, m] of Object.entries<Json>(r.byMode ?? {})) {
        out.push({
          bench: `ingest ${mode}`,
          target: '≥ 20,000 events/s',
          measured:
            `${m.eventsPerS.median} events/s (min ${m.eventsPerS.min}, max ${m.eventsPerS.max}); ${m.eventsPerCpuSecondMedian} per CPU-s` +
            (m.eventsPerSWithProjectionsMedian === undefined
              ? ''
              : `; ${m.eventsPerSWithProjectionsMedian} events/s with the projections' catch-up`),
          ratio: m.ratioToTarget,
          met: m.ratioToTarget >= 1,
        });
      }
      return out;
    }
    case 'fanout':
      return Object.entries<Json>(r.byServer ?? {}).map(([server, f]) => ({
        bench: `fanout ${server}`,
        target: `p99 < 1,000 ms, ${f.clients} clients`,
        measured: `p50 ${f.latencyMs.p50} ms, p99 ${f.latencyMs.p99} ms, max ${f.latencyMs.max} ms, missed ${f.missed}`,
        ratio: f.ratioP99ToTarget,
        met: f.ratioP99ToTarget < 1 && f.missed === 0,
      }));
    case 'overview':
      return [
        {
          bench: r.jurisdiction?.name === 'vn' ? `overview (${r.jurisdiction.units} units)` : 'overview',
          target: `p99 < ${r.target.overviewP99Ms} ms`,
          measured: `p50 ${r.overview.latencyMs.p50} ms, p99 ${r.overview.latencyMs.p99} ms`,
          ratio: r.overview.ratioP99ToTarget,
          met: r.overview.ratioP99ToTarget < 1,
        },
        {
          bench: 'unit detail (cache misses)',
          target: 'none set (ratio against 20 ms)',
          measured: `p50 ${r.unitDetail.cacheMisses.latencyMs.p50} ms, p99 ${r.unitDetail.cacheMisses.latencyMs.p99} ms; hits p50 ${r.unitDetail.cacheHits.latencyMs.p50} ms`,
          ratio: r.unitDetail.cacheMisses.ratioP99ToTarget,
          met: null,
        },
        {
          bench: 'city detail (cache misses)',
          target: 'none set',
          measured: `${r.cityDetail.cacheMissesMs.join(', ')} ms per miss (blocks the event loop; ${r.cityDetail.cacheMissWithoutOfficialsMs} ms with officials=0); hits p50 ${r.cityDetail.cacheHits.latencyMs.p50} ms`,
          ratio: null,
          met: null,
        },
      ];
    case 'restart':
      if (r.scenario === 'crash') {
        return [
          {
            bench: 'restart after a crash',
            target: `ready ≤ 15 s, ${r.target.dossiers.toLocaleString('en')} dossiers unprojected`,
            measured: `median ${round(r.medianReadyMs / 1000, 1)} s over ${r.runs.length} runs (${r.backlog.events.toLocaleString('en')} events)`,
            ratio: r.ratioToTarget,
            met: r.ratioToTarget <= 1,
          },
        ];
      }
      return (r.runs as Json[]).map((x, i) => ({
        bench: `restart ${i === 0 ? 'cold' : 'warm'}`,
        target: `ready < 60 s, ${r.target.dossiers.toLocaleString('en')} dossiers`,
        measured: x.timedOut
          ? `> ${round(x.readyAfterMoreThanMs / 1000, 0)} s (killed)`
          : `${round(x.spawnToReadyMs / 1000, 1)} s (restore ${round(x.restoreMs / 1000, 1)} s), DB ${r.db.sizeGiB} GiB`,
        ratio: i === 0 ? r.ratioColdToTarget : r.ratioWarmToTarget,
        met: !x.timedOut && (i === 0 ? r.ratioColdToTarget : r.ratioWarmToTarget) < 1,
      }));
    default:
      return [];
  }
}

async function main(): Promise<void> {
  // Bare words name benchmarks; `--flag [value]` pairs go to every selected benchmark.
  const argv = process.argv.slice(2);
  const picked: BenchName[] = [];
  const flags: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      flags.push(a);
      if (i + 1 < argv.length && !argv[i + 1].startsWith('--') && !(argv[i + 1] in BENCHES)) flags.push(argv[++i]);
    } else if (a in BENCHES) picked.push(a as BenchName);
    else {
      console.error(`unknown benchmark "${a}"; pick from ${Object.keys(BENCHES).join(', ')}`);
      process.exit(2);
    }
  }
  const names = picked.length ? picked : (Object.keys(BENCHES) as BenchName[]);

  mkdirSync(join(BENCH_DIR, 'results'), { recursive: true });
  const previous: Json = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : {};
  const results: Json = { ...(previous.results ?? {}) };
  const tmp = tempDir('bdt-bench-run-');
  let failed = false;
  try {
    for (const name of names) {
      console.error(`\n=== ${name} ===`);
      const out = join(tmp.dir, `${name}.json`);
      const t0 = Date.now();
      const code = await runOne(name, flags, out);
      if (code === 0 && existsSync(out)) results[name] = JSON.parse(readFileSync(out, 'utf8'));
      else {
        failed = true;
        results[name] = { name, error: `exit code ${code}`, startedAt: new Date(t0).toISOString(), wallMs: Date.now() - t0 };
      }
      rmSync(out, { force: true });
    }
  } finally {
    tmp.remove();
  }

  const table = Object.entries(results).flatMap(([name, r]) => rows(name, r as Json));
  const summary = { generatedAt: new Date().toISOString(), machine: machineInfo(), code: codeVersion(), table, results };
  writeFileSync(RESULTS, JSON.stringify(summary, null, 2));

  console.log('\n| benchmark | target | measured | measured/target | met |');
  console.log('|---|---|---|---|---|');
  for (const r of table)
    console.log(`| ${r.bench} | ${r.target} | ${r.measured} | ${r.ratio ?? ''} | ${r.met === null ? '' : r.met ? 'yes' : 'no'} |`);
  console.log(`\nwritten to ${RESULTS}`);
  process.exit(failed ? 1 : 0);
}

void main();
