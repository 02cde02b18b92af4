/**
 * npm run index:import on a real SQLite file, as a user runs it: good and bad rows of one file, the
 * report's line numbers, the rejected rows kept, and a second import of the same file adding nothing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliWorkspace } from '../../helpers/cli.js';

const { work, run, withStore } = cliWorkspace('index-import-cli-');

const file = (name: string, text: string) => {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
};

const MIXED = [
  '# test file, not real portal figures',
  'unit,period,total,transparency,progress,online,payment,digitisation,satisfaction',
  '26740,2026-10,85.16,16.5,18.79,10,8,17.37,14.5', // line 3: good
  '99999,2026-10,80,,,,,,', // line 4: unknown unit
  '26743,2026-10,80,,21,,,,', // line 5: progress above its maximum of 20
  'STP,2026-Q3,72.5,,,,,,', // line 6: good (a department, a quarter)
  '26740,2099-01,80,,,,,,', // line 7: a period that has not begun
  '26743,month,80,,,,,,', // line 8: the API's current-period word, not a named period
  '79,2026,85.16,,,,,,', // line 9: good (the city by its province code)
  '26740,2026-10,85.16,16.5,18.79,10,8,17.37,14.5', // line 10: duplicate of line 3
].join('\n');

// Each run starts npx + tsx (1–2 s; more on a busy two-core machine).
describe('npm run index:import', { timeout: 120_000 }, () => {
  it('stores the good rows, reports each bad one with its line and reason, keeps them, and exits 1', () => {
    const r = run('index-import', [file('mixed.csv', MIXED)]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('mixed.csv: 8 row(s) read.');
    expect(r.stdout).toContain('Rejected (bị từ chối) 5 row(s):');
    expect(r.stdout).toContain('  line 4: unit code "99999" is not a unit or department of the city');
    expect(r.stdout).toContain("  line 5: progress 21 is outside 0–20 (the group's maximum)");
    expect(r.stdout).toContain('  line 7: period "2099-01" has not begun yet (Vietnam time)');
    expect(r.stdout).toContain('  line 8: period "month" is not a month, quarter or year');
    expect(r.stdout).toContain('  line 10: duplicate of line 3 (26740, 2026-10, same figures)');
    expect(r.stdout).toContain(
      'Accepted (đã nhận) 3 row(s): 3 new, 0 replaced, 0 unchanged. Rejected 5 row(s) (kept in table portal_index_rejected, 5 of them new).',
    );
    withStore((s) => {
      expect(s.portalIndex.figuresOf('2026-10')).toEqual([
        {
          code: '26740',
          period: '2026-10',
          total: 85.16,
          groups: { transparency: 16.5, progress: 18.79, online: 10, payment: 8, digitisation: 17.37, satisfaction: 14.5 },
          source: 'mixed.csv',
          importedAt: expect.any(Number),
        },
      ]);
      expect(s.portalIndex.figuresOf('2026-Q3').map((f) => f.code)).toEqual(['STP']);
      expect(s.portalIndex.figuresOf('2026').map((f) => [f.code, f.total])).toEqual([['city', 85.16]]);
      expect(s.portalIndex.rejected().map((x) => [x.line, x.raw])).toEqual([
        [4, '99999,2026-10,80,,,,,,'],
        [5, '26743,2026-10,80,,21,,,,'],
        [7, '26740,2099-01,80,,,,,,'],
        [8, '26743,month,80,,,,,,'],
        [10, '26740,2026-10,85.16,16.5,18.79,10,8,17.37,14.5'],
      ]);
      expect(s.portalIndex.version()).toBe(1);
      expect(s.audit.page({ action: 'portal_index.imported', limit: 10, offset: 0 }).total).toBe(1);
    });
  });

  it('adds nothing when the same file is imported again', () => {
    const r = run('index-import', [join(work, 'mixed.csv')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'Accepted (đã nhận) 3 row(s): 0 new, 0 replaced, 3 unchanged. Rejected 5 row(s) (kept in table portal_index_rejected, 0 of them new).',
    );
    withStore((s) => {
      expect(s.portalIndex.figuresOf('2026-10')).toHaveLength(1);
      expect(s.portalIndex.rejected()).toHaveLength(5);
      expect(s.portalIndex.version()).toBe(1);
    });
  });

  it('lets a newer file replace a figure, and exits 0 when every row is accepted', () => {
    const r = run('index-import', [file('newer.csv', 'ma_don_vi;ky;tong_diem\n26740;2026-10;84,9\n26743;2026-10;79\n')]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('Accepted (đã nhận) 2 row(s): 1 new, 1 replaced, 0 unchanged. Rejected 0 row(s).');
    withStore((s) => {
      const byCode = new Map(s.portalIndex.figuresOf('2026-10').map((f) => [f.code, f]));
      expect(byCode.get('26740')).toMatchObject({ total: 84.9, groups: {}, source: 'newer.csv' });
      expect(byCode.get('26743')).toMatchObject({ total: 79 });
      expect(s.portalIndex.version()).toBe(2);
    });
  });

  it('stores nothing and exits 2 for a file without the required columns, or no file', () => {
    const r = run('index-import', [file('bad-header.csv', 'unit,total\n26740,80\n')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad-header.csv: line 1: the header has no period column');
    expect(run('index-import', [join(work, 'missing.csv')]).code).toBe(2);
    expect(run('index-import', []).code).toBe(2);
    withStore((s) => expect(s.portalIndex.version()).toBe(2));
  });

  it('checks without storing with --dry-run', () => {
    const r = run('index-import', [file('dry.csv', 'unit,period,total\n26758,2026-10,70\n'), '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Dry run: 1 row(s) would be accepted, 0 rejected; nothing stored.');
    withStore((s) => expect(s.portalIndex.figuresOf('2026-10').map((f) => f.code)).not.toContain('26758'));
  });
});
