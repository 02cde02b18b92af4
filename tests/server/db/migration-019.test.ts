import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/connection.js';
import { createUsersRepo } from '../../../server/db/users-repo.js';

const MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../server/db/migrations');

describe('migration 019 (users hold several scopes)', () => {
  it('keeps every single-scope user’s unit or department, and city-wide users with none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bdt-mig19-'));
    try {
      const before = join(dir, 'before');
      mkdirSync(before);
      for (const f of readdirSync(MIGRATIONS).filter((f) => /^\d{3}_/.test(f) && f < '019'))
        copyFileSync(join(MIGRATIONS, f), join(before, f));
      const dbFile = join(dir, 'dashboard.db');
      const old = openDatabase(dbFile, before);
      const add = old.prepare(
        'INSERT INTO users (username, display_name, role, scope, password_hash, created_at) VALUES (?, ?, ?, ?, ?, 0)',
      );
      add.run('phuong', 'Phường Sài Gòn', 'unit_leader', 'unit:26740', 'h1');
      add.run('so', 'Sở Tư pháp', 'department', 'department:STP', 'h2');
      add.run('lanhdao', 'Lãnh đạo', 'city_leader', null, 'h3');
      old.close();

      const db = openDatabase(dbFile);
      try {
        expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(19);
        const users = createUsersRepo(db);
        expect(users.list().map((u) => [u.username, u.role, u.scopes])).toEqual([
          ['lanhdao', 'city_leader', []],
          ['phuong', 'unit_leader', ['unit:26740']],
          ['so', 'department', ['department:STP']],
        ]);
        expect(users.credentials('phuong')?.passwordHash).toBe('h1');
        const cols = (db.prepare('PRAGMA table_info(users)').all() as { name: string }[]).map((c) => c.name);
        expect(cols).not.toContain('scope');
      } finally {
        db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
