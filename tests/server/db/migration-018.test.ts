import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../server/db/connection.js';
import { createQuarantineRepo } from '../../../server/db/quarantine-repo.js';
import { vnDayIndex } from '../../../server/domain/time.js';

const MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../server/db/migrations');
const at = (s: string) => Date.parse(s);

describe('migration 018 and the quarantine repository (data-quality review)', () => {
  let dir: string;
  let dbFile: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bdt-mig18-'));
    dbFile = join(dir, 'dashboard.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A database as it was before 018, with records quarantined then. */
  function oldDatabase(): void {
    const before = join(dir, 'before');
    mkdirSync(before);
    for (const f of readdirSync(MIGRATIONS).filter((f) => /^\d{3}_/.test(f) && f < '018'))
      copyFileSync(join(MIGRATIONS, f), join(before, f));
    const old = openDatabase(dbFile, before);
    old.prepare(`INSERT INTO sources (id, name, kind, key_hash, created_at) VALUES (1, 'mot-cua', 'dossier', 'h', 0)`).run();
    const q = old.prepare('INSERT INTO quarantine (source_id, kind, received_at, event_id, raw, errors) VALUES (1, ?, ?, ?, ?, ?)');
    q.run(
      'dossier',
      at('2026-11-20T08:00:00+07:00'),
      'e-1',
      '{"id":"e-1"}',
      JSON.stringify([{ path: 'unit', message: 'unknown code "99999": not a unit' }]),
    );
    q.run(
      'dvcqg',
      at('2026-11-20T23:59:00+07:00'),
      'G-1',
      '{"MaHoSo":"G-1"}',
      JSON.stringify([{ path: 'TrangThaiHoSo', message: 'unknown status code "42": expected 1–10' }]),
    );
    q.run(
      'dossier',
      at('2026-11-21T00:00:00+07:00'),
      null,
      'not json',
      JSON.stringify([{ path: '', message: 'an event must be a JSON object' }]),
    );
    q.run('task', at('2026-11-21T09:00:00+07:00'), 't-1', '{}', 'garbled');
    old.close();
  }

  function withDb(fn: (db: Db) => void): void {
    const db = openDatabase(dbFile);
    try {
      fn(db);
    } finally {
      db.close();
    }
  }

  it('gives every record quarantined before it a rule from its first error, and leaves them open for review', () => {
    oldDatabase();
    withDb((db) => {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(18);
      const { items } = createQuarantineRepo(db).page({ limit: 10, offset: 0 });
      expect(items.map((i) => [i.eventId, i.rule, i.state, i.reviewedAt])).toEqual([
        ['t-1', 'other', 'open', null],
        [null, 'not_object', 'open', null],
        ['G-1', 'unknown_status', 'open', null],
        ['e-1', 'unknown_code', 'open', null],
      ]);
      expect(items[1].raw).toBe('not json');
    });
  });

  it('filters by source, rule, state and Vietnam days, and counts per source × rule and per day', () => {
    oldDatabase();
    withDb((db) => {
      const repo = createQuarantineRepo(db);
      const day20 = { from: at('2026-11-20T00:00:00+07:00'), to: at('2026-11-21T00:00:00+07:00') };
      expect(repo.page({ ...day20, limit: 10, offset: 0 }).items.map((i) => i.eventId)).toEqual(['G-1', 'e-1']);
      expect(repo.page({ rule: 'unknown_status', limit: 10, offset: 0 }).total).toBe(1);
      expect(repo.page({ source: 'other-source', limit: 10, offset: 0 }).total).toBe(0);
      repo.add(1, 'dossier', at('2026-11-21T10:00:00+07:00'), 'e-2', '{"id":"e-2"}', [
        { path: 'unit', message: 'unknown code "1": not a unit' },
      ]);
      expect(repo.countsBySourceRule({})).toEqual([
        { source: 'mot-cua', rule: 'unknown_code', total: 2, open: 2 },
        { source: 'mot-cua', rule: 'not_object', total: 1, open: 1 },
        { source: 'mot-cua', rule: 'other', total: 1, open: 1 },
        { source: 'mot-cua', rule: 'unknown_status', total: 1, open: 1 },
      ]);
      // 23:59 on the 20th is the 20th in Vietnam (16:59 UTC); midnight is the 21st.
      expect(repo.countsByDay({})).toEqual([
        { day: vnDayIndex(at('2026-11-20T12:00:00+07:00')), total: 2 },
        { day: vnDayIndex(at('2026-11-21T12:00:00+07:00')), total: 3 },
      ]);
    });
  });

  it('keeps a review: who, when, the note, and for a replay the event ids and the payload accepted', () => {
    oldDatabase();
    withDb((db) => {
      const repo = createQuarantineRepo(db);
      const [t1, , , e1] = repo.page({ limit: 10, offset: 0 }).items;
      repo.review(e1.id, { state: 'replayed', at: 5, by: 'user:admin', note: null, eventIds: ['e-1'], raw: '{"id":"e-1","unit":"26740"}' });
      repo.review(t1.id, { state: 'dismissed', at: 6, by: 'user:admin', note: 'Thử nghiệm' });
      expect(repo.get(e1.id)).toMatchObject({
        state: 'replayed',
        reviewedAt: 5,
        reviewedBy: 'user:admin',
        replayedEventIds: ['e-1'],
        replayedRaw: { id: 'e-1', unit: '26740' },
      });
      expect(repo.get(t1.id)).toMatchObject({ state: 'dismissed', note: 'Thử nghiệm', replayedEventIds: null });
      expect(repo.page({ state: 'open', limit: 10, offset: 0 }).total).toBe(2);
      expect(repo.countsBySourceRule({}).find((c) => c.rule === 'unknown_code')).toMatchObject({ total: 1, open: 0 });
      expect(repo.get(9999)).toBeNull();
    });
  });
});
