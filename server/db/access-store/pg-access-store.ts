/**
 * Users, their sessions, sources and the audit log on PostgreSQL (issue 17, slice 3): the same answers as the SQLite
 * repositories (tests/server/db/access-store.shared.ts). Sources are the write path's table
 * (pg-migrations/001); users and the audit log are migration 002's.
 */
import type pg from 'pg';
import { openPgPool } from '../pg/pool.js';
import type { AccessStore, AuditFilter, AuditRow, AuditStore, SourceRow, SourceSettings, SourcesStore } from './contract.js';
import { createPgSessionsStore } from './pg-sessions-store.js';
import { createPgUsersStore } from './pg-users-store.js';

const SOURCE_SELECT = `SELECT id, name, kind, created_at AS "createdAt", revoked_at AS "revokedAt", last_event_at AS "lastEventAt",
  last_seen_at AS "lastSeenAt", units, silent_after_ms AS "silentAfterMs", hours, history_load AS "historyLoad" FROM sources`;

type RawSource = Omit<SourceRow, 'units'> & { units: string | null };
const toSource = (r: RawSource): SourceRow => ({ ...r, units: r.units ? r.units.split(',') : null });
/** Units as stored: comma-separated codes, NULL (none given) for any unit. */
const unitsText = (units: readonly string[] | null | undefined) => (units?.length ? units.join(',') : null);

/** The SET clause of the settings given (an absent field is kept), and its parameters after the name ($1). */
function settingsSet(s: SourceSettings): { set: string[]; params: unknown[] } {
  const fields: [string, unknown][] = [];
  if (s.silentAfterMs !== undefined) fields.push(['silent_after_ms', s.silentAfterMs]);
  if (s.hours !== undefined) fields.push(['hours', s.hours]);
  if (s.units !== undefined) fields.push(['units', unitsText(s.units)]);
  if (s.historyLoad !== undefined) fields.push(['history_load', s.historyLoad]);
  return { set: fields.map(([col], i) => `${col} = $${i + 2}`), params: fields.map(([, v]) => v) };
}

function createPgSourcesStore(pool: pg.Pool): SourcesStore {
  const oneSource = async (where: string, params: unknown[]) => {
    const r = await pool.query<RawSource>(`${SOURCE_SELECT} WHERE ${where}`, params);
    return r.rows[0] ? toSource(r.rows[0]) : null;
  };
  return {
    async create(name, kind, keyHash, now, units = null, silence = {}) {
      const r = await pool.query<{ id: number }>(
        `INSERT INTO sources (name, kind, key_hash, created_at, units, silent_after_ms, hours, history_load)
         VALUES ($1, $2, $3, $4, $5, $6, COALESCE($7, 'office'), $8) RETURNING id`,
        [name, kind, keyHash, now, unitsText(units), silence.silentAfterMs ?? null, silence.hours ?? null, silence.historyLoad ?? false],
      );
      return (await oneSource('id = $1', [r.rows[0].id]))!;
    },
    async upsertKey(name, kind, keyHash, now) {
      // A known name gets the new key and kind and is no longer revoked; its other settings are kept.
      await pool.query(
        `INSERT INTO sources (name, kind, key_hash, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (name) DO UPDATE SET key_hash = EXCLUDED.key_hash, kind = EXCLUDED.kind, revoked_at = NULL`,
        [name, kind, keyHash, now],
      );
      return (await oneSource('name = $1', [name]))!;
    },
    findActiveByKeyHash: (keyHash) => oneSource('key_hash = $1 AND revoked_at IS NULL', [keyHash]),
    findByName: (name) => oneSource('name = $1', [name]),
    list: async () => (await pool.query<RawSource>(`${SOURCE_SELECT} ORDER BY name COLLATE "C"`)).rows.map(toSource),
    async update(name, settings) {
      const { set, params } = settingsSet(settings);
      const r = set.length
        ? await pool.query(`UPDATE sources SET ${set.join(', ')} WHERE name = $1`, [name, ...params])
        : await pool.query('SELECT 1 FROM sources WHERE name = $1', [name]);
      return (r.rowCount ?? 0) > 0;
    },
    async revoke(name, now) {
      const r = await pool.query('UPDATE sources SET revoked_at = $2 WHERE name = $1 AND revoked_at IS NULL', [name, now]);
      return (r.rowCount ?? 0) > 0;
    },
  };
}

const AUDIT_WHERE = `WHERE ($1::text IS NULL OR action = $1) AND ($2::text IS NULL OR actor = $2)
  AND ($3::bigint IS NULL OR at >= $3) AND ($4::bigint IS NULL OR at < $4)`;
const auditParams = (q: AuditFilter) => [q.action ?? null, q.actor ?? null, q.from ?? null, q.to ?? null];
type RawAudit = Omit<AuditRow, 'details'> & { details: string | null };

function createPgAuditStore(pool: pg.Pool): AuditStore {
  return {
    async add(e) {
      await pool.query(
        'INSERT INTO audit_log (at, actor, role, action, target, outcome, ip, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [e.at, e.actor, e.role, e.action, e.target, e.outcome, e.ip, e.details ? JSON.stringify(e.details) : null],
      );
    },
    async page(q) {
      const p = auditParams(q);
      const [rows, count] = await Promise.all([
        pool.query<RawAudit>(`SELECT * FROM audit_log ${AUDIT_WHERE} ORDER BY id DESC LIMIT $5 OFFSET $6`, [...p, q.limit, q.offset]),
        pool.query<{ n: number }>(`SELECT COUNT(*) AS n FROM audit_log ${AUDIT_WHERE}`, p),
      ]);
      const items = rows.rows.map((r) => ({ ...r, details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null }));
      return { total: count.rows[0].n, items };
    },
    actions: async () =>
      (await pool.query<{ action: string }>('SELECT action FROM audit_log GROUP BY action ORDER BY action COLLATE "C"')).rows.map(
        (r) => r.action,
      ),
  };
}

export function createPgAccessStore(pool: pg.Pool): AccessStore {
  return {
    engine: 'postgres',
    users: createPgUsersStore(pool),
    sessions: createPgSessionsStore(pool),
    sources: createPgSourcesStore(pool),
    audit: createPgAuditStore(pool),
    close: () => pool.end(),
  };
}

/** Connects to `url`, applies the PostgreSQL migrations, and answers the store. */
export async function openPgAccessStore(url: string, opts: { maxConnections?: number } = {}): Promise<AccessStore> {
  return createPgAccessStore(await openPgPool(url, opts.maxConnections));
}
