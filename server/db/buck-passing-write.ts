/**
 * The write side of the buck-passing tables (migration 009), part of the projections repository:
 * a dossier's case rows, a finished dossier's case count, and the backfill's resume point.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './connection.js';
import type { BuckPassingCase } from '../domain/buck-passing.js';
import type { DossierState } from '../domain/types.js';

type Names = 'insertCase' | 'insertParty' | 'removeCases' | 'removeParties' | 'setFinished' | 'finishedByDay' | 'getMeta' | 'setMeta';

// Long by design: one closure over the prepared statements and the short methods that run them.
export function createBuckPassingWrites(db: Db) {
  // Prepared on first use: a repository over a file older than migration 009 (upgrade tests) works until it writes cases.
  let st: Record<Names, Statement<unknown[]>> | null = null;
  const statements = () =>
    (st ??= {
      insertCase: db.prepare(
        `INSERT OR REPLACE INTO buck_passing_cases
           (dossier_id, rule, first_hold, last_hold, unit, received_at, first_at, last_at, lost_ms, ongoing, officials)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertParty: db.prepare(
        `INSERT OR REPLACE INTO buck_passing_parties (dossier_id, rule, first_hold, handler_id, handler_unit, last_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      removeCases: db.prepare('DELETE FROM buck_passing_cases WHERE dossier_id = ?'),
      removeParties: db.prepare('DELETE FROM buck_passing_parties WHERE dossier_id = ?'),
      setFinished: db.prepare('UPDATE dossiers SET f_buck_passing = ? WHERE id = ?'),
      // From its partial index (migration 009), in group order.
      finishedByDay: db
        .prepare(
          `SELECT unit, f_received_day, SUM(f_buck_passing) FROM dossiers
           WHERE open = 0 AND f_end_day IS NOT NULL AND f_buck_passing IS NOT NULL GROUP BY unit, f_received_day`,
        )
        .raw(),
      getMeta: db.prepare(`SELECT value FROM meta WHERE key = 'buck_passing.backfill'`).pluck(),
      setMeta: db.prepare(
        `INSERT INTO meta (key, value) VALUES ('buck_passing.backfill', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      ),
    });

  return {
    /** Finished dossiers' case counts per unit and day of receipt, for a restart: [unit, day, cases]. */
    finishedByDay(): IterableIterator<[string, number, number]> {
      return statements().finishedByDay.iterate() as IterableIterator<[string, number, number]>;
    },
    writes: {
      /**
       * Replaces a dossier's buck-passing cases (`had`: it may have rows to delete first). The projection
       * writer calls it only when the dossier's hand-overs changed, so most events write nothing here.
       */
      replaceBuckPassingCases(dossier: Pick<DossierState, 'id' | 'receivedAt'>, had: boolean, list: readonly BuckPassingCase[]): void {
        const s = statements();
        if (had) {
          s.removeCases.run(dossier.id);
          s.removeParties.run(dossier.id);
        }
        for (const c of list) {
          s.insertCase.run(
            c.dossierId,
            c.rule,
            c.firstHold,
            c.lastHold,
            c.unit,
            dossier.receivedAt,
            c.firstHandoverAt,
            c.lastHandoverAt,
            c.lostWorkingMs,
            c.ongoing ? 1 : 0,
            JSON.stringify(c.officials),
          );
          for (const o of c.officials) s.insertParty.run(c.dossierId, c.rule, c.firstHold, o.id, o.unit, c.lastHandoverAt);
        }
      },
      /** Sets a finished dossier's case count (the backfill of rows older than migration 009). */
      setFinishedBuckPassing(id: string, count: number): void {
        statements().setFinished.run(count || null, id);
      },
      /** Where the buck-passing backfill of rows older than migration 009 stands: null when none is due. */
      buckPassingBackfillFrom(): string | null {
        const v = statements().getMeta.get() as string | undefined;
        if (v === undefined || v === 'done') return null;
        return v === 'pending' ? '' : v.slice('after:'.length);
      },
      setBuckPassingBackfill(afterId: string | null): void {
        statements().setMeta.run(afterId === null ? 'done' : `after:${afterId}`);
      },
    },
  };
}
