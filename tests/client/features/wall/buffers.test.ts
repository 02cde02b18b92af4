import { describe, expect, it } from 'vitest';
import {
  appendSample,
  mergeByTime,
  overdueItemsToAlerts,
  pushAllBounded,
  pushBounded,
  recentAlertUnits,
  sameAlert,
  type WallAlert,
} from '../../../../client/features/wall/buffers';

function alert(
  id: string,
  unit: string,
  receivedAt: number,
  kind: 'dossier' | 'task' = 'dossier',
  at = '2026-11-20T10:00:00+07:00',
): WallAlert {
  return { kind, id, unit, unitName: `Phường ${unit}`, title: 'Đăng ký khai sinh', dueAt: null, at, holderName: null, receivedAt };
}

describe('pushBounded', () => {
  it('puts the newest first and never keeps more than the maximum', () => {
    let list: number[] = [];
    for (let i = 1; i <= 1_000; i++) list = pushBounded(list, i, 50);
    expect(list).toHaveLength(50);
    expect(list[0]).toBe(1_000);
    expect(list[49]).toBe(951);
  });

  it('lists one item once: a repeat replaces its older entry', () => {
    const list = pushAllBounded<WallAlert>([], [alert('A', '1', 1), alert('B', '2', 2), alert('A', '1', 3)], 10, sameAlert);
    expect(list.map((a) => `${a.id}@${a.receivedAt}`)).toEqual(['A@3', 'B@2']);
  });

  it('tells dossiers and tasks with the same id apart', () => {
    const list = pushAllBounded<WallAlert>([], [alert('X', '1', 1, 'dossier'), alert('X', '1', 2, 'task')], 10, sameAlert);
    expect(list).toHaveLength(2);
  });

  it('keeps nothing with a maximum of 0', () => {
    expect(pushBounded([1, 2], 3, 0)).toEqual([]);
  });
});

describe('appendSample', () => {
  it('keeps the most recent samples, oldest first, up to the maximum', () => {
    let buf: { at: number; v: number }[] = [];
    for (let i = 0; i < 2_000; i++) buf = appendSample(buf, { at: i * 60_000, v: i }, 720, 30_000);
    expect(buf).toHaveLength(720);
    expect(buf[0].v).toBe(1_280);
    expect(buf[719].v).toBe(1_999);
  });

  it('replaces the last sample when the next comes too soon, and ignores one out of order', () => {
    let buf = appendSample([], { at: 0, v: 1 }, 10, 30_000);
    buf = appendSample(buf, { at: 10_000, v: 2 }, 10, 30_000);
    expect(buf).toEqual([{ at: 10_000, v: 2 }]);
    buf = appendSample(buf, { at: 5_000, v: 3 }, 10, 30_000);
    expect(buf).toEqual([{ at: 10_000, v: 2 }]);
  });
});

describe('recentAlertUnits', () => {
  it('names each unit with an alert within the window once, newest first', () => {
    const alerts = [alert('C', '26740', 100_000), alert('B', '26743', 95_000), alert('A', '26740', 90_000), alert('Z', '26001', 10_000)];
    expect(recentAlertUnits(alerts, 110_000, 30_000)).toEqual(['26740', '26743']);
  });
});

describe('mergeByTime (filling the feed after a reconnect)', () => {
  it('adds what was missed, orders everything by when it became overdue, lists each item once', () => {
    const live = [
      alert('C', '1', 5_000, 'dossier', '2026-11-20T11:00:00+07:00'),
      alert('A', '1', 4_000, 'dossier', '2026-11-20T09:00:00+07:00'),
    ];
    const missed = [alert('B', '2', 0, 'dossier', '2026-11-20T10:00:00+07:00'), alert('A', '1', 0, 'dossier', '2026-11-20T09:00:00+07:00')];
    const merged = mergeByTime(live, missed, 10);
    expect(merged.map((a) => a.id)).toEqual(['C', 'B', 'A']);
    expect(merged.find((a) => a.id === 'A')?.receivedAt).toBe(4_000); // the live entry wins
  });

  it('stays bounded', () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      alert(`X${i}`, '1', 0, 'dossier', new Date(Date.UTC(2026, 10, 20, 0, i)).toISOString()),
    );
    const merged = mergeByTime([], many, 50);
    expect(merged).toHaveLength(50);
    expect(merged[0].id).toBe('X199');
  });
});

describe('overdueItemsToAlerts', () => {
  it('turns dossiers and tasks whose due time has passed into feed items that do not pulse', () => {
    const items = overdueItemsToAlerts(
      [
        {
          id: 'D-1',
          unit: '26740',
          procedureName: 'Đăng ký khai sinh',
          dueAt: '2026-11-20T10:00:00.000+07:00',
          holderName: 'Trần Thị B',
        } as never,
      ],
      [
        { id: 'T-1', assignee: 'STP', title: 'Rà soát hồ sơ', dueAt: '2026-11-19T17:00:00.000+07:00' } as never,
        { id: 'T-2', assignee: 'STP', title: 'x', dueAt: null } as never,
        // Overdue by the two-supplements rule before its due date: it did not "become overdue" at a time.
        { id: 'T-3', assignee: 'STP', title: 'y', dueAt: '2026-12-04T17:00:00.000+07:00' } as never,
      ],
      (code) => (code === 'STP' ? 'Sở Tư pháp' : `Phường ${code}`),
      Date.parse('2026-11-20T12:00:00+07:00'),
    );
    expect(items).toEqual([
      {
        kind: 'dossier',
        id: 'D-1',
        unit: '26740',
        unitName: 'Phường 26740',
        title: 'Đăng ký khai sinh',
        dueAt: '2026-11-20T10:00:00.000+07:00',
        at: '2026-11-20T10:00:00.000+07:00',
        holderName: 'Trần Thị B',
        receivedAt: 0,
      },
      {
        kind: 'task',
        id: 'T-1',
        unit: 'STP',
        unitName: 'Sở Tư pháp',
        title: 'Rà soát hồ sơ',
        dueAt: '2026-11-19T17:00:00.000+07:00',
        at: '2026-11-19T17:00:00.000+07:00',
        holderName: null,
        receivedAt: 0,
      },
    ]);
    expect(recentAlertUnits(items, Date.now())).toEqual([]);
  });
});
