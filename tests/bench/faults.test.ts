import { describe, expect, it } from 'vitest';
import { runFaultSuite, type SuiteResult } from '../../bench/faults/suite.js';
import { CASES } from '../../bench/faults/cases.js';

// The suite of `npm run faults` (same cases, same server child, same checks) with fewer events.
describe('the fault and bad-input suite over a real server process', () => {
  let result: SuiteResult;

  it('runs every case, the silent hour and the SIGKILL during four senders', async () => {
    result = await runFaultSuite({ batchesPerSender: 6, eventsPerBatch: 40, killAfter: 9, resendAcked: 2, silenceEvents: 20 });
    expect(result.cases.map((c) => c.name)).toEqual(CASES.map((c) => c.name));
  }, 240_000);

  it('gets each case\u2019s expected answer: status, error code, the fields named', () => {
    const unexpected = result.cases.flatMap((c) =>
      c.steps.flatMap((s) => s.failures.map((f) => `${c.name} / ${s.what}: ${f} (answer: ${s.answer})`)),
    );
    expect(unexpected.join('\n')).toBe('');
    expect(result.cases.flatMap((c) => c.steps).length).toBeGreaterThan(20);
  });

  it('loses nothing and doubles nothing: every acknowledged event is in the log once, every rejected one in quarantine', () => {
    expect(result.log.lost).toBe(0);
    expect(result.log.duplicated).toBe(0);
    expect(result.log.quarantined).toBe(result.totals.rejected);
    expect(result.failures).toEqual([]);
  });

  it('killed the server with batches unacknowledged, and their resending added each event once', () => {
    expect(result.crash.unacknowledgedBatches).toBeGreaterThan(0);
    expect(result.crash.resentAckedBatches).toBeGreaterThan(0);
    expect(result.crash.duplicatesAfterRestart).toBeGreaterThanOrEqual(result.crash.resentAckedBatches * 40);
    const senders = Object.entries(result.log.bySource).filter(([name]) => name.startsWith('faults-sender-'));
    expect(senders.map(([, n]) => n)).toEqual([240, 240, 240, 240]);
  });

  it('saw the quiet source go silent after an hour and live again once it caught up', () => {
    expect(result.silence.states).toEqual(['live', 'silent', 'live']);
    expect(result.silence.accepted).toBe(20);
  });
});
