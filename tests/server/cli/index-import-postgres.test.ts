/**
 * npm run index:import with DATABASE_URL (issue 17), as a user runs it against a real PostgreSQL
 * server: the figures, the rejected rows and the audit row go to PostgreSQL (its migrations applied by
 * the tool), a second import of the same file adds nothing, and no SQLite file is written.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPgAccessStore } from '../../../server/db/access-store/pg-access-store.js';
import { createPgIndexStore } from '../../../server/db/index-store/pg-index-store.js';
import { openPgPool } from '../../../server/db/pg/pool.js';
import { cliWorkspace } from '../../helpers/cli.js';
import { usePostgres } from '../../helpers/on-postgres.js';

const { work, dbFile, run } = cliWorkspace('index-import-pg-');
const postgres = usePostgres();

const FILE = [
  'unit,period,total,transparency,progress,online,payment,digitisation,satisfaction',
  '26740,2026-10,85.16,16.5,18.79,10,8,17.37,14.5',
  '99999,2026-10,80,,,,,,',
  'STP,2026-Q3,72.5,,,,,,',
].join('\n');

describe('npm run index:import on PostgreSQL', { timeout: 180_000 }, () => {
  it('stores the figures, the rejected row and the audit row in PostgreSQL, and nothing twice', async () => {
    const url = await postgres.database('index_import');
    const path = join(work, 'portal.csv');
    writeFileSync(path, FILE);
    const first = run('index-import', [path], { DATABASE_URL: url });
    expect(first.code, first.stderr).toBe(1);
    expect(first.stdout).toContain('Accepted (đã nhận) 2 row(s): 2 new, 0 replaced, 0 unchanged. Rejected 1 row(s)');
    const again = run('index-import', [path], { DATABASE_URL: url });
    expect(again.stdout).toContain('Accepted (đã nhận) 2 row(s): 0 new, 0 replaced, 2 unchanged.');
    const pool = await openPgPool(url);
    try {
      const { portal } = createPgIndexStore(pool);
      expect((await portal.figuresOf('2026-10')).map((f) => [f.code, f.total, f.groups.online])).toEqual([['26740', 85.16, 10]]);
      expect((await portal.figuresOf('2026-Q3')).map((f) => f.code)).toEqual(['STP']);
      expect((await portal.rejected()).map((r) => r.line)).toEqual([3]);
      expect(await portal.version()).toBe(1);
      const audit = await createPgAccessStore(pool).audit.page({ action: 'portal_index.imported', actor: null, limit: 5, offset: 0 });
      expect(audit.items).toHaveLength(2);
      expect(audit.items[0]).toMatchObject({ target: 'portal.csv', ip: 'cli' });
      expect(audit.items[0].actor).toMatch(/^cli:/);
    } finally {
      await pool.end();
    }
    expect(existsSync(dbFile)).toBe(false);
  });
});
