import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/connection.js';
import { createRemindersRepo } from '../../../server/db/reminders-repo.js';

const MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../server/db/migrations');

describe('migration 010 (explanation requests)', () => {
  it('turns the reminders sent before into reminders about their dossier or unit, attributed to the official who held the dossier then', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bdt-mig10-'));
    try {
      const before = join(dir, 'before');
      mkdirSync(before);
      for (const f of readdirSync(MIGRATIONS).filter((f) => /^\d{3}_/.test(f) && f < '010'))
        copyFileSync(join(MIGRATIONS, f), join(before, f));
      const dbFile = join(dir, 'dashboard.db');
      const old = openDatabase(dbFile, before);
      old
        .prepare(
          `INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'gs', 'Giám sát', 'supervisor', 'x', 0)`,
        )
        .run();
      const hold = old.prepare(
        'INSERT INTO holds (dossier_id, idx, unit, handler_id, handler_name, handler_unit, from_at, to_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      hold.run('D-1', 0, '26740', 'cb-1', 'Nguyễn Thị Lan', '26740', 1_000, 5_000);
      hold.run('D-1', 1, '26740', 'cb-2', 'Trần Văn Bình', '26740', 5_000, null);
      const remind = old.prepare('INSERT INTO reminders (unit, dossier_id, message, sent_by, sent_at) VALUES (?, ?, ?, 1, ?)');
      remind.run('26740', 'D-1', 'Khi cb-1 giữ', 2_000);
      remind.run('26740', 'D-1', 'Khi cb-2 giữ', 6_000);
      remind.run('26740', null, 'Tồn đọng', 6_000);
      old.close();

      const db = openDatabase(dbFile);
      try {
        expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(10);
        const rows = createRemindersRepo(db).ofUnit('26740');
        const byMessage = Object.fromEntries(rows.map((r) => [r.message, r]));
        expect(byMessage['Khi cb-1 giữ']).toMatchObject({ kind: 'reminder', subjectType: 'dossier', subjectId: 'D-1', holderId: 'cb-1' });
        expect(byMessage['Khi cb-2 giữ']).toMatchObject({ subjectType: 'dossier', holderId: 'cb-2', holderName: 'Trần Văn Bình' });
        expect(byMessage['Tồn đọng']).toMatchObject({ subjectType: 'unit', subjectId: '26740', holderId: null, answerDueAt: null });
      } finally {
        db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
