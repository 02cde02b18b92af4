import type { Db } from './connection.js';

/** Key/value facts about this database. */
export function createMetaRepo(db: Db) {
  const get = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  const set = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  return {
    get(key: string): string | null {
      return (get.get(key) as string | undefined) ?? null;
    },
    set(key: string, value: string): void {
      set.run(key, value);
    },
  };
}
