/**
 * The pushed alerts on PostgreSQL (issue 17), over pg-migrations/009_at_risk_pushed.sql: the same
 * answers as SQLite's repository (tests/server/db/at-risk-store.shared.ts). A step's pushes are one
 * statement (arrays unnested), so they are recorded all or none; a push two nodes record is kept once.
 */
import type pg from 'pg';
import { openPgPool } from '../pg/pool.js';
import type { AtRiskPushed, AtRiskStore } from './contract.js';

export function createPgAtRiskStore(pool: pg.Pool): AtRiskStore {
  return {
    engine: 'postgres',
    async record(rows, pushedAt) {
      if (rows.length === 0) return;
      await pool.query(
        `INSERT INTO at_risk_pushed (dossier_id, due_at, pushed_at)
         SELECT id, due, $3 FROM unnest($1::text[], $2::bigint[]) AS r(id, due)
         ON CONFLICT (dossier_id, due_at) DO NOTHING`,
        [rows.map((r) => r.id), rows.map((r) => r.dueAt), pushedAt],
      );
    },
    current: async (from) =>
      (
        await pool.query<AtRiskPushed>(
          'SELECT dossier_id AS id, due_at AS "dueAt" FROM at_risk_pushed WHERE due_at >= $1 ORDER BY due_at, dossier_id',
          [from],
        )
      ).rows,
    prune: async (before) => (await pool.query('DELETE FROM at_risk_pushed WHERE due_at < $1', [before])).rowCount ?? 0,
    close: () => pool.end(),
  };
}

/** Connects to `url`, applies the PostgreSQL migrations, and answers the store. */
export async function openPgAtRiskStore(url: string, opts: { maxConnections?: number } = {}): Promise<AtRiskStore> {
  return createPgAtRiskStore(await openPgPool(url, opts.maxConnections));
}
