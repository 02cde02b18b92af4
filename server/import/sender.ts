/**
 * Posts one batch to the running server and waits for its answer: resends after 503/429 with
 * Retry-After (backpressure, rate limit, a restart) and after a lost connection, a few times; any
 * answer that resending cannot fix stops the import with a message that says what to do.
 */

/** Stops the import: the message is for the person running it. */
export class ImportError extends Error {}

export type BatchAnswer = { ok: true; body: unknown } | { ok: false; status: number; message: string };

export interface SenderOptions {
  url: string;
  key: string;
  /** More headers on every batch (the history-load mode's). */
  headers?: Record<string, string>;
  /** Longest total wait for one batch under 503/429 before giving up. */
  maxWaitMs?: number;
  /** Delays before resending after a lost connection (then the import stops, resumable). */
  reconnectDelaysMs?: number[];
  sleep?: (ms: number) => Promise<void>;
}

const sleepMs = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function startServerHint(url: string): string {
  return `is the dashboard running at ${url}? Start it with \`npm start\` (or pass --url)`;
}

function describeNetworkError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message;
}

async function errorMessage(res: Response): Promise<string> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
    if (body.error?.message) return `${body.error.code ?? res.status}: ${body.error.message}`;
  } catch {
    // not JSON: the text itself
  }
  return text.slice(0, 300) || res.statusText;
}

export function createSender(o: SenderOptions) {
  const sleep = o.sleep ?? sleepMs;
  const maxWaitMs = o.maxWaitMs ?? 10 * 60_000;
  const reconnect = o.reconnectDelaysMs ?? [500, 1_000, 2_000, 4_000, 8_000];
  /** Batches sent again after 503/429 (backpressure, rate limit) or a lost connection, and the time waited. */
  const resends = { count: 0, waitedMs: 0 };

  async function post(path: string, body: string): Promise<BatchAnswer> {
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(o.url + path, {
          method: 'POST',
          headers: { ...o.headers, 'content-type': 'application/json', authorization: `Bearer ${o.key}` },
          body,
        });
      } catch (err) {
        if (attempt < reconnect.length) {
          resends.count++;
          resends.waitedMs += reconnect[attempt];
          await sleep(reconnect[attempt]);
          continue;
        }
        throw new ImportError(`cannot reach ${o.url} (${describeNetworkError(err)}): ${startServerHint(o.url)}`);
      }
      if (res.ok) return { ok: true, body: await res.json() };
      const retryAfterS = Number(res.headers.get('retry-after'));
      if ((res.status === 503 || res.status === 429) && retryAfterS > 0 && waited < maxWaitMs) {
        await res.arrayBuffer();
        await sleep(retryAfterS * 1000);
        waited += retryAfterS * 1000;
        resends.count++;
        resends.waitedMs += retryAfterS * 1000;
        attempt = -1; // an answer: the connection is fine
        continue;
      }
      const message = await errorMessage(res);
      if (res.status === 401) {
        throw new ImportError(
          `the server refused the source key (${message}). Create a key with \`npm run source:add -- --name NAME --kind dossier|task\` and pass it with --key or IMPORT_SOURCE_KEY`,
        );
      }
      if (res.status === 403)
        throw new ImportError(
          o.headers?.['x-ingest-mode']
            ? `the server refused this source's history load (${message}); allow it, or import without --history`
            : `the server refused the source key for this kind of import (${message})`,
        );
      if (res.status === 400 || res.status === 413) return { ok: false, status: res.status, message };
      throw new ImportError(`the server answered ${res.status} (${message}) at ${o.url}${path}`);
    }
  }

  /** Checks the server and the key before the file is read: an empty batch, which logs nothing. */
  async function probe(path: string, emptyBody: string): Promise<void> {
    try {
      await fetch(o.url + '/health', { method: 'HEAD' });
    } catch (err) {
      throw new ImportError(`cannot reach ${o.url} (${describeNetworkError(err)}): ${startServerHint(o.url)}`);
    }
    const answer = await post(path, emptyBody);
    if (!answer.ok) throw new ImportError(`the server refused an empty batch (${answer.status} ${answer.message})`);
  }

  return { post, probe, resends };
}

export type Sender = ReturnType<typeof createSender>;
