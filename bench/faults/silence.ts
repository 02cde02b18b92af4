/**
 * A source silent for an hour, then catching up: one event, the server's clock moved an hour on (the
 * source is then `silent`), then the hour's events in batches (every one accepted; the source `live`
 * again, its last event the latest of them).
 */
import { received } from './events.js';
import { DOSSIERS } from './cases.js';
import { describe, post } from './http.js';
import type { FaultServer } from './server.js';
import { count, type Acked, type Totals } from './tally.js';

export interface SilenceReport {
  states: string[];
  caughtUp: number;
  accepted: number;
  lastEventAt: string | null;
  failures: string[];
}

async function stateOf(url: string, source: string): Promise<{ state: string; lastEventAt: string | null }> {
  const health = (await (await fetch(`${url}/api/v1/health`)).json()) as {
    sources?: { name: string; state: string; lastEventAt: string | null }[];
  };
  const s = health.sources?.find((x) => x.name === source);
  return { state: s?.state ?? 'absent', lastEventAt: s?.lastEventAt ?? null };
}

export async function runSilence(
  server: FaultServer,
  source: { name: string; key: string },
  serverNow: number,
  eventsInTheHour: number,
  totals: Totals,
  acked: Acked,
  print: (line: string) => void,
): Promise<SilenceReport> {
  const states: string[] = [];
  const send = async (events: Record<string, unknown>[]) => {
    const a = await post(server.url, DOSSIERS, source.key, { bytes: JSON.stringify({ events }) });
    count(totals, acked, source.name, events.length, a);
    return a;
  };
  const first = await send([received('quiet-0', 'QUIET-0', serverNow - 60_000)]);
  states.push((await stateOf(server.url, source.name)).state);
  print(`  one event → ${describe(first)}; source ${states[0]}`);

  const later = await server.advance(3_600_000);
  states.push((await stateOf(server.url, source.name)).state);
  print(`  server clock moved on one hour, nothing sent → source ${states[1]}`);

  // The hour's events, as the source kept them while it could not send: spread over the hour, in order.
  const step = Math.floor(3_600_000 / eventsInTheHour);
  const hour = Array.from({ length: eventsInTheHour }, (_, i) =>
    received(`quiet-${i + 1}`, `QUIET-${i + 1}`, later - 3_600_000 + i * step),
  );
  let accepted = 0;
  for (let i = 0; i < hour.length; i += 10) {
    const a = await send(hour.slice(i, i + 10));
    accepted += (a.body?.accepted as number) ?? 0;
  }
  const after = await stateOf(server.url, source.name);
  states.push(after.state);
  print(
    `  caught up: ${eventsInTheHour} events dated over the hour → accepted ${accepted}; source ${after.state}, last event ${after.lastEventAt}`,
  );

  const failures: string[] = [];
  if (states.join(',') !== 'live,silent,live') failures.push(`states ${states.join(' → ')}, expected live → silent → live`);
  if (accepted !== eventsInTheHour) failures.push(`accepted ${accepted} of ${eventsInTheHour} caught-up events`);
  if (after.lastEventAt !== hour[hour.length - 1].at)
    failures.push(`last event ${after.lastEventAt}, expected ${String(hour[hour.length - 1].at)}`);
  return { states, caughtUp: eventsInTheHour, accepted, lastEventAt: after.lastEventAt, failures };
}
