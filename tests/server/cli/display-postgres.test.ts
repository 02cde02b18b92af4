/**
 * npm run display:add and display:revoke with DATABASE_URL (issue 17), as a user runs them against a
 * real PostgreSQL server: the display, its token's hash, its revocation and the audit rows go to
 * PostgreSQL (the tool applies its migrations), and no SQLite file is written.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPgAccessStore } from '../../../server/db/access-store/pg-access-store.js';
import { openPgPool } from '../../../server/db/pg/pool.js';
import { createPgWallStore } from '../../../server/db/wall-store/pg-wall-store.js';
import { hashDisplayToken } from '../../../server/wall/display-tokens.js';
import { cliWorkspace } from '../../helpers/cli.js';
import { usePostgres } from '../../helpers/on-postgres.js';

const { dbFile, run } = cliWorkspace('display-pg-');
const postgres = usePostgres();

describe('npm run display:add and display:revoke on PostgreSQL', { timeout: 180_000 }, () => {
  it('adds a display whose printed token PostgreSQL knows, refuses the name twice, and revokes it there', async () => {
    const url = await postgres.database('displays');
    const env = { DATABASE_URL: url };
    const added = run('display-add', ['--name', 'ops-room', '--scope', 'city'], env);
    expect(added.code, added.stderr).toBe(0);
    const token = added.stdout.split('\n')[2].trim();
    expect(run('display-add', ['--name', 'ops-room', '--scope', 'city'], env).code).toBe(1);
    const pool = await openPgPool(url);
    try {
      const { displays } = createPgWallStore(pool);
      expect(await displays.findActiveByTokenHash(hashDisplayToken(token))).toMatchObject({ name: 'ops-room', scope: 'city' });
      const revoked = run('display-revoke', ['--name', 'ops-room'], env);
      expect(revoked.code, revoked.stderr).toBe(0);
      expect(await displays.findActiveByTokenHash(hashDisplayToken(token))).toBeNull();
      expect(run('display-revoke', ['--name', 'ops-room'], env).code).toBe(1);
      const audit = await createPgAccessStore(pool).audit.page({ action: null, actor: null, limit: 10, offset: 0 });
      expect(audit.items.map((a) => a.action).sort()).toEqual(['display.created', 'display.revoked']);
    } finally {
      await pool.end();
    }
    expect(existsSync(dbFile)).toBe(false);
  });
});
