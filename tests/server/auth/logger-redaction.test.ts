import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../server/logger.js';

describe('createLogger', () => {
  it('redacts passwords, keys, tokens, cookies and session ids wherever they appear in a log object', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    createLogger('info', sink).info(
      {
        password: 'pw-1',
        key: 'bdt_key',
        token: 'bdd_token',
        sessionId: 'sid-1',
        csrfToken: 'csrf-1',
        req: { headers: { authorization: 'Bearer bdt_x', cookie: 'bdt_session=sid-2' } },
        body: { password: 'pw-2', displayToken: 'bdd_y', key: 'bdt_z' },
      },
      'login attempt',
    );
    const out = lines.join('');
    expect(out).toContain('login attempt');
    for (const secret of ['pw-1', 'pw-2', 'bdt_key', 'bdd_token', 'sid-1', 'sid-2', 'csrf-1', 'bdt_x', 'bdd_y', 'bdt_z'])
      expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });
});
