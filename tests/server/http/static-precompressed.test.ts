import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticClient } from '../../../server/http/static.js';

const SCRIPT = `export const greeting = ${JSON.stringify('Xin chào '.repeat(400))};\n`;

/** GET with an explicit Accept-Encoding; the body as it came over the wire (still encoded). */
function raw(url: string, acceptEncoding: string): Promise<{ res: IncomingMessage; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ res, body: Buffer.concat(parts) }));
    }).on('error', reject);
  });
}

describe('built scripts go as the build compressed them', () => {
  let base = '';
  let close = (): void => {};
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bdt-precompressed-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<html><head></head><body></body></html>');
    writeFileSync(join(dir, 'assets', 'app-1a2b.js'), SCRIPT);
    writeFileSync(join(dir, 'assets', 'app-1a2b.js.br'), brotliCompressSync(SCRIPT));
    writeFileSync(join(dir, 'assets', 'app-1a2b.js.gz'), gzipSync(SCRIPT));
    const server = express().use(staticClient(dir)).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  it('a browser that accepts brotli gets the brotli copy, typed as a script', async () => {
    const { res, body } = await raw(`${base}/assets/app-1a2b.js`, 'gzip, deflate, br, zstd');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(brotliDecompressSync(body).toString()).toBe(SCRIPT);
  });

  it('one that accepts only gzip gets the gzip copy', async () => {
    const { res, body } = await raw(`${base}/assets/app-1a2b.js`, 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(body).toString()).toBe(SCRIPT);
  });

  it('one that accepts no encoding gets the file as it is', async () => {
    const { res, body } = await raw(`${base}/assets/app-1a2b.js`, 'identity');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(body.toString()).toBe(SCRIPT);
  });

  it('a missing script is not answered with a script', async () => {
    const { res } = await raw(`${base}/assets/missing-0000.js`, 'br');
    // The SPA fallback answers unknown paths with the page; a missing asset must not be mistaken for a script.
    expect(res.headers['content-type'] ?? '').not.toMatch(/javascript/);
  });
});
