/**
 * The service index's stored side on PostgreSQL (issue 17, slice 3): a closed period's counts per code
 * with the same answers as service-index-repo.ts (over migration 003's dossiers: the same conditions,
 * each a truth value counted with FILTER where SQLite sums integers), and the portal's figures and
 * their import as portal-index-repo.ts keeps them (migration 007), an import serialised by an advisory
 * lock so that two imports at once count and bump the version as one after the other would.
 */
import type pg from 'pg';
import { INDEX_GROUPS } from '../../../shared/contract/service-index.js';
import { IXB_COMPLAINT_KNOWN } from '../../domain/service-index-facts.js';
import {
  FLOW_COUNTERS,
  F_EARLY,
  F_INDEX_BITS,
  F_LATE,
  F_ON_TIME,
  F_RECEIVED,
  F_RECEIVED_ONLINE,
  F_SATISFACTION_BAD,
  INDEX_COUNTED_BITS,
} from '../../metrics/counters.js';
import { named } from '../pg/named-params.js';
import { asTruth } from '../service-index-drill.js';
import { inTransaction, openPgPool } from '../pg/pool.js';
import { figureOf, GROUP_COLUMNS, sameAs, VERSION_KEY, type FigureRow, type PortalImportCounts } from '../portal-index-repo.js';
import {
  ENDED_AFTER_SQL,
  endedInSql,
  indexBitSql,
  OPEN_NOW_AT_SQL,
  RECEIVED_IN_SQL,
  SATISFACTION_BAD_SQL,
  type StoredIndexCounts,
} from '../service-index-repo.js';
import type { ClosedIndexStore, IndexStore, PortalIndexStore } from './contract.js';

const count = (cond: string) => `COUNT(*) FILTER (WHERE ${cond})::int`;
const bitCounts = Array.from({ length: INDEX_COUNTED_BITS }, (_, k) => count(asTruth(indexBitSql(k)))).join(', ');

/** One code's counters and next change of a closed window in one statement: received, ended, open at the end, next due. */
const UNIT_COUNTS_SQL = `SELECT r.*, e.*,
    (SELECT COUNT(*)::int FROM dossiers WHERE unit = @unit AND ${OPEN_NOW_AT_SQL}) AS open_now,
    (SELECT COUNT(*)::int FROM dossiers WHERE unit = @unit AND ${ENDED_AFTER_SQL}) AS ended_after,
    (SELECT MIN(due_at) FROM dossiers WHERE unit = @unit AND open = 1 AND due_at >= @now AND received_at >= @from
       AND received_at < @to AND bucket != 'not_received' AND bucket != 'awaiting_supplement' AND supplement_requests <= 1
       AND ${asTruth(indexBitSql(IXB_COMPLAINT_KNOWN))}) AS next_bad
  FROM (SELECT COUNT(*)::int, ${count(`channel = 'online'`)}, ${bitCounts}, ${count(asTruth(SATISFACTION_BAD_SQL))}
        FROM dossiers WHERE unit = @unit AND ${RECEIVED_IN_SQL}) r,
       (SELECT ${count(endedInSql('early'))}, ${count(endedInSql('on_time'))}, ${count(endedInSql('late'))}
        FROM dossiers WHERE unit = @unit AND end_at >= @from AND end_at < @to) e`;

function createPgClosedIndex(pool: pg.Pool): ClosedIndexStore {
  return {
    async unitCountsBetween(unit, from, to, now) {
      const q = named(UNIT_COUNTS_SQL, { unit, from, to, now, at: to - 1 });
      const [row] = (await pool.query<number[]>({ ...q, rowMode: 'array' })).rows;
      const r = row.slice(0, 3 + INDEX_COUNTED_BITS);
      const e = row.slice(3 + INDEX_COUNTED_BITS, 6 + INDEX_COUNTED_BITS);
      const [openNow, endedAfter, nextBad] = row.slice(6 + INDEX_COUNTED_BITS) as [number, number, number | null];
      let c: StoredIndexCounts | null = null;
      const of = () => (c ??= { flow: new Int32Array(FLOW_COUNTERS), openAtEnd: 0 });
      if (r[0] > 0) {
        const f = of().flow;
        [f[F_RECEIVED], f[F_RECEIVED_ONLINE]] = r;
        for (let k = 0; k < INDEX_COUNTED_BITS; k++) f[F_INDEX_BITS + k] = r[2 + k];
        f[F_SATISFACTION_BAD] = r[2 + INDEX_COUNTED_BITS];
      }
      if (e[0] + e[1] + e[2] > 0) [of().flow[F_EARLY], of().flow[F_ON_TIME], of().flow[F_LATE]] = e;
      if (openNow + endedAfter > 0) of().openAtEnd = openNow + endedAfter;
      return c === null ? null : { ...(c as StoredIndexCounts), changesAfter: nextBad };
    },
  };
}

const FIGURE_COLUMNS = `period, code, total, ${GROUP_COLUMNS}, source, imported_at`;
const WRITTEN = ['period', 'code', 'total', ...INDEX_GROUPS, 'source', 'file_sha256', 'line', 'imported_at'];
/** An upsert of a figure: every column but the key replaced. */
const UPSERT_FIGURE = `INSERT INTO portal_index_figures (${WRITTEN.join(', ')}) VALUES (${WRITTEN.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (period, code) DO UPDATE SET ${WRITTEN.slice(2)
    .map((col) => `${col} = EXCLUDED.${col}`)
    .join(', ')}`;
/** Any constant both imports take: pg_advisory_xact_lock's key for "an import is writing". */
const IMPORT_LOCK = 1_700_017;

function createPgPortal(pool: pg.Pool): PortalIndexStore {
  const version = async (c: pg.Pool | pg.PoolClient) =>
    Number((await c.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [VERSION_KEY])).rows[0]?.value ?? 0);
  return {
    importFile: (file, accepted, rejected, at) =>
      inTransaction(pool, async (c) => {
        await c.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
        const counts: PortalImportCounts = { added: 0, replaced: 0, unchanged: 0, rejectedKept: 0 };
        for (const row of accepted) {
          const [stored] = (
            await c.query<FigureRow>(`SELECT ${FIGURE_COLUMNS} FROM portal_index_figures WHERE period = $1 AND code = $2`, [
              row.period,
              row.code,
            ])
          ).rows;
          if (stored !== undefined && sameAs(row, stored)) {
            counts.unchanged++;
            continue;
          }
          if (stored === undefined) counts.added++;
          else counts.replaced++;
          const groups = INDEX_GROUPS.map((g) => row.groups[g] ?? null);
          await c.query(UPSERT_FIGURE, [row.period, row.code, row.total, ...groups, file.source, file.sha256, row.line, at]);
        }
        for (const r of rejected) {
          const kept = await c.query(
            `INSERT INTO portal_index_rejected (file_sha256, line, source, reason, raw, imported_at) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT DO NOTHING`,
            [file.sha256, r.line, file.source, r.reason, r.raw, at],
          );
          counts.rejectedKept += kept.rowCount ?? 0;
        }
        if (counts.added + counts.replaced > 0) {
          await c.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [
            VERSION_KEY,
            String((await version(c)) + 1),
          ]);
        }
        return counts;
      }),
    async figuresOf(period) {
      const r = await pool.query<FigureRow>(`SELECT ${FIGURE_COLUMNS} FROM portal_index_figures WHERE period = $1 ORDER BY code`, [period]);
      return r.rows.map(figureOf);
    },
    version: () => version(pool),
    async rejected() {
      const r = await pool.query<{ line: number; reason: string; raw: string; source: string; imported_at: number }>(
        'SELECT line, reason, raw, source, imported_at FROM portal_index_rejected ORDER BY imported_at, line',
      );
      return r.rows.map((x) => ({ line: x.line, reason: x.reason, raw: x.raw, source: x.source, importedAt: x.imported_at }));
    },
  };
}

export function createPgIndexStore(pool: pg.Pool): IndexStore {
  return { engine: 'postgres', closed: createPgClosedIndex(pool), portal: createPgPortal(pool), close: () => pool.end() };
}

/** Connects to `url`, applies the PostgreSQL migrations, and answers the store. */
export async function openPgIndexStore(url: string, opts: { maxConnections?: number } = {}): Promise<IndexStore> {
  return createPgIndexStore(await openPgPool(url, opts.maxConnections));
}
