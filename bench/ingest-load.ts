/**
 * A steady ingest load beside a benchmark: realistic generator events POSTed at a set rate (events per
 * second, in a batch every `tickMs`); a POST that takes longer than a tick is followed by a larger batch
 * (at most 500), so the rate holds as long as the server keeps up. The achieved rate is reported.
 */
import type { WireDossierEvent } from '../server/simulator/wire.js';
import { postIngest } from './lib.js';

export interface IngestLoadResult {
  sent: number;
  accepted: number;
  resends: number;
  seconds: number;
  achievedPerS: number;
}

export function startIngestLoad(
  server: { url: string; dossierKey: string },
  events: readonly WireDossierEvent[],
  ratePerS: number,
  tickMs = 100,
): { stop(): Promise<IngestLoadResult> } {
  let stopped = false;
  let sent = 0;
  let accepted = 0;
  let resends = 0;
  const t0 = performance.now();
  const run = (async () => {
    while (!stopped && sent < events.length) {
      const due = Math.floor(((performance.now() - t0) * ratePerS) / 1000) - sent;
      if (due < 1) {
        await new Promise((r) => setTimeout(r, tickMs));
        continue;
      }
      const batch = events.slice(sent, sent + Math.min(due, 500));
      sent += batch.length;
      const posted = performance.now();
      const r = await postIngest(server.url, '/api/v1/ingest/dossiers', server.dossierKey, JSON.stringify({ events: batch }));
      if (r.status !== 200) throw new Error(`ingest load: POST answered ${r.status}: ${r.text.slice(0, 200)}`);
      accepted += r.accepted;
      resends += r.resends;
      // One batch per tick at most, as a source sends: back to back, a fast server got a POST of a few
      // events every few ms and the source's request limit (1,200 a minute) answered 429.
      const left = tickMs - (performance.now() - posted);
      if (left > 0) await new Promise((res) => setTimeout(res, left));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await run;
      const seconds = (performance.now() - t0) / 1000;
      if (sent >= events.length) console.error(`ingest load: ran out of events after ${seconds.toFixed(1)} s`);
      return { sent, accepted, resends, seconds, achievedPerS: Math.round(sent / seconds) };
    },
  };
}
