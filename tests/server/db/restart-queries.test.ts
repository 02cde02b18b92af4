import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/connection.js';
import { createStore } from '../../../server/db/store.js';

/** The SQL the store prepares, captured while it is built (so the test follows the repository's queries). */
function restoreQueries(): { plans: Map<string, string>; close(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'bdt-plan-'));
  const db = openDatabase(join(dir, 'x.db'));
  const sqls: string[] = [];
  const prepare = db.prepare.bind(db);
  (db as unknown as { prepare: (sql: string) => unknown }).prepare = (sql: string) => {
    sqls.push(sql);
    return prepare(sql);
  };
  createStore(db);
  const plans = new Map<string, string>();
  for (const sql of sqls.map((q) => q.replace(/\s+/g, ' ').trim())) {
    if (!/^SELECT/.test(sql) || !/FROM dossiers/.test(sql) || !(/GROUP BY/.test(sql) || /WHERE open = 1$/.test(sql))) continue;
    const plan = (prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');
    plans.set(sql, plan);
  }
  return {
    plans,
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('the restart queries', () => {
  it('read finished dossiers as groups from covering partial indexes, in group order, and open ones by index', () => {
    const { plans, close } = restoreQueries();
    try {
      const grouped = [...plans].filter(([sql]) => /GROUP BY/.test(sql));
      expect(grouped.length).toBe(4);
      for (const [sql, plan] of grouped) {
        expect(plan, sql).toMatch(/^SCAN dossiers USING COVERING INDEX dossiers_finished_\w+$/);
        expect(plan, sql).not.toContain('TEMP B-TREE');
      }
      const open = [...plans].filter(([sql]) => /WHERE open = 1$/.test(sql));
      expect(open.map(([, plan]) => plan)).toEqual(['SEARCH dossiers USING INDEX dossiers_open (open=?)']);
    } finally {
      close();
    }
  });
});
