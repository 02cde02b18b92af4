import { describe, expect, it } from 'vitest';
import { readTab, readTableView, writeTab, writeTableView } from '../../../client/features/unit/url-view';

const KEYS = ['daysOverdue', 'dueAt', 'field'];
const DEFAULT = { key: 'daysOverdue', dir: 'desc' as const };

describe('readTableView', () => {
  it('reads ?tab=overdue&sort=dueAt&dir=asc&page=2', () => {
    const p = new URLSearchParams('tab=overdue&sort=dueAt&dir=asc&page=2&period=week');
    expect(readTab(p)).toBe('overdue');
    expect(readTableView(p, '', KEYS, DEFAULT)).toEqual({ key: 'dueAt', dir: 'asc', page: 2 });
  });

  it('falls back to the defaults for unknown sort keys and bad pages', () => {
    const p = new URLSearchParams('sort=evil&dir=sideways&page=-3&tab=nope');
    expect(readTableView(p, '', KEYS, DEFAULT)).toEqual({ key: 'daysOverdue', dir: 'desc', page: 1 });
    expect(readTab(p)).toBe('overdue');
  });

  it('keeps prefixed tables apart', () => {
    const p = new URLSearchParams('fieldSort=field&fieldDir=asc&fieldPage=3&sort=dueAt');
    expect(readTableView(p, 'field', KEYS, DEFAULT)).toEqual({ key: 'field', dir: 'asc', page: 3 });
  });
});

describe('writeTableView / writeTab', () => {
  it('writes sort and page and keeps other parameters', () => {
    const p = writeTableView(new URLSearchParams('period=week&lang=en'), '', { key: 'dueAt', dir: 'asc', page: 2 });
    expect(p.toString()).toBe('period=week&lang=en&sort=dueAt&dir=asc&page=2');
  });

  it('drops page 1 from the URL', () => {
    const p = writeTableView(new URLSearchParams('page=4'), '', { page: 1 });
    expect(p.has('page')).toBe(false);
  });

  it('switching tab resets the list sort and page', () => {
    const p = writeTab(new URLSearchParams('tab=overdue&sort=dueAt&dir=asc&page=3&period=month'), 'due_soon');
    expect(p.get('tab')).toBe('due_soon');
    expect(p.has('sort')).toBe(false);
    expect(p.has('dir')).toBe(false);
    expect(p.has('page')).toBe(false);
    expect(p.get('period')).toBe('month');
  });
});
