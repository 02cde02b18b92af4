/**
 * A checkpoint's text as stored (issue 16): ASCII only, its few non-ASCII characters (handlers' and
 * procedures' Vietnamese names, once each in a checkpoint's string table) written as JSON \u escapes.
 * A cold replay decodes up to ≈ 3.5 MB of checkpoint text; as UTF-8 with Vietnamese in it, that text
 * becomes a two-byte string, slower both to decode and to parse (≈ 60 → 40 ms of CPU per chain on
 * this machine); ASCII bytes become a one-byte string as a plain copy. The escapes add ≈ 1 % of bytes.
 */
import { isAscii } from 'node:buffer';

const NON_ASCII = /[\u0080-\uffff]/g;

const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * JSON text (as JSON.stringify writes it) as ASCII bytes: a non-ASCII character only occurs inside a
 * JSON string, where its \u escape parses back to the same character (a surrogate pair as two escapes).
 */
export function asciiJsonBytes(json: string): Buffer {
  return Buffer.from(json.replace(NON_ASCII, escape), 'latin1');
}

/** A stored checkpoint's text: ASCII as a one-byte copy; rows written before as UTF-8. */
export function storedText(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}
