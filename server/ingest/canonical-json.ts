import { hash } from 'node:crypto';

/** JSON with object keys sorted, so the same content always hashes the same whatever the sender's key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/** Short content hash used to tell a duplicate (same id, same content) from a conflict. */
export function contentHash(canonical: string): string {
  // The one-shot crypto.hash is several times cheaper than createHash() for short inputs; same digest.
  return hash('sha1', canonical, 'base64url');
}
