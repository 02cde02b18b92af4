import { createHash, randomBytes } from 'node:crypto';

/** A new source key: 32 random bytes, shown once to whoever creates the source. */
export function generateSourceKey(): string {
  return `bdt_${randomBytes(32).toString('base64url')}`;
}

/**
 * Keys are long random secrets (not passwords), so a fast SHA-256 is the right hash: it cannot be
 * brute-forced from the store, and it lets every request find its source with one indexed lookup.
 */
export function hashSourceKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export interface BootstrapKey {
  name: string;
  kind: 'dossier' | 'task';
  secret: string;
}

/** Parses INGEST_KEYS="name:kind:secret,...". Throws with the offending entry when malformed. */
export function parseIngestKeys(value: string | undefined): BootstrapKey[] {
  if (!value?.trim()) return [];
  return value.split(',').map((entry, i) => {
    const parts = entry.trim().split(':');
    const [name, kind, ...rest] = parts;
    const secret = rest.join(':');
    if (!name || (kind !== 'dossier' && kind !== 'task') || secret.length < 16) {
      throw new Error(
        `INGEST_KEYS entry ${i + 1} ("${name ?? ''}:${kind ?? ''}:…") must be name:dossier|task:secret with a secret of at least 16 characters`,
      );
    }
    return { name, kind, secret };
  });
}
