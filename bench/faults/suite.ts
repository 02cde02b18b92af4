/**
 * The whole fault suite on one temp SQLite file: a real server child, the bad-input cases, a source
 * silent for an hour then catching up, SIGKILL during four concurrent senders, and the count from the
 * log. Used by `npm run faults` (run.ts) and by its test, with fewer events.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSourceKey } from '../../server/ingest/keys.js';
import { runBadInputs, SOURCE_NAMES, line, type CaseReport } from './bad-inputs.js';
import { CASES, type FaultCase } from './cases.js';
import { runCrash, type CrashReport } from './crash.js';
import { checkLog, loggedPayload, type LogCheck } from './ledger.js';
import { startFaultServer, type ChildSource } from './server.js';
import { runSilence, type SilenceReport } from './silence.js';
import { emptyTotals, type Acked, type Totals } from './tally.js';

export interface SuiteOptions {
  batchesPerSender: number;
  eventsPerBatch: number;
  killAfter: number;
  resendAcked: number;
  silenceEvents: number;
  cases?: FaultCase[];
  print?: (line: string) => void;
}

export interface SuiteResult {
  totals: Totals;
  log: LogCheck;
  cases: CaseReport[];
  silence: SilenceReport;
  crash: CrashReport;
  /** Every expectation that did not hold (empty: the suite passed). */
  failures: string[];
  ms: number;
}

export async function runFaultSuite(o: SuiteOptions): Promise<SuiteResult> {
  const print = o.print ?? (() => {});
  const t0 = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'bdt-faults-'));
  const dbFile = join(dir, 'faults.db');
  const key = () => generateSourceKey();
  const dossiers = { name: SOURCE_NAMES.dossiers, key: key() };
  const tasks = { name: SOURCE_NAMES.tasks, key: key() };
  const silent = { name: 'faults-silent', key: key() };
  const senders = [1, 2, 3, 4].map((n) => ({ name: `faults-sender-${n}`, key: key() }));
  const sources: ChildSource[] = [
    { ...dossiers, kind: 'dossier' },
    { ...tasks, kind: 'task' },
    // Judged in calendar time, silent after 30 minutes: an hour without a batch makes it silent.
    { ...silent, kind: 'dossier', hours: 'always', silentAfterMinutes: 30 },
    ...senders.map((s) => ({ ...s, kind: 'dossier' as const })),
  ];
  const totals = emptyTotals();
  const acked: Acked = new Map();
  let server = await startFaultServer(dbFile, sources);
  try {
    print(`server child on ${dbFile}`);
    const serverNow = () => server.advance(0);
    const cases = await runBadInputs(
      server.url,
      { dossiers: dossiers.key, tasks: tasks.key },
      serverNow,
      totals,
      acked,
      print,
      o.cases ?? CASES,
    );

    print('\n▸ a source silent for an hour, then catching up');
    const silence = await runSilence(server, silent, await serverNow(), o.silenceEvents, totals, acked, print);
    print(`      totals: ${line(totals)}`);

    print(`\n▸ SIGKILL during four concurrent senders (${o.batchesPerSender} batches of ${o.eventsPerBatch} events each)`);
    const crash = await runCrash(server, await serverNow(), { senders, ...o }, totals, acked, print);
    server = crash.server;
    print(`      totals: ${line(totals)}`);

    await server.stop();
    const log = checkLog(dbFile, acked);
    const failures = [
      ...cases.flatMap((c) => c.steps.flatMap((s) => s.failures.map((f) => `${c.name} / ${s.what}: ${f}`))),
      ...silence.failures.map((f) => `silence: ${f}`),
      ...ledgerFailures(
        log,
        totals,
        crash.report,
        senders.map((s) => s.name),
      ),
      ...encodingFailures(dbFile),
    ];
    return { totals, log, cases, silence, crash: crash.report, failures, ms: Math.round(performance.now() - t0) };
  } finally {
    await server.kill().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Lost and duplicated must be 0; every event rejected one by one is in quarantine; the log holds exactly what was accepted. */
function ledgerFailures(log: LogCheck, t: Totals, crash: CrashReport, senders: string[]): string[] {
  const out: string[] = [];
  if (log.lost) out.push(`lost ${log.lost} acknowledged events (${log.lostIds.join(', ')})`);
  if (log.duplicated) out.push(`duplicated ${log.duplicated} events in the log`);
  // Every event of the four senders was valid and sent (some twice or more): each is in the log once.
  const senderRows = senders.reduce((n, s) => n + (log.bySource[s] ?? 0), 0);
  if (senderRows !== crash.events) out.push(`the senders' ${crash.events} events are ${senderRows} rows in the log`);
  if (log.quarantined !== t.rejected) out.push(`quarantine holds ${log.quarantined} rows for ${t.rejected} rejected events and records`);
  return out;
}

/** The events sent as UTF-16 (and the Latin-1 one resent as UTF-8) are logged with their Vietnamese text intact. */
function encodingFailures(dbFile: string): string[] {
  const expected: [string, string][] = [
    ['enc-1', 'Phòng Tài chính'],
    ['enc-2', 'Đăng ký khai sinh'],
    ['enc-3', 'Đăng ký khai sinh'],
  ];
  return expected.flatMap(([id, name]) => {
    const p = loggedPayload(dbFile, SOURCE_NAMES.dossiers, id);
    const got = (p?.procedure as { name?: string } | undefined)?.name;
    return got === name ? [] : [`wrong encodings: ${id} logged with procedure name ${JSON.stringify(got)}, sent ${JSON.stringify(name)}`];
  });
}
