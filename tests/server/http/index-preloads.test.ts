import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { firstRequests, withPreloads } from '../../../server/http/index-preloads.js';
import { staticClient } from '../../../server/http/static.js';

describe('the first API answers named in index.html', () => {
  it('the overview asks for its period, month when the link names none, as the client does', () => {
    expect(firstRequests('/', new URLSearchParams())).toContain('/api/v1/overview?period=month');
    expect(firstRequests('/', new URLSearchParams('period=today&layout=tiles'))).toContain('/api/v1/overview?period=today');
  });

  it('a period the client does not know gets no overview preload (it would be fetched for nothing)', () => {
    expect(firstRequests('/', new URLSearchParams('period=decade')).some((u) => u.includes('/overview'))).toBe(false);
  });

  it('a province link of a national pack preloads that province’s overview, in the client’s own URL', () => {
    const provinces = new Set(['01', '79']);
    expect(firstRequests('/', new URLSearchParams('province=01'), provinces)).toContain('/api/v1/overview?period=month&province=01');
    expect(firstRequests('/', new URLSearchParams('province=79&period=today'), provinces)).toContain(
      '/api/v1/overview?period=today&province=79',
    );
    expect(firstRequests('/', new URLSearchParams('period=today'), provinces)).toContain('/api/v1/overview?period=today');
  });

  it('an unknown province, or a province link in a city pack, preloads the top level (what the client draws then)', () => {
    expect(firstRequests('/', new URLSearchParams('province=99'), new Set(['01']))).toContain('/api/v1/overview?period=month');
    expect(firstRequests('/', new URLSearchParams('province=01'))).toContain('/api/v1/overview?period=month');
  });

  it('other pages preload only who is signed in and the client settings', () => {
    expect(firstRequests('/units/26734', new URLSearchParams())).toEqual(['/api/v1/auth/me', '/api/v1/client-config']);
  });

  it('the links go in the head, as same-origin fetches the client request matches', () => {
    const html = withPreloads('<html><head><title>x</title></head><body></body></html>', ['/api/v1/auth/me']);
    expect(html).toBe(
      '<html><head><title>x</title><link rel="preload" href="/api/v1/auth/me" as="fetch" crossorigin="anonymous" /></head><body></body></html>',
    );
  });

  it('the served page carries them, uncached, and follows a new build of index.html', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bdt-static-'));
    writeFileSync(join(dir, 'index.html'), '<html><head></head><body>one</body></html>');
    const app = express().use(staticClient(dir));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const res = await fetch(`${base}/?period=week`);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const body = await res.text();
      expect(body).toContain('<link rel="preload" href="/api/v1/overview?period=week" as="fetch" crossorigin="anonymous" />');
      expect(body).toContain('one');
      // A new build: a later modification time.
      writeFileSync(join(dir, 'index.html'), '<html><head></head><body>two</body></html>');
      const later = new Date(Date.now() + 5_000);
      (await import('node:fs')).utimesSync(join(dir, 'index.html'), later, later);
      expect(await (await fetch(`${base}/units/26734`)).text()).toContain('two');
    } finally {
      server.close();
    }
  });
});
