/**
 * SIGKILL during four concurrent senders. Each sender posts its deterministic batches in order; when
 * `killAfter` batches have been answered in all, the server is SIGKILLed with requests in flight.
 * A sender stops at its first request without an answer. The server is started again on the same
 * file; each sender then re-sends every batch it did not get a 2xx for — and, to be hard, the last
 * `resendAcked` batches it did get one for. The log must then hold every event exactly once.
 */
import { received, processed } from './events.js';
import { DOSSIERS } from './cases.js';
import { post, type Answer } from './http.js';
import type { FaultServer } from './server.js';
import { count, type Acked, type Totals } from './tally.js';

export interface CrashOptions {
  senders: { name: string; key: string }[];
  batchesPerSender: number;
  eventsPerBatch: number;
  /** Batches answered (in all) before the SIGKILL. */
  killAfter: number;
  /** Acknowledged batches each sender sends again after the restart. */
  resendAcked: number;
}

export interface CrashReport {
  events: number;
  /** Batches sent before the kill (answered or in flight). */
  sentBeforeKill: number;
  /** Batches without a 2xx when the server died (in flight or never sent). */
  unacknowledgedBatches: number;
  resentBatches: number;
  /** Of those, batches that had been acknowledged before the kill (all their events must come back `duplicate`). */
  resentAckedBatches: number;
  /** Events answered `duplicate` after the restart: committed before the kill (some never acknowledged). */
  duplicatesAfterRestart: number;
  /** Of those, events of batches in flight at the kill: committed, never answered, resent and found in the log. */
  committedUnanswered: number;
  restartMs: number;
}

/** Sender k's batch i: receipts of new dossiers, and the processing of the previous batch's. */
export function senderBatch(k: number, i: number, size: number, start: number): Record<string, unknown>[] {
  const at = start + i * 60_000;
  return Array.from({ length: size }, (_, j) =>
    j % 2 === 0 || i === 0
      ? received(`s${k}-b${i}-e${j}`, `S${k}-${i}-${j}`, at)
      : processed(`s${k}-b${i}-e${j}`, `S${k}-${i - 1}-${j - 1}`, at + 30_000),
  );
}

export async function runCrash(
  server: FaultServer,
  serverNow: number,
  o: CrashOptions,
  totals: Totals,
  acked: Acked,
  print: (line: string) => void,
): Promise<{ server: FaultServer; report: CrashReport }> {
  const start = serverNow - (o.batchesPerSender + 5) * 60_000;
  const batches = o.senders.map((_, k) => Array.from({ length: o.batchesPerSender }, (_, i) => senderBatch(k, i, o.eventsPerBatch, start)));
  const ackedBatches = o.senders.map(() => [] as number[]);
  let answered = 0;
  let killing: Promise<void> | null = null;
  let sentBeforeKill = 0;

  const send = async (url: string, k: number, i: number): Promise<Answer> => {
    for (;;) {
      const a = await post(url, DOSSIERS, o.senders[k].key, { bytes: JSON.stringify({ events: batches[k][i] }) });
      count(totals, acked, o.senders[k].name, o.eventsPerBatch, a);
      // Backpressure or recovery: nothing of the batch was logged; wait as told and send it again.
      if (a.status !== 503) return a;
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  await Promise.all(
    o.senders.map(async (_, k) => {
      for (let i = 0; i < o.batchesPerSender; i++) {
        if (killing) return;
        sentBeforeKill++;
        const a = await send(server.url, k, i);
        if (a.status !== 200) return; // no answer: the server is gone
        ackedBatches[k].push(i);
        if (++answered === o.killAfter) killing = server.kill();
      }
    }),
  );
  await killing;
  const unacked = o.senders.map((_, k) => batches[k].map((_, i) => i).filter((i) => !ackedBatches[k].includes(i)));
  const unacknowledgedBatches = unacked.reduce((n, u) => n + u.length, 0);
  print(`  SIGKILL after ${answered} answered batches; ${unacknowledgedBatches} batches without a 2xx (in flight or not yet sent)`);

  const t0 = performance.now();
  const restarted = await server.restart();
  const restartMs = Math.round(performance.now() - t0);
  print(`  restarted on the same file in ${restartMs} ms (recovery of the projections included)`);

  let resentBatches = 0;
  let resentAckedBatches = 0;
  let duplicatesAfterRestart = 0;
  await Promise.all(
    o.senders.map(async (_, k) => {
      const acknowledged = ackedBatches[k].slice(-o.resendAcked);
      resentAckedBatches += acknowledged.length;
      const again = [...acknowledged, ...unacked[k]];
      for (const i of again) {
        resentBatches++;
        const a = await send(restarted.url, k, i);
        if (a.status !== 200) throw new Error(`sender ${k} batch ${i} after the restart: ${a.status} ${a.networkError ?? ''}`);
        duplicatesAfterRestart += (a.body?.duplicate as number) ?? 0;
      }
    }),
  );
  const events = o.senders.length * o.batchesPerSender * o.eventsPerBatch;
  const committedUnanswered = duplicatesAfterRestart - resentAckedBatches * o.eventsPerBatch;
  print(
    `  re-sent ${resentBatches} batches (${resentAckedBatches} of them already acknowledged); ${duplicatesAfterRestart} events answered duplicate, ${committedUnanswered} of them of batches committed but never answered`,
  );
  return {
    server: restarted,
    report: {
      events,
      sentBeforeKill,
      unacknowledgedBatches,
      resentBatches,
      resentAckedBatches,
      duplicatesAfterRestart,
      committedUnanswered,
      restartMs,
    },
  };
}
