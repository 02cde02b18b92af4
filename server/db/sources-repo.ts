import type { Db } from './connection.js';
import type { SourceHours } from '../metrics/source-silence.js';

export type SourceKind = 'dossier' | 'task';

export interface SourceRow {
  id: number;
  name: string;
  kind: SourceKind;
  createdAt: number;
  revokedAt: number | null;
  lastEventAt: number | null;
  lastSeenAt: number | null;
  /** Unit/department codes this source may write; null for any unit of the jurisdiction. */
  units: string[] | null;
  /** Quiet time after which the source is silent; null: the server default (SOURCE_SILENT_MS). */
  silentAfterMs: number | null;
  /** 'office': quiet time counted in working time; 'always': a 24/7 source, calendar time. */
  hours: SourceHours;
  /** May send batches in history-load mode (npm run import; ingest/history-load.ts). */
  historyLoad: boolean;
}

/** Per-source silence settings (migration 007); an absent field keeps its value or the default. */
export interface SourceSilenceSettings {
  silentAfterMs?: number | null;
  hours?: SourceHours;
}

/** Settings of an existing source: absent fields are kept; `units` null lifts the unit limit. */
export interface SourceSettings extends SourceSilenceSettings {
  units?: string[] | null;
  /** May send batches in history-load mode (migration 026). */
  historyLoad?: boolean;
}

interface RawSource {
  id: number;
  name: string;
  kind: SourceKind;
  created_at: number;
  revoked_at: number | null;
  last_event_at: number | null;
  last_seen_at: number | null;
  units: string | null;
  silent_after_ms: number | null;
  hours: SourceHours;
  history_load: number;
}

const toRow = (r: RawSource): SourceRow => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  lastEventAt: r.last_event_at,
  lastSeenAt: r.last_seen_at,
  units: r.units ? r.units.split(',') : null,
  silentAfterMs: r.silent_after_ms,
  hours: r.hours,
  historyLoad: r.history_load === 1,
});

/** Sources of events and their hashed keys. */
export function createSourcesRepo(db: Db) {
  const insert = db.prepare(
    "INSERT INTO sources (name, kind, key_hash, created_at, units, silent_after_ms, hours) VALUES (?, ?, ?, ?, ?, ?, COALESCE(?, 'office'))",
  );
  const setSilentAfter = db.prepare('UPDATE sources SET silent_after_ms = ? WHERE name = ?');
  const setHours = db.prepare('UPDATE sources SET hours = ? WHERE name = ?');
  const setUnits = db.prepare('UPDATE sources SET units = ? WHERE name = ?');
  const setHistoryLoad = db.prepare('UPDATE sources SET history_load = ? WHERE name = ?');
  const byHash = db.prepare('SELECT * FROM sources WHERE key_hash = ? AND revoked_at IS NULL');
  const byName = db.prepare('SELECT * FROM sources WHERE name = ?');
  const all = db.prepare('SELECT * FROM sources ORDER BY name');
  const rekey = db.prepare('UPDATE sources SET key_hash = ?, kind = ?, revoked_at = NULL WHERE name = ?');
  const revoke = db.prepare('UPDATE sources SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL');
  const seen = db.prepare('UPDATE sources SET last_seen_at = ?, last_event_at = MAX(COALESCE(last_event_at, 0), ?) WHERE id = ?');

  function update(name: string, settings: SourceSettings): boolean {
    if (!byName.get(name)) return false;
    db.transaction(() => {
      if (settings.silentAfterMs !== undefined) setSilentAfter.run(settings.silentAfterMs, name);
      if (settings.hours !== undefined) setHours.run(settings.hours, name);
      if (settings.units !== undefined) setUnits.run(settings.units?.length ? settings.units.join(',') : null, name);
      if (settings.historyLoad !== undefined) setHistoryLoad.run(settings.historyLoad ? 1 : 0, name);
    })();
    return true;
  }

  return {
    create(
      name: string,
      kind: SourceKind,
      keyHash: string,
      now: number,
      units: string[] | null = null,
      silence: SourceSilenceSettings & { historyLoad?: boolean } = {},
    ): SourceRow {
      insert.run(name, kind, keyHash, now, units?.length ? units.join(',') : null, silence.silentAfterMs ?? null, silence.hours ?? null);
      if (silence.historyLoad) setHistoryLoad.run(1, name);
      return toRow(byName.get(name) as RawSource);
    },
    /** Creates the source or replaces its key (used for keys given in the environment). */
    upsertKey(name: string, kind: SourceKind, keyHash: string, now: number): SourceRow {
      const existing = byName.get(name) as RawSource | undefined;
      if (existing) rekey.run(keyHash, kind, name);
      else insert.run(name, kind, keyHash, now, null, null, null);
      return toRow(byName.get(name) as RawSource);
    },
    findActiveByKeyHash(keyHash: string): SourceRow | null {
      const r = byHash.get(keyHash) as RawSource | undefined;
      return r ? toRow(r) : null;
    },
    findByName(name: string): SourceRow | null {
      const r = byName.get(name) as RawSource | undefined;
      return r ? toRow(r) : null;
    },
    list(): SourceRow[] {
      return (all.all() as RawSource[]).map(toRow);
    },
    /** Changes a source's silence settings (fields absent are kept); false when there is no such source. */
    setSilence(name: string, silence: SourceSilenceSettings): boolean {
      return update(name, silence);
    },
    /** Changes a source's unit limit and silence settings (fields absent are kept); false when there is no such source. */
    update,
    revoke(name: string, now: number): boolean {
      return revoke.run(now, name).changes > 0;
    },
    markSeen(id: number, now: number, maxEventAt: number): void {
      seen.run(now, maxEventAt, id);
    },
  };
}

export type SourcesRepo = ReturnType<typeof createSourcesRepo>;
