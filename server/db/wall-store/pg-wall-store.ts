/**
 * Wall displays and presets on PostgreSQL (issue 17, slice 3): the same answers as SQLite's
 * repositories (tests/server/db/wall-store.shared.ts), over migration 004. Re-issuing a revoked
 * display's name and refusing an active one is one statement, so two nodes cannot both create it.
 */
import type pg from 'pg';
import { openPgPool } from '../pg/pool.js';
import type { ScopeKey } from '../../metrics/types.js';
import type { DisplayRow, DisplaysStore, WallPresetRow, WallPresetsStore, WallStore } from './contract.js';

const DISPLAY_SELECT = `SELECT id, name, scope, created_at AS "createdAt", revoked_at AS "revokedAt", last_seen_at AS "lastSeenAt" FROM displays`;
const PRESET_SELECT = `SELECT name, scenes, interval_s AS "intervalSeconds", updated_at AS "updatedAt" FROM wall_presets`;
type RawPreset = Omit<WallPresetRow, 'scenes'> & { scenes: string };
const toPreset = (r: RawPreset): WallPresetRow => ({ ...r, scenes: r.scenes.split(',').filter(Boolean) });
const changed = (r: pg.QueryResult) => (r.rowCount ?? 0) > 0;

function createPgDisplaysStore(pool: pg.Pool): DisplaysStore {
  const one = async (where: string, params: unknown[]) =>
    (await pool.query<DisplayRow>(`${DISPLAY_SELECT} WHERE ${where}`, params)).rows[0] ?? null;
  return {
    async create(name, scope: ScopeKey, tokenHash, now) {
      // A new name is inserted; a revoked one gets the new token and scope; an active one is left as it is (no row back).
      const r = await pool.query(
        `INSERT INTO displays (name, scope, token_hash, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (name) DO UPDATE SET scope = EXCLUDED.scope, token_hash = EXCLUDED.token_hash,
           created_at = EXCLUDED.created_at, revoked_at = NULL, last_seen_at = NULL
         WHERE displays.revoked_at IS NOT NULL RETURNING id`,
        [name, scope, tokenHash, now],
      );
      if (!changed(r)) throw new Error(`a display named "${name}" already exists`);
      return (await one('id = $1', [r.rows[0].id]))!;
    },
    findActiveByTokenHash: (tokenHash) => one('token_hash = $1 AND revoked_at IS NULL', [tokenHash]),
    findByName: (name) => one('name = $1', [name]),
    list: async () => (await pool.query<DisplayRow>(`${DISPLAY_SELECT} ORDER BY name`)).rows,
    activeIds: async () =>
      new Set((await pool.query<{ id: number }>('SELECT id FROM displays WHERE revoked_at IS NULL')).rows.map((r) => r.id)),
    revoke: async (name, now) =>
      changed(await pool.query('UPDATE displays SET revoked_at = $2 WHERE name = $1 AND revoked_at IS NULL', [name, now])),
    async markSeen(id, now) {
      await pool.query('UPDATE displays SET last_seen_at = $2 WHERE id = $1', [id, now]);
    },
  };
}

function createPgPresetsStore(pool: pg.Pool): WallPresetsStore {
  return {
    async save(name, scenes, intervalSeconds, now) {
      const r = await pool.query<RawPreset>(
        `INSERT INTO wall_presets (name, scenes, interval_s, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (name) DO UPDATE SET scenes = EXCLUDED.scenes, interval_s = EXCLUDED.interval_s, updated_at = EXCLUDED.updated_at
         RETURNING name, scenes, interval_s AS "intervalSeconds", updated_at AS "updatedAt"`,
        [name, scenes.join(','), intervalSeconds, now],
      );
      return toPreset(r.rows[0]);
    },
    async get(name) {
      const r = await pool.query<RawPreset>(`${PRESET_SELECT} WHERE name = $1`, [name]);
      return r.rows[0] ? toPreset(r.rows[0]) : null;
    },
    list: async () => (await pool.query<RawPreset>(`${PRESET_SELECT} ORDER BY name`)).rows.map(toPreset),
    remove: async (name) => changed(await pool.query('DELETE FROM wall_presets WHERE name = $1', [name])),
  };
}

export function createPgWallStore(pool: pg.Pool): WallStore {
  return { engine: 'postgres', displays: createPgDisplaysStore(pool), presets: createPgPresetsStore(pool), close: () => pool.end() };
}

/** Connects to `url`, applies the PostgreSQL migrations, and answers the store. */
export async function openPgWallStore(url: string, opts: { maxConnections?: number } = {}): Promise<WallStore> {
  return createPgWallStore(await openPgPool(url, opts.maxConnections));
}
