/**
 * The proof, read from the database file itself (not from the server's answers): every event id the
 * server acknowledged is in the event log, and no event id is there twice.
 */
import Database from 'better-sqlite3';
import type { Acked } from './tally.js';

export interface LogCheck {
  /** Rows in the event log. */
  logged: number;
  /** Acknowledged (accepted or duplicate) event ids absent from the log: must be 0. */
  lost: number;
  /** Event ids present more than once for their source (rows beyond the first): must be 0. */
  duplicated: number;
  /** Rows in the quarantine (rejected events and DVCQG records, with their raw payload). */
  quarantined: number;
  /** A few lost ids, to say which. */
  lostIds: string[];
  /** Rows in the event log per source name. */
  bySource: Record<string, number>;
}

export function checkLog(dbFile: string, acked: Acked): LogCheck {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const logged = db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
    const duplicated = db
      .prepare('SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) AS n FROM events GROUP BY source_id, event_id HAVING n > 1)')
      .pluck()
      .get() as number;
    const quarantined = db.prepare('SELECT COUNT(*) FROM quarantine').pluck().get() as number;
    const sourceId = db.prepare('SELECT id FROM sources WHERE name = ?').pluck();
    const present = new Set<string>();
    const lostIds: string[] = [];
    let lost = 0;
    for (const [source, ids] of acked) {
      const id = sourceId.get(source) as number | undefined;
      present.clear();
      if (id !== undefined) {
        for (const e of db.prepare('SELECT event_id FROM events WHERE source_id = ?').pluck().iterate(id)) present.add(e as string);
      }
      for (const e of ids) {
        if (present.has(e)) continue;
        lost++;
        if (lostIds.length < 10) lostIds.push(`${source}/${e}`);
      }
    }
    const bySource = Object.fromEntries(
      (
        db.prepare('SELECT s.name AS name, COUNT(*) AS n FROM events e JOIN sources s ON s.id = e.source_id GROUP BY s.name').all() as {
          name: string;
          n: number;
        }[]
      ).map((r) => [r.name, r.n]),
    );
    return { logged, lost, duplicated, quarantined, lostIds, bySource };
  } finally {
    db.close();
  }
}

/** The logged payload of one event (null: not in the log), to check that text survived its encoding. */
export function loggedPayload(dbFile: string, source: string, eventId: string): Record<string, unknown> | null {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const payload = db
      .prepare('SELECT e.payload FROM events e JOIN sources s ON s.id = e.source_id WHERE s.name = ? AND e.event_id = ?')
      .pluck()
      .get(source, eventId) as string | undefined;
    return payload === undefined ? null : (JSON.parse(payload) as Record<string, unknown>);
  } finally {
    db.close();
  }
}
