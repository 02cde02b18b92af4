/** JSON with object keys sorted, so the same content always compares the same whatever the sender's key order. */
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

/**
 * Whether a resent event has the content of the one logged under its id (`logged`: the stored
 * payload), whatever the key order of either.
 */
export function sameContent(logged: string, resent: string): boolean {
  return logged === resent || canonicalJson(JSON.parse(logged)) === canonicalJson(JSON.parse(resent));
}
