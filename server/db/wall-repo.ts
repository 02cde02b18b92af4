import type { Db } from './connection.js';
import type { ScopeKey } from '../metrics/types.js';

export interface WallPresetRow {
  name: string;
  /** Scene names in display order (validated by the caller; stored as given). */
  scenes: string[];
  intervalSeconds: number;
  updatedAt: number;
}

interface RawPreset {
  name: string;
  scenes: string;
  interval_s: number;
  updated_at: number;
}

const toPreset = (r: RawPreset): WallPresetRow => ({
  name: r.name,
  scenes: r.scenes.split(',').filter(Boolean),
  intervalSeconds: r.interval_s,
  updatedAt: r.updated_at,
});

/** Named wall presets (scenes and interval), created by `npm run wall:preset`. */
export function createWallPresetsRepo(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO wall_presets (name, scenes, interval_s, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET scenes = excluded.scenes, interval_s = excluded.interval_s, updated_at = excluded.updated_at`,
  );
  const byName = db.prepare('SELECT * FROM wall_presets WHERE name = ?');
  const all = db.prepare('SELECT * FROM wall_presets ORDER BY name');
  const del = db.prepare('DELETE FROM wall_presets WHERE name = ?');
  return {
    /** Creates the preset or replaces its scenes and interval. */
    save(name: string, scenes: readonly string[], intervalSeconds: number, now: number): WallPresetRow {
      upsert.run(name, scenes.join(','), intervalSeconds, now);
      return toPreset(byName.get(name) as RawPreset);
    },
    get(name: string): WallPresetRow | null {
      const r = byName.get(name) as RawPreset | undefined;
      return r ? toPreset(r) : null;
    },
    list(): WallPresetRow[] {
      return (all.all() as RawPreset[]).map(toPreset);
    },
    remove(name: string): boolean {
      return del.run(name).changes > 0;
    },
  };
}

export interface DisplayRow {
  id: number;
  name: string;
  scope: ScopeKey;
  createdAt: number;
  revokedAt: number | null;
  lastSeenAt: number | null;
}

interface RawDisplay {
  id: number;
  name: string;
  scope: string;
  created_at: number;
  revoked_at: number | null;
  last_seen_at: number | null;
}

const toDisplay = (r: RawDisplay): DisplayRow => ({
  id: r.id,
  name: r.name,
  scope: r.scope as ScopeKey,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  lastSeenAt: r.last_seen_at,
});

/** Wall displays and the SHA-256 hashes of their tokens. */
export function createDisplaysRepo(db: Db) {
  const insert = db.prepare('INSERT INTO displays (name, scope, token_hash, created_at) VALUES (?, ?, ?, ?)');
  const reissue = db.prepare(
    'UPDATE displays SET scope = ?, token_hash = ?, created_at = ?, revoked_at = NULL, last_seen_at = NULL WHERE name = ?',
  );
  const byName = db.prepare('SELECT * FROM displays WHERE name = ?');
  const byHash = db.prepare('SELECT * FROM displays WHERE token_hash = ? AND revoked_at IS NULL');
  const all = db.prepare('SELECT * FROM displays ORDER BY name');
  const activeIds = db.prepare('SELECT id FROM displays WHERE revoked_at IS NULL').pluck();
  const revoke = db.prepare('UPDATE displays SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL');
  const seen = db.prepare('UPDATE displays SET last_seen_at = ? WHERE id = ?');
  return {
    /**
     * Creates a display, or gives a revoked one of that name a new token and scope.
     * Throws when an active display already has the name.
     */
    create(name: string, scope: ScopeKey, tokenHash: string, now: number): DisplayRow {
      const existing = byName.get(name) as RawDisplay | undefined;
      if (existing && existing.revoked_at === null) throw new Error(`a display named "${name}" already exists`);
      if (existing) reissue.run(scope, tokenHash, now, name);
      else insert.run(name, scope, tokenHash, now);
      return toDisplay(byName.get(name) as RawDisplay);
    },
    findActiveByTokenHash(tokenHash: string): DisplayRow | null {
      const r = byHash.get(tokenHash) as RawDisplay | undefined;
      return r ? toDisplay(r) : null;
    },
    findByName(name: string): DisplayRow | null {
      const r = byName.get(name) as RawDisplay | undefined;
      return r ? toDisplay(r) : null;
    },
    list(): DisplayRow[] {
      return (all.all() as RawDisplay[]).map(toDisplay);
    },
    /** Ids of every display not revoked (one indexed scan of a small table). */
    activeIds(): Set<number> {
      return new Set(activeIds.all() as number[]);
    },
    /** Revokes the display's token; false when no active display has that name. */
    revoke(name: string, now: number): boolean {
      return revoke.run(now, name).changes > 0;
    },
    markSeen(id: number, now: number): void {
      seen.run(now, id);
    },
  };
}

export type WallPresetsRepo = ReturnType<typeof createWallPresetsRepo>;
export type DisplaysRepo = ReturnType<typeof createDisplaysRepo>;
