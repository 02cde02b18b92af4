/**
 * The first page's API answers, asked for as soon as the scripts run. The server names the same URLs in
 * index.html's preload links (server/http/index-preloads.ts), so by then they are usually downloaded;
 * main.tsx waits a moment for them and the first render draws the figures at once, instead of rendering
 * empty, asking in effects and rendering everything again (on a throttled phone, one whole render less).
 */
import { getJson, type FetchLike } from './client';

/**
 * How long a first answer stands in for a new request. Within this, it is as fresh as one: the overview's
 * own refresh is every minute and live changes arrive over the socket. Past it, a view that mounts asks again.
 */
export const FIRST_ANSWER_TTL_MS = 10_000;

interface Entry {
  promise: Promise<unknown>;
  /** Set once answered (a failure drops the entry: the normal path asks again and reports the error). */
  value?: unknown;
  answeredAt?: number;
}

const entries = new Map<string, Entry>();
let now: () => number = () => Date.now();

/** The `as="fetch"` preload links of the document whose media (if any) match: same-origin paths with their query. */
export function preloadedApiPaths(doc: Document, matches: (media: string) => boolean = (m) => window.matchMedia(m).matches): string[] {
  const paths: string[] = [];
  for (const link of doc.querySelectorAll<HTMLLinkElement>('link[rel="preload"][as="fetch"]')) {
    if (link.media && !matches(link.media)) continue;
    const href = link.getAttribute('href');
    if (href?.startsWith('/api/')) paths.push(href);
  }
  return paths;
}

/**
 * Starts a GET for each path (a preloaded one is served from the browser's preload cache) and resolves
 * once all have answered or failed; never rejects.
 */
export function askFirstAnswers(paths: readonly string[], opts: { fetchImpl?: FetchLike; clock?: () => number } = {}): Promise<void> {
  if (opts.clock) now = opts.clock;
  const all = paths.map((path) => {
    const entry: Entry = { promise: getJson(path, { fetchImpl: opts.fetchImpl }) };
    entries.set(path, entry);
    return entry.promise.then(
      (value) => {
        entry.value = value;
        entry.answeredAt = now();
      },
      () => {
        if (entries.get(path) === entry) entries.delete(path);
      },
    );
  });
  return Promise.all(all).then(() => undefined);
}

function fresh(path: string): Entry | undefined {
  const entry = entries.get(path);
  if (!entry) return undefined;
  if (entry.answeredAt !== undefined && now() - entry.answeredAt > FIRST_ANSWER_TTL_MS) {
    entries.delete(path);
    return undefined;
  }
  return entry;
}

/** The first answer for `path` if it has arrived and is fresh (for a view's first render). */
export function firstAnswerNow<T>(path: string): T | undefined {
  const entry = fresh(path);
  return entry && entry.answeredAt !== undefined ? (entry.value as T) : undefined;
}

/** The first request for `path` (answered or still in flight) if there is a fresh one, instead of asking again. */
export function firstAnswer<T>(path: string): Promise<T> | undefined {
  return fresh(path)?.promise as Promise<T> | undefined;
}

/** Like firstAnswer, but only once: for a read whose later calls must reach the server (who is signed in). */
export function takeFirstAnswer<T>(path: string): Promise<T> | undefined {
  const p = firstAnswer<T>(path);
  entries.delete(path);
  return p;
}

/** Forgets every first answer (tests; a sign-in or sign-out, after which they belong to someone else). */
export function forgetFirstAnswers(): void {
  entries.clear();
}
