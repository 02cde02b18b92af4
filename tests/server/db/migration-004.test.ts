import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/connection.js';
import { createProjectionsRepo } from '../../../server/db/projections-repo.js';
import { foldDossier } from '../../../server/domain/dossier.js';
import { loadWorkCalendar } from '../../../server/config/calendar-loader.js';
import { DEFAULT_DOMAIN_SETTINGS, type DossierEvent } from '../../../server/domain/types.js';
import { canonicalJson } from '../../../server/ingest/canonical-json.js';
import { dossierRowExtras } from '../../../server/projection/row-extras.js';
import { dossierEventSchema } from '../../../server/domain/wire-schemas.js';
import { receivedEvent, startTestServer, T0 } from '../../helpers/test-server.js';

const MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../server/db/migrations');

describe('migration 004 (write-behind log)', () => {
  it('upgrades a database written by the earlier ingest path: same events, lookups built, projections up to date', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bdt-mig-'));
    try {
      // A database at schema 3, as the earlier ingest path left it: events with a content hash and a
      // unique id, and the projections written in the same transactions.
      const v3 = join(dir, 'migrations-v3');
      mkdirSync(v3);
      for (const f of ['001_init.sql', '002_meta.sql', '003_wall.sql']) copyFileSync(join(MIGRATIONS, f), join(v3, f));
      const dbFile = join(dir, 'dashboard.db');
      const old = openDatabase(dbFile, v3);
      old.prepare(`INSERT INTO sources (name, kind, key_hash, created_at) VALUES ('test-dossiers', 'dossier', 'old-key-hash', ?)`).run(T0);
      const wire = [
        receivedEvent({ at: '2026-11-18T08:00:00+07:00', dueAt: '2026-11-19T17:00:00+07:00' }),
        {
          id: 'a1',
          type: 'assigned',
          dossierId: 'D-1',
          at: '2026-11-18T08:10:00+07:00',
          handler: { id: 'cb1', name: 'Phạm Thị A', unit: '26740' },
        },
      ];
      const insert = old.prepare(
        `INSERT INTO events (source_id, event_id, kind, item_id, type, at, received_at, content_hash, payload)
         VALUES (1, ?, 'dossier', 'D-1', ?, ?, ?, 'sha1-of-the-payload', ?)`,
      );
      for (const e of wire) insert.run(e.id, e.type, Date.parse(e.at as string), T0, canonicalJson(e));
      const ctx = { calendar: loadWorkCalendar(undefined, DEFAULT_DOMAIN_SETTINGS.officeHours), settings: DEFAULT_DOMAIN_SETTINGS };
      const state = foldDossier(
        wire.map((e) => dossierEventSchema.parse(e) as DossierEvent),
        ctx,
      );
      // A row as that version wrote it: no overdue spans yet (migration 008 has them filled in at start).
      createProjectionsRepo(old).saveDossier(null, state, { ...dossierRowExtras(ctx)(state), overdueSpans: [] });
      expect(old.pragma('user_version', { simple: true })).toBe(3);
      old.close();

      const srv = await startTestServer({ dir, start: T0 });
      try {
        const db = openDatabase(dbFile);
        const one = (sql: string) => db.prepare(sql).pluck().get();
        expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(4);
        expect(one(`SELECT value FROM meta WHERE key = 'projections.seq'`)).toBe('2');
        expect(db.prepare('SELECT seq, event_id AS id, payload FROM events ORDER BY seq').all()).toEqual(
          wire.map((e, i) => ({ seq: i + 1, id: e.id, payload: canonicalJson(e) })),
        );
        expect(db.prepare('SELECT source_id, event_id, seq FROM event_ids ORDER BY seq').raw().all()).toEqual([
          [1, 'e-recv-1', 1],
          [1, 'a1', 2],
        ]);
        expect(db.prepare('SELECT kind, item_id, seq FROM item_events ORDER BY seq').raw().all()).toEqual([
          ['dossier', 'D-1', 1],
          ['dossier', 'D-1', 2],
        ]);
        db.close();

        const detail = await (await srv.as('city_leader')).get('/api/v1/dossiers/D-1');
        expect(detail.body.holds).toMatchObject([{ handlerName: 'Phạm Thị A', to: null }]);
        expect(detail.body.timeline.map((e: { eventId: string }) => e.eventId)).toEqual(['e-recv-1', 'a1']);
        // Ids logged before the upgrade are still known: a resend is a duplicate, a change a conflict.
        const res = await srv.post('/api/v1/ingest/dossiers', {
          events: [wire[1], { ...wire[1], handler: { id: 'cb2', name: 'B', unit: '26740' } }],
        });
        expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'rejected']);
        expect(srv.runtime.engine.metrics('unit:26740', 'live')).toMatchObject({ overdue: 1, inProgress: 1, received: 1 });
      } finally {
        await srv.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
