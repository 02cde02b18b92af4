import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/connection.js';
import { createRemindersRepo } from '../../../server/db/reminders-repo.js';

describe('reminders repository', () => {
  it('counts the reminders and explanation requests each official received, by who held the dossier when they were sent', () => {
    const db = openDatabase(':memory:');
    db.prepare(
      `INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'gs', 'Giám sát', 'supervisor', 'x', 0)`,
    ).run();
    const repo = createRemindersRepo(db);
    const lan = { id: 'cb-1', name: 'Nguyễn Thị Lan', unit: '26740' };
    const base = { unit: '26740', dossierId: 'D-1', message: 'x', sentBy: 1 };
    repo.create({ ...base, sentAt: 100, holder: lan });
    repo.create({ ...base, sentAt: 200, holder: lan, kind: 'explanation', answerDueAt: 1_000 });
    repo.create({ ...base, sentAt: 300, holder: { ...lan, id: 'cb-2' }, kind: 'explanation', answerDueAt: 1_000 });
    repo.create({ ...base, dossierId: null, sentAt: 300 }); // the unit's backlog: nobody's
    repo.create({ ...base, sentAt: 5_000, holder: lan }); // outside the period
    expect(repo.countsByHolder(0, 1_000).sort((a, b) => a.holderId.localeCompare(b.holderId))).toEqual([
      { holderId: 'cb-1', reminders: 1, explanations: 1 },
      { holderId: 'cb-2', reminders: 0, explanations: 1 },
    ]);
    db.close();
  });

  it('notes an unanswered request overdue once, and never one answered first', () => {
    const db = openDatabase(':memory:');
    db.prepare(
      `INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'gs', 'Giám sát', 'supervisor', 'x', 0)`,
    ).run();
    const repo = createRemindersRepo(db);
    const a = repo.create({ unit: '26740', dossierId: null, message: 'x', sentBy: 1, sentAt: 0, kind: 'explanation', answerDueAt: 100 });
    const b = repo.create({ unit: '26740', dossierId: null, message: 'x', sentBy: 1, sentAt: 0, kind: 'explanation', answerDueAt: 100 });
    expect(repo.pendingOverdue(100)).toEqual([]);
    expect(repo.answer(b.id, 1, 101, 'Đã xử lý')).toBe(true);
    expect(repo.pendingOverdue(101)).toEqual([a.id]);
    expect(repo.noteOverdue(a.id, 101)).toBe(true);
    expect(repo.noteOverdue(a.id, 102)).toBe(false);
    expect(repo.pendingOverdue(200)).toEqual([]);
    db.close();
  });
});
