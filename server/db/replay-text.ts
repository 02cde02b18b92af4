/**
 * A checkpoint's text as stored (issue 16): ASCII only, its few non-ASCII characters (handlers' and
 * procedures' Vietnamese names, once each in a checkpoint's string table) written as JSON \u escapes.
 * A cold replay decodes up to ≈ 3.5 MB of checkpoint text; as UTF-8 with Vietnamese in it, that text
 * becomes a two-byte string, slower both to decode and to parse (≈ 60 → 40 ms of CPU per chain on
 * this machine); ASCII bytes become a one-byte string as a plain copy. The escapes add ≈ 1 % of bytes.
 */
import { isAscii } from 'node:buffer';
import { asciiJson } from '../metrics/replay-codec.js';

/** JSON text as ASCII bytes: text already ASCII is copied as it is (checked on the bytes, ≈ 1 ms for 3 MB). */
export function asciiJsonBytes(json: string): Buffer {
  const utf8 = Buffer.from(json, 'utf8');
  return isAscii(utf8) ? utf8 : Buffer.from(asciiJson(json), 'latin1');
}

/** A stored checkpoint's text: ASCII as a one-byte copy; rows written before as UTF-8. */
export function storedText(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}
