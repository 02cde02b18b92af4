/**
 * npm run import -- --kind dossier|task|dvcqg [--format csv|ndjson] [--url URL] [--key KEY]
 *   [--report FILE] [--batch-size N] [--concurrency N] [--service DongBoHoSoMC|CapNhatTienDoHoSoMC]
 *   [--progress-every SECONDS] [--history] FILE
 * Loads history into the running dashboard through its ingest API (README "Bulk backfill"). Ctrl-C
 * finishes the batches in flight and saves FILE.import-state.json; the same command resumes.
 * --history: history-load mode (server/ingest/history-load.ts), for a source allowed to.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DVCQG_SERVICES, type DvcqgService } from '../../shared/contract/dvcqg.js';
import { createProgress } from '../import/progress.js';
import { runImport, type ImportFormat } from '../import/run-import.js';
import { ImportError } from '../import/sender.js';
import { formatSummary } from '../import/summary.js';
import { HISTORY_BATCH_SIZE, type ImportKind } from '../import/wire.js';
import { cliEnv } from './cli-env.js';

const USAGE = `usage: npm run import -- --kind dossier|task|dvcqg [--format csv|ndjson] [--url URL] [--key KEY]
         [--report FILE] [--batch-size N] [--concurrency N] [--service DongBoHoSoMC|CapNhatTienDoHoSoMC] [--history] FILE
  FILE: .csv (dossier, task), .ndjson or .jsonl (native events; DVCQG records with --kind dvcqg)
  --url: the running dashboard (default http://localhost:$PORT, or :3000)
  --key: the source key (default: env IMPORT_SOURCE_KEY); create one with npm run source:add
  --report: rejected rows (default FILE.rejected.ndjson)
  --history: history-load mode (dossier and task events; the source must be allowed: source:set --history-load yes)`;

function formatOf(file: string, given: string | undefined): ImportFormat | null {
  if (given) return given === 'csv' || given === 'ndjson' ? given : null;
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.(ndjson|jsonl)$/i.test(file)) return 'ndjson';
  return null;
}

function positiveInt(v: string | undefined, fallback: number, max: number): number | null {
  if (v === undefined) return fallback;
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : null;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: {
      kind: { type: 'string' },
      format: { type: 'string' },
      url: { type: 'string' },
      key: { type: 'string' },
      report: { type: 'string' },
      'batch-size': { type: 'string' },
      concurrency: { type: 'string' },
      service: { type: 'string' },
      'progress-every': { type: 'string' },
      history: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  const kind = values.kind as ImportKind;
  const fileArg = positionals[0];
  const problem = (p: string) => (console.error(`${p}\n${USAGE}`), 2);
  if (!['dossier', 'task', 'dvcqg'].includes(kind)) return problem('--kind must be dossier, task or dvcqg');
  if (!fileArg || positionals.length > 1) return problem('give exactly one FILE');
  const file = resolve(cliEnv().cwd, fileArg);
  const format = formatOf(file, values.format);
  if (!format) return problem('--format must be csv or ndjson (or name the file .csv, .ndjson or .jsonl)');
  const key = values.key ?? process.env.IMPORT_SOURCE_KEY;
  if (!key)
    return problem('no source key: pass --key or set IMPORT_SOURCE_KEY (create one with npm run source:add -- --name NAME --kind dossier)');
  // A history load's batches are the largest the API takes: each is one durable transaction, and a
  // batch's commit, its answer and the metrics engine's per-batch work are paid a fifth as often.
  const batchSize = positiveInt(values['batch-size'], values.history === true ? HISTORY_BATCH_SIZE : 1_000, 5_000);
  const concurrency = positiveInt(values.concurrency, kind === 'dvcqg' ? 1 : 2, 64);
  const everyS = positiveInt(values['progress-every'], 5, 3_600);
  if (!batchSize || !concurrency || !everyS)
    return problem('--batch-size (1–5000), --concurrency (1–64), --progress-every (seconds) must be whole numbers');
  const service = (values.service ?? 'DongBoHoSoMC') as DvcqgService;
  if (!DVCQG_SERVICES.includes(service)) return problem(`--service must be ${DVCQG_SERVICES.join(' or ')}`);
  const history = values.history === true;
  if (history && kind === 'dvcqg') return problem('--history loads native dossier or task events (--kind dossier|task)');

  const stateFile = `${file}.import-state.json`;
  let stop = false;
  process.on('SIGINT', () => {
    if (stop) process.exit(130); // a second Ctrl-C: at once (the last saved state still resumes safely)
    stop = true;
    console.error('\nstopping: finishing the batches in flight, then saving the state (Ctrl-C again to quit at once)');
  });
  const tty = Boolean(process.stderr.isTTY);
  try {
    const summary = await runImport({
      file,
      kind,
      format,
      url: (values.url ?? `http://localhost:${process.env.PORT || 3000}`).replace(/\/+$/, ''),
      key,
      batchSize,
      concurrency,
      reportFile: values.report ? resolve(cliEnv().cwd, values.report) : `${file}.rejected.ndjson`,
      stateFile,
      dvcqgService: service,
      history,
      progress: createProgress({ tty, write: (s) => process.stderr.write(s), intervalMs: tty ? 200 : everyS * 1000 }),
      stopRequested: () => stop,
    });
    console.log(formatSummary(summary, { file: fileArg, kind, format }));
    if (summary.status === 'interrupted') {
      console.log(`State saved in ${stateFile}: resume with the same command.`);
      return 130;
    }
    return 0;
  } catch (err) {
    if (!(err instanceof ImportError)) throw err;
    console.error(`import stopped: ${err.message}`);
    if (existsSync(stateFile))
      console.error(`What was acknowledged is kept (${stateFile}): resume with the same command once this is fixed.`);
    return 1;
  }
}

// Exit at once: idle keep-alive connections to the server would hold the process for seconds.
process.exit(await main());
