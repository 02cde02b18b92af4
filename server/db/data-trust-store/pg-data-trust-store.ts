/**
 * Data trust on PostgreSQL (issue 17, slice 3): the repository's reads and a review with the same
 * answers (tests/server/db/data-trust-store.shared.ts), over migration 006, in PostgreSQL's words
 * (counts with FILTER, rows as arrays for the flag tuples the repository reads).
 */
import type pg from 'pg';
import { FLAG_COLUMNS, storedFlag, whereOf, type FlagTuple } from '../data-trust-repo.js';
import { named } from '../pg/named-params.js';
import { inTransaction, openPgPool } from '../pg/pool.js';
import type { DataTrustRule } from '../../../shared/contract/data-trust.js';
import { JUMP_EVALUATED_KEY, type DataTrustStore, type FlagRow, type UnitDayRow } from './contract.js';

const FLAGS = 'data_trust_flags f LEFT JOIN data_trust_reviews r ON r.flag_id = f.id';
/** The daily-jump sweep's advisory lock: "jump" in ASCII. */
const JUMP_LOCK = 0x6a756d70;

/** See DataTrustStore.recordDailyJumps: under one lock, so two nodes' sweeps write the same days once. */
async function recordDailyJumps(pool: pg.Pool, flags: readonly FlagRow[], from: number | null, to: number): Promise<boolean> {
  return inTransaction(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [JUMP_LOCK]);
    const stored = (await c.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [JUMP_EVALUATED_KEY])).rows[0];
    if ((stored ? Number(stored.value) : null) !== from) return false;
    if (flags.length) {
      const col = <T>(fn: (f: FlagRow) => T) => flags.map(fn);
      await c.query(
        `INSERT INTO data_trust_flags (id, rule, unit, dossier_id, received_at, official_id, official_name, raised_at, evidence)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[], $8::bigint[], $9::text[])
         ON CONFLICT (id) DO UPDATE SET rule = EXCLUDED.rule, unit = EXCLUDED.unit, received_at = EXCLUDED.received_at,
           official_id = EXCLUDED.official_id, official_name = EXCLUDED.official_name, raised_at = EXCLUDED.raised_at, evidence = EXCLUDED.evidence`,
        [
          col((f) => f.id),
          col((f) => f.rule),
          col((f) => f.unit),
          col((f) => f.dossierId),
          col((f) => f.receivedAt),
          col((f) => f.official?.id ?? null),
          col((f) => f.official?.name ?? null),
          col((f) => f.raisedAt),
          col((f) => JSON.stringify(f.evidence)),
        ],
      );
    }
    await c.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [
      JUMP_EVALUATED_KEY,
      String(to),
    ]);
    return true;
  });
}

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
    async jumpEvaluatedDay() {
      const r = await pool.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [JUMP_EVALUATED_KEY]);
      return r.rows[0] ? Number(r.rows[0].value) : null;
    },
    recordDailyJumps: (flags, from, to) => recordDailyJumps(pool, flags, from, to),
    allFlags: async () => (await tuples(`SELECT ${FLAG_COLUMNS} FROM ${FLAGS} ORDER BY f.id`, [])).map(storedFlag),
    close: () => pool.end(),
  };
}

/** Connects to `url`, applies the PostgreSQL migrations, and answers the store. */
export async function openPgDataTrustStore(url: string, opts: { maxConnections?: number } = {}): Promise<DataTrustStore> {
  return createPgDataTrustStore(await openPgPool(url, opts.maxConnections));
}
