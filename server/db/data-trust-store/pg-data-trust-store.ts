/**
 * Data trust on PostgreSQL (issue 17, slice 3): the repository's reads and a review with the same
 * answers (tests/server/db/data-trust-store.shared.ts), over migration 006, in PostgreSQL's words
 * (counts with FILTER, rows as arrays for the flag tuples the repository reads).
 */
import type pg from 'pg';
import { FLAG_COLUMNS, storedFlag, whereOf, type FlagTuple } from '../data-trust-repo.js';
import { named } from '../pg/named-params.js';
import { openPgPool } from '../pg/pool.js';
import type { DataTrustRule } from '../../../shared/contract/data-trust.js';
import type { DataTrustStore, UnitDayRow } from './contract.js';

const FLAGS = 'data_trust_flags f LEFT JOIN data_trust_reviews r ON r.flag_id = f.id';

export function createPgDataTrustStore(pool: pg.Pool): DataTrustStore {
  const tuples = async (text: string, values: unknown[]) => (await pool.query<FlagTuple>({ text, values, rowMode: 'array' })).rows;
  return {
    engine: 'postgres',
    async unitDays(fromDay, toDay) {
      const r = await pool.query<UnitDayRow>(
        `SELECT unit, day, received, finished, on_time AS "onTime" FROM data_trust_unit_days WHERE day >= $1 AND day <= $2 ORDER BY unit, day`,
        [fromDay, toDay],
      );
      return r.rows;
    },
    async flagsBetween(from, to) {
      const r = await pool.query(
        `SELECT f.unit, f.dossier_id AS "dossierId", f.rule, r.verdict FROM ${FLAGS} WHERE f.received_at >= $1 AND f.received_at < $2`,
        [from, to],
      );
      return r.rows;
    },
    async flagsPage(q) {
      const params = { unit: q.unit, from: q.from, to: q.to, rule: q.rule, status: q.status };
      const [byRule, total, rows] = await Promise.all([
        pool.query<{ rule: DataTrustRule; flags: number; open: number }>(
          named(
            `SELECT f.rule AS rule, COUNT(*)::int AS flags, COUNT(*) FILTER (WHERE r.verdict IS NULL)::int AS open
             FROM ${FLAGS} WHERE ${whereOf(q, false, false)} GROUP BY f.rule`,
            params,
          ),
        ),
        pool.query<{ n: number }>(named(`SELECT COUNT(*)::int AS n FROM ${FLAGS} WHERE ${whereOf(q, true, true)}`, params)),
        pool.query<FlagTuple>({
          ...named(
            `SELECT ${FLAG_COLUMNS} FROM ${FLAGS} WHERE ${whereOf(q, true, true)} ORDER BY f.raised_at DESC, f.id LIMIT @limit OFFSET @offset`,
            { ...params, limit: q.limit, offset: q.offset },
          ),
          rowMode: 'array',
        }),
      ]);
      return { total: total.rows[0].n, items: rows.rows.map(storedFlag), byRule: byRule.rows };
    },
    async flag(id) {
      const [r] = await tuples(`SELECT ${FLAG_COLUMNS} FROM ${FLAGS} WHERE f.id = $1`, [id]);
      return r ? storedFlag(r) : null;
    },
    async review(flagId, verdict, note, by, at) {
      await pool.query(
        `INSERT INTO data_trust_reviews (flag_id, verdict, note, by_user, at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (flag_id) DO UPDATE SET verdict = EXCLUDED.verdict, note = EXCLUDED.note, by_user = EXCLUDED.by_user, at = EXCLUDED.at`,
        [flagId, verdict, note, by, at],
      );
    },
    allFlags: async () => (await tuples(`SELECT ${FLAG_COLUMNS} FROM ${FLAGS} ORDER BY f.id`, [])).map(storedFlag),
    close: () => pool.end(),
  };
}

/** Connects to `url`, applies the PostgreSQL migrations, and answers the store. */
export async function openPgDataTrustStore(url: string, opts: { maxConnections?: number } = {}): Promise<DataTrustStore> {
  return createPgDataTrustStore(await openPgPool(url, opts.maxConnections));
}
