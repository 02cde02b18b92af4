import express, { type RequestHandler } from 'express';
import { HttpError } from '../errors.js';

/**
 * The ingest body reader: the bytes as sent, decoded strictly, then parsed. express.json would decode
 * a Latin-1 or Windows-1258 body labelled (or assumed) UTF-8 with replacement characters and log the
 * names mangled, and answers a charset it does not know with an unexplained 415; here a body is UTF-8
 * (a byte-order mark allowed) or UTF-16 (by its byte-order mark, its charset, or RFC 4627's zero-byte
 * pattern), and anything else is refused saying which byte, where, and what to send instead.
 */
export function ingestJsonBody(limit: string): RequestHandler[] {
  const raw = express.raw({ type: () => true, limit });
  const parse: RequestHandler = (req, _res, next) => {
    const bytes: unknown = req.body;
    if (!Buffer.isBuffer(bytes) || bytes.length === 0) {
      req.body = undefined;
      return next();
    }
    req.body = parseJsonBytes(bytes, req.get('content-type'));
    next();
  };
  return [raw, parse];
}

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** Decodes and parses a JSON body; throws a 400 (`invalid_encoding`, `invalid_json`) or 415 (`unsupported_charset`) saying what and where. */
export function parseJsonBytes(bytes: Uint8Array, contentType: string | undefined): unknown {
  const { encoding, skip } = encodingOf(bytes, charsetOf(contentType));
  const body = bytes.subarray(skip);
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    throw new HttpError(400, 'invalid_encoding', encodingMessage(encoding, body));
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    // The parser's reason says where ("… at position 11 (line 1 column 12)"): a source can find the fault.
    throw new HttpError(400, 'invalid_json', `the request body is not valid JSON: ${(err as Error).message}`);
  }
}

function charsetOf(contentType: string | undefined): string | null {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '');
  return m ? m[1].toLowerCase() : null;
}

/** The byte-order mark decides; else the declared charset; else RFC 4627's pattern of zero bytes; else UTF-8. */
function encodingOf(b: Uint8Array, charset: string | null): { encoding: Encoding; skip: number } {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  const zeros = b.length >= 2 ? (b[0] === 0 && b[1] !== 0 ? 'utf-16be' : b[0] !== 0 && b[1] === 0 ? 'utf-16le' : null) : null;
  if (charset === null || charset === 'utf-8' || charset === 'utf8' || charset === 'us-ascii') {
    return { encoding: zeros ?? 'utf-8', skip: 0 };
  }
  if (charset === 'utf-16le' || charset === 'utf-16be') return { encoding: charset, skip: 0 };
  if (charset === 'utf-16') return { encoding: zeros ?? 'utf-16be', skip: 0 };
  throw new HttpError(
    415,
    'unsupported_charset',
    `the request body's charset "${charset.slice(0, 40)}" is not supported: send UTF-8 (or UTF-16 with a byte-order mark); nothing of this request was logged`,
  );
}

function encodingMessage(encoding: Encoding, b: Uint8Array): string {
  if (encoding !== 'utf-8') {
    return `the request body is not valid ${encoding.toUpperCase()} (an unpaired surrogate or an odd number of bytes); nothing of this request was logged`;
  }
  const at = firstInvalidUtf8(b);
  const { line, column } = lineAndColumn(b, at);
  return (
    `the request body is not valid UTF-8: byte 0x${b[at].toString(16).toUpperCase().padStart(2, '0')} at offset ${at} ` +
    `(line ${line} column ${column}) does not belong to a UTF-8 character — is it Latin-1, Windows-1258 or TCVN3 text? ` +
    'Send UTF-8 (or UTF-16 with a byte-order mark); nothing of this request was logged'
  );
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence (the body is known to hold one). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    const len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
    }
    // Overlong three- and four-byte forms, surrogates and code points past U+10FFFF.
    const c1 = b[i + 1];
    if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f) || (c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f)) return i;
    i += len;
  }
  return Math.max(0, b.length - 1);
}

function lineAndColumn(b: Uint8Array, at: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < at; i++) {
    if (b[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: at - start + 1 };
}
