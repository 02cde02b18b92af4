import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8, parseJsonBytes } from '../../../server/ingest/json-body.js';
import { HttpError } from '../../../server/errors.js';

const body = { events: [{ id: 'e1', name: 'Nguyễn Thị Lan — Phòng Tư pháp' }] };
const text = JSON.stringify(body);
const utf16le = (s: string) => Buffer.from(s, 'utf16le');
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();

function refusal(bytes: Uint8Array, contentType?: string): HttpError {
  try {
    parseJsonBytes(bytes, contentType);
  } catch (err) {
    if (err instanceof HttpError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('the ingest body reader', () => {
  it('reads UTF-8 with or without a byte-order mark, and an ASCII charset label', () => {
    expect(parseJsonBytes(Buffer.from(text), 'application/json')).toEqual(body);
    expect(parseJsonBytes(Buffer.from('\ufeff' + text), undefined)).toEqual(body);
    expect(parseJsonBytes(Buffer.from(text), 'application/json; charset=UTF-8')).toEqual(body);
  });

  it('reads UTF-16 by its byte-order mark, its declared charset, or the zero bytes of its first character', () => {
    expect(parseJsonBytes(utf16le('\ufeff' + text), 'application/json')).toEqual(body);
    expect(parseJsonBytes(utf16be('\ufeff' + text), 'application/json')).toEqual(body);
    expect(parseJsonBytes(utf16le(text), 'application/json; charset=utf-16le')).toEqual(body);
    expect(parseJsonBytes(utf16be(text), 'application/json; charset="utf-16"')).toEqual(body);
    expect(parseJsonBytes(utf16le(text), undefined)).toEqual(body);
    expect(parseJsonBytes(utf16be(text), undefined)).toEqual(body);
  });

  it('refuses Latin-1 bytes sent as UTF-8, naming the byte, its offset, line and column, instead of replacing it', () => {
    const latin1 = Buffer.from('{"events": [\n{"name": "Phòng Tài chính"}]}', 'latin1');
    const err = refusal(latin1, 'application/json');
    expect(err.status).toBe(400);
    expect(err.code).toBe('invalid_encoding');
    expect(err.message).toContain('byte 0xF2 at offset 25 (line 2 column 13)');
    expect(err.message).toContain('Send UTF-8');
  });

  it('refuses a charset other than UTF-8 or UTF-16 with 415, saying what to send', () => {
    const err = refusal(Buffer.from(text), 'application/json; charset=windows-1258');
    expect(err.status).toBe(415);
    expect(err.code).toBe('unsupported_charset');
    expect(err.message).toContain('"windows-1258" is not supported: send UTF-8');
  });

  it('refuses UTF-16 with an unpaired surrogate', () => {
    const lone = Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le('{"a":"'), Buffer.from([0x00, 0xd8]), utf16le('"}')]);
    expect(refusal(lone).code).toBe('invalid_encoding');
  });

  it('answers truncated JSON with the parser\u2019s reason and position', () => {
    const err = refusal(Buffer.from(text.slice(0, 20)));
    expect(err.code).toBe('invalid_json');
    expect(err.message).toMatch(/^the request body is not valid JSON: .*position 20/);
  });

  it('finds the first byte that is not well-formed UTF-8: stray continuation, cut sequence, overlong form, surrogate', () => {
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xe1, 0xba]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xc0, 0xaf]))).toBe(2);
    expect(firstInvalidUtf8(Buffer.from([0xe0, 0x80, 0xaf]))).toBe(0);
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xed, 0xa0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.concat([Buffer.from('Nguyễn'), Buffer.from([0xe9])]))).toBe(8);
  });
});
