/**
 * `npm run faults`: the fault and bad-input suite over the real HTTP server (suite.ts), printed as it
 * runs, then the figures: events sent, accepted, rejected, lost (must be 0), duplicated (must be 0).
 * Exits 1 if any expectation failed.
 *   npm run faults [-- --batches 40 --events 250 --kill-after 60 --resend-acked 2 --silence-events 120 --json out.json]
 */
import { writeFileSync } from 'node:fs';
import { line } from './bad-inputs.js';
import { runFaultSuite } from './suite.js';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const jsonOut = argv.includes('--json') ? argv[argv.indexOf('--json') + 1] : null;

const result = await runFaultSuite({
  batchesPerSender: arg('batches', 40),
  eventsPerBatch: arg('events', 250),
  killAfter: arg('kill-after', 60),
  resendAcked: arg('resend-acked', 2),
  silenceEvents: arg('silence-events', 120),
  print: (l) => console.log(l),
});
const { totals: t, log } = result;
console.log(`\n── figures (${(result.ms / 1000).toFixed(1)} s) ──`);
console.log(line(t));
console.log(
  `event log: ${log.logged} rows · quarantine: ${log.quarantined} rows · lost ${log.lost} (must be 0) · duplicated ${log.duplicated} (must be 0)`,
);
console.log(
  `crash: ${result.crash.events} events from 4 senders · ${result.crash.unacknowledgedBatches} batches unacknowledged at the SIGKILL · ` +
    `${result.crash.resentBatches} batches re-sent · ${result.crash.duplicatesAfterRestart} events answered duplicate after the restart ` +
    `(${result.crash.committedUnanswered} committed but never answered) · restart ${result.crash.restartMs} ms`,
);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(result, null, 2));
if (result.failures.length) {
  console.log(`\n${result.failures.length} UNEXPECTED:`);
  for (const f of result.failures) console.log(`  ✗ ${f}`);
  process.exit(1);
}
console.log('\nall cases answered as expected; nothing lost, nothing duplicated');
