/**
 * The overview's answers kept as bytes (issue 15: p99 ≤ 5 ms at 168 units). Building one costs the
 * engine's figures of every scope, ≈ 90 kB of JSON and its compression; between two changes every
 * screen asking for the same view gets the same bytes. An answer is reused while the engine's revision
 * is the same (metrics/engine.ts revision(): every applied change, reclassification and new day moves
 * it) and for at most OVERVIEW_REUSE_MS of city time: what follows the clock outside the engine (the
 * forecast's horizons, the minute of "cùng kỳ", the past figures' one-minute memos) is at most that late,
 * as if the request had come that much earlier. Its `asOf` is when it was built.
 *
 * The gzip and brotli forms are made once per answer, off the event loop (zlib's thread pool), when a
 * client first asks for them; the compression middleware leaves a response with Content-Encoding alone.
 * The ETag is weak and of everything but `asOf`: a screen revalidating gets a 304 while the figures are
 * the same, whatever the encoding (Vary: Accept-Encoding keeps caches' copies apart).
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Request, Response } from 'express';
import { COMPRESS_THRESHOLD_BYTES } from './compress.js';

/** The longest an answer is reused (city time) while the engine does not change. */
export const OVERVIEW_REUSE_MS = 1_000;
/** Views kept (period × level × what the caller may see): a few per role in practice. */
export const OVERVIEW_CACHE_ENTRIES = 32;

type Encoding = 'br' | 'gzip';
const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);
// The compression middleware's levels (zlib's default for gzip, quality 4 for brotli): the same bytes on the wire.
const encode: Record<Encoding, (b: Buffer) => Promise<Buffer>> = {
  gzip: (b) => gzipAsync(b),
  br: (b) => brotliAsync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: b.length } }),
};

export interface OverviewBytes {
  /** The engine revision and the city time it was built at. */
  revision: number;
  builtAt: number;
  json: Buffer;
  etag: string;
  encoded: Map<Encoding, Promise<Buffer>>;
}

/** The JSON of `{ asOf, ...rest }` (asOf first, as the handler's object had it) and a weak ETag of `rest`. */
export function overviewBytes(asOf: string, rest: object, revision: number, builtAt: number): OverviewBytes {
  const tail = JSON.stringify(rest);
  const head = `{"asOf":${JSON.stringify(asOf)}`;
  const json = Buffer.from(tail === '{}' ? `${head}}` : `${head},${tail.slice(1)}`);
  const etag = `W/"${createHash('sha1').update(tail).digest('base64url')}"`;
  return { revision, builtAt, json, etag, encoded: new Map() };
}

/**
 * The encoding to send from an Accept-Encoding header: brotli or gzip, the one with the higher q
 * (brotli on a tie, as the compression middleware prefers it), or null for the identity.
 */
export function pickEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  const known = picked.get(header);
  if (known !== undefined) return known;
  const enc = pickEncodingOf(header);
  // Browsers send one of a few headers: each is parsed once (a bounded memo, cleared when full).
  if (picked.size >= PICKED_HEADERS) picked.clear();
  picked.set(header, enc);
  return enc;
}

const PICKED_HEADERS = 64;
const picked = new Map<string, Encoding | null>();

function pickEncodingOf(header: string): Encoding | null {
  const q: Record<string, number> = {};
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const v = qp === undefined ? 1 : Number(qp.slice(2));
    if (name) q[name] = Number.isFinite(v) ? v : 0;
  }
  const of = (e: string) => q[e] ?? q['*'] ?? 0;
  const br = of('br');
  const gz = of('gzip');
  if (br <= 0 && gz <= 0) return null;
  return br >= gz ? 'br' : 'gzip';
}

/** The answers kept per view; `revision` is the engine's, read first (it catches the engine up with the clock). */
export function createOverviewCache(opts: { revision: () => number; now: () => number; entries?: number; reuseMs?: number }) {
  const max = opts.entries ?? OVERVIEW_CACHE_ENTRIES;
  const reuseMs = opts.reuseMs ?? OVERVIEW_REUSE_MS;
  const kept = new Map<string, OverviewBytes>();
  const currentOf = (key: string, revision: number, now: number): OverviewBytes | null => {
    const hit = kept.get(key);
    return hit && hit.revision === revision && now >= hit.builtAt && now - hit.builtAt < reuseMs ? hit : null;
  };
  return {
    /**
     * The kept bytes of view `key` if still current, else null: a request answered from them needs
     * nothing else (no read of the past figures a rebuild would need).
     */
    current(key: string): OverviewBytes | null {
      return currentOf(key, opts.revision(), opts.now());
    },
    /** The bytes of view `key`: kept ones if still current, else `build(revision, now)`'s, kept. */
    get(key: string, build: (revision: number, now: number) => OverviewBytes): OverviewBytes {
      const revision = opts.revision();
      const now = opts.now();
      const hit = currentOf(key, revision, now);
      if (hit) return hit;
      const made = build(revision, now);
      kept.delete(key);
      // Oldest view out first (a Map keeps insertion order).
      if (kept.size >= max) kept.delete(kept.keys().next().value as string);
      kept.set(key, made);
      return made;
    },
    get size(): number {
      return kept.size;
    },
  };
}

/** Sends kept bytes: 304 when the caller has them, else the encoding it accepts (made once, then shared). */
export async function sendOverviewBytes(req: Request, res: Response, bytes: OverviewBytes): Promise<void> {
  res.set({ ETag: bytes.etag, 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding' });
  res.type('application/json');
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  const enc = bytes.json.length >= COMPRESS_THRESHOLD_BYTES ? pickEncoding(req.get('accept-encoding')) : null;
  if (enc === null) {
    res.send(bytes.json);
    return;
  }
  let p = bytes.encoded.get(enc);
  if (p === undefined) {
    bytes.encoded.set(enc, (p = encode[enc](bytes.json)));
    // A failed encoding is not kept: the next request tries again.
    p.catch(() => bytes.encoded.delete(enc));
  }
  const body = await p;
  res.set('Content-Encoding', enc).send(body);
}
